// Package plan is a region's improvement plan (docs/reference.md §7):
// targets for criteria and areas between a baseline and a target period,
// and the actions the partners agreed to reach them. It loads plan files
// strictly, with every problem at its position, and checks them against a
// framework.
package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/yamlx"
)

// Schema is the value a plan file's `schema` key must hold.
const Schema = "r3l.plan/v1"

// MaxSize caps a plan file: a plan for 5,000 criteria with ten actions
// each stays far below it.
const MaxSize = 4 << 20

// Statuses of a plan: a draft is r3l's proposal, which the partners turn
// into an agreed plan.
const (
	Draft  = "draft"
	Agreed = "agreed"
)

// PlanStatuses are the statuses a plan may have, in the order of its life.
var PlanStatuses = []string{Draft, Agreed}

// Statuses of an action.
const (
	Planned = "planned"
	Running = "running"
	Done    = "done"
	Dropped = "dropped"
)

// ActionStatuses are the statuses an action may have, in the order of its
// life.
var ActionStatuses = []string{Planned, Running, Done, Dropped}

// Plan is one region's plan from a baseline period to a target period.
type Plan struct {
	Path             string
	Status           string // Draft or Agreed
	Framework        string // framework id
	FrameworkVersion string // empty: any version
	Region           Region
	Baseline         string // period of the assessment the plan starts from
	TargetPeriod     string // period by which the targets are to be met
	Targets          []Target
	Actions          []Action
}

// Region names the region a plan is for.
type Region struct {
	ID, Name string
}

// Target is what the partners aim for in one criterion or area: a score
// or a maturity level (one of the two).
type Target struct {
	ID    string   // criterion or area id
	Score *float64 // 0–100
	Level string   // a maturity band's id
	// Why are the reasons the criterion was chosen, as the proposal gave
	// them or the partners wrote them.
	Why []string
	Pos yamlx.Pos
}

// Action is one thing the partners will do.
type Action struct {
	ID       string
	Title    string
	Criteria []string // the criteria it serves
	Lead     string   // lead partner
	Start    Date
	Due      Date
	Status   string
	Evidence string // what will show it was done
	Pos      yamlx.Pos
}

// Date is a day, a month or a year, as plans name them ("2024-06-30",
// "2024-06", "2024"); the zero Date is no date.
type Date struct {
	Text string
	// Last is the last day the text names (2024-06 → 2024-06-30), the day
	// by which something due then is late after.
	Last time.Time
}

// ParseDate reads YYYY-MM-DD, YYYY-MM or YYYY.
func ParseDate(s string) (Date, error) {
	for _, f := range []struct {
		layout string
		years  int
		months int
		days   int
	}{{"2006-01-02", 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
		if len(s) != len(f.layout) {
			continue
		}
		t, err := time.Parse(f.layout, s)
		if err != nil {
			continue
		}
		return Date{Text: s, Last: t.AddDate(f.years, f.months, f.days).Add(-time.Nanosecond)}, nil
	}
	return Date{}, fmt.Errorf("%q is not a date: write YYYY-MM-DD, YYYY-MM or YYYY", yamlx.Shorten(s, 40))
}

// IsZero reports whether d is no date.
func (d Date) IsZero() bool { return d.Text == "" }

// Overdue reports whether the action was due before today and is neither
// done nor dropped.
func (a *Action) Overdue(today time.Time) bool {
	if a.Due.IsZero() || a.Status == Done || a.Status == Dropped {
		return false
	}
	return a.Due.Last.Before(today)
}

// Serves reports whether the action serves the criterion with the id.
func (a *Action) Serves(id string) bool { return slices.Contains(a.Criteria, id) }

// Target returns the target for the criterion or area with the id, or nil.
func (p *Plan) Target(id string) *Target {
	for i := range p.Targets {
		if p.Targets[i].ID == id {
			return &p.Targets[i]
		}
	}
	return nil
}

// ActionsFor returns the actions serving the criterion with the id, in
// file order; for an area, those serving any of its criteria.
func (p *Plan) ActionsFor(fw *framework.Framework, id string) []*Action {
	ids := []string{id}
	if a := fw.Area(id); a != nil {
		ids = ids[:0]
		for _, c := range a.Criteria {
			ids = append(ids, c.ID)
		}
	}
	var out []*Action
	for i := range p.Actions {
		if slices.ContainsFunc(ids, p.Actions[i].Serves) {
			out = append(out, &p.Actions[i])
		}
	}
	return out
}

// TargetScore is the score a target asks for: its score, or the lowest
// score of its maturity level. ok is false for a level the framework does
// not have.
func (t *Target) TargetScore(fw *framework.Framework) (score float64, ok bool) {
	if t.Score != nil {
		return *t.Score, true
	}
	for _, b := range fw.Maturity {
		if b.ID == t.Level {
			return b.From, true
		}
	}
	return 0, false
}

// Check checks the plan against the framework its assessments use: the
// framework's id, the targets' and actions' criteria and areas, the
// maturity levels. Every problem is returned at once, at its position.
func (p *Plan) Check(fw *framework.Framework) error {
	var ps yamlx.Problems
	at := func(pos yamlx.Pos, format string, args ...any) {
		ps = append(ps, pos.Problem(fmt.Sprintf(format, args...)))
	}
	if p.Framework != fw.ID {
		ps = append(ps, yamlx.Problem{Path: p.Path, Msg: fmt.Sprintf("the plan is for framework %s, the assessment uses %s", p.Framework, fw.ID)})
		return ps.Err()
	}
	if p.FrameworkVersion != "" && p.FrameworkVersion != fw.Version {
		ps = append(ps, yamlx.Problem{Path: p.Path, Msg: fmt.Sprintf("the plan is for version %s of framework %s, the assessment uses version %s", p.FrameworkVersion, fw.ID, fw.Version)})
	}
	for _, t := range p.Targets {
		if fw.Criterion(t.ID) == nil && fw.Area(t.ID) == nil {
			at(t.Pos, "framework %s has no criterion or area %q%s", fw.ID, t.ID, closestNode(fw, t.ID))
		}
		if t.Level != "" {
			if _, ok := t.TargetScore(fw); !ok {
				at(t.Pos, "target %s: framework %s has no maturity level %q (%s)", t.ID, fw.ID, t.Level, levels(fw))
			}
		}
	}
	for _, a := range p.Actions {
		for _, id := range a.Criteria {
			if fw.Criterion(id) == nil {
				at(a.Pos, "action %s: framework %s has no criterion %q%s", a.ID, fw.ID, id, closestNode(fw, id))
			}
		}
	}
	return ps.Err()
}

// levels lists the framework's maturity levels for a message.
func levels(fw *framework.Framework) string {
	if len(fw.Maturity) == 0 {
		return "it has none: give a score instead"
	}
	ids := make([]string, len(fw.Maturity))
	for i, b := range fw.Maturity {
		ids[i] = b.ID
	}
	return "one of " + strings.Join(ids, ", ")
}

// closestNode suggests the criterion or area id closest to a misspelt one.
func closestNode(fw *framework.Framework, id string) string {
	var ids []string
	for _, a := range fw.Areas {
		ids = append(ids, a.ID)
	}
	for _, c := range fw.Criteria {
		ids = append(ids, c.ID)
	}
	if c := yamlx.Closest(id, ids); c != "" {
		return fmt.Sprintf(" (did you mean %s?)", c)
	}
	return ""
}
