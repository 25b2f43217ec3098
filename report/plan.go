package report

import (
	"slices"
	"strings"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/plan"
)

// Progress and plan: what the writers of one assessment share to show
// its change since a baseline (assess.ApplyBaseline) and its plan
// (assess.ApplyPlan). The numbers — change, noise, gap, met — are on the
// result's nodes; the writers only show them.

// noiseMark marks a change within noise (the legend, noiseLegend, says
// what it means).
const noiseMark = "~"

// change is a node's change since the baseline, "+18.8", marked "~+10.0"
// when it is within noise; "–" without one.
func (s style) change(c *assess.Change) string {
	if c == nil || c.Delta == nil {
		return "–"
	}
	if c.Noise {
		return noiseMark + s.delta(c.Delta)
	}
	return s.delta(c.Delta)
}

// changeHeader heads the column of changes: "Δ 2022".
func changeHeader(r *assess.Result) string { return "Δ " + r.Baseline.Period }

// headlineChange is the overall change for the headline, "+12.4 since
// 2022", or "" without one.
func (s style) headlineChange(n assess.Node) string {
	if n.Change == nil || n.Change.Delta == nil {
		return ""
	}
	return s.p.Sprintf(s.t("change.since"), s.change(n.Change), n.Change.Period)
}

// baselineLine names the baseline: "Baseline: 2022 (3 respondents)".
func (s style) baselineLine(r *assess.Result) string {
	return s.t("baseline") + ": " + s.baselineOf(r)
}

// baselineOf is "2022 (3 respondents)".
func (s style) baselineOf(r *assess.Result) string {
	return s.p.Sprintf(s.t("baseline.of"), r.Baseline.Period, r.Baseline.Respondents)
}

// noiseLegend explains the mark of changes within noise.
func (s style) noiseLegend() string { return s.t("noise.legend") }

// targetRow is a node the plan gives a target, as the reports list it.
type targetRow struct {
	ID, Title string
	Area      bool
	Node      assess.Node
	Target    *assess.Target
}

// targetRows lists the nodes with a target in framework order, each area
// before its criteria.
func targetRows(r *assess.Result, lang string) []targetRow {
	var out []targetRow
	for _, a := range r.Areas {
		if a.Target != nil {
			out = append(out, targetRow{ID: a.Area.ID, Title: a.Area.Title.Get(lang), Area: true, Node: a.Node, Target: a.Target})
		}
		for _, c := range a.Criteria {
			if c.Target != nil {
				out = append(out, targetRow{ID: c.Criterion.ID, Title: c.Criterion.Title.Get(lang), Node: c.Node, Target: c.Target})
			}
		}
	}
	return out
}

// targetsMet counts the targets met and all targets.
func targetsMet(rows []targetRow) (met, all int) {
	for _, t := range rows {
		if t.Target.Met {
			met++
		}
	}
	return met, len(rows)
}

// targetsMetLine is "Targets met: 4 of 5".
func (s style) targetsMetLine(rows []targetRow) string {
	met, all := targetsMet(rows)
	return s.p.Sprintf(s.t("targets.met"), met, all)
}

// targetScore is a target's score, "30.0".
func (s style) targetScore(t *assess.Target) string { return s.fixed(t.Score, 1) }

// targetLevel is the maturity level of a target's score, or "".
func (s style) targetLevel(t *assess.Target) string {
	if t.Level == nil {
		return ""
	}
	return t.Level.Label.Get(s.Lang)
}

// targetText is a target's score with its level: "30.0 (Implementing)".
func (s style) targetText(t *assess.Target) string {
	if lvl := s.targetLevel(t); lvl != "" {
		return s.targetScore(t) + " (" + lvl + ")"
	}
	return s.targetScore(t)
}

// gap is what is still to go to a target, "3.6", negative when passed;
// "–" for a node without a score.
func (s style) gap(t *assess.Target) string { return s.score(t.Gap) }

// met is "yes" or "no".
func (s style) met(t *assess.Target) string {
	if t.Met {
		return s.t("yes")
	}
	return s.t("no")
}

// actionStatus is an action's status in the report's language.
func (s style) actionStatus(a *plan.Action) string { return s.t("action." + a.Status) }

// actionRefs are the actions serving a node, "M1 done".
func (s style) actionRefs(r *assess.Result, id string) []string {
	var out []string
	for _, a := range r.Plan.Plan.ActionsFor(r.Framework, id) {
		out = append(out, a.ID+" "+s.actionStatus(a))
	}
	return out
}

// overdue reports whether the plan's action is overdue.
func overdue(r *assess.Result, a *plan.Action) bool { return slices.Contains(r.Plan.Overdue, a) }

// overdueLine is "Overdue actions: M2, R1", or "… none".
func (s style) overdueLine(r *assess.Result) string {
	ids := make([]string, len(r.Plan.Overdue))
	for i, a := range r.Plan.Overdue {
		ids[i] = a.ID
	}
	list := strings.Join(ids, ", ")
	if list == "" {
		list = s.t("none")
	}
	return s.p.Sprintf(s.t("overdue.line"), list)
}

// planTitle heads the plan: "Plan", or for a draft the note that the
// partners have not agreed it.
func (s style) planTitle(r *assess.Result) string {
	if r.Plan.Plan.Status == plan.Draft {
		return s.t("plan.draft")
	}
	return s.t("plan")
}

// planSpan says what the plan spans and the day its actions are seen
// from.
func (s style) planSpan(r *assess.Result) string {
	p := r.Plan.Plan
	return s.p.Sprintf(s.t("plan.span"), p.TargetPeriod, p.Baseline, r.Plan.Today.Format("2006-01-02"))
}

// planSummary is the plan in one line, for the one-screen view: its
// draft status, the targets met and the overdue actions.
func (s style) planSummary(r *assess.Result) string {
	parts := []string{s.targetsMetLine(targetRows(r, s.Lang)), s.overdueLine(r)}
	if r.Plan.Plan.Status == plan.Draft {
		parts = append([]string{s.t("plan.draft")}, parts...)
	}
	return strings.Join(parts, " · ")
}

// criteriaList is an action's criteria, "C1, C2".
func criteriaList(a *plan.Action) string { return strings.Join(a.Criteria, ", ") }
