package report

import (
	"testing"
	"time"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/plan"
)

// planDay is the day the sample reports against a plan are made: after
// the plan's target period, so that its unfinished actions are overdue.
var planDay = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// samplePlanned is Lake Constance 2024 against its 2022 baseline and its
// plan (testdata/plans/lake-constance.yaml), as `r3l assess --baseline
// testdata/regions/lake-constance-2022 --plan testdata/plans/lake-constance.yaml
// testdata/regions/lake-constance` reports it.
func samplePlanned(t testing.TB) *assess.Result {
	t.Helper()
	r := sample(t, "lake-constance")
	base := sample(t, "lake-constance-2022")
	if err := assess.ApplyBaseline(r, assess.BaselineOf(base, "lake-constance-2022")); err != nil {
		t.Fatal(err)
	}
	p, err := plan.Load("../testdata/plans/lake-constance.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := assess.ApplyPlan(r, p, planDay); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSamplePlanned(t *testing.T) {
	r := samplePlanned(t)
	c1 := r.Areas[2].Criteria[0]
	if c1.Criterion.ID != "C1" || c1.Target == nil || c1.Change == nil {
		t.Fatalf("C1: %+v", c1)
	}
	// C1: 26.4 in 2024 against the level implementing (30): 3.6 to go.
	if got := *c1.Target.Gap; got < 3.5 || got > 3.7 || c1.Target.Met {
		t.Errorf("C1 gap %.2f, met %v", got, c1.Target.Met)
	}
	// Due 2024-12 and only planned: overdue on 2025-03-01; M2 is running
	// and was due 2024-10.
	var overdue []string
	for _, a := range r.Plan.Overdue {
		overdue = append(overdue, a.ID)
	}
	if len(overdue) != 2 || overdue[0] != "M2" || overdue[1] != "R1" {
		t.Errorf("overdue %v", overdue)
	}
}
