package instrument

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/officetest"
)

// formsFramework has an indicator on a scale of each kind, the ordinal
// one labelled in two languages; the label of first-steps holds a dash.
const formsFramework = `schema: r3l.framework/v1
id: forms
version: "1"
scales:
  - id: agree5
    kind: ordinal
    points:
      - {value: 1, code: absent, label: {en: Not in place, de: Nicht vorhanden}}
      - {value: 2, code: first-steps, label: {en: Started - not yet in use, de: Erste Schritte}}
      - {value: 3, code: partly, label: {en: Partly in place, de: Teilweise umgesetzt}}
      - {value: 4, code: largely, label: {en: Largely in place, de: Weitgehend umgesetzt}}
      - {value: 5, code: fully, label: {en: Fully in place, de: Vollständig umgesetzt}}
    allow: [na, dk]
  - {id: yesno, kind: boolean, allow: [na]}
  - {id: share, kind: numeric, unit: "%", min: 0, max: 100, worst: 0, best: 100, allow: [dk]}
default_scale: agree5
roles:
  - {id: adult-education, label: {en: Adult education, de: Erwachsenenbildung}}
  - {id: employer, label: Employer}
areas:
  - id: A
    title: Area
    criteria:
      - id: A1
        title: Criterion
        indicators:
          - {id: A1.a, text: Ordinal}
          - {id: A1.b, text: Yes or no, scale: yesno}
          - {id: A1.c, text: Share, scale: share}
`

func formsFw(t testing.TB) *framework.Framework {
	t.Helper()
	fw, err := framework.Load("forms.yaml", []byte(formsFramework))
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

// formsBook is a questionnaire workbook for formsFramework with the given
// Region cells (column B, by key) and Answer cells (column E, by indicator).
func formsBook(t testing.TB, region map[string]any, answers map[string]any) []byte {
	t.Helper()
	reg := map[string]any{"A1": "Field", "B1": "Value"}
	vals := map[string]any{"framework": "forms@1", "region.id": "r", "period": "2024"}
	for k, v := range region {
		vals[k] = v
	}
	for i, key := range RegionKeys {
		reg[fmt.Sprintf("A%d", i+2)] = key
		if v, ok := vals[key]; ok {
			reg[fmt.Sprintf("B%d", i+2)] = v
		}
	}
	ans := map[string]any{"A1": "ID", "E1": "Answer"}
	for i, id := range []string{"A1.a", "A1.b", "A1.c"} {
		ans[fmt.Sprintf("A%d", i+2)] = id
		if v, ok := answers[id]; ok {
			ans[fmt.Sprintf("E%d", i+2)] = v
		}
	}
	return wbook(t, sheet{SheetRegion, reg}, sheet{SheetAnswers, ans})
}

// TestAnswerFormsSameInYAMLAndWorkbook reads every form of an answer from
// a YAML file and from a workbook cell: both give the same answer, or the
// same message.
func TestAnswerFormsSameInYAMLAndWorkbook(t *testing.T) {
	fw := formsFw(t)
	opts := LoadOptions{Pick: FixedFramework(fw)}
	const agree5 = "(expected 1, 2, 3, 4, 5; absent, first-steps, partly, largely, fully; na; dk)"
	tests := []struct {
		id, text string
		want     assess.Answer // or, with msg, none
		msg      string
	}{
		{id: "A1.a", text: "4", want: assess.Answer{Kind: assess.Valued, Value: 4}},
		{id: "A1.a", text: "largely", want: assess.Answer{Kind: assess.Valued, Value: 4}},
		{id: "A1.a", text: "Largely", want: assess.Answer{Kind: assess.Valued, Value: 4}},
		{id: "A1.a", text: "Largely in place", want: assess.Answer{Kind: assess.Valued, Value: 4}},
		{id: "A1.a", text: "WEITGEHEND UMGESETZT", want: assess.Answer{Kind: assess.Valued, Value: 4}},
		{id: "A1.a", text: "4 – Largely in place", want: assess.Answer{Kind: assess.Valued, Value: 4}},
		{id: "A1.a", text: "4 – Weitgehend umgesetzt", want: assess.Answer{Kind: assess.Valued, Value: 4}},
		{id: "A1.a", text: "4 - largely in place", want: assess.Answer{Kind: assess.Valued, Value: 4}},
		{id: "A1.a", text: "Started - not yet in use", want: assess.Answer{Kind: assess.Valued, Value: 2}},
		{id: "A1.a", text: "First-Steps", want: assess.Answer{Kind: assess.Valued, Value: 2}},
		{id: "A1.a", text: "na – not applicable", want: assess.Answer{Kind: assess.NotApplicable}},
		{id: "A1.a", text: "DK", want: assess.Answer{Kind: assess.DontKnow}},
		{id: "A1.a", text: "7 – Excellent", msg: `"7" is not on scale agree5 ` + agree5},
		{id: "A1.a", text: "Mostly", msg: `"Mostly" is not on scale agree5 ` + agree5},
		{id: "A1.b", text: "Yes", want: assess.Answer{Kind: assess.Valued, Value: 1}},
		{id: "A1.b", text: "false", want: assess.Answer{Kind: assess.Valued, Value: 0}},
		{id: "A1.b", text: "no – nein", want: assess.Answer{Kind: assess.Valued, Value: 0}},
		{id: "A1.b", text: "NA", want: assess.Answer{Kind: assess.NotApplicable}},
		{id: "A1.b", text: "ja", msg: `"ja" is not a yes/no answer (expected yes, no; na)`},
		{id: "A1.c", text: "42.5", want: assess.Answer{Kind: assess.Valued, Value: 42.5}},
		{id: "A1.c", text: "dk – don't know", want: assess.Answer{Kind: assess.DontKnow}},
		{id: "A1.c", text: "1 - 5", msg: `"1 - 5" is not a number (expected a number from 0 to 100 %; dk)`},
	}
	for _, tt := range tests {
		t.Run(tt.id+" "+tt.text, func(t *testing.T) {
			src := fmt.Sprintf("schema: r3l.questionnaire/v1\nframework: forms\nregion: {id: r}\nperiod: \"2024\"\nanswers:\n  %s: %s\n",
				tt.id, yamlString(tt.text))
			y, yerr := LoadQuestionnaire("q.yaml", []byte(src), opts)
			x, xerr := LoadWorkbook("q.xlsx", formsBook(t, nil, map[string]any{tt.id: tt.text}), opts)
			ind := fw.Indicator(tt.id)
			cell := fmt.Sprintf("E%d", ind.Index+2)
			if tt.msg != "" {
				if want := "q.yaml:6:9: " + tt.id + ": " + tt.msg; yerr == nil || yerr.Error() != want {
					t.Errorf("YAML: %v, want\n%s", yerr, want)
				}
				if want := "q.xlsx: Answers!" + cell + ": " + tt.id + ": " + tt.msg; xerr == nil || xerr.Error() != want {
					t.Errorf("workbook: %v, want\n%s", xerr, want)
				}
				return
			}
			if yerr != nil || xerr != nil {
				t.Fatalf("YAML: %v; workbook: %v", yerr, xerr)
			}
			if got := y.Answers[ind.Index]; got != tt.want {
				t.Errorf("YAML: %+v, want %+v", got, tt.want)
			}
			if got := x.Answers[ind.Index]; got != tt.want {
				t.Errorf("workbook: %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestWorkbookTrueFalseCells checks the one rule of cells: TRUE/FALSE, and
// 1/0 as a spreadsheet stores them, mean yes/no on a yes/no scale, while 1
// on an ordinal scale is its point 1.
func TestWorkbookTrueFalseCells(t *testing.T) {
	fw := formsFw(t)
	opts := LoadOptions{Pick: FixedFramework(fw)}
	for _, tt := range []struct {
		cell      any
		yes, ord1 bool
	}{
		{true, true, false}, {false, false, false}, {1, true, true}, {0, false, false}, {"1", true, true},
	} {
		q, err := LoadWorkbook("q.xlsx", formsBook(t, nil, map[string]any{"A1.b": tt.cell}), opts)
		if err != nil {
			t.Fatalf("%v: %v", tt.cell, err)
		}
		if a := q.Answers[1]; a.Kind != assess.Valued || (a.Value == 1) != tt.yes {
			t.Errorf("yes/no cell %#v: %+v", tt.cell, a)
		}
	}
	q, err := LoadWorkbook("q.xlsx", formsBook(t, nil, map[string]any{"A1.a": 1}), opts)
	if err != nil || q.Answers[0].Value != 1 || fw.Indicators[0].Scale.Score(q.Answers[0].Value) != 0 {
		t.Errorf("ordinal cell 1: %+v, %v", q, err)
	}
}

// TestWorkbookRoleCell checks that a role picked from the drop-down counts
// by the role before the dash, and that other texts are kept as written.
func TestWorkbookRoleCell(t *testing.T) {
	fw := formsFw(t)
	opts := LoadOptions{Pick: FixedFramework(fw)}
	for _, tt := range []struct{ cell, want string }{
		{"adult-education – Adult education", "adult-education"},
		{"adult-education – Erwachsenenbildung", "adult-education"},
		{"Adult Education – Adult education", "Adult Education"}, // assess.Group reads it as adult-education
		{"employer", "employer"},
		{"Adult Education", "Adult Education"},
		{"Volunteer – helps out", "Volunteer – helps out"}, // not one of the roles: as written
		{"", ""},
	} {
		q, err := LoadWorkbook("q.xlsx", formsBook(t, map[string]any{"respondent.id": "r1", "respondent.role": tt.cell}, nil), opts)
		if err != nil {
			t.Fatal(err)
		}
		if q.Respondent.Role != tt.want {
			t.Errorf("role cell %q read as %q, want %q", tt.cell, q.Respondent.Role, tt.want)
		}
	}
}

// prefill is every value a coordinator may fill in for a stakeholder.
var prefill = Options{Region: "lake-constance", Name: "Lake Constance Learning Region", Country: "DE",
	Group: "cross-border", Period: "2024", Respondent: "r07", Role: "adult-education"}

// TestTemplatesPrefilled writes both templates with every value prefilled
// and reads them back.
func TestTemplatesPrefilled(t *testing.T) {
	fw := r3lplus(t)
	for _, tpl := range Templates() {
		if tpl.Survey {
			// A survey is read back through the exports of its tool
			// (export_test.go), not as the file r3l wrote.
			continue
		}
		for _, lang := range []string{"en", "de"} {
			opts := prefill
			opts.Lang = lang
			var buf bytes.Buffer
			if err := tpl.Write(&buf, fw, opts); err != nil {
				t.Fatal(err)
			}
			qs, err := readers[slices.IndexFunc(readers, func(r Reader) bool { return r.Name == tpl.Name })].Read("q", buf.Bytes(), LoadOptions{})
			if err != nil {
				t.Fatalf("%s %s: %v", tpl.Name, lang, err)
			}
			q := qs[0]
			want := assess.Region{ID: "lake-constance", Name: "Lake Constance Learning Region", Country: "DE", Group: "cross-border"}
			if q.Region != want || q.Period != "2024" || q.Respondent != (assess.Respondent{ID: "r07", Role: "adult-education"}) {
				t.Errorf("%s %s: region %+v period %q respondent %+v", tpl.Name, lang, q.Region, q.Period, q.Respondent)
			}
		}
	}
}

// TestTemplateYAMLRoles checks the comment after role: the framework's
// roles with their labels, or examples when it has none; prefilled values
// that YAML would misread are quoted.
func TestTemplateYAMLRoles(t *testing.T) {
	var buf bytes.Buffer
	opts := Options{Lang: "de", Region: "r", Name: `Bodensee: "Lernregion"`, Country: "#DE", Period: "2024", Role: "employer\nrole: x"}
	if err := TemplateYAML(&buf, formsFw(t), opts); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	head := got[strings.Index(got, "region:\n"):strings.Index(got, "\nanswers:")]
	want := `region:
  id: "r"  # kurze Kennung, z. B. lake-constance
  name: "Bodensee: \"Lernregion\""
  country: "#DE"  # z. B. DE
  group: ""  # Vergleichsgruppe, optional
period: "2024"  # z. B. "2024"
respondent:
  id: ""  # Ihre Kennung in dieser Bewertung, z. B. r07
  role: "employer\nrole: x"  # Ihre Akteursgruppe, eine von:
  #   adult-education  Erwachsenenbildung
  #   employer         Employer
  #   (oder eine eigene, wenn keine davon passt)
`
	if head != want {
		t.Errorf("got\n%s\nwant\n%s", head, want)
	}
	q, err := LoadQuestionnaire("q.yaml", buf.Bytes(), LoadOptions{Pick: FixedFramework(formsFw(t))})
	if err != nil {
		t.Fatal(err)
	}
	if q.Region.Name != opts.Name || q.Region.Country != "#DE" || q.Respondent.Role != opts.Role {
		t.Errorf("read back %+v %+v", q.Region, q.Respondent)
	}

	// Without roles, examples.
	noRoles, err := framework.Load("s.yaml", []byte(strings.Replace(formsFramework, "roles:\n  - {id: adult-education, label: {en: Adult education, de: Erwachsenenbildung}}\n  - {id: employer, label: Employer}\n", "", 1)))
	if err != nil || len(noRoles.Roles) != 0 {
		t.Fatalf("%v, roles %v", err, noRoles.Roles)
	}
	buf.Reset()
	if err := TemplateYAML(&buf, noRoles, Options{}); err != nil {
		t.Fatal(err)
	}
	if want := "\n  role: \"\"  # e.g. lead-partner, adult-education, school, university, employer, civil-society\n\nanswers:\n"; !strings.Contains(buf.String(), want) {
		t.Errorf("no examples of roles:\n%s", buf.String())
	}
}

// TestTemplateXLSXRoles checks the Region sheet: prefilled values in
// column B, and the roles as a drop-down on the role cell that only warns
// about a value off the list; none without roles.
func TestTemplateXLSXRoles(t *testing.T) {
	fw := r3lplus(t)
	opts := prefill
	opts.Lang = "de"
	opts.Name = "=HYPERLINK(\"x\")"
	f := officetest.OpenBook(t, templateBook(t, fw, opts))
	for cell, want := range map[string]string{"B3": "lake-constance", "B4": `=HYPERLINK("x")`, "B5": "DE", "B6": "cross-border",
		"B7": "2024", "B8": "r07", "B9": "adult-education"} {
		if v, _ := f.GetCellValue("Region", cell); v != want {
			t.Errorf("Region!%s = %q, want %q", cell, v, want)
		}
	}
	if v, _ := f.GetCellFormula("Region", "B4"); v != "" {
		t.Errorf("B4 is the formula %q", v)
	}
	var want []string
	for _, r := range fw.Roles {
		want = append(want, r.ID+" – "+r.Label.Get("de"))
	}
	if got := dropList(t, f, "Region", "B9"); !slices.Equal(got, want) || len(got) != 11 || got[1] != "adult-education – Einrichtung der Erwachsenenbildung" {
		t.Errorf("role list %q, want %q", got, want)
	}
	dv := validation(t, f, "Region", "B9", "list")
	if dv == nil || dv.ErrorStyle == nil || *dv.ErrorStyle != "warning" || dv.Error == nil || !strings.Contains(*dv.Error, "eigene Akteursgruppe") {
		t.Errorf("B9 validation %+v", dv)
	}
	for _, cell := range []string{"B2", "B3", "B8", "C9"} {
		if dropList(t, f, "Region", cell) != nil {
			t.Errorf("Region!%s has a list", cell)
		}
	}
	if v, _ := f.GetCellValue("Region", "C9"); !strings.HasPrefix(v, "Ihre Akteursgruppe: aus der Liste") {
		t.Errorf("Region!C9 = %q", v)
	}
	// What the drop-down puts in the cell reads as the role.
	f.SetCellStr("Region", "B9", want[7])
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	if q, err := LoadWorkbook("q.xlsx", buf.Bytes(), LoadOptions{}); err != nil || q.Respondent.Role != "employer" {
		t.Errorf("role from the list: %+v, %v", q, err)
	}

	// A framework without roles: no list, the examples as the hint.
	noRoles := scoringFramework(t)
	f = officetest.OpenBook(t, templateBook(t, noRoles, Options{Role: "school"}))
	if dropList(t, f, "Region", "B9") != nil {
		t.Error("a role list without roles")
	}
	if v, _ := f.GetCellValue("Region", "C9"); !strings.HasPrefix(v, "e.g. lead-partner") {
		t.Errorf("Region!C9 = %q", v)
	}
	if v, _ := f.GetCellValue("Region", "B9"); v != "school" {
		t.Errorf("Region!B9 = %q", v)
	}
}
