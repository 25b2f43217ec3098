package assess

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/r3l/r3l/plan"
)

// PlanFor is the plan among plans that covers a result: a plan for its
// region and framework whose baseline period lies before the result's
// period and whose target period is not after it (periods ordered as
// texts). Two plans covering one result are an error.
func PlanFor(r *Result, plans []*plan.Plan) (*plan.Plan, error) {
	var found *plan.Plan
	for _, p := range plans {
		if p.Region.ID != r.Region.ID || p.Framework != r.Framework.ID || p.Baseline >= r.Period || p.TargetPeriod < r.Period {
			continue
		}
		if found != nil {
			return nil, fmt.Errorf("%s and %s both cover %s %s: give one plan per region and period", found.Path, p.Path, r.Region.ID, r.Period)
		}
		found = p
	}
	return found, nil
}

// ApplyPlans sets on every result the plan that covers it (PlanFor). What
// fails is returned by where it lies: a plan that cannot be applied (it
// does not fit the framework, say) once, by its path; two plans covering
// one result by the result's "region/period". Those results keep no
// targets.
func ApplyPlans(results []*Result, plans []*plan.Plan, today time.Time) map[string]error {
	failed := map[string]error{}
	for _, r := range results {
		p, err := PlanFor(r, plans)
		if err != nil {
			failed[r.Region.ID+"/"+r.Period] = err
			continue
		}
		if p == nil || failed[p.Path] != nil {
			continue
		}
		if err := ApplyPlan(r, p, today); err != nil {
			failed[p.Path] = err
		}
	}
	return failed
}

// ChainBaselines gives every result the change since the latest earlier
// period of the same region and framework among results, where there is
// one: a batch over several years shows each year's progress.
func ChainBaselines(results []*Result) {
	byRegion := map[[2]string][]*Result{}
	for _, r := range results {
		key := [2]string{r.Framework.ID, r.Region.ID}
		byRegion[key] = append(byRegion[key], r)
	}
	for _, rs := range byRegion {
		slices.SortStableFunc(rs, func(a, b *Result) int { return cmp.Compare(a.Period, b.Period) })
		for i := 1; i < len(rs); i++ {
			if rs[i-1].Period < rs[i].Period {
				// Same region, framework and an earlier period: cannot fail.
				_ = ApplyBaseline(rs[i], BaselineOf(rs[i-1], rs[i-1].Region.ID+"/"+rs[i-1].Period))
			}
		}
	}
}
