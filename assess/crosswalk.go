package assess

import (
	"github.com/r3l/r3l/crosswalk"
	"github.com/r3l/r3l/framework"
)

// Translation says that a result was scored with another framework and is
// shown on this one through a crosswalk (docs/reference.md §8).
type Translation struct {
	From      *framework.Framework
	Crosswalk *crosswalk.Crosswalk
	// Unmapped are the criteria of the result's framework that the
	// crosswalk gives no source: they have no score.
	Unmapped []string
}

// Translate shows a result on another framework's structure through a
// crosswalk (checked against both frameworks). Each criterion of to takes
// the weighted mean of its sources' scores (criteria or indicators of the
// result's framework) that have one; its coverage is the share of its
// sources' weight with a score, and below the minimum coverage it has
// none. Criteria the crosswalk does not map have no score, so areas and
// the overall score carry the usual coverage of what could be mapped.
// Indicators of to have no scores: they were not asked. What does not
// carry over — strengths, weaknesses, priorities, stakeholder groups — is
// left out; region, period, respondents, inputs and warnings stay.
func Translate(r *Result, to *framework.Framework, cw *crosswalk.Crosswalk) *Result {
	opts := r.Options // the run's, minimum coverage included
	out := &Result{Framework: to, Region: r.Region, Period: r.Period, Respondents: r.Respondents,
		Warnings: r.Warnings, Notes: r.Notes, Missing: r.Missing, Options: opts, Questionnaires: r.Questionnaires}
	out.Translated = &Translation{From: r.Framework, Crosswalk: cw}
	sources := sourceScores(r)
	fl := newFloats(2 * (len(to.Criteria) + len(to.Areas) + 1))
	areaParts := make([]part, len(to.Areas))
	out.Areas = make([]AreaResult, len(to.Areas))
	for ai, area := range to.Areas {
		crits := make([]CriterionResult, len(area.Criteria))
		critParts := make([]part, len(area.Criteria))
		for ci, c := range area.Criteria {
			m := cw.Sources(c.ID)
			if m == nil {
				out.Translated.Unmapped = append(out.Translated.Unmapped, c.ID)
			}
			o := mapped(m, sources, opts.MinCoverage)
			node := Node{Status: Unscored} // floats.node knows no Unscored
			if m != nil {
				node = fl.node(to, o)
			}
			crits[ci] = CriterionResult{Criterion: c, Node: node, Indicators: unasked(c)}
			critParts[ci] = part{weight: c.Weight, status: o.status, score: o.score, answered: o.answered}
		}
		o := combine(critParts, opts.MinCoverage)
		out.Areas[ai] = AreaResult{Area: area, Node: fl.node(to, o), Criteria: crits}
		areaParts[ai] = part{weight: area.Weight, status: o.status, score: o.score, answered: o.answered}
	}
	out.Node = fl.node(to, combine(areaParts, opts.MinCoverage))
	return out
}

// sourceScore is a criterion's or indicator's score and answered count in
// the result a crosswalk maps from.
type sourceScore struct {
	status   Status
	score    float64
	answered Count
}

func sourceScores(r *Result) map[string]sourceScore {
	out := map[string]sourceScore{}
	for _, a := range r.Areas {
		for _, c := range a.Criteria {
			out[c.Criterion.ID] = newSourceScore(c.Status, c.Score, c.Answered)
			for _, ind := range c.Indicators {
				out[ind.Indicator.ID] = newSourceScore(ind.Status, ind.Score, indicatorCount(ind.Status))
			}
		}
	}
	return out
}

func newSourceScore(st Status, score *float64, answered Count) sourceScore {
	s := sourceScore{status: st, answered: answered}
	if st == Scored {
		s.score = *score
	}
	return s
}

// mapped scores a criterion from its sources: their weighted mean, as a
// criterion is scored from its indicators (§4.3). Without a map entry it
// is unscored, with nothing answered and nothing applicable: the
// crosswalk cannot say how much of it applies.
func mapped(m *crosswalk.Map, sources map[string]sourceScore, minCoverage float64) outcome {
	if m == nil {
		return outcome{status: Unscored}
	}
	parts := make([]part, 0, len(m.From))
	for _, s := range m.From {
		src, ok := sources[s.ID]
		if !ok {
			continue // checked by Crosswalk.Check
		}
		parts = append(parts, part{weight: s.Weight, status: src.status, score: src.score, answered: src.answered})
	}
	return combine(parts, minCoverage)
}

// unasked are the indicators of a criterion of a translated result: none
// was asked, so none has a score.
func unasked(c *framework.Criterion) []IndicatorResult {
	out := make([]IndicatorResult, len(c.Indicators))
	for i, ind := range c.Indicators {
		out[i] = IndicatorResult{Indicator: ind, Status: Unscored}
	}
	return out
}

// Mapped counts the criteria of a translated result's framework that the
// crosswalk maps: all but the unmapped.
func (t *Translation) Mapped(fw *framework.Framework) int { return len(fw.Criteria) - len(t.Unmapped) }
