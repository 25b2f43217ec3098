package assess

import (
	"fmt"
	"time"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/plan"
)

// Target is a plan's target for a node set against the node's score
// (docs/reference.md §7.3).
type Target struct {
	Score float64         // the score aimed for: the plan's, or its level's lowest
	Level *framework.Band // the maturity band of Score; nil without bands
	// Gap is Score minus the node's score: what is still to go, negative
	// when the target is passed. nil when the node has no score.
	Gap *float64
	Met bool // the node has a score and it reaches Score
	// Plan is the target as the plan states it.
	Plan *plan.Target
}

// PlanStatus is a plan as the report of one assessment shows it.
type PlanStatus struct {
	Plan *plan.Plan
	// Today is the day the report was made, which decides what is overdue.
	Today time.Time
	// Overdue are the actions due before Today that are neither done nor
	// dropped, in file order.
	Overdue []*plan.Action
}

// ApplyPlan sets the target of every node the plan gives one and records
// the plan's actions on the result. The plan must be for the result's
// region and framework (plan.Check).
func ApplyPlan(r *Result, p *plan.Plan, today time.Time) error {
	if p.Region.ID != r.Region.ID {
		return fmt.Errorf("%s: the plan is for region %s, the assessment is of region %s", p.Path, p.Region.ID, r.Region.ID)
	}
	if err := p.Check(r.Framework); err != nil {
		return err
	}
	ps := &PlanStatus{Plan: p, Today: today}
	for i := range p.Actions {
		if p.Actions[i].Overdue(today) {
			ps.Overdue = append(ps.Overdue, &p.Actions[i])
		}
	}
	r.Plan = ps
	for ai := range r.Areas {
		a := &r.Areas[ai]
		a.Target = target(r.Framework, p.Target(a.Area.ID), a.Node)
		for ci := range a.Criteria {
			c := &a.Criteria[ci]
			c.Target = target(r.Framework, p.Target(c.Criterion.ID), c.Node)
		}
	}
	return nil
}

// target sets t against the node n; nil without a target.
func target(fw *framework.Framework, t *plan.Target, n Node) *Target {
	if t == nil {
		return nil
	}
	score, _ := t.TargetScore(fw) // checked by plan.Check
	out := &Target{Score: score, Level: fw.Level(score), Plan: t}
	if n.Status == Scored {
		gap := score - *n.Score
		out.Gap = &gap
		out.Met = *n.Score >= score
	}
	return out
}
