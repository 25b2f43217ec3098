package instrument

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/r3l/r3l/framework"
)

// lssFile is an .lss file read back: its languages and its tables, each
// row a map from field to value.
type lssFile struct {
	DocType   string
	DBVersion string
	Languages []string
	Tables    map[string][]map[string]string
}

// lssParse reads an .lss file with encoding/xml and checks that every
// row holds only its table's fields.
func lssParse(t testing.TB, data []byte) *lssFile {
	t.Helper()
	var doc struct {
		XMLName   xml.Name `xml:"document"`
		DocType   string   `xml:"LimeSurveyDocType"`
		DBVersion string   `xml:"DBVersion"`
		Languages []string `xml:"languages>language"`
		Tables    []struct {
			XMLName xml.Name
			Fields  []string `xml:"fields>fieldname"`
			Rows    []struct {
				Cells []struct {
					XMLName xml.Name
					Text    string `xml:",chardata"`
				} `xml:",any"`
			} `xml:"rows>row"`
		} `xml:",any"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	f := &lssFile{DocType: doc.DocType, DBVersion: doc.DBVersion, Languages: doc.Languages, Tables: map[string][]map[string]string{}}
	for _, tb := range doc.Tables {
		name := tb.XMLName.Local
		if _, dup := f.Tables[name]; dup {
			t.Errorf("table %s twice", name)
		}
		rows := []map[string]string{}
		for _, r := range tb.Rows {
			row := map[string]string{}
			for _, c := range r.Cells {
				if !slices.Contains(tb.Fields, c.XMLName.Local) {
					t.Errorf("%s: field %s is not among the table's fields %v", name, c.XMLName.Local, tb.Fields)
				}
				row[c.XMLName.Local] = c.Text
			}
			rows = append(rows, row)
		}
		f.Tables[name] = rows
	}
	return f
}

// rows returns the rows of a table whose field has a value.
func (f *lssFile) rows(table, field, value string) []map[string]string {
	var out []map[string]string
	for _, r := range f.Tables[table] {
		if r[field] == value {
			out = append(out, r)
		}
	}
	return out
}

// texts are a question's texts by language (help texts if help is set).
func (f *lssFile) texts(qid string, help bool) map[string]string {
	out := map[string]string{}
	for _, r := range f.rows("question_l10ns", "qid", qid) {
		if help {
			out[r["language"]] = r["help"]
		} else {
			out[r["language"]] = r["question"]
		}
	}
	return out
}

// question returns the question or subquestion of a code.
func (f *lssFile) question(t *testing.T, code string) map[string]string {
	t.Helper()
	qs := append(f.rows("questions", "title", code), f.rows("subquestions", "title", code)...)
	if len(qs) != 1 {
		t.Fatalf("%d questions coded %s", len(qs), code)
	}
	return qs[0]
}

// answerCodes are the codes of a question's answers in their order.
func (f *lssFile) answerCodes(qid string) []string {
	rows := f.rows("answers", "qid", qid)
	slices.SortFunc(rows, func(a, b map[string]string) int { return lssAtoi(a["sortorder"]) - lssAtoi(b["sortorder"]) })
	var codes []string
	for _, r := range rows {
		codes = append(codes, r["code"])
	}
	return codes
}

func lssAtoi(s string) int { n, _ := strconv.Atoi(s); return n }

func lssOf(t testing.TB, fw *framework.Framework, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := TemplateLimeSurvey(&buf, fw, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func lssFramework(t *testing.T, name string) *framework.Framework {
	t.Helper()
	fw, err := framework.LoadFile(filepath.Join("testdata", "survey", name))
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

func TestLimeSurveyR3LPlus(t *testing.T) {
	fw, err := framework.Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	f := lssParse(t, lssOf(t, fw, Options{}))
	if f.DocType != "Survey" || f.DBVersion != "620" {
		t.Errorf("LimeSurveyDocType %q, DBVersion %q", f.DocType, f.DBVersion)
	}
	for _, table := range []string{"surveys", "surveys_languagesettings", "groups", "group_l10ns", "questions", "question_l10ns",
		"subquestions", "answers", "answer_l10ns", "question_attributes"} {
		if len(f.Tables[table]) == 0 {
			t.Errorf("no table %s", table)
		}
	}
	if !slices.Equal(f.Languages, []string{"en", "de", "sv"}) {
		t.Errorf("languages %v", f.Languages)
	}
	sv := f.Tables["surveys"][0]
	if sv["language"] != "en" || sv["additional_languages"] != "de sv" || sv["shownoanswer"] != "N" {
		t.Errorf("surveys row %v", sv)
	}
	if n := lssAtoi(sv["sid"]); n < 100000 || n > 999999 {
		t.Errorf("sid %q", sv["sid"])
	}
	if got := len(f.Tables["surveys_languagesettings"]); got != 3 {
		t.Errorf("%d language settings", got)
	}
	if title := f.rows("surveys_languagesettings", "surveyls_language", "de")[0]["surveyls_title"]; title != fw.Title["de"] {
		t.Errorf("German title %q", title)
	}
	if got := len(f.Tables["groups"]); got != 5 {
		t.Errorf("%d groups, want 5", got)
	}
	lssCheckCodes(t, f)
	lssCheckCriteria(t, f, fw)
	role := f.question(t, "role")
	if role["type"] != "L" || role["other"] != "Y" || len(f.answerCodes(role["qid"])) != len(fw.Roles) {
		t.Errorf("role %v with answers %v", role, f.answerCodes(role["qid"]))
	}
	for _, q := range f.Tables["questions"] {
		if q["question_theme_name"] == "" {
			t.Errorf("question %s has no question_theme_name", q["title"])
		}
	}
}

// lssCheckCodes checks the codes against LimeSurvey's rules: question
// codes valid and unique, subquestion codes unique per question, answer
// codes of 1–5 letters or digits, unique per question; and that nothing is
// mandatory.
func lssCheckCodes(t *testing.T, f *lssFile) {
	t.Helper()
	seen := map[string]bool{}
	for _, q := range f.Tables["questions"] {
		code := q["title"]
		if !regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*$`).MatchString(code) || len(code) > 20 || isLimeReserved(code) || seen[strings.ToUpper(code)] {
			t.Errorf("question code %q: invalid, reserved or used twice", code)
		}
		seen[strings.ToUpper(code)] = true
		if q["mandatory"] != "N" {
			t.Errorf("question %s is mandatory", code)
		}
		answers := f.answerCodes(q["qid"])
		for i, a := range answers {
			if !regexp.MustCompile(`^[A-Za-z0-9]{1,5}$`).MatchString(a) || slices.Contains(answers[:i], a) {
				t.Errorf("question %s: answer code %q invalid or used twice", code, a)
			}
		}
	}
	sub := map[string]bool{}
	for _, q := range f.Tables["subquestions"] {
		key := q["parent_qid"] + " " + q["title"]
		if !regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*$`).MatchString(q["title"]) || len(q["title"]) > 20 || sub[key] {
			t.Errorf("subquestion code %q invalid or used twice", q["title"])
		}
		sub[key] = true
	}
}

// lssCheckCriteria checks that each criterion is an array question with its
// indicators as rows, all texts in every language.
func lssCheckCriteria(t *testing.T, f *lssFile, fw *framework.Framework) {
	t.Helper()
	codes, err := newLimeCodes(fw)
	if err != nil {
		t.Fatal(err)
	}
	for _, cr := range fw.Criteria {
		q := f.question(t, codes.Criterion[cr.Index])
		if q["type"] != "F" || q["question_theme_name"] != "arrays/array" {
			t.Errorf("criterion %s: %v", cr.ID, q)
		}
		for _, l := range fw.Languages {
			if got, want := f.texts(q["qid"], false)[l], cr.ID+" "+cr.Title[l]; got != want {
				t.Errorf("criterion %s in %s: %q, want %q", cr.ID, l, got, want)
			}
		}
		rows := f.rows("subquestions", "parent_qid", q["qid"])
		if len(rows) != len(cr.Indicators) {
			t.Fatalf("criterion %s: %d rows for %d indicators", cr.ID, len(rows), len(cr.Indicators))
		}
		for i, ind := range cr.Indicators {
			if rows[i]["title"] != codes.Indicator[ind.Index] || rows[i]["question_order"] != strconv.Itoa(i+1) || rows[i]["type"] != "T" {
				t.Errorf("criterion %s row %d: %v, want %s", cr.ID, i, rows[i], ind.ID)
			}
			texts := f.texts(rows[i]["qid"], false)
			for _, l := range fw.Languages {
				if texts[l] != ind.Text[l] || texts[l] == "" {
					t.Errorf("%s in %s: %q", ind.ID, l, texts[l])
				}
			}
		}
		want := []string{"1", "2", "3", "4", "5", "na", "dk"}
		if got := f.answerCodes(q["qid"]); !slices.Equal(got, want) {
			t.Errorf("criterion %s answers %v", cr.ID, got)
		}
	}
}

// TestLimeSurveyNumericYesNo: numbers are numeric inputs with their
// bounds and unit, yes/no indicators yes/no questions.
func TestLimeSurveyNumericYesNo(t *testing.T) {
	fw := lssFramework(t, "framework-full.yaml")
	f := lssParse(t, lssOf(t, fw, Options{}))
	n := f.question(t, "A2b")
	if n["type"] != "N" || n["question_theme_name"] != "numerical" || n["parent_qid"] != "0" {
		t.Errorf("A2b: %v", n)
	}
	var attrs []string
	for _, a := range f.rows("question_attributes", "qid", n["qid"]) {
		attrs = append(attrs, a["attribute"]+"="+a["value"]+" "+a["language"])
	}
	want := []string{"min_num_value_n=0 ", "max_num_value_n=100 ", "suffix=% en", "suffix=% de", "suffix=% sv"}
	if !slices.Equal(attrs, want) {
		t.Errorf("A2b attributes %q, want %q", attrs, want)
	}
	if got := f.texts(n["qid"], false)["de"]; got != "Anteil der Partner mit unterzeichneter Vereinbarung" {
		t.Errorf("A2b in German: %q", got)
	}
	y := f.question(t, "A2c")
	if y["type"] != "Y" || y["question_theme_name"] != "yesno" || len(f.answerCodes(y["qid"])) != 0 {
		t.Errorf("A2c: %v", y)
	}
	if got := f.texts(y["qid"], true)["en"]; got != "<p>A2 Partnership</p>" {
		t.Errorf("A2c help %q", got)
	}
	role := f.question(t, "role")
	if role["type"] != "S" || len(f.answerCodes(role["qid"])) != 0 {
		t.Errorf("role of a framework without roles: %v", role)
	}
}

func TestGoldenLimeSurvey(t *testing.T) {
	fw := lssFramework(t, "framework-full.yaml")
	got := lssOf(t, fw, Options{Langs: []string{"en", "de", "sv"}, Region: "lake-constance", Period: "2024"})
	golden(t, "template.full.lss", got)
}

func TestLimeSurveyDeterministic(t *testing.T) {
	fw, err := framework.Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	a, b := lssOf(t, fw, Options{}), lssOf(t, fw, Options{})
	if !bytes.Equal(a, b) {
		t.Error("two runs differ")
	}
	if !bytes.HasPrefix(a, []byte(xml.Header+"<document>\n <LimeSurveyDocType>Survey</LimeSurveyDocType>\n")) {
		t.Errorf("file starts %q", a[:100])
	}
}

// TestLimeSurveyUntrustedText: texts that end CDATA, hold markup or
// characters XML cannot hold still give well-formed XML with the text.
func TestLimeSurveyUntrustedText(t *testing.T) {
	fw := lssFramework(t, "framework-full.yaml")
	evil := `a ]]> b <script>alert("x")</script> & ]]]]> c`
	fw.Title["en"] = evil
	fw.Indicators[0].Text["en"] = evil
	fw.Criteria[0].Title["de"] = evil
	fw.Criteria[0].Description = framework.Text{"en": evil}
	fw.Areas[0].Title["sv"] = "x\x01y"
	data := lssOf(t, fw, Options{Region: "]]>"})
	f := lssParse(t, data)
	if got := f.Tables["surveys_languagesettings"][0]["surveyls_title"]; got != evil {
		t.Errorf("title %q", got)
	}
	if got := f.texts(f.question(t, "A1a")["qid"], false)["en"]; got != evil {
		t.Errorf("indicator text %q", got)
	}
	a1 := f.question(t, "A1")["qid"]
	if got := f.texts(a1, false)["de"]; got != "A1 "+evil {
		t.Errorf("criterion text %q", got)
	}
	help := f.texts(a1, true)["en"]
	if want := `<p>a ]]&gt; b &lt;script&gt;alert("x")&lt;/script&gt; &amp; ]]]]&gt; c</p>`; !strings.HasPrefix(help, want) {
		t.Errorf("help %q, want it to start %q", help, want)
	}
	if got := f.rows("group_l10ns", "language", "sv")[1]["group_name"]; got != "Område A: x\uFFFDy" {
		t.Errorf("group name %q", got)
	}
	if got := f.Tables["defaultvalue_l10ns"][0]["defaultvalue"]; got != "]]>" {
		t.Errorf("default value %q", got)
	}
}

func TestLimeSurveyCodeCollision(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "survey", "framework-full.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte("- id: A1b"), []byte("- id: A1.a"), 1)
	fw, err := framework.Load("collide.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = TemplateLimeSurvey(&buf, fw, Options{})
	if err == nil || !strings.Contains(err.Error(), `indicator A1.a gives the code "A1a", as indicator A1a does`) {
		t.Errorf("error %v", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes", buf.Len())
	}
}

// TestLimeSurveyDigitIDs: ids that start with a digit get the prefix Q
// (1.1 → Q11, 1.1.a → Q11a); those that start with a letter keep their
// codes (B1.a → B1a); a prefixed code may clash with another id's.
func TestLimeSurveyDigitIDs(t *testing.T) {
	fw := lssFramework(t, "framework-digits.yaml")
	f := lssParse(t, lssOf(t, fw, Options{}))
	lssCheckCodes(t, f)
	var got []string
	for _, q := range f.Tables["questions"] {
		var rows []string
		for _, sq := range f.rows("subquestions", "parent_qid", q["qid"]) {
			rows = append(rows, sq["title"])
		}
		got = append(got, q["title"]+":"+q["type"]+strings.Join(rows, ","))
	}
	want := []string{"region:S", "period:S", "role:L", "Q11:FQ11a,Q11b", "Q12:FQ12a", "Q12b:L", "Q12c:N", "Q12d:Y", "Q21:FQ21a,Q21b", "B1:FB1a"}
	if !slices.Equal(got, want) {
		t.Errorf("questions %v\nwant %v", got, want)
	}
	if text := f.texts(f.question(t, "Q11")["qid"], false)["de"]; text != "1.1 Befähigung" {
		t.Errorf("Q11 in German: %q", text)
	}

	src, err := os.ReadFile(filepath.Join("testdata", "survey", "framework-digits.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte("id: B1.a,"), []byte("id: Q11.b,"), 1)
	fw, err = framework.Load("collide.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = TemplateLimeSurvey(&buf, fw, Options{})
	if err == nil || !strings.Contains(err.Error(), `indicator Q11.b gives the code "Q11b", as indicator 1.1.b does`) || buf.Len() != 0 {
		t.Errorf("error %v, %d bytes written", err, buf.Len())
	}
}

func TestLimeSurveyLanguages(t *testing.T) {
	fw := lssFramework(t, "framework-full.yaml")
	f := lssParse(t, lssOf(t, fw, Options{Langs: []string{"de"}}))
	sv := f.Tables["surveys"][0]
	if !slices.Equal(f.Languages, []string{"de"}) || sv["language"] != "de" || sv["additional_languages"] != "" {
		t.Errorf("languages %v, surveys row %v", f.Languages, sv)
	}
	for _, table := range []string{"group_l10ns", "question_l10ns", "answer_l10ns"} {
		for _, r := range f.Tables[table] {
			if r["language"] != "de" {
				t.Errorf("%s row in %s", table, r["language"])
			}
		}
	}
	if got := f.texts(f.question(t, "A1")["qid"], false); !lssOnly(got, "de", "A1 Strategie") {
		t.Errorf("A1: %v", got)
	}
	f = lssParse(t, lssOf(t, fw, Options{Langs: []string{"sv", "en", "sv"}}))
	if !slices.Equal(f.Languages, []string{"sv", "en"}) || f.Tables["surveys"][0]["additional_languages"] != "en" {
		t.Errorf("sv,en,sv gave %v", f.Languages)
	}
	var buf bytes.Buffer
	if err := TemplateLimeSurvey(&buf, fw, Options{Langs: []string{"en", "fr"}}); err == nil || buf.Len() != 0 {
		t.Errorf("unknown language: %v, %d bytes", err, buf.Len())
	}
}

// lssOnly reports whether m holds exactly key: value.
func lssOnly(m map[string]string, key, value string) bool { return len(m) == 1 && m[key] == value }

// TestLimeSurveyPrefill: region, period and role become default answers;
// a role is prefilled by its answer code, and only one of the framework's.
func TestLimeSurveyPrefill(t *testing.T) {
	fw, err := framework.Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	f := lssParse(t, lssOf(t, fw, Options{Langs: []string{"en", "de"}, Region: "lake-constance", Period: "2024", Role: "Adult Education"}))
	got := map[string]string{}
	for _, d := range f.Tables["defaultvalues"] {
		for _, l := range f.rows("defaultvalue_l10ns", "dvid", d["dvid"]) {
			q := f.rows("questions", "qid", d["qid"])[0]["title"]
			got[q+" "+l["language"]] = l["defaultvalue"]
		}
	}
	want := map[string]string{"region en": "lake-constance", "region de": "lake-constance", "period en": "2024", "period de": "2024",
		"role en": "adult", "role de": "adult"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("defaults %v, want %v", got, want)
	}
	if len(lssParse(t, lssOf(t, fw, Options{})).Tables["defaultvalues"]) != 0 {
		t.Error("defaults without prefill")
	}
	var buf bytes.Buffer
	err = TemplateLimeSurvey(&buf, fw, Options{Role: "astronaut"})
	if err == nil || !strings.Contains(err.Error(), `role "astronaut" is not one of framework r3lplus's roles`) || buf.Len() != 0 {
		t.Errorf("off-list role: %v", err)
	}
	full := lssFramework(t, "framework-full.yaml")
	f = lssParse(t, lssOf(t, full, Options{Role: "astronaut"}))
	if got := f.Tables["defaultvalue_l10ns"][0]["defaultvalue"]; got != "astronaut" {
		t.Errorf("free-text role prefilled %q", got)
	}
}

// TestLimeSurveyMixedScales: an ordinal indicator on another scale than
// its criterion's array is a list question of its own, in its place.
func TestLimeSurveyMixedScales(t *testing.T) {
	fw, err := framework.Load("mixed.yaml", []byte(`schema: r3l.framework/v1
id: mixed
version: "1"
scales:
  - id: five
    kind: ordinal
    points: [{value: 1, code: low}, {value: 5, code: high}]
    allow: [na]
  - id: three
    kind: ordinal
    points: [{value: 0.5, code: a}, {value: 1, code: b}, {value: 250000, code: c}]
default_scale: five
areas:
  - id: A
    title: Area A
    criteria:
      - id: C1
        title: Mixed
        indicators:
          - {id: C1.a, text: First}
          - {id: C1.b, text: Second, scale: three}
          - {id: C1.c, text: Third}
`))
	if err != nil {
		t.Fatal(err)
	}
	f := lssParse(t, lssOf(t, fw, Options{}))
	var order []string
	for _, q := range f.rows("questions", "gid", f.question(t, "C1")["gid"]) {
		order = append(order, q["title"]+":"+q["type"])
	}
	if want := []string{"C1:F", "C1b:L"}; !slices.Equal(order, want) {
		t.Errorf("questions %v, want %v", order, want)
	}
	c1 := f.question(t, "C1")["qid"]
	var rows []string
	for _, r := range f.rows("subquestions", "parent_qid", c1) {
		rows = append(rows, r["title"])
	}
	if !slices.Equal(rows, []string{"C1a", "C1c"}) || !slices.Equal(f.answerCodes(c1), []string{"1", "5", "na"}) {
		t.Errorf("C1 rows %v, answers %v", rows, f.answerCodes(c1))
	}
	if got := f.answerCodes(f.question(t, "C1b")["qid"]); !slices.Equal(got, []string{"p1", "1", "p3"}) {
		t.Errorf("C1b answers %v", got)
	}
}

// TestLimeSurveyLikeImportedSample compares the survey for the sample
// framework with the file LimeSurvey 6.4.2 imported (r3l_full.lss in the
// survey samples): the same groups, questions (code, type, group, parent,
// order), texts and answers; ids and help texts may differ. The role
// question alone differs: r3l lets a respondent name another role.
func TestLimeSurveyLikeImportedSample(t *testing.T) {
	fw := lssFramework(t, "framework-full.yaml")
	fw.Roles = []framework.Role{
		{ID: "lead", Label: framework.Text{"en": "Lead partner", "de": "Federführender Partner", "sv": "Huvudpartner"}},
		{ID: "adult", Label: framework.Text{"en": "Adult education", "de": "Erwachsenenbildung", "sv": "Vuxenutbildning"}},
		{ID: "schl", Label: framework.Text{"en": "School", "de": "Schule", "sv": "Skola"}},
		{ID: "empl", Label: framework.Text{"en": "Employer", "de": "Arbeitgeber", "sv": "Arbetsgivare"}},
	}
	sample, err := os.ReadFile(filepath.Join("testdata", "survey", "r3l_full.lss"))
	if err != nil {
		t.Fatal(err)
	}
	want, got := lssOutline(lssParse(t, sample)), lssOutline(lssParse(t, lssOf(t, fw, Options{})))
	for i := range max(len(want), len(got)) {
		w, g := "(none)", "(none)"
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g && !(strings.HasPrefix(w, "question role ") && strings.Replace(w, "other=N", "other=Y", 1) == g) {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, g, w)
		}
	}
}

// lssOutline describes a survey without its ids, a line per thing.
func lssOutline(f *lssFile) []string {
	out := []string{"languages " + strings.Join(f.Languages, " ")}
	sv := f.Tables["surveys"][0]
	out = append(out, fmt.Sprintf("survey language=%s additional=%s shownoanswer=%s", sv["language"], sv["additional_languages"], sv["shownoanswer"]))
	for _, s := range f.Tables["surveys_languagesettings"] {
		out = append(out, "title "+s["surveyls_language"]+" "+s["surveyls_title"])
	}
	gids := map[string]string{}
	for _, g := range f.Tables["groups"] {
		gids[g["gid"]] = g["group_order"]
		for _, l := range f.rows("group_l10ns", "gid", g["gid"]) {
			out = append(out, fmt.Sprintf("group %s %s %s", g["group_order"], l["language"], l["group_name"]))
		}
	}
	codes := map[string]string{}
	for _, table := range []string{"questions", "subquestions"} {
		for _, q := range f.Tables[table] {
			codes[q["qid"]] = q["title"]
		}
	}
	for _, table := range []string{"questions", "subquestions"} {
		for _, q := range f.Tables[table] {
			out = append(out, fmt.Sprintf("question %s type=%s group=%s parent=%s order=%s other=%s mandatory=%s", q["title"], q["type"],
				gids[q["gid"]], codes[q["parent_qid"]], q["question_order"], q["other"], q["mandatory"]))
			for _, l := range f.rows("question_l10ns", "qid", q["qid"]) {
				out = append(out, fmt.Sprintf("  text %s %s", l["language"], l["question"]))
			}
			for _, a := range f.rows("answers", "qid", q["qid"]) {
				out = append(out, fmt.Sprintf("  answer %s order=%s assessment=%s", a["code"], a["sortorder"], a["assessment_value"]))
				for _, l := range f.rows("answer_l10ns", "aid", a["aid"]) {
					out = append(out, fmt.Sprintf("    text %s %s", l["language"], l["answer"]))
				}
			}
			for _, a := range f.rows("question_attributes", "qid", q["qid"]) {
				if a["attribute"] != "other_replace_text" { // r3l's wording of "Other" in the role list
					out = append(out, fmt.Sprintf("  attribute %s=%s %s", a["attribute"], a["value"], a["language"]))
				}
			}
		}
	}
	return out
}
