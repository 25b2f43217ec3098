package instrument

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

// surveyFramework loads one of the survey samples' frameworks from
// testdata/survey.
func surveyFramework(t testing.TB, name string) *framework.Framework {
	t.Helper()
	path := filepath.Join("testdata", "survey", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := framework.Load(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

// scoreFiles reads files, groups and scores them as the scoring commands
// do, and returns the one result with the names of the incomplete
// responses.
func scoreFiles(t *testing.T, fw *framework.Framework, so SurveyOptions, paths ...string) (*assess.Result, []string) {
	t.Helper()
	var qs []*assess.Questionnaire
	var incomplete []string
	for _, p := range paths {
		got, err := ReadFile(p, LoadOptions{Pick: FixedFramework(fw), Survey: so})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, q := range got {
			if q.Incomplete {
				incomplete = append(incomplete, q.Name())
			} else {
				qs = append(qs, q)
			}
		}
	}
	as, err := assess.Group(qs)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 {
		t.Fatalf("%d assessments, want 1", len(as))
	}
	return assess.Score(fw, as[0], assess.Options{}), incomplete
}

// scoreLines flattens a result into one line per node: what a report
// shows of it (status, score, respondents who scored, na, dk).
func scoreLines(r *assess.Result) []string {
	f := func(v *float64) string {
		if v == nil {
			return "-"
		}
		return fmt.Sprintf("%.6f", *v)
	}
	out := []string{fmt.Sprintf("overall %v %s respondents %d", r.Status, f(r.Score), r.Respondents)}
	for _, a := range r.Areas {
		out = append(out, fmt.Sprintf("%s %v %s %v", a.Area.ID, a.Status, f(a.Score), a.Answered))
		for _, c := range a.Criteria {
			out = append(out, fmt.Sprintf("%s %v %s %v", c.Criterion.ID, c.Status, f(c.Score), c.Answered))
			for _, ind := range c.Indicators {
				out = append(out, fmt.Sprintf("%s %v %s n=%d na=%d dk=%d", ind.Indicator.ID, ind.Status, f(ind.Score), ind.N, ind.NA, ind.DK))
			}
		}
	}
	return out
}

// Every response export of the survey samples (made by LimeSurvey 6.4.2
// and by KoboToolbox's export library; the ODK Central one written after
// Central's tests) scores exactly like the same answers written by hand
// as YAML questionnaires, whatever its headings, answer texts, language,
// separator or file type.
func TestSampleExportsScoreLikeYAML(t *testing.T) {
	small := surveyFramework(t, "framework.yaml")
	full := surveyFramework(t, "framework-full.yaml")
	given := SurveyOptions{Region: "lake-constance", Period: "2024"}
	cases := []struct {
		glob       string
		fw         *framework.Framework
		so         SurveyOptions
		yaml       string
		incomplete []string // response ids
	}{
		{"limesurvey/*", small, given, "yaml/ls", nil},
		{"limesurvey-full/*", full, SurveyOptions{}, "yaml/full", []string{"4"}},
		{"kobo/*", small, given, "yaml/kobo", nil},
		{"kobo-full/*", full, SurveyOptions{}, "yaml/kobo-full", nil},
		{"odk/central_full.csv", full, SurveyOptions{}, "yaml/full", []string{"uuid:00000000-0000-4000-8000-000000000304"}},
	}
	files := 0
	for _, c := range cases {
		yamls, _ := filepath.Glob(filepath.Join("testdata", "survey", c.yaml, "*.yaml"))
		want, _ := scoreFiles(t, c.fw, SurveyOptions{}, yamls...)
		exports, _ := filepath.Glob(filepath.Join("testdata", "survey", c.glob))
		for _, export := range exports {
			files++
			t.Run(filepath.Base(export), func(t *testing.T) {
				got, incomplete := scoreFiles(t, c.fw, c.so, export)
				if g, w := strings.Join(scoreLines(got), "\n"), strings.Join(scoreLines(want), "\n"); g != w {
					t.Errorf("scores differ from the YAML questionnaires:\n%s\nwant\n%s", g, w)
				}
				var wantIncomplete []string
				for _, id := range c.incomplete {
					wantIncomplete = append(wantIncomplete, export+" (response "+id+")")
				}
				if !slices.Equal(incomplete, wantIncomplete) {
					t.Errorf("incomplete responses %q, want %q", incomplete, wantIncomplete)
				}
			})
		}
	}
	if files != 17+9+5+5+1 {
		t.Errorf("%d sample exports read, want 37", files)
	}
}

// What each response says besides its answers: the response id as
// respondent, region, period and role as exported (a code, or the label
// in the export's language).
func TestSampleExportRespondents(t *testing.T) {
	full := surveyFramework(t, "framework-full.yaml")
	for file, want := range map[string]string{
		"limesurvey-full/export_full_csv_code_short_base.csv":        "1 lead|2 adult|3 empl|4 schl",
		"limesurvey-full/export_full_csv_full_long_de.csv":           "1 Federführender Partner|2 Erwachsenenbildung|3 Arbeitgeber|4 Schule",
		"limesurvey-full/export_full_json_full_long_sv.json":         "1 Huvudpartner|2 Vuxenutbildning|3 Arbetsgivare|4 Skola",
		"kobo-full/formpack_full_xml_groups.csv":                     "201 lead|202 adult|203 employer|204 school",
		"kobo-full/formpack_full_label_de_groups.csv":                "201 Federführender Partner|202 Erwachsenenbildung|203 Arbeitgeber|204 Schule",
		"limesurvey-full/export_full_xls_full_long_en.xlsx":          "1 Lead partner|2 Adult education|3 Employer|4 School",
		"odk/central_full.csv":                                       "uuid:00000000-0000-4000-8000-000000000301 lead|uuid:00000000-0000-4000-8000-000000000302 adult|uuid:00000000-0000-4000-8000-000000000303 employer|uuid:00000000-0000-4000-8000-000000000304 school",
		"limesurvey-full/export_full_csv_abbreviated_short_base.csv": "1 lead|2 adult|3 empl|4 schl",
	} {
		qs, err := ReadFile(filepath.Join("testdata", "survey", file), LoadOptions{Pick: FixedFramework(full)})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, q := range qs {
			if q.Region.ID != "lake-constance" || q.Period != "2024" || q.Respondent.ID != q.Response {
				t.Errorf("%s: response %s: region %q, period %q, respondent %q", file, q.Response, q.Region.ID, q.Period, q.Respondent.ID)
			}
			got = append(got, q.Response+" "+q.Respondent.Role)
		}
		if strings.Join(got, "|") != want {
			t.Errorf("%s: %s, want %s", file, strings.Join(got, "|"), want)
		}
	}
}

// A framework that declares roles gets its role ids from LimeSurvey's
// answer codes and from the labels in any language.
func TestExportRolesBecomeFrameworkRoles(t *testing.T) {
	data, err := os.ReadFile("testdata/survey/framework-full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	withRoles := strings.Replace(string(data), "areas:\n", `roles:
  - {id: lead, label: {en: Lead partner, de: Federführender Partner, sv: Huvudpartner}}
  - {id: adult, label: {en: Adult education, de: Erwachsenenbildung, sv: Vuxenutbildning}}
  - {id: school-board, label: {en: School, de: Schule, sv: Skola}}
  - {id: employer, label: {en: Employer, de: Arbeitgeber, sv: Arbetsgivare}}
areas:
`, 1)
	fw, err := framework.Load("roles.yaml", []byte(withRoles))
	if err != nil {
		t.Fatal(err)
	}
	// r3l's LimeSurvey code for school-board is "schoo"; the sample's
	// "schl" is a role of its own, kept as written.
	csv := "\ufeff\"id\";\"submitdate\";\"region\";\"period\";\"role\"\r\n" +
		"\"1\";\"2024-05-01\";\"x\";\"2024\";\"leadp\"\r\n" + // not a code: kept
		"\"2\";\"2024-05-01\";\"x\";\"2024\";\"adult\"\r\n" +
		"\"3\";\"2024-05-01\";\"x\";\"2024\";\"schoo\"\r\n" +
		"\"4\";\"2024-05-01\";\"x\";\"2024\";\"Arbeitgeber\"\r\n" +
		"\"5\";\"2024-05-01\";\"x\";\"2024\";\"-oth-\"\r\n"
	// Without a question, no indicator column: add one.
	csv = strings.ReplaceAll(csv, "\"role\"\r\n", "\"role\";\"role[other]\";\"A2c\"\r\n")
	lines := strings.Split(csv, "\r\n")
	for i := 1; i < len(lines)-1; i++ {
		other := ""
		if i == 5 {
			other = "Chamber of crafts"
		}
		lines[i] += ";\"" + other + "\";\"Y\""
	}
	qs, err := readCSVResponses("roles.csv", []byte(strings.Join(lines, "\r\n")), LoadOptions{Pick: FixedFramework(fw)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range qs {
		got = append(got, q.Respondent.Role)
	}
	if want := "leadp|adult|school-board|employer|Chamber of crafts"; strings.Join(got, "|") != want {
		t.Errorf("roles %s, want %s", strings.Join(got, "|"), want)
	}
}

// Bad exports: every problem at once, each at its row and column, and
// nothing read.
func TestBadExports(t *testing.T) {
	full := surveyFramework(t, "framework-full.yaml")
	head := `"id";"submitdate";"region";"period";"role";"A1[A1a]";"A1[A1b]";"A2[A2a]";"A2b";"A2c"` + "\r\n"
	row := func(id, a1a string) string {
		return `"` + id + `";"2024-05-01 10:00:00";"lake-constance";"2024";"lead";"` + a1a + `";"5";"na";"40";"Y"` + "\r\n"
	}
	cases := []struct {
		name, file, data string
		want             []string
	}{
		{"wrong separator", "e.csv", "id|submitdate|A1[A1a]\n1|x|3\n", []string{
			`e.csv:1: the heading row is one column ("id|submitdate|A1[A1a]"): separate the columns with ';', ',' or tabs`}},
		{"unknown answers and values out of range", "e.csv", head + row("1", "7") + row("2", "3") +
			`"3";"2024-05-01 10:00:00";"lake-constance";"2024";"lead";"3";"5";"na";"140";"maybe"` + "\r\n", []string{
			`e.csv:2: column "A1[A1a]": "7" is not on scale scale5`,
			`e.csv:4: column "A2b": 140 is outside scale percent`,
			`e.csv:4: column "A2c": "maybe" is not a yes/no answer`}},
		{"duplicate response ids", "e.csv", head + row("1", "3") + row("2", "3") + row("1", "4"), []string{
			`e.csv:4: column "id": response id "1" again (first in row 2)`}},
		{"missing region and period columns", "e.csv", `"id";"submitdate";"A1[A1a]"` + "\r\n" + `"1";"x";"3"` + "\r\n", []string{
			`e.csv:1: no region: the survey does not ask it (a question coded "region"); give --region or a mapping file`,
			`e.csv:1: no period: the survey does not ask it (a question coded "period"); give --period or a mapping file`}},
		{"unknown columns", "e.csv", `"id";"submitdate";"region";"period";"Q7";"A1[A1a]";"A9[A9z]"` + "\r\n" + `"1";"x";"r";"2024";"";"3";""` + "\r\n", []string{
			`e.csv:1: column "Q7": not a question of framework survey-sample-full nor a column LimeSurvey adds`,
			`e.csv:1: column "A9[A9z]": not a question of framework survey-sample-full`}},
		{"a column twice", "e.csv", `"id";"submitdate";"region";"period";"A1[A1a]";"A1a"` + "\r\n" + `"1";"x";"r";"2024";"3";"3"` + "\r\n", []string{
			`e.csv:1: column "A1a": indicator A1a again (first in column "A1[A1a]")`}},
		{"cut off in a quoted field", "e.csv", head + row("1", "3") + `"2";"2024-05-01 10:00:00";"lake-con`, []string{
			`e.csv:3: a quoted field that never ends: a damaged or cut-off file?`}},
		{"cut off between fields", "e.csv", head + row("1", "3") + `"2";"2024-05-01 10:00:00";"lake-constance"` + "\r\n", []string{
			`e.csv:3: this row has a different number of columns from the heading row (10): a damaged or cut-off file?`}},
		{"not a known tool", "e.csv", "a,b\n1,2\n", []string{
			`e.csv:1: not a response export r3l knows (LimeSurvey, KoboToolbox or ODK Central): give a mapping file (--map) to read a survey's export`}},
		{"no responses", "e.csv", head, []string{`e.csv:1: the export holds no responses`}},
		{"JSON cut off", "e.json", `{"responses": [{"id": 1, "submitdate": "x", "region": "r", "period": "2024", "A1[A1a]": "3"}, {"id": 2`, []string{
			`e.json: the JSON ends too early: a damaged or cut-off file?`}},
		{"JSON of another kind", "e.json", `{"results": []}`, []string{
			`e.json: not a response export r3l knows: LimeSurvey's JSON export starts {"responses": [`}},
		{"JSON answer problems", "e.json", `{"responses": [{"id": 1, "submitdate": "x", "region": "r", "period": "2024", "A1[A1a]": "9"}]}`, []string{
			`e.json: response 1, field "A1[A1a]": "9" is not on scale scale5`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			read := readCSVResponses
			if strings.HasSuffix(c.file, ".json") {
				read = readJSONResponses
			}
			qs, err := read(c.file, []byte(c.data), LoadOptions{Pick: FixedFramework(full)})
			if err == nil {
				t.Fatalf("read %d responses, want an error", len(qs))
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(c.want) {
				t.Fatalf("%d problems, want %d:\n%v", len(lines), len(c.want), err)
			}
			for i, w := range c.want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("problem %d:\n%s\nwant it to start\n%s", i+1, lines[i], w)
				}
			}
		})
	}
}

// A survey r3l did not make is read through a mapping file: its columns,
// its answer texts, a constant region and period, the respondent from a
// column; it scores like the same answers in YAML.
func TestMappingFile(t *testing.T) {
	full := surveyFramework(t, "framework-full.yaml")
	m, err := LoadMapping("testdata/survey/foreign/map.yaml")
	if err != nil {
		t.Fatal(err)
	}
	yamls, _ := filepath.Glob("testdata/survey/yaml/full/*.yaml")
	want, _ := scoreFiles(t, full, SurveyOptions{}, yamls...)
	got, _ := scoreFiles(t, full, SurveyOptions{Map: m}, "testdata/survey/foreign/responses.csv")
	if g, w := strings.Join(scoreLines(got), "\n"), strings.Join(scoreLines(want), "\n"); g != w {
		t.Errorf("scores differ from the YAML questionnaires:\n%s\nwant\n%s", g, w)
	}
	var ids []string
	for _, q := range got.Questionnaires {
		ids = append(ids, q.Respondent.ID)
	}
	if strings.Join(ids, " ") != "a@example.org b@example.org c@example.org" {
		t.Errorf("respondents %v", ids)
	}

	// Without the mapping the export is refused; with a mapping that
	// leaves a column out, that column is named.
	if _, err := ReadFile("testdata/survey/foreign/responses.csv", LoadOptions{Pick: FixedFramework(full)}); err == nil ||
		!strings.Contains(err.Error(), "not a response export r3l knows") {
		t.Errorf("without a mapping: %v", err)
	}
	m.Ignore = m.Ignore[:2]
	_, err = ReadFile("testdata/survey/foreign/responses.csv", LoadOptions{Pick: FixedFramework(full), Survey: SurveyOptions{Map: m}})
	if want := `testdata/survey/foreign/responses.csv:1: column "Anything else?": not a question of framework survey-sample-full, and the mapping file does not name it: map it to an indicator or list it under ignore`; err == nil || err.Error() != want {
		t.Errorf("a column left out:\n%v\nwant\n%s", err, want)
	}
}

// A mapping file is as strict as every other file: unknown keys, a source
// with both column and value, an indicator the framework lacks, each at
// its line.
func TestBadMappingFile(t *testing.T) {
	full := surveyFramework(t, "framework-full.yaml")
	dir := t.TempDir()
	path := filepath.Join(dir, "map.yaml")
	write := func(s string) {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("schema: r3l.mapping/v1\nregoin: {value: x}\nperiod: {column: P, value: \"2024\"}\ncolumns: {Q1: A1.a, Q2: {indicator: A2b, answer: {}}}\n")
	_, err := LoadMapping(path)
	want := []string{
		path + `:2:1: unknown key "regoin" in mapping (did you mean "region"?)`,
		path + `:3:9: period takes either column (a heading) or value (the same for every response)`,
		path + `:4:42: unknown key "answer" in column Q2 (did you mean "answers"?)`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got\n%v\nwant\n%s", err, strings.Join(want, "\n"))
	}
	write("schema: r3l.mapping/v1\nregion: {value: x}\nperiod: {value: \"2024\"}\ncolumns:\n  Q1: A1.a\n")
	m, err := LoadMapping(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = readCSVResponses("e.csv", []byte("Q1\n3\n"), LoadOptions{Pick: FixedFramework(full), Survey: SurveyOptions{Map: m}})
	if want := path + `:5:7: framework survey-sample-full has no indicator "A1.a" (did you mean A1a?)`; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// TestSniffSeparator: the separator is the one that splits the first two
// lines alike, outside quotes, then the one the first line uses most.
func TestSniffSeparator(t *testing.T) {
	for _, tt := range []struct {
		data string
		want rune
	}{
		{"id;submitdate;A1[A1a]\n7;2024;4\n", ';'},
		{"SubmissionDate,KEY,A-A1-A1.a\n2024,7,4\n", ','},
		{"id\tsubmitdate\tA1[A1a]\n7\t2024\t4\n", '\t'},
		// Quoted commas do not count.
		{`"id";"A1 Strategy [Budget, staff, rooms]"` + "\n\"7\";\"4\"\n", ';'},
		// Headings with more commas than columns, unquoted as a
		// spreadsheet saves them: the second line tells.
		{"id;submitdate;G1.1 Plan [Priorities, groups, actions, a timetable]\n7;2024;4\n", ';'},
		{"id;submitdate;G1 [a, b, c, d]\r\n\r\n7;2024;4\r\n", ';'},
		// One line only: the most frequent.
		{"id;submitdate;x, y, z, w\n", ','},
		{"a;b,c", ','}, // a tie: ','
	} {
		if got := sniffSeparator([]byte(tt.data)); got != tt.want {
			t.Errorf("sniffSeparator(%q) = %q, want %q", tt.data, got, tt.want)
		}
	}
}
