package assess_test

import (
	"math"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

func f64(v float64) *float64 { return &v }

// fakeResult is a scored assessment with given overall and area scores.
func fakeResult(fw *framework.Framework, region, group, country, period string, overall *float64, areas ...*float64) *assess.Result {
	r := &assess.Result{Framework: fw, Region: assess.Region{ID: region, Group: group, Country: country}, Period: period}
	r.Node = assess.Node{Status: assess.Scored, Score: overall}
	if overall == nil {
		r.Status = assess.Insufficient
	}
	for i, a := range fw.Areas {
		ar := assess.AreaResult{Area: a}
		if i < len(areas) {
			ar.Score = areas[i]
		}
		for _, c := range a.Criteria {
			cr := assess.CriterionResult{Criterion: c}
			for _, ind := range c.Indicators {
				cr.Indicators = append(cr.Indicators, assess.IndicatorResult{Indicator: ind})
			}
			ar.Criteria = append(ar.Criteria, cr)
		}
		r.Areas = append(r.Areas, ar)
	}
	return r
}

func TestSummarise(t *testing.T) {
	s := assess.Summarise([]float64{4, 1, 3, 2})
	// mean 2.5; median (2+3)/2; Q1 at position 0.75 between 1 and 2 = 1.75;
	// Q3 at 2.25 between 3 and 4 = 3.25; sd sqrt((2.25+0.25+0.25+2.25)/4).
	want := map[string]float64{"mean": 2.5, "median": 2.5, "q1": 1.75, "q3": 3.25, "min": 1, "max": 4, "sd": math.Sqrt(1.25)}
	got := map[string]*float64{"mean": s.Mean, "median": s.Median, "q1": s.Q1, "q3": s.Q3, "min": s.Min, "max": s.Max, "sd": s.SD}
	for k, w := range want {
		if got[k] == nil || math.Abs(*got[k]-w) > 1e-12 {
			t.Errorf("%s = %v, want %v", k, got[k], w)
		}
	}
	if s.N != 4 {
		t.Errorf("n %d", s.N)
	}
	// Five values: Q1 at position 1 exactly, Q3 at 3.
	s = assess.Summarise([]float64{10, 20, 30, 40, 100})
	if *s.Q1 != 20 || *s.Median != 30 || *s.Q3 != 40 || *s.Mean != 40 {
		t.Errorf("five values: q1 %v median %v q3 %v mean %v", *s.Q1, *s.Median, *s.Q3, *s.Mean)
	}
	s = assess.Summarise([]float64{7})
	if *s.Q1 != 7 || *s.Q3 != 7 || *s.SD != 0 {
		t.Errorf("one value: %+v", s)
	}
	if s := assess.Summarise(nil); s.N != 0 || s.Mean != nil || s.Q1 != nil {
		t.Errorf("no values: %+v", s)
	}
}

func TestCompare(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring.yaml")
	results := []*assess.Result{
		fakeResult(fw, "e", "rural", "SE", "2024", f64(40)),
		fakeResult(fw, "a", "city", "DE", "2024", f64(80), f64(70), nil),
		fakeResult(fw, "b", "city", "DE", "2024", f64(60), f64(50), f64(90)),
		fakeResult(fw, "c", "city", "AT", "2024", f64(80), f64(90), f64(70)),
		fakeResult(fw, "d", "", "DE", "2024", nil),
		fakeResult(fw, "a", "city", "DE", "2022", f64(50), f64(40), f64(60)),
	}
	c := assess.Compare(fw, results, assess.CompareOptions{MinGroup: 3})
	order := ""
	for _, e := range c.Entries {
		order += e.Region.ID + e.Period[2:] + " "
	}
	if order != "a22 a24 b24 c24 d24 e24 " {
		t.Errorf("order %s", order)
	}
	// 2024: a and c tie at 80 (rank 1), b 3rd, e 4th, d unranked; 2022: a alone.
	wantRanks := []any{1, 1, 3, 1, nil, 4}
	for i, w := range wantRanks {
		got := c.Ranks[i]
		if (w == nil) != (got == nil) || (got != nil && *got != w.(int)) {
			t.Errorf("%s %s: rank %v, want %v", c.Entries[i].Region.ID, c.Entries[i].Period, got, w)
		}
	}
	// Overall over all five scored assessments: 50, 80, 60, 80, 40.
	st := c.Statistics[assess.OverallNode]
	if st.N != 5 || *st.Mean != 62 || *st.Median != 60 || *st.Q1 != 50 || *st.Q3 != 80 || *st.Min != 40 || *st.Max != 80 {
		t.Errorf("overall statistics n %d mean %v median %v q1 %v q3 %v", st.N, *st.Mean, *st.Median, *st.Q1, *st.Q3)
	}
	// Area B: 60, 90, 70 (a 2024 has none).
	if st := c.Statistics["B"]; st.N != 3 || math.Abs(*st.Mean-220.0/3) > 1e-12 {
		t.Errorf("B statistics %+v", st)
	}
	// Peer groups: city has a (twice), b, c = 4 members; rural has 1 and is
	// suppressed; d has no group.
	if len(c.Groups) != 2 || c.Groups[0].Name != "city" || len(c.Groups[0].Members) != 4 || c.Groups[0].Suppressed ||
		c.Groups[1].Name != "rural" || !c.Groups[1].Suppressed || c.Groups[1].Stats != nil {
		t.Fatalf("groups %+v", c.Groups)
	}
	// City overall mean (50+80+60+80)/4 = 67.5; b is 60 - 67.5 = -7.5.
	if d := c.GroupDiff(2, assess.OverallNode); d == nil || *d != -7.5 {
		t.Errorf("b's difference to its group %v", d)
	}
	if d := c.GroupDiff(5, assess.OverallNode); d != nil {
		t.Errorf("e is in a suppressed group, got difference %v", *d)
	}
	if d := c.GroupDiff(4, assess.OverallNode); d != nil {
		t.Errorf("d has no group, got difference %v", *d)
	}
	// Trend: a from 2022 (50; A 40, B 60) to 2024 (80; A 70, B none).
	if len(c.Trends) != 1 {
		t.Fatalf("trends %+v", c.Trends)
	}
	tr := c.Trends[0]
	if tr.Region != "a" || tr.From != "2022" || tr.To != "2024" || *tr.Delta[assess.OverallNode] != 30 || *tr.Delta["A"] != 30 || tr.Delta["B"] != nil {
		t.Errorf("trend %+v", tr)
	}

	byCountry := assess.Compare(fw, results, assess.CompareOptions{GroupBy: assess.ByCountry, MinGroup: 1})
	var names []string
	for _, g := range byCountry.Groups {
		names = append(names, g.Name)
	}
	if len(names) != 3 || names[0] != "AT" || names[1] != "DE" || names[2] != "SE" || len(byCountry.Groups[1].Members) != 4 {
		t.Errorf("country groups %v", byCountry.Groups)
	}
}
