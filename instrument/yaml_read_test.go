package instrument

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/yamlx"
)

// qhead is the start of a valid questionnaire for the scoring test framework.
const qhead = `schema: r3l.questionnaire/v1
framework: scoring
region: {id: r, name: R}
period: "2024"
`

func scoringFramework(t testing.TB) *framework.Framework {
	t.Helper()
	fw, err := framework.LoadFile("../testdata/frameworks/scoring.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

func r3lplusFramework(t testing.TB) *framework.Framework {
	t.Helper()
	fw, err := framework.Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

// loadQ loads src as q.yaml.
func loadQ(t *testing.T, src string, opts LoadOptions) (*assess.Questionnaire, error) {
	t.Helper()
	q, err := LoadQuestionnaire("q.yaml", []byte(src), opts)
	if err != nil && q != nil {
		t.Errorf("got a questionnaire together with an error")
	}
	return q, err
}

func errLines(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		t.Fatal("loaded without error, want problems")
	}
	return strings.Split(err.Error(), "\n")
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") == strings.Join(want, "\n") {
		return
	}
	t.Errorf("got %d lines:\n\t%s\nwant %d lines:\n\t%s", len(got), strings.Join(got, "\n\t"),
		len(want), strings.Join(want, "\n\t"))
}

func TestQuestionnaireErrors(t *testing.T) {
	scoring := FixedFramework(scoringFramework(t))
	r3l := FixedFramework(r3lplusFramework(t))
	tests := []struct {
		name string
		pick FrameworkPicker
		src  string
		want []string
	}{
		{"empty", nil, "", []string{
			`q.yaml:1: file is empty`,
		}},
		{"syntax", nil, qhead + "answers:\n  A1.a: [4\n  A1.b: 3\n", []string{
			`q.yaml:6: YAML syntax: did not find expected ',' or ']'`,
		}},
		{"not a mapping", nil, "[a, b]\n", []string{
			`q.yaml:1:1: questionnaire must be a mapping, not a list`,
		}},
		{"wrong schema", scoring, strings.Replace(qhead, "questionnaire/v1", "questionnaire/v2", 1), []string{
			`q.yaml:1:9: schema must be "r3l.questionnaire/v1", not "r3l.questionnaire/v2"`,
		}},
		{"framework schema", scoring, strings.Replace(qhead, "questionnaire/v1", "framework/v1", 1), []string{
			`q.yaml:1:9: this is a framework file, not a questionnaire (use -F to name a framework)`,
		}},
		{"missing keys", scoring, "schema: r3l.questionnaire/v1\nanswers: {A1.a: 4}\n", []string{
			`q.yaml:1:1: questionnaire is missing "framework"`,
			`q.yaml:1:1: questionnaire is missing "region"`,
			`q.yaml:1:1: questionnaire is missing "period"`,
		}},
		{"unknown top key", scoring, qhead + "answer:\n  A1.a: 4\n", []string{
			`q.yaml:5:1: unknown key "answer" in questionnaire (did you mean "answers"?)`,
		}},
		{"unknown framework", nil, strings.Replace(qhead, "framework: scoring", "framework: r3l", 1), []string{
			`q.yaml:2:12: unknown framework "r3l": bundled are ` + bundledIDs(t) + `; or give a framework file with -F FILE`,
		}},
		{"other framework", scoring, strings.Replace(qhead, "framework: scoring", "framework: other", 1), []string{
			`q.yaml:2:12: questionnaire is for framework "other", but the framework in use is "scoring"`,
		}},
		{"framework not a text", scoring, strings.Replace(qhead, "framework: scoring", "framework: {id: scoring}", 1), []string{
			`q.yaml:2:12: framework must be a text, not a mapping`,
		}},
		{"unknown indicators", scoring, qhead + "answers:\n  A1.x: 4\n  A1: 4\n  Z9.zz: 4\n", []string{
			`q.yaml:6:3: unknown indicator "A1.x" (did you mean A1.a?)`,
			`q.yaml:7:3: unknown indicator "A1" (A1 is a criterion; answer its indicators A1.a, A1.b, …)`,
			`q.yaml:8:3: unknown indicator "Z9.zz" in framework scoring`,
		}},
		{"outside the scale", scoring, qhead + `answers:
  A1.a: 6
  A1.b: 3.5
  A2.a: maybe
  A2.b: 120
  A2.c: -1
  B1.b: lots
`, []string{
			`q.yaml:6:9: A1.a: "6" is not on scale agree5 (expected 1, 2, 3, 4, 5; absent, first-steps, partly, largely, fully; na; dk)`,
			`q.yaml:7:9: A1.b: "3.5" is not on scale agree5 (expected 1, 2, 3, 4, 5; absent, first-steps, partly, largely, fully; na; dk)`,
			`q.yaml:8:9: A2.a: "maybe" is not a yes/no answer (expected yes, no; na)`,
			`q.yaml:9:9: A2.b: 120 is outside scale share (expected a number from 0 to 100 %)`,
			`q.yaml:10:9: A2.c: -1 is outside scale days (expected a number from 0 days)`,
			`q.yaml:11:9: B1.b: "lots" is not on scale agree5 (expected 1, 2, 3, 4, 5; absent, first-steps, partly, largely, fully; na; dk)`,
		}},
		{"wrong type", scoring, qhead + "answers:\n  A1.a: [4]\n  A1.b: {answer: {value: 4}}\n  A2.a: {yes: 1}\n", []string{
			`q.yaml:6:9: A1.a: the answer must be a single value, not a list`,
			`q.yaml:7:18: A1.b: the answer must be a single value, not a mapping`,
			`q.yaml:8:10: unknown key "yes" in A2.a (expected one of: answer, comment, evidence)`,
		}},
		{"unknown key in the long form", scoring, qhead + `answers:
  A1.a:
    answer: 4
    evidnce: Minutes of the meeting
    remark: none
  A1.b: {answer: 4, comment: [a, b]}
`, []string{
			`q.yaml:8:5: unknown key "evidnce" in A1.a (did you mean "evidence"?)`,
			`q.yaml:9:5: unknown key "remark" in A1.a (expected one of: answer, comment, evidence)`,
			`q.yaml:10:30: A1.b comment must be a text, not a list`,
		}},
		{"answered twice", scoring, qhead + "answers:\n  A1.a: 4\n  A1.b: 3\n  A1.a: 4\n", []string{
			`q.yaml:8:3: A1.a is answered twice`,
		}},
		{"na and dk not allowed", scoring, qhead + "answers:\n  A2.a: dk\n  A2.b: na\n  A2.c: DK\n", []string{
			`q.yaml:6:9: A2.a: "dk" is not allowed on scale yesno (expected yes, no; na)`,
			`q.yaml:7:9: A2.b: "na" is not allowed on scale share (expected a number from 0 to 100 %)`,
			`q.yaml:8:9: A2.c: "dk" is not allowed on scale days (expected a number from 0 days)`,
		}},
		{"alias", scoring, qhead + "answers:\n  A1.a: &four 4\n  A1.b: *four\n", []string{
			`q.yaml:6:9: YAML anchors and aliases are not allowed here`,
		}},
		{"answers not a mapping", scoring, qhead + "answers: [4, 3]\n", []string{
			`q.yaml:5:10: answers must be a mapping of indicator ids to answers, not a list`,
		}},
		{"priorities", scoring, qhead + `priorities:
  Z: [A1]
  A: [A1, B1, A1, Q7]
  B: B1
`, []string{
			`q.yaml:6:3: priorities: "Z" is not an area of scoring`,
			`q.yaml:7:11: priorities for area A: criterion B1 belongs to area B`,
			`q.yaml:7:15: priorities for area A: A1 is ranked twice`,
			`q.yaml:7:19: priorities for area A: "Q7" is not a criterion`,
			`q.yaml:8:6: priorities for area B must be a list, not "B1"`,
		}},
		{"priorities area twice", scoring, qhead + "priorities:\n  A: [A1]\n  A: [A2]\n", []string{
			`q.yaml:7:3: priorities: area A appears twice`,
		}},
		{"priorities not a mapping", scoring, qhead + "priorities: [A1]\n", []string{
			`q.yaml:5:13: priorities must map area ids to lists of criteria, not a list`,
		}},
		{"too many priorities", r3l, strings.Replace(qhead, "scoring", "r3lplus", 1) + "priorities:\n  A: [A3, A1, A8, A2]\n", []string{
			`q.yaml:6:19: priorities for area A: at most 3 criteria can be ranked`,
		}},
		{"empty region id and period", scoring, `schema: r3l.questionnaire/v1
framework: scoring
region: {id: "", name: R}
period: " "
`, []string{
			`q.yaml:3:14: region id is empty: fill in a short id such as lake-constance`,
			`q.yaml:4:9: period is empty: fill in the period assessed, such as "2024"`,
		}},
		{"region without id", scoring, `schema: r3l.questionnaire/v1
framework: scoring
region: {name: R, country: [DE], group: {a: b}}
period: ~
respondent: {id: [r1], role: 4, name: x}
`, []string{
			`q.yaml:3:9: region is missing "id"`,
			`q.yaml:3:28: region country must be a text, not a list`,
			`q.yaml:3:41: region group must be a text, not a mapping`,
			`q.yaml:4:9: period must be a text, not empty`,
			`q.yaml:5:18: respondent id must be a text, not a list`,
			`q.yaml:5:33: unknown key "name" in respondent (expected one of: id, role)`,
		}},
		{"bad region id", scoring, strings.Replace(qhead, "{id: r, name: R}", "{id: Lake Constance}", 1), []string{
			`q.yaml:3:14: region id "Lake Constance" must be letters, digits, '.', '_' or '-', starting with a letter or digit`,
		}},
		{"region not a mapping", scoring, strings.Replace(qhead, "{id: r, name: R}", "lake-constance", 1), []string{
			`q.yaml:3:9: region must be a mapping, not "lake-constance"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadQ(t, tt.src, LoadOptions{Pick: tt.pick})
			sameLines(t, errLines(t, err), tt.want)
		})
	}
}

func TestQuestionnaireFrameworkFileAsQuestionnaire(t *testing.T) {
	data, err := os.ReadFile("../testdata/frameworks/scoring.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = LoadQuestionnaire("../testdata/frameworks/scoring.yaml", data, LoadOptions{})
	sameLines(t, errLines(t, err), []string{
		"../testdata/frameworks/scoring.yaml:2:9: this is a framework file, not a questionnaire (use -F to name a framework)",
	})
}

func TestQuestionnaireStrict(t *testing.T) {
	fw := scoringFramework(t)
	opts := LoadOptions{Pick: FixedFramework(fw), Strict: true}
	tests := []struct {
		name, src string
		want      []string
	}{
		{"some missing", qhead + "answers:\n  A1.a: 4\n  A2.a: na\n  B1.a: {comment: later}\n  B1.b:\n  B2.a: dk\n", []string{
			`q.yaml:5:1: 6 unanswered (--strict): A1.b, A2.b, A2.c, B1.a, B1.b, B3.a`,
		}},
		{"no answers key", qhead, []string{
			`q.yaml:1:1: 9 unanswered (--strict): A1.a, A1.b, A2.a, A2.b, A2.c, B1.a, B1.b, B2.a, B3.a`,
		}},
		{"answers empty", qhead + "answers:\n", []string{
			`q.yaml:5:1: 9 unanswered (--strict): A1.a, A1.b, A2.a, A2.b, A2.c, B1.a, B1.b, B2.a, B3.a`,
		}},
		// Other problems come first; the missing answers are listed only
		// once the file is otherwise valid.
		{"other problems", qhead + "answers:\n  A1.a: 9\n", []string{
			`q.yaml:6:9: A1.a: "9" is not on scale agree5 (expected 1, 2, 3, 4, 5; absent, first-steps, partly, largely, fully; na; dk)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadQ(t, tt.src, opts)
			sameLines(t, errLines(t, err), tt.want)
		})
	}
	all := qhead + "answers: {A1.a: 1, A1.b: 2, A2.a: na, A2.b: 3, A2.c: 4, B1.a: dk, B1.b: 5, B2.a: na, B3.a: 1}\n"
	if _, err := loadQ(t, all, opts); err != nil {
		t.Errorf("all answered, strict: %v", err)
	}
}

func TestQuestionnaireErrorIsProblems(t *testing.T) {
	_, err := loadQ(t, "schema: x\n", LoadOptions{})
	var ps yamlx.Problems
	if !errors.As(err, &ps) || len(ps) != 4 || ps[0].Line != 1 || ps[0].Col != 1 {
		t.Errorf("error %T %v, want 4 yamlx.Problems", err, err)
	}
}

func TestQuestionnaireAnswers(t *testing.T) {
	fw := scoringFramework(t)
	q, err := loadQ(t, `schema: r3l.questionnaire/v1
framework: scoring@2012
region:
  id: lake-constance
  name: Lake Constance
  country: DE
  group: cross-border
period: 2024
respondent:
  id: r07
  role: employer
answers:
  A1.a: largely
  A1.b: 2
  A2.a: yes
  A2.b: {answer: 42.5, evidence: "Survey 2023", comment: "Rough estimate"}
  A2.c:
  B1.a: "4"
  B1.b: {comment: "Ask the school"}
  B2.a: NA
  B3.a: dk
priorities:
  A: [A2, A1]
  B: []
`, LoadOptions{Pick: FixedFramework(fw)})
	if err != nil {
		t.Fatal(err)
	}
	if q.FrameworkID != "scoring" || q.FrameworkVersion != "2012" || q.Framework != fw {
		t.Errorf("framework %q version %q", q.FrameworkID, q.FrameworkVersion)
	}
	if q.Region != (assess.Region{ID: "lake-constance", Name: "Lake Constance", Country: "DE", Group: "cross-border"}) {
		t.Errorf("region %+v", q.Region)
	}
	if q.Period != "2024" {
		t.Errorf("period %q, want \"2024\"", q.Period)
	}
	if q.Respondent != (assess.Respondent{ID: "r07", Role: "employer"}) || q.Source.Line != 10 || q.Source.Col != 7 {
		t.Errorf("respondent %+v at %d:%d", q.Respondent, q.Source.Line, q.Source.Col)
	}
	want := map[string]assess.Answer{
		"A1.a": {Kind: assess.Valued, Value: 4},
		"A1.b": {Kind: assess.Valued, Value: 2},
		"A2.a": {Kind: assess.Valued, Value: 1},
		"A2.b": withNotes(assess.Answer{Kind: assess.Valued, Value: 42.5}, "Survey 2023", "Rough estimate"),
		"A2.c": {},
		"B1.a": {Kind: assess.Valued, Value: 4},
		"B1.b": withNotes(assess.Answer{}, "", "Ask the school"),
		"B2.a": {Kind: assess.NotApplicable},
		"B3.a": {Kind: assess.DontKnow},
	}
	if len(q.Answers) != len(fw.Indicators) {
		t.Fatalf("%d answers for %d indicators", len(q.Answers), len(fw.Indicators))
	}
	for _, ind := range fw.Indicators {
		if got := q.Answers[ind.Index]; !reflect.DeepEqual(got, want[ind.ID]) {
			w := want[ind.ID]
			t.Errorf("%s: %+v evidence %q comment %q, want %+v evidence %q comment %q", ind.ID, got, got.Evidence(), got.Comment(), w, w.Evidence(), w.Comment())
		}
	}
	if q.Missing() != 2 || strings.Join(q.MissingIDs(), ",") != "A2.c,B1.b" {
		t.Errorf("missing %d: %v", q.Missing(), q.MissingIDs())
	}
	if got := strings.Join(q.Priorities["A"], ","); got != "A2,A1" || len(q.Priorities["B"]) != 0 || len(q.Priorities) != 2 {
		t.Errorf("priorities %v", q.Priorities)
	}
	if q.Path != "q.yaml" || len(q.SHA256) != 64 {
		t.Errorf("path %q sha256 %q", q.Path, q.SHA256)
	}
	for id, display := range map[string]string{"A1.a": "4", "A2.a": "yes", "A2.b": "42.5", "A2.c": "", "B2.a": "na", "B3.a": "dk"} {
		ind := fw.Indicator(id)
		if got := q.Answers[ind.Index].Display(ind.Scale); got != display {
			t.Errorf("%s displays %q, want %q", id, got, display)
		}
	}
}

func TestQuestionnaireAnswerForms(t *testing.T) {
	fw := scoringFramework(t)
	tests := []struct {
		id, answer string
		kind       assess.AnswerKind
		value      float64
	}{
		{"A1.a", "absent", assess.Valued, 1},
		{"A1.a", "fully", assess.Valued, 5},
		{"A1.a", "5", assess.Valued, 5},
		{"A1.a", "5.0", assess.Valued, 5},
		{"A1.a", `"3"`, assess.Valued, 3},
		{"A1.a", `' first-steps '`, assess.Valued, 2},
		{"A1.a", "na", assess.NotApplicable, 0},
		{"A1.a", "Dk", assess.DontKnow, 0},
		{"A1.a", "~", assess.Missing, 0},
		{"A1.a", "''", assess.Missing, 0}, // an empty text is no answer, like an empty value
		{"A1.a", `"  "`, assess.Missing, 0},
		{"A2.a", "yes", assess.Valued, 1},
		{"A2.a", "no", assess.Valued, 0},
		{"A2.a", "true", assess.Valued, 1},
		{"A2.a", "False", assess.Valued, 0},
		{"A2.a", `"YES"`, assess.Valued, 1},
		{"A2.b", "0", assess.Valued, 0},
		{"A2.b", "99.5", assess.Valued, 99.5},
		{"A2.b", "1e1", assess.Valued, 10},
		{"A2.c", "365", assess.Valued, 365}, // no max
	}
	for _, tt := range tests {
		src := qhead + "answers:\n  " + tt.id + ": " + tt.answer + "\n"
		q, err := loadQ(t, src, LoadOptions{Pick: FixedFramework(fw)})
		if err != nil {
			t.Errorf("%s: %s: %v", tt.id, tt.answer, err)
			continue
		}
		a := q.Answers[fw.Indicator(tt.id).Index]
		if a.Kind != tt.kind || a.Value != tt.value {
			t.Errorf("%s: %s: %+v, want kind %v value %v", tt.id, tt.answer, a, tt.kind, tt.value)
		}
	}
}

func TestQuestionnaireFixedFramework(t *testing.T) {
	fw := scoringFramework(t)
	pick := FixedFramework(fw)
	if got, err := pick("scoring", "any"); got != fw || err != nil {
		t.Errorf("pick(scoring): %v, %v", got, err)
	}
	_, err := pick("other", "")
	if want := `questionnaire is for framework "other", but the framework in use is "scoring"`; err == nil || err.Error() != want {
		t.Errorf("pick(other): %v, want %s", err, want)
	}
	if got, err := BundledFramework("r3lplus", "2012"); err != nil || got.ID != "r3lplus" {
		t.Errorf("BundledFramework: %v, %v", got, err)
	}
	q, err := loadQ(t, "schema: r3l.questionnaire/v1\nframework: r3lplus@2012\nregion: {id: r}\nperiod: \"2024\"\n", LoadOptions{})
	if err != nil || q.FrameworkID != "r3lplus" || q.FrameworkVersion != "2012" || q.Framework.ID != "r3lplus" || q.Missing() != 64 {
		t.Errorf("r3lplus@2012: %+v, %v", q, err)
	}
}

// A questionnaire of a framework with many indicators may hold more items
// and bytes than the fixed caps: they grow with the framework given.
func TestQuestionnaireLimitsGrowWithFramework(t *testing.T) {
	var b strings.Builder
	b.WriteString("schema: r3l.questionnaire/v1\nframework: r3lplus\nregion: {id: r}\nperiod: \"2024\"\nanswers:\n")
	for i := range 60_000 { // 120,000 items: more than MaxQuestionnaireNodes
		fmt.Fprintf(&b, "  X%d.a: 3\n", i)
	}
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(path, LoadOptions{})
	if want := "more than 100000 YAML items"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("no framework size: %v, want %q", err, want)
	}
	// With a framework of 60,000 indicators the file is parsed: its
	// problems are now its answers (none of them in R3L+).
	_, err = ReadFile(path, LoadOptions{Indicators: 60_000})
	if want := `big.yaml:6:3: unknown indicator "X0.a"`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("60,000 indicators: %v, want %q", err, want)
	}
	if s := (LoadOptions{Indicators: 64}).scale(); s != 1 {
		t.Errorf("scale of R3L+ = %d, want 1", s)
	}
	if s := (LoadOptions{Indicators: 100_000}).scale(); s != 21 {
		t.Errorf("scale of 100,000 indicators = %d, want 21", s)
	}
}

// withNotes is a with the evidence and comment given.
func withNotes(a assess.Answer, evidence, comment string) assess.Answer {
	a.SetNotes(evidence, comment)
	return a
}
