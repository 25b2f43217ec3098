package assess_test

import (
	"math"
	"testing"
	"time"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/crosswalk"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/plan"
)

// planRespondents answer only area B of the scoring framework (agree5: 1 →
// 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100), so that every number below can be
// followed by hand:
//
//	     B1.a  B1.b  B1   B2.a  B3.a
//	r1   100   50    75   100   0
//	r2   50    50    50   50    0
//	r3   0     na    0    dk    0
//
// B1.a mean 50, B1.b 50 → B1 50; B2 75; B3 0; area B (50+75+0)/3 = 41.667.
// Area A has no answers: insufficient, and so is the overall score
// (weight 1 of 4 scored, below min_coverage 0.5).
func planRespondents(t *testing.T, fw *framework.Framework) []*assess.Questionnaire {
	return []*assess.Questionnaire{
		questionnaire(t, fw, "respondent: {id: r1}", "answers: {B1.a: 5, B1.b: 3, B2.a: 5, B3.a: 1}\npriorities:\n  B: [B1, B3]\n"),
		questionnaire(t, fw, "respondent: {id: r2}", "answers: {B1.a: 3, B1.b: 3, B2.a: 3, B3.a: 1}\n"),
		questionnaire(t, fw, "respondent: {id: r3}", "answers: {B1.a: 1, B1.b: na, B2.a: dk, B3.a: 1}\n"),
	}
}

func planScored(t *testing.T) *assess.Result {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	return scoreAll(t, fw, assess.Options{}, planRespondents(t, fw)...)
}

func criterion(r *assess.Result, id string) *assess.CriterionResult {
	for ai := range r.Areas {
		for ci := range r.Areas[ai].Criteria {
			if c := &r.Areas[ai].Criteria[ci]; c.Criterion.ID == id {
				return c
			}
		}
	}
	return nil
}

func TestSpread(t *testing.T) {
	r := planScored(t)
	// Each respondent's own B1: 75, 50, 0 (r3's B1.b is na, so B1.a alone).
	// Mean 41.667; squared deviations 1111.11 + 69.44 + 1736.11 = 2916.67;
	// sample variance 2916.67 / 2 = 1458.33, sd 38.188.
	b1 := criterion(r, "B1")
	if b1.Spread.N != 3 || b1.Spread.SD == nil || !near(*b1.Spread.SD, math.Sqrt(2916.6666666666665/2)) {
		t.Errorf("B1 spread %d %v", b1.Spread.N, b1.Spread.SD)
	}
	// SE = sd / √3 = 22.048.
	if se := b1.Spread.SE(); se == nil || !near(*se, math.Sqrt(1458.3333333333333/3)) {
		t.Errorf("B1 SE %v", se)
	}
	// B2: r3 said dk, so only r1 and r2 score it alone: 100, 50 → sd 35.355.
	if b2 := criterion(r, "B2"); b2.Spread.N != 2 || !near(*b2.Spread.SD, math.Sqrt(1250)) {
		t.Errorf("B2 spread %d %v", b2.Spread.N, b2.Spread.SD)
	}
	// Area A: no respondent scores it; the overall score neither.
	if a := r.Areas[0]; a.Spread.N != 0 || a.Spread.SD != nil || r.Spread.N != 0 {
		t.Errorf("A spread %+v, overall %+v", a.Spread, r.Spread)
	}
}

func f(v float64) *float64 { return &v }

func TestChangeNoise(t *testing.T) {
	base := func(score *float64, n int, sd *float64) *assess.Baseline {
		return &assess.Baseline{Framework: "scoring", Region: "r", Period: "2022", Source: "base",
			Nodes: map[string]assess.BaselineNode{"B1": {Score: score, Spread: assess.Spread{N: n, SD: sd}}}}
	}
	for _, tc := range []struct {
		name      string
		b         *assess.Baseline
		delta, se *float64
		noise     bool
	}{
		// SE now² = 1458.33 / 3 = 486.11; then 2² / 3 = 1.333; SE of the
		// difference √487.44 = 22.078, twice that 44.156.
		{"50 up, beyond noise", base(f(0), 3, f(2)), f(50), f(math.Sqrt(1458.3333333333333/3 + 4.0/3)), false},
		{"30 up, within noise", base(f(20), 3, f(2)), f(30), f(math.Sqrt(1458.3333333333333/3 + 4.0/3)), true},
		// One respondent then: no SE, so the change cannot be told from noise.
		{"one respondent then", base(f(0), 1, nil), f(50), nil, true},
		{"no score then", base(nil, 0, nil), nil, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := planScored(t)
			if err := assess.ApplyBaseline(r, tc.b); err != nil {
				t.Fatal(err)
			}
			c := criterion(r, "B1").Change
			if c == nil || c.Period != "2022" || c.Noise != tc.noise {
				t.Fatalf("change %+v", c)
			}
			for _, v := range []struct {
				what      string
				got, want *float64
			}{{"delta", c.Delta, tc.delta}, {"se", c.SE, tc.se}} {
				if (v.got == nil) != (v.want == nil) || v.got != nil && !near(*v.got, *v.want) {
					t.Errorf("%s = %v, want %v", v.what, v.got, v.want)
				}
			}
			// Nodes the baseline does not have get no change.
			if criterion(r, "B2").Change != nil {
				t.Error("B2 has a change without a baseline score")
			}
		})
	}
	r := planScored(t)
	if err := assess.ApplyBaseline(r, &assess.Baseline{Framework: "scoring", Region: "r", Period: "2024", Source: "same.json"}); err == nil {
		t.Error("a baseline of the same period was taken")
	}
	if err := assess.ApplyBaseline(r, &assess.Baseline{Framework: "scoring", Region: "other", Period: "2022", Source: "other.json"}); err == nil {
		t.Error("a baseline of another region was taken")
	}
}

const planYAML = `schema: r3l.plan/v1
framework: scoring
region: r
baseline_period: "2024"
target_period: "2026"
targets:
  - {id: B1, score: 40}
  - {id: B, level: mid}
  - {id: A1, score: 10}
actions:
  - {id: a1, title: Late, criteria: [B1], due: "2024-06", status: running}
  - {id: a2, title: Done, criteria: [B1, B2], due: "2024-01", status: done}
  - {id: a3, title: Not yet due, criteria: [B3], due: "2024-12-31"}
  - {id: a4, title: Dropped, criteria: [A1], due: "2023", status: dropped}
`

func TestApplyPlan(t *testing.T) {
	p, err := plan.Parse("plan.yaml", []byte(planYAML))
	if err != nil {
		t.Fatal(err)
	}
	r := planScored(t)
	if err := assess.ApplyPlan(r, p, time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	// B1: 50 against 40: met, gap 40 − 50 = −10.
	b1 := criterion(r, "B1").Target
	if b1 == nil || !b1.Met || !near(*b1.Gap, -10) || b1.Score != 40 || b1.Level.ID != "low" {
		t.Errorf("B1 target %+v", b1)
	}
	// Area B: level mid is 50 from; 41.667 → gap 8.333, not met.
	b := r.Areas[1].Target
	if b == nil || b.Met || !near(*b.Gap, 50-125.0/3) || b.Score != 50 || b.Level.ID != "mid" {
		t.Errorf("B target %+v", b)
	}
	// A1 has no score: no gap, not met.
	if a1 := criterion(r, "A1").Target; a1 == nil || a1.Gap != nil || a1.Met {
		t.Errorf("A1 target %+v", a1)
	}
	if criterion(r, "B2").Target != nil || r.Areas[0].Target != nil {
		t.Error("a target where the plan sets none")
	}
	// On 1 July 2024 a1 (due June, running) is overdue; a2 is done, a3
	// not yet due, a4 dropped.
	if len(r.Plan.Overdue) != 1 || r.Plan.Overdue[0].ID != "a1" {
		t.Errorf("overdue %v", r.Plan.Overdue)
	}
	// On the last day of June it is not yet late.
	if p.Actions[0].Overdue(time.Date(2024, 6, 30, 23, 0, 0, 0, time.UTC)) {
		t.Error("due 2024-06 is overdue on 30 June")
	}
	p.Region.ID = "elsewhere"
	if err := assess.ApplyPlan(planScored(t), p, time.Now()); err == nil {
		t.Error("a plan for another region was applied")
	}
}

func TestPropose(t *testing.T) {
	r := planScored(t)
	got := assess.Propose(r, 3)
	// B1: priority (3 points) and disagreement (B1.a 100/50/0, sd 40.8);
	// B3: lowest quarter (0; ceil(3/4) = 1 criterion) and priority (2
	// points, the second of two); A1 and A2: nothing answered (coverage).
	// Two reasons first, the lower score first; then no score first,
	// framework order: B3, B1, A1.
	want := []struct {
		id      string
		reasons []string
		target  float64
	}{
		{"B3", []string{assess.ReasonLowScore, assess.ReasonPriority}, 50},     // 0 → mid (50)
		{"B1", []string{assess.ReasonPriority, assess.ReasonDisagreement}, 80}, // 50 → high (80)
		{"A1", []string{assess.ReasonCoverage}, 50},                            // no score, nor overall → mid
	}
	if len(got) != len(want) {
		t.Fatalf("%d proposals, want %d", len(got), len(want))
	}
	for i, w := range want {
		p := got[i]
		var kinds []string
		for _, r := range p.Reasons {
			kinds = append(kinds, r.Kind)
		}
		if p.Criterion.Criterion.ID != w.id || p.Target != w.target || len(kinds) != len(w.reasons) {
			t.Errorf("%d: %s %v target %v, want %s %v %v", i, p.Criterion.Criterion.ID, kinds, p.Target, w.id, w.reasons, w.target)
			continue
		}
		for j := range kinds {
			if kinds[j] != w.reasons[j] {
				t.Errorf("%s: reasons %v, want %v", w.id, kinds, w.reasons)
			}
		}
	}
	// The numbers behind the reasons.
	if r := got[1].Reasons[1]; r.Count != 1 || r.Of != 2 {
		t.Errorf("B1 disagreement %+v", r)
	}
	if r := got[1].Reasons[0]; r.Value != 3 || r.Count != 1 || r.Of != 2 {
		t.Errorf("B1 priority %+v", r)
	}
	if r := got[0].Reasons[0]; r.Value != 0 || r.Count != 1 || r.Of != 3 {
		t.Errorf("B3 low score %+v", r)
	}
	if r := got[2].Reasons[0]; r.Count != 0 || r.Of != 2 {
		t.Errorf("A1 coverage %+v", r)
	}
	// A fall beyond noise is a reason, one within noise is not. B1 is
	// now 50 (SE 22.048): from 100 with a tight spread (SE 1/√10) it fell
	// 50, beyond twice √(486.11 + 0.1) = 44.10. B2 is now 75 from r1 and
	// r2 alone (100, 50: SE 25): from 100 it fell 25, within 2 × 25.002.
	r = planScored(t)
	b := &assess.Baseline{Framework: "scoring", Region: "r", Period: "2022", Source: "b", Nodes: map[string]assess.BaselineNode{
		"B1": {Score: f(100), Spread: assess.Spread{N: 10, SD: f(1)}},
		"B2": {Score: f(100), Spread: assess.Spread{N: 10, SD: f(1)}}}}
	if err := assess.ApplyBaseline(r, b); err != nil {
		t.Fatal(err)
	}
	falls := map[string]*assess.Reason{}
	for _, p := range assess.Propose(r, 10) {
		for i := range p.Reasons {
			if p.Reasons[i].Kind == assess.ReasonFall {
				falls[p.Criterion.Criterion.ID] = &p.Reasons[i]
			}
		}
	}
	if f := falls["B1"]; f == nil || f.Value != -50 || f.Period != "2022" {
		t.Errorf("B1 fall %+v", f)
	}
	if f := falls["B2"]; f != nil {
		t.Errorf("B2 proposed for a fall within noise: %+v", f)
	}
}

func TestPlanForAndChainBaselines(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	at := func(period string) *assess.Result {
		var qs []*assess.Questionnaire
		for _, q := range planRespondents(t, fw) {
			q.Period = period
			qs = append(qs, q)
		}
		return scoreAll(t, fw, assess.Options{}, qs...)
	}
	r22, r24, r26 := at("2022"), at("2024"), at("2026")
	p := func(path, from, to string) *plan.Plan {
		return &plan.Plan{Path: path, Framework: "scoring", Region: plan.Region{ID: "r"}, Baseline: from, TargetPeriod: to}
	}
	first, second := p("first.yaml", "2022", "2024"), p("second.yaml", "2024", "2026")
	// A plan covers the periods after its baseline, up to its target.
	for _, tc := range []struct {
		r    *assess.Result
		want *plan.Plan
	}{{r22, nil}, {r24, first}, {r26, second}} {
		got, err := assess.PlanFor(tc.r, []*plan.Plan{first, second})
		if err != nil || got != tc.want {
			t.Errorf("%s: plan %v, %v", tc.r.Period, got, err)
		}
	}
	if _, err := assess.PlanFor(r24, []*plan.Plan{first, p("again.yaml", "2023", "2025")}); err == nil {
		t.Error("two plans covering 2024 were taken")
	}
	failed := assess.ApplyPlans([]*assess.Result{r22, r24, r26}, []*plan.Plan{first, second}, time.Now())
	if len(failed) != 0 || r22.Plan != nil || r24.Plan.Plan != first || r26.Plan.Plan != second {
		t.Errorf("applied: %v", failed)
	}
	// Each period's change since the one before, in any order given.
	assess.ChainBaselines([]*assess.Result{r26, r22, r24})
	if r22.Baseline != nil || r24.Baseline.Period != "2022" || r26.Baseline.Period != "2024" {
		t.Errorf("baselines: %v %v %v", r22.Baseline, r24.Baseline, r26.Baseline)
	}
	// The same answers each time: no change.
	if d := r26.Areas[1].Change.Delta; d == nil || *d != 0 || !r26.Areas[1].Change.Noise {
		t.Errorf("area B change %+v", r26.Areas[1].Change)
	}
}

func TestTranslate(t *testing.T) {
	from := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	to := loadFramework(t, "../testdata/frameworks/scoring-target.yaml")
	cw, err := crosswalk.Load("../crosswalk/testdata/scoring.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := cw.Check(from, to); err != nil {
		t.Fatal(err)
	}
	r := assess.Translate(scoreAll(t, from, assess.Options{}, planRespondents(t, from)...), to, cw)
	// X1 from A1 (no score: area A unanswered), B1 (50) and B2 (75, weight
	// 2): weight 3 of 4 scored, coverage 0.75, score (50 + 2·75) / 3.
	x1 := r.Areas[0].Criteria[0]
	checkScore(t, "X1", x1.Score, 200.0/3)
	if !near(*x1.Coverage, 0.75) {
		t.Errorf("X1 coverage %v", *x1.Coverage)
	}
	// X2 from the indicator B3.a alone: 0.
	checkScore(t, "X2", r.Areas[0].Criteria[1].Score, 0)
	// X3: nothing maps to it: no score, and named as unmapped.
	if x3 := r.Areas[0].Criteria[2]; x3.Status != assess.Unscored || x3.Score != nil {
		t.Errorf("X3 %v", x3.Node)
	}
	if u := r.Translated.Unmapped; len(u) != 1 || u[0] != "X3" || r.Translated.Mapped(to) != 3 {
		t.Errorf("unmapped %v", u)
	}
	// Area X: X1 and X2 scored of three equal weights (coverage 2/3 ≥ 0.5):
	// (66.667 + 0) / 2.
	checkScore(t, "X", r.Areas[0].Score, 100.0/3)
	if !near(*r.Areas[0].Coverage, 2.0/3) {
		t.Errorf("X coverage %v", *r.Areas[0].Coverage)
	}
	// Y1 from A2, which has no answers: insufficient; so is area Y, and
	// the overall score has area X alone, half the weight: 33.333.
	if y := r.Areas[1]; y.Status == assess.Scored {
		t.Errorf("Y scored from nothing: %v", y.Node)
	}
	checkScore(t, "overall", r.Score, 100.0/3)
	if r.Region.ID != "r" || r.Period != "2024" || r.Respondents != 3 || r.Framework != to {
		t.Errorf("translated result %+v", r)
	}
	// Indicators of the target framework were not asked.
	if ind := r.Areas[0].Criteria[0].Indicators[0]; ind.Status != assess.Unscored {
		t.Errorf("X1.a %v", ind.Status)
	}
}
