package assess_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/instrument"
)

func loadFramework(t testing.TB, path string) *framework.Framework {
	t.Helper()
	fw, err := framework.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

// questionnaire builds a questionnaire for region "r", period "2024" from a
// respondent line and answer lines.
func questionnaire(t testing.TB, fw *framework.Framework, respondent string, body string) *assess.Questionnaire {
	t.Helper()
	src := "schema: r3l.questionnaire/v1\nframework: " + fw.ID + "\nregion: {id: r, name: R}\nperiod: \"2024\"\n" +
		respondent + "\n" + body
	q, err := instrument.LoadQuestionnaire(t.Name()+".yaml", []byte(src), instrument.LoadOptions{Pick: instrument.FixedFramework(fw)})
	if err != nil {
		t.Fatalf("questionnaire:\n%s\nerror: %v", src, err)
	}
	return q
}

func scoreAll(t testing.TB, fw *framework.Framework, opts assess.Options, qs ...*assess.Questionnaire) *assess.Result {
	t.Helper()
	as, err := assess.Group(qs)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 {
		t.Fatalf("got %d assessments, want 1", len(as))
	}
	return assess.Score(fw, as[0], opts)
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// find returns the result of the indicator with the given id.
func find(r *assess.Result, id string) *assess.IndicatorResult {
	for ai := range r.Areas {
		for ci := range r.Areas[ai].Criteria {
			inds := r.Areas[ai].Criteria[ci].Indicators
			for ii := range inds {
				if inds[ii].Indicator.ID == id {
					return &inds[ii]
				}
			}
		}
	}
	return nil
}

func checkScore(t *testing.T, what string, got *float64, want float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: score is null, want %.6g", what, want)
		return
	}
	if !near(*got, want) {
		t.Errorf("%s: score %.6g, want %.6g", what, *got, want)
	}
}

func checkNode(t *testing.T, what string, n assess.Node, status assess.Status, score, coverage float64) {
	t.Helper()
	if n.Status != status {
		t.Errorf("%s: status %s, want %s", what, n.Status, status)
	}
	if status == assess.Scored {
		checkScore(t, what, n.Score, score)
	} else if n.Score != nil {
		t.Errorf("%s: score %v, want null", what, *n.Score)
	}
	switch {
	case status == assess.NA && n.Coverage != nil:
		t.Errorf("%s: coverage %v, want null", what, *n.Coverage)
	case status != assess.NA && n.Coverage == nil:
		t.Errorf("%s: coverage null, want %v", what, coverage)
	case status != assess.NA && !near(*n.Coverage, coverage):
		t.Errorf("%s: coverage %.6g, want %.6g", what, *n.Coverage, coverage)
	}
}

// TestRespondentScore checks docs/reference.md §4.1 answer by answer.
func TestRespondentScore(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	tests := []struct {
		scale, answer string
		want          float64
	}{
		{"agree5", "1", 0},
		{"agree5", "2", 25},
		{"agree5", "3", 50},
		{"agree5", "4", 75},
		{"agree5", "5", 100},
		{"agree5", "largely", 75}, // by code, points declared out of order
		{"agree5", "absent", 0},
		{"agree5", "fully", 100},
		{"yesno", "yes", 100},
		{"yesno", "no", 0},
		{"yesno", "true", 100},
		{"yesno", "False", 0},
		{"share", "42.5", 42.5},
		{"share", "0", 0},
		{"share", "100", 100},
		{"days", "6", 80},  // (6-30)/(0-30) = 0.8: lower is better
		{"days", "15", 50}, // halfway
		{"days", "0", 100},
		{"days", "45", 0}, // beyond worst: clamped
	}
	for _, tt := range tests {
		s := fw.Scale(tt.scale)
		kind, v, msg := assess.ParseAnswer(s, tt.answer)
		if msg != "" || kind != assess.Valued {
			t.Errorf("%s %q: %v %q", tt.scale, tt.answer, kind, msg)
			continue
		}
		if got := s.Score(v); !near(got, tt.want) {
			t.Errorf("%s %q: score %v, want %v", tt.scale, tt.answer, got, tt.want)
		}
	}
	bad := []struct{ scale, answer, msg string }{
		{"agree5", "6", `"6" is not on scale agree5 (expected 1, 2, 3, 4, 5; absent, first-steps, partly, largely, fully; na; dk)`},
		{"agree5", "3.5", `"3.5" is not on scale agree5`},
		{"agree5", "maybe", `"maybe" is not on scale agree5`},
		{"yesno", "dk", `"dk" is not allowed on scale yesno (expected yes, no; na)`},
		{"yesno", "3", `"3" is not a yes/no answer`},
		{"share", "150", `150 is outside scale share (expected a number from 0 to 100 %)`},
		{"share", "-1", `-1 is outside scale share`},
		{"share", "na", `"na" is not allowed on scale share`},
		{"days", "-3", `-3 is outside scale days (expected a number from 0 days)`},
		{"days", "soon", `"soon" is not a number`},
	}
	for _, tt := range bad {
		_, _, msg := assess.ParseAnswer(fw.Scale(tt.scale), tt.answer)
		if !strings.HasPrefix(msg, tt.msg) {
			t.Errorf("%s %q: message %q, want it to start with %q", tt.scale, tt.answer, msg, tt.msg)
		}
	}
	for _, special := range []string{"na", "dk", "NA"} {
		kind, _, msg := assess.ParseAnswer(fw.Scale("agree5"), special)
		if msg != "" || kind == assess.Valued || kind == assess.Missing {
			t.Errorf("agree5 %q: kind %v, message %q", special, kind, msg)
		}
	}
}

// threeRespondents is the worked example of the scoring tests; every
// expectation below is computed by hand in the comments.
func threeRespondents(t *testing.T, fw *framework.Framework) []*assess.Questionnaire {
	return []*assess.Questionnaire{
		questionnaire(t, fw, "respondent: {id: r1, role: employer}", `answers:
  A1.a: 5      # 100
  A1.b: 4      # 75
  A2.a: yes    # 100
  A2.b: 40     # 40
  A2.c: 6      # 80
  B1.a: 3      # 50
  B1.b: na
  B2.a: dk
  B3.a: 2      # 25
priorities:
  B: [B1, B3, B2]
`),
		questionnaire(t, fw, "respondent: {id: r2, role: employer}", `answers:
  A1.a: partly       # 50
  A1.b: 2            # 25
  A2.a: no           # 0
  A2.b: 60           # 60
  A2.c: 12           # 60
  B1.a: 4            # 75
  B1.b: na
  B2.a: dk
priorities:
  A: [A2]
  B: [B2, B1]
`),
		questionnaire(t, fw, "respondent: {id: r3}", `answers:
  A1.a: first-steps  # 25
  A1.b: dk
  A2.a: na
  A2.b: {answer: 80, evidence: "survey 2024"}
  B1.a: 5            # 100
  B1.b: na
  B2.a: dk
  B3.a: largely      # 75
`),
	}
}

func TestScoreMean(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	r := scoreAll(t, fw, assess.Options{}, threeRespondents(t, fw)...)

	ind := func(id string) *assess.IndicatorResult { return find(r, id) }
	// A1.a: 100, 50, 25 -> mean 58.333; deviations 41.667, -8.333, -33.333;
	// population variance (1736.11 + 69.44 + 1111.11) / 3 = 972.22, sd 31.18.
	a1a := ind("A1.a")
	checkScore(t, "A1.a", a1a.Score, 175.0/3)
	if a1a.N != 3 || !near(*a1a.SD, math.Sqrt(972.2222222222222)) || *a1a.Min != 25 || *a1a.Max != 100 || !a1a.Disagreement {
		t.Errorf("A1.a: n %d sd %v min %v max %v disagreement %v", a1a.N, *a1a.SD, *a1a.Min, *a1a.Max, a1a.Disagreement)
	}
	// A1.b: 75, 25 and dk -> 50, sd exactly 25: disagreement from 25 on.
	a1b := ind("A1.b")
	checkScore(t, "A1.b", a1b.Score, 50)
	if a1b.N != 2 || *a1b.SD != 25 || !a1b.Disagreement || a1b.DK != 1 {
		t.Errorf("A1.b: n %d sd %v disagreement %v dk %d", a1b.N, *a1b.SD, a1b.Disagreement, a1b.DK)
	}
	// A2.b: 40, 60, 80 -> 60, sd sqrt(800/3) = 16.33: no disagreement.
	a2b := ind("A2.b")
	checkScore(t, "A2.b", a2b.Score, 60)
	if a2b.Disagreement || !near(*a2b.SD, math.Sqrt(800.0/3)) {
		t.Errorf("A2.b: sd %v disagreement %v", *a2b.SD, a2b.Disagreement)
	}
	checkScore(t, "A2.c", ind("A2.c").Score, 70) // 6 days -> 80, 12 days -> 60
	if got := ind("A2.c").Unanswered; got != 1 {
		t.Errorf("A2.c: unanswered %d, want 1", got)
	}
	if s := ind("B1.b"); s.Status != assess.NA || s.Score != nil || s.N != 0 || s.SD != nil {
		t.Errorf("B1.b answered na by all: %+v", s)
	}
	if s := ind("B2.a"); s.Status != assess.Unscored || s.Score != nil {
		t.Errorf("B2.a answered dk by all: %+v", s)
	}

	// A1 = (1*58.333 + 3*50) / 4 = 52.083; A2 = (50+60+70)/3 = 60.
	checkNode(t, "A1", r.Areas[0].Criteria[0].Node, assess.Scored, (175.0/3+150)/4, 1)
	checkNode(t, "A2", r.Areas[0].Criteria[1].Node, assess.Scored, 60, 1)
	// A = (2*52.083 + 1*60) / 3 = 54.722
	a := (2*(175.0/3+150)/4 + 60) / 3
	checkNode(t, "A", r.Areas[0].Node, assess.Scored, a, 1)
	// B1: B1.b is na, so B1 = B1.a = 75 with full coverage.
	checkNode(t, "B1", r.Areas[1].Criteria[0].Node, assess.Scored, 75, 1)
	// B2: only dk answers -> nothing scored -> insufficient, coverage 0.
	checkNode(t, "B2", r.Areas[1].Criteria[1].Node, assess.Insufficient, 0, 0)
	checkNode(t, "B3", r.Areas[1].Criteria[2].Node, assess.Scored, 50, 1)
	// B = (75 + 50) / 2 = 62.5 with coverage 2/3.
	checkNode(t, "B", r.Areas[1].Node, assess.Scored, 62.5, 2.0/3)
	// overall = (3*54.722 + 1*62.5) / 4 = 56.667
	checkNode(t, "overall", r.Node, assess.Scored, (3*a+62.5)/4, 1)
	if r.Level == nil || r.Level.ID != "mid" {
		t.Errorf("overall level %v, want mid", r.Level)
	}
	if r.Respondents != 3 {
		t.Errorf("respondents %d", r.Respondents)
	}
}

func TestScoreMedian(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	r := scoreAll(t, fw, assess.Options{Aggregate: assess.Median}, threeRespondents(t, fw)...)
	// A1.a median of 25, 50, 100 = 50; A1.b median of 25, 75 = 50 (even count:
	// mean of the two middle values); A2.a of 0, 100 = 50.
	checkScore(t, "A1.a", find(r, "A1.a").Score, 50)
	checkScore(t, "A1.b", find(r, "A1.b").Score, 50)
	checkScore(t, "A2.a", find(r, "A2.a").Score, 50)
	// sd stays the spread of the scores, whatever the aggregate.
	if !near(*find(r, "A1.a").SD, math.Sqrt(972.2222222222222)) {
		t.Errorf("A1.a sd %v", *find(r, "A1.a").SD)
	}
	// A1 = (50 + 3*50)/4 = 50; A = (2*50 + 60)/3 = 53.333; overall = (3*53.333 + 62.5)/4 = 55.625.
	checkNode(t, "A1", r.Areas[0].Criteria[0].Node, assess.Scored, 50, 1)
	checkNode(t, "A", r.Areas[0].Node, assess.Scored, 160.0/3, 1)
	checkNode(t, "overall", r.Node, assess.Scored, 55.625, 1)
}

func TestMedianEvenCount(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	var qs []*assess.Questionnaire
	for i, v := range []string{"1", "5", "2", "4"} { // 0, 100, 25, 75
		qs = append(qs, questionnaire(t, fw, "respondent: {id: r"+string(rune('1'+i))+"}", "answers: {A1.a: "+v+"}"))
	}
	r := scoreAll(t, fw, assess.Options{Aggregate: assess.Median}, qs...)
	checkScore(t, "A1.a", find(r, "A1.a").Score, 50) // (25 + 75) / 2
	r = scoreAll(t, fw, assess.Options{Aggregate: assess.Median}, qs[1], qs[3])
	checkScore(t, "A1.a of 100, 75", find(r, "A1.a").Score, 87.5)
}

func TestStrengthsWeaknesses(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	r := scoreAll(t, fw, assess.Options{}, threeRespondents(t, fw)...)
	// Scored: A1.a 58.3, A1.b 50, A2.a 50, A2.b 60, A2.c 70, B1.a 75, B3.a 50.
	if got := ids(r.Strengths); got != "B1.a A2.c A2.b" {
		t.Errorf("strengths %s", got)
	}
	// Three indicators tie at 50: framework order decides.
	if got := ids(r.Weaknesses); got != "A1.b A2.a B3.a" {
		t.Errorf("weaknesses %s", got)
	}
	if got := ids(r.Disagreements()); got != "A1.a A1.b A2.a B3.a" {
		t.Errorf("disagreements %s", got)
	}
	// With four scored indicators, weaknesses take only what strengths left.
	q := questionnaire(t, fw, "respondent: {id: x}", "answers: {A1.a: 1, A1.b: 2, B1.a: 3, B3.a: 4}")
	r = scoreAll(t, fw, assess.Options{}, q)
	if s, w := ids(r.Strengths), ids(r.Weaknesses); s != "B3.a B1.a A1.b" || w != "A1.a" {
		t.Errorf("four scored: strengths %s, weaknesses %s", s, w)
	}
}

func ids(rs []*assess.IndicatorResult) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Indicator.ID)
	}
	return strings.Join(out, " ")
}

func TestCoverage(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	// A2.a na, A2.b scored, A2.c missing: applicable weight 2, scored 1,
	// coverage exactly 0.5 = min_coverage -> scored.
	q := questionnaire(t, fw, "respondent: {id: x}", "answers: {A2.a: na, A2.b: 80}")
	r := scoreAll(t, fw, assess.Options{}, q)
	checkNode(t, "A2 at min_coverage", r.Areas[0].Criteria[1].Node, assess.Scored, 80, 0.5)
	// Just above the coverage: insufficient.
	r = scoreAll(t, fw, assess.Options{MinCoverage: 0.51}, q)
	checkNode(t, "A2 below min_coverage", r.Areas[0].Criteria[1].Node, assess.Insufficient, 0, 0.5)
	// A1.a scored (weight 1) but A1.b (weight 3) missing: coverage 0.25.
	q = questionnaire(t, fw, "respondent: {id: x}", "answers: {A1.a: 3}")
	r = scoreAll(t, fw, assess.Options{}, q)
	checkNode(t, "A1 weighted coverage", r.Areas[0].Criteria[0].Node, assess.Insufficient, 0, 0.25)
	r = scoreAll(t, fw, assess.Options{MinCoverage: 0.25}, q)
	checkNode(t, "A1 with --min-coverage 0.25", r.Areas[0].Criteria[0].Node, assess.Scored, 50, 0.25)
}

func TestAllNotApplicable(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	q := questionnaire(t, fw, "respondent: {id: x}",
		"answers: {A1.a: na, A1.b: na, A2.a: na, B1.a: na, B1.b: na, B2.a: na, B3.a: na}")
	r := scoreAll(t, fw, assess.Options{}, q)
	checkNode(t, "A1", r.Areas[0].Criteria[0].Node, assess.NA, 0, 0)
	// A2.b and A2.c take no na and are missing: applicable but unscored.
	checkNode(t, "A2", r.Areas[0].Criteria[1].Node, assess.Insufficient, 0, 0)
	checkNode(t, "A", r.Areas[0].Node, assess.Insufficient, 0, 0)
	checkNode(t, "B", r.Areas[1].Node, assess.NA, 0, 0)
	// B is not applicable, so the overall weight is A's alone.
	checkNode(t, "overall", r.Node, assess.Insufficient, 0, 0)
	if len(r.Strengths)+len(r.Weaknesses) != 0 {
		t.Errorf("strengths %v weaknesses %v, want none", r.Strengths, r.Weaknesses)
	}
	// Nothing applicable anywhere in B and only B answered: overall na.
	q = questionnaire(t, fw, "respondent: {id: x}", "answers: {B1.a: na, B1.b: na, B2.a: na, B3.a: na, A1.a: 4}")
	r = scoreAll(t, fw, assess.Options{MinCoverage: 0.1}, q)
	// A1 = 75 at coverage 0.25; A2 unscored; A = 75 at coverage 2/3; overall = A.
	checkNode(t, "A", r.Areas[0].Node, assess.Scored, 75, 2.0/3)
	checkNode(t, "overall without B", r.Node, assess.Scored, 75, 1)
}

func TestLevels(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	for _, tt := range []struct {
		score float64
		want  string
	}{{0, "low"}, {49.999, "low"}, {50, "mid"}, {79.9, "mid"}, {80, "high"}, {100, "high"}} {
		if got := fw.Level(tt.score); got == nil || got.ID != tt.want {
			t.Errorf("level of %v = %v, want %s", tt.score, got, tt.want)
		}
	}
}

func TestRoles(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	// Groups of two and of one: shown only when the minimum allows.
	r := scoreAll(t, fw, assess.Options{MinRole: 1}, threeRespondents(t, fw)...)
	if len(r.Roles) != 2 || r.Roles[0].Role != "employer" || r.Roles[1].Role != assess.UnspecifiedRole {
		t.Fatalf("roles %+v", r.Roles)
	}
	emp, unspec := r.Roles[0], r.Roles[1]
	if emp.Respondents != 2 || unspec.Respondents != 1 {
		t.Errorf("respondents %d, %d", emp.Respondents, unspec.Respondents)
	}
	// Employers (r1, r2): A1.a 75, A1.b 50 -> A1 56.25; A2 (50+50+70)/3 = 56.667;
	// A = (2*56.25 + 56.667)/3 = 56.389; B1.a 62.5, B3.a 25 -> B 43.75 at 2/3;
	// overall (3*56.389 + 43.75)/4 = 53.229.
	empA := (2*56.25 + 170.0/3) / 3
	checkNode(t, "employer A", emp.Areas[0].Node, assess.Scored, empA, 1)
	checkNode(t, "employer B", emp.Areas[1].Node, assess.Scored, 43.75, 2.0/3)
	checkNode(t, "employer overall", emp.Node, assess.Scored, (3*empA+43.75)/4, 1)
	// r3 alone: A1 has only A1.a (weight 1 of 4) -> insufficient; A2 = 80 at
	// exactly 0.5; A = A2 alone at 1/3 -> insufficient; B = (100+75)/2 at 2/3;
	// overall: only B (weight 1 of 4) -> insufficient at 0.25.
	checkNode(t, "unspecified A", unspec.Areas[0].Node, assess.Insufficient, 0, 1.0/3)
	checkNode(t, "unspecified B", unspec.Areas[1].Node, assess.Scored, 87.5, 2.0/3)
	checkNode(t, "unspecified overall", unspec.Node, assess.Insufficient, 0, 0.25)
}

func TestPrioritiesSmall(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	r := scoreAll(t, fw, assess.Options{}, threeRespondents(t, fw)...)
	// r1 ranks B1, B3, B2 (3, 2, 1); r2 ranks A2 (3) and B2, B1 (3, 2).
	want := []struct {
		id     string
		points int
		ranks  [3]int
	}{{"B1", 5, [3]int{1, 1, 0}}, {"B2", 4, [3]int{1, 0, 1}}, {"A2", 3, [3]int{1, 0, 0}}, {"B3", 2, [3]int{0, 1, 0}}}
	if len(r.Priorities) != len(want) {
		t.Fatalf("priorities %+v", r.Priorities)
	}
	for i, w := range want {
		p := r.Priorities[i]
		if p.Criterion.ID != w.id || p.Points != w.points || [3]int(p.Ranks) != w.ranks {
			t.Errorf("priority %d: %s %d %v, want %s %d %v", i, p.Criterion.ID, p.Points, p.Ranks, w.id, w.points, w.ranks)
		}
	}
	// Evaluation = B1 + B2 = 9, Use = B3 = 2; A2 has no cluster.
	if len(r.Clusters) != 2 || r.Clusters[0].Cluster.Get("en") != "Evaluation" || r.Clusters[0].Points != 9 ||
		r.Clusters[1].Cluster.Get("en") != "Use" || r.Clusters[1].Points != 2 {
		t.Errorf("clusters %+v", r.Clusters)
	}
}

// TestPrioritiesR3LAreaC reproduces the published R3L+ ranking of area C:
// C1 5, C2 8 (two first ranks, one second), C3 7, C4 5 (Evaluation 25);
// C5 5, C6 4, C7 5, C8 1, C9 8 (Willingness 23), from eight regions' ranks.
func TestPrioritiesR3LAreaC(t *testing.T) {
	fw, err := framework.Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	rankings := [][3]string{
		{"C2", "C9", "C4"}, {"C2", "C3", "C4"}, {"C9", "C2", "C4"}, {"C9", "C3", "C4"},
		{"C3", "C1", "C7"}, {"C1", "C6", "C7"}, {"C5", "C6", "C8"}, {"C7", "C5", "C4"},
	}
	var qs []*assess.Questionnaire
	for i, rk := range rankings {
		qs = append(qs, questionnaire(t, fw, "respondent: {id: region"+string(rune('1'+i))+"}",
			"priorities:\n  C: ["+strings.Join(rk[:], ", ")+"]\n"))
	}
	r := scoreAll(t, fw, assess.Options{}, qs...)
	points := map[string]int{}
	ranks := map[string][]int{}
	for _, p := range r.Priorities {
		points[p.Criterion.ID] = p.Points
		ranks[p.Criterion.ID] = p.Ranks
	}
	want := map[string]int{"C1": 5, "C2": 8, "C3": 7, "C4": 5, "C5": 5, "C6": 4, "C7": 5, "C8": 1, "C9": 8}
	for id, w := range want {
		if points[id] != w {
			t.Errorf("%s: %d points, want %d", id, points[id], w)
		}
	}
	if got := ranks["C2"]; len(got) != 3 || got[0] != 2 || got[1] != 1 || got[2] != 0 {
		t.Errorf("C2 ranks %v, want [2 1 0]", got)
	}
	clusters := map[string]int{}
	for _, c := range r.Clusters {
		clusters[c.Cluster.Get("en")] = c.Points
	}
	if clusters["Evaluation"] != 25 || clusters["Willingness and capacity to use results"] != 23 {
		t.Errorf("clusters %v, want Evaluation 25, Willingness 23", clusters)
	}
	// Highest first; C2 and C9 tie at 8 and keep framework order.
	if r.Priorities[0].Criterion.ID != "C2" || r.Priorities[1].Criterion.ID != "C9" {
		t.Errorf("order %s, %s", r.Priorities[0].Criterion.ID, r.Priorities[1].Criterion.ID)
	}
}

func TestGroupRejectsRepeatedRespondent(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	a := questionnaire(t, fw, "respondent: {id: r1}", "answers: {A1.a: 1}")
	b := questionnaire(t, fw, "respondent:\n  id: r1", "answers: {A1.a: 2}")
	b.Path, b.Source.Path = "b.yaml", "b.yaml"
	_, err := assess.Group([]*assess.Questionnaire{a, b})
	want := "b.yaml:6:7: respondent \"r1\" already answered for r 2024 in " + a.Path
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestGroupSplitsAssessments(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	src := func(region, period, id string) string {
		return "schema: r3l.questionnaire/v1\nframework: scoring\nregion: {id: " + region + "}\nperiod: \"" + period +
			"\"\nrespondent: {id: " + id + "}\nanswers: {A1.a: 3}\n"
	}
	var qs []*assess.Questionnaire
	for _, s := range []string{src("b", "2024", "x"), src("a", "2024", "x"), src("a", "2022", "x"), src("a", "2024", "y")} {
		q, err := instrument.LoadQuestionnaire("q.yaml", []byte(s), instrument.LoadOptions{Pick: instrument.FixedFramework(fw)})
		if err != nil {
			t.Fatal(err)
		}
		qs = append(qs, q)
	}
	as, err := assess.Group(qs)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range as {
		got = append(got, a.Region.ID+"/"+a.Period+"/"+string(rune('0'+len(a.Questionnaires))))
	}
	if strings.Join(got, " ") != "a/2022/1 a/2024/2 b/2024/1" {
		t.Errorf("assessments %v", got)
	}
}

// TestAnswered checks the count of answered applicable indicators on every
// node, by hand: in the three respondents' example A1.a, A1.b, A2.a, A2.b,
// A2.c, B1.a and B3.a are rated by someone, B1.b is na for everyone (not
// applicable) and B2.a only dk (applicable, unanswered).
func TestAnswered(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	r := scoreAll(t, fw, assess.Options{MinRole: 1}, threeRespondents(t, fw)...)
	check := func(what string, got assess.Count, scored, applicable int) {
		t.Helper()
		if got != (assess.Count{Scored: scored, Applicable: applicable}) {
			t.Errorf("%s: %d of %d answered, want %d of %d", what, got.Scored, got.Applicable, scored, applicable)
		}
	}
	check("overall", r.Answered, 7, 8)
	check("A", r.Areas[0].Answered, 5, 5)
	check("A1", r.Areas[0].Criteria[0].Answered, 2, 2)
	check("A2", r.Areas[0].Criteria[1].Answered, 3, 3)
	check("B", r.Areas[1].Answered, 2, 3)
	check("B1", r.Areas[1].Criteria[0].Answered, 1, 1)
	check("B2", r.Areas[1].Criteria[1].Answered, 0, 1)
	check("B3", r.Areas[1].Criteria[2].Answered, 1, 1)
	// The employers r1 and r2 rated all but B2.a (dk) and B1.b (na); the
	// respondent without a role rated A1.a, A2.b, B1.a and B3.a, left A1.b
	// (dk), A2.c (missing) and B2.a (dk) unrated, and A2.a and B1.b na.
	check("employer", r.Roles[0].Answered, 7, 8)
	check("unspecified", r.Roles[1].Answered, 4, 7)
	check("unspecified A", r.Roles[1].Areas[0].Answered, 2, 4)

	// Nothing applicable: a count of nothing, however the node is scored.
	q := questionnaire(t, fw, "respondent: {id: x}",
		"answers: {A1.a: na, A1.b: na, A2.a: na, B1.a: na, B1.b: na, B2.a: na, B3.a: na}")
	r = scoreAll(t, fw, assess.Options{}, q)
	check("all na: A1", r.Areas[0].Criteria[0].Answered, 0, 0)
	check("all na: A2 (A2.b and A2.c take no na)", r.Areas[0].Criteria[1].Answered, 0, 2)
	check("all na: overall", r.Answered, 0, 2)
}

// TestRolePrivacy checks that stakeholder groups below the minimum size
// show no scores, and that an anonymous result names no respondent.
func TestRolePrivacy(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	qs := threeRespondents(t, fw)
	// By default (3) both groups, of two and of one, are suppressed,
	// with their size.
	r := scoreAll(t, fw, assess.Options{}, qs...)
	for _, g := range r.Roles {
		if g.Status != assess.Suppressed || g.Score != nil || g.Areas[0].Score != nil || g.Areas[0].Status != assess.Suppressed {
			t.Errorf("group %s of %d: %+v", g.Role, g.Respondents, g.Node)
		}
	}
	if r.Roles[0].Respondents != 2 || r.Roles[1].Respondents != 1 {
		t.Errorf("group sizes %d, %d", r.Roles[0].Respondents, r.Roles[1].Respondents)
	}
	// Anonymous, minimum 2: the employers stay a group, r3 (no role)
	// becomes "other"; no id and no path is left.
	r = scoreAll(t, fw, assess.Options{MinRole: 2, Anonymous: true}, qs...)
	if len(r.Roles) != 2 || r.Roles[0].Role != "employer" || r.Roles[0].Status != assess.Scored ||
		r.Roles[1].Role != assess.OtherRole || r.Roles[1].Status != assess.Suppressed {
		t.Errorf("anonymous groups %+v", r.Roles)
	}
	for i, q := range r.Questionnaires {
		if q.Respondent.ID != "" || q.Path != fmt.Sprintf("input %d", i+1) {
			t.Errorf("questionnaire %d: respondent %q, path %q", i, q.Respondent.ID, q.Path)
		}
		if q == qs[i] {
			t.Error("the anonymous result shares the caller's questionnaire")
		}
	}
	for _, w := range r.Warnings {
		if strings.Contains(w, ".yaml") {
			t.Errorf("warning names a file: %s", w)
		}
	}
	if qs[0].Respondent.ID != "r1" {
		t.Error("anonymising changed the caller's questionnaire")
	}
	// The scores are the same as without anonymity.
	plain := scoreAll(t, fw, assess.Options{MinRole: 2}, qs...)
	if *plain.Score != *r.Score {
		t.Errorf("anonymous overall %v, plain %v", *r.Score, *plain.Score)
	}
}
