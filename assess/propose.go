package assess

import (
	"cmp"
	"math"
	"slices"

	"github.com/r3l/r3l/framework"
)

// Reasons a criterion is proposed as a focus (docs/reference.md §7.2).
const (
	ReasonLowScore     = "low-score"    // among the lowest quarter of the scored criteria
	ReasonPriority     = "priority"     // among the three with most priority points
	ReasonDisagreement = "disagreement" // respondents disagree on an indicator
	ReasonCoverage     = "coverage"     // fewer than 3 in 4 applicable indicators answered
	ReasonFall         = "fall"         // fell since the baseline, beyond noise
)

// Reason is why a criterion is proposed, with the numbers that show it.
type Reason struct {
	Kind string
	// low-score: the criterion's score, its place from the bottom among
	// Of scored criteria, and the overall score.
	// priority: the points, the place among Of criteria with points.
	// disagreement: Count indicators of Of.
	// coverage: Count answered of Of applicable.
	// fall: Value is the change, Period the baseline's.
	Value   float64
	Count   int
	Of      int
	Overall *float64
	Period  string
}

// Proposal is a criterion proposed as a focus, with a proposed target.
type Proposal struct {
	Criterion *CriterionResult
	Reasons   []Reason
	// Target is the proposed score: the lowest of the next maturity band
	// above the criterion's score (above the overall score for a
	// criterion without one), or 10 points more, up to 100, without
	// bands.
	Target float64
	Level  *framework.Band // the band of Target; nil without bands
}

// DefaultFocus is how many focus criteria a proposal names: SELFIE's advice
// of two or three, CAF's few improvement actions.
const DefaultFocus = 3

// Propose proposes up to focus criteria for the partners to work on, with
// the reasons for each and a target. Criteria with more reasons come
// first, then lower scores (no score first), then those with more
// priority points, then framework order. The result's Change (ApplyBaseline)
// adds falls beyond noise to the reasons.
func Propose(r *Result, focus int) []Proposal {
	var all []*CriterionResult
	for ai := range r.Areas {
		for ci := range r.Areas[ai].Criteria {
			all = append(all, &r.Areas[ai].Criteria[ci])
		}
	}
	low, scored := lowestQuarter(all)
	points, topPoints, withPoints := priorityPlaces(r)
	var out []Proposal
	for _, c := range all {
		var reasons []Reason
		if place, ok := low[c]; ok {
			reasons = append(reasons, Reason{Kind: ReasonLowScore, Value: *c.Score, Count: place, Of: scored, Overall: r.Score})
		}
		if p := points[c.Criterion]; p.Points > 0 && p.Points >= topPoints {
			reasons = append(reasons, Reason{Kind: ReasonPriority, Value: float64(p.Points), Count: p.place, Of: withPoints})
		}
		if n := disagreements(c); n > 0 {
			reasons = append(reasons, Reason{Kind: ReasonDisagreement, Count: n, Of: len(c.Indicators)})
		}
		if c.Status != NA && c.Answered.Applicable > 0 && 4*c.Answered.Scored < 3*c.Answered.Applicable {
			reasons = append(reasons, Reason{Kind: ReasonCoverage, Count: c.Answered.Scored, Of: c.Answered.Applicable})
		}
		if ch := c.Change; ch != nil && ch.Delta != nil && *ch.Delta < 0 && !ch.Noise {
			reasons = append(reasons, Reason{Kind: ReasonFall, Value: *ch.Delta, Period: ch.Period})
		}
		if len(reasons) == 0 {
			continue
		}
		t := proposedTarget(r, c.Node)
		out = append(out, Proposal{Criterion: c, Reasons: reasons, Target: t, Level: r.Framework.Level(t)})
	}
	slices.SortStableFunc(out, func(a, b Proposal) int {
		return cmp.Or(
			cmp.Compare(len(b.Reasons), len(a.Reasons)),
			cmp.Compare(scoreOrMinusOne(a.Criterion.Node), scoreOrMinusOne(b.Criterion.Node)),
			cmp.Compare(points[b.Criterion.Criterion].Points, points[a.Criterion.Criterion].Points),
		)
	})
	return out[:min(focus, len(out))]
}

func scoreOrMinusOne(n Node) float64 {
	if n.Score == nil {
		return -1
	}
	return *n.Score
}

// lowestQuarter returns the scored criteria among the lowest quarter
// (rounded up) by score, with their place from the bottom, and how many
// criteria have a score; criteria tied with the last of the quarter are in
// it too.
func lowestQuarter(all []*CriterionResult) (map[*CriterionResult]int, int) {
	var scored []*CriterionResult
	for _, c := range all {
		if c.Status == Scored {
			scored = append(scored, c)
		}
	}
	slices.SortStableFunc(scored, func(a, b *CriterionResult) int { return cmp.Compare(*a.Score, *b.Score) })
	out := map[*CriterionResult]int{}
	if len(scored) == 0 {
		return out, 0
	}
	cut := *scored[(len(scored)+3)/4-1].Score
	for i, c := range scored {
		if *c.Score > cut {
			break
		}
		out[c] = i + 1
	}
	return out, len(scored)
}

type placedPriority struct {
	Points, place int
}

// priorityPlaces returns each criterion's points and place among those
// ranked, the points of the third place (ties share it), and how many
// criteria received points.
func priorityPlaces(r *Result) (map[*framework.Criterion]placedPriority, int, int) {
	out := map[*framework.Criterion]placedPriority{}
	for i, p := range r.Priorities { // highest first
		place := i + 1
		if i > 0 && p.Points == r.Priorities[i-1].Points {
			place = out[r.Priorities[i-1].Criterion].place
		}
		out[p.Criterion] = placedPriority{Points: p.Points, place: place}
	}
	top := math.MaxInt
	if n := len(r.Priorities); n > 0 {
		top = r.Priorities[min(3, n)-1].Points
	}
	return out, top, len(r.Priorities)
}

func disagreements(c *CriterionResult) int {
	n := 0
	for _, ind := range c.Indicators {
		if ind.Disagreement {
			n++
		}
	}
	return n
}

// proposedTarget is the lowest score of the next maturity band above the
// node's score (or above the overall score when the node has none); 10
// points more, up to 100, when the framework has no bands.
func proposedTarget(r *Result, n Node) float64 {
	from := n.Score
	if from == nil {
		from = r.Score
	}
	cur := 0.0
	if from != nil {
		cur = *from
	}
	if len(r.Framework.Maturity) == 0 {
		return math.Min(100, math.Round(cur)+10)
	}
	for _, b := range r.Framework.Maturity {
		if b.From > cur {
			return b.From
		}
	}
	return r.Framework.Maturity[len(r.Framework.Maturity)-1].From
}
