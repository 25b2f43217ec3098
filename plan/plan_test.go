package plan_test

import (
	"testing"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/plan"
)

func TestSamplePlanLoads(t *testing.T) {
	p, err := plan.Load("../testdata/plans/lake-constance.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fw, err := framework.Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Check(fw); err != nil {
		t.Fatal(err)
	}
	if len(p.Targets) != 5 || len(p.Actions) != 5 || p.Status != plan.Agreed {
		t.Errorf("%d targets, %d actions, status %s", len(p.Targets), len(p.Actions), p.Status)
	}
}
