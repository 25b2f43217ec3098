package assess

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/r3l/r3l/framework"
)

// Status of a scored node (docs/reference.md §4.2, §4.3).
type Status string

// Statuses. A node without a score never reports 0: it has one of the
// statuses other than Scored and a nil score.
const (
	Scored       Status = "scored"
	NA           Status = "na"
	Insufficient Status = "insufficient"
	Unscored     Status = "unscored"
	// Suppressed is a stakeholder group too small to show: its scores
	// would show its few respondents' answers.
	Suppressed Status = "suppressed"
)

// Aggregations of respondents' scores.
const (
	Mean   = "mean"
	Median = "median"
)

// DefaultDisagreement is the standard deviation from which respondents are
// said to disagree on an indicator.
const DefaultDisagreement = 25.0

// Options tune scoring.
type Options struct {
	Aggregate    string  // Mean (default) or Median
	MinCoverage  float64 // 0: the framework's min_coverage
	Disagreement float64 // 0: DefaultDisagreement
	// MinRole is the smallest stakeholder group whose scores are shown;
	// smaller groups are Suppressed (0: DefaultMinRole).
	MinRole int
	// Anonymous removes from the result what tells respondents apart:
	// their ids, their files' paths (Questionnaire.Path becomes "input
	// N") and the roles of groups smaller than MinRole (merged into
	// OtherRole). Writers then show no answer by respondent.
	Anonymous bool
}

// DefaultMinRole is the smallest stakeholder group shown by default: in a
// group of two, each member can read the other's answers off the group's
// scores.
const DefaultMinRole = 3

// OtherRole is the stakeholder group of anonymous respondents whose own
// group is smaller than the minimum.
const OtherRole = "other"

func (o Options) withDefaults(fw *framework.Framework) Options {
	if o.Aggregate == "" {
		o.Aggregate = Mean
	}
	if o.MinCoverage == 0 {
		o.MinCoverage = fw.MinCoverage
	}
	if o.Disagreement == 0 {
		o.Disagreement = DefaultDisagreement
	}
	if o.MinRole == 0 {
		o.MinRole = DefaultMinRole
	}
	return o
}

// Node is the score of an area, criterion or the whole assessment.
type Node struct {
	Status Status
	Score  *float64
	// Coverage is the share of the node's applicable weight (its
	// children's) that has a score; nil when the node is not applicable.
	Coverage *float64
	Level    *framework.Band
	// Answered counts the indicators under the node: how many of the
	// applicable ones have a score.
	Answered Count
	// Spread is how far the respondents' own scores of the node lie apart
	// (areas, criteria and overall only).
	Spread Spread
	// Target is the plan's target for the node, when a plan gives one
	// (ApplyPlan).
	Target *Target
	// Change is the change since a baseline assessment (ApplyBaseline).
	Change *Change
}

// Count is how many of the applicable indicators under a node were
// answered: rated by at least one respondent ("don't know" is no rating).
// An indicator is applicable unless nobody rated it and someone said it
// does not apply.
type Count struct {
	Scored     int
	Applicable int
}

// indicatorCount is one indicator's part in a Count.
func indicatorCount(st Status) Count {
	switch st {
	case Scored:
		return Count{Scored: 1, Applicable: 1}
	case NA:
		return Count{}
	}
	return Count{Applicable: 1}
}

// IndicatorResult is an indicator scored over all respondents.
type IndicatorResult struct {
	Indicator *framework.Indicator
	Status    Status
	Score     *float64
	Level     *framework.Band
	SD        *float64
	Min, Max  *float64
	// The counts of respondents are int32 and Disagreement sits in their
	// padding: batch runs keep the indicators of thousands of results in
	// memory (88 bytes each rather than 112).
	N            int32 // respondents who scored it
	NA, DK       int32 // respondents who answered na, dk
	Unanswered   int32 // respondents who left it out
	Disagreement bool
}

// CriterionResult is a criterion's score and its indicators'.
type CriterionResult struct {
	Criterion *framework.Criterion
	Node
	Indicators []IndicatorResult
}

// AreaResult is an area's score and its criteria's.
type AreaResult struct {
	Area *framework.Area
	Node
	Criteria []CriterionResult
}

// Priority is the rank points one criterion received (docs/reference.md §4.7).
type Priority struct {
	Criterion *framework.Criterion
	Points    int
	Ranks     []int // times ranked 1st, 2nd, ...
}

// ClusterPriority is the rank points summed over a cluster's criteria.
type ClusterPriority struct {
	Cluster framework.Text
	Points  int
}

// RoleResult is the assessment scored from one stakeholder group alone.
type RoleResult struct {
	Role        string
	Respondents int
	Node        // Suppressed, without scores, below Options.MinRole
	Areas       []RoleArea
}

// RoleArea is one area's score within a stakeholder group.
type RoleArea struct {
	Area *framework.Area
	Node
}

// Result is a scored assessment.
type Result struct {
	Framework   *framework.Framework
	Region      Region
	Period      string
	Respondents int
	Node        // overall
	Areas       []AreaResult
	Strengths   []*IndicatorResult
	Weaknesses  []*IndicatorResult
	Priorities  []Priority
	Clusters    []ClusterPriority
	Roles       []RoleResult
	// Warnings are the notes' messages, as reports list them.
	Warnings []string
	// Notes are the assessment's warnings, each about one file.
	Notes []Warning
	// Missing are files of the assessment that could not be used: the
	// result is incomplete without them.
	Missing        []string
	Options        Options
	Questionnaires []*Questionnaire
	// Plan is the plan the result is reported against (ApplyPlan).
	Plan *PlanStatus
	// Baseline is the earlier assessment the result is compared with
	// (ApplyBaseline).
	Baseline *Baseline
	// Translated is set on a result scored with another framework and
	// shown on this one through a crosswalk (Translate).
	Translated *Translation
}

// UnspecifiedRole is the stakeholder group of respondents without a role.
const UnspecifiedRole = "unspecified"

// Score scores the questionnaires of one assessment against fw. It assumes
// the questionnaires were loaded against fw.
func Score(fw *framework.Framework, a *Assessment, opts Options) *Result {
	opts = opts.withDefaults(fw)
	qs := a.Questionnaires
	res := &Result{
		Framework:      fw,
		Region:         a.Region,
		Period:         a.Period,
		Respondents:    len(qs),
		Options:        opts,
		Questionnaires: qs,
		Notes:          slices.Clone(a.Warnings),
		Missing:        slices.Clone(a.Missing),
	}
	res.Node, res.Areas = scoreTree(fw, qs, opts)
	spreads(fw, qs, opts, &res.Node, res.Areas)
	res.Strengths, res.Weaknesses = strengthsWeaknesses(res.Areas)
	res.Priorities, res.Clusters = priorities(fw, qs)
	if opts.Anonymous {
		res.anonymise()
	}
	for _, w := range res.Notes {
		res.Warnings = append(res.Warnings, w.Msg)
	}
	res.Roles = roles(fw, res.Questionnaires, opts)
	return res
}

// scoreTree scores every node of the framework from the given respondents.
// The numbers the result points to share one allocation (see floats), and
// the indicators of all criteria one slice.
func scoreTree(fw *framework.Framework, qs []*Questionnaire, opts Options) (Node, []AreaResult) {
	fl := newFloats(4*len(fw.Indicators) + 2*(len(fw.Criteria)+len(fw.Areas)+1))
	areas := make([]AreaResult, len(fw.Areas))
	allCrits := make([]CriterionResult, len(fw.Criteria))
	allInds := make([]IndicatorResult, len(fw.Indicators))
	areaParts := make([]part, len(fw.Areas))
	var critParts, indParts []part
	scores := make([]float64, 0, len(qs))
	for ai, area := range fw.Areas {
		crits := allCrits[:len(area.Criteria):len(area.Criteria)]
		allCrits = allCrits[len(area.Criteria):]
		critParts = critParts[:0]
		for ci, c := range area.Criteria {
			inds := allInds[:len(c.Indicators):len(c.Indicators)]
			allInds = allInds[len(c.Indicators):]
			indParts = indParts[:0]
			for ii, ind := range c.Indicators {
				inds[ii] = scoreIndicator(fw, ind, qs, opts, scores[:0], fl)
				indParts = append(indParts, newPart(ind.Weight, inds[ii].Status, inds[ii].Score, indicatorCount(inds[ii].Status)))
			}
			crits[ci] = CriterionResult{Criterion: c, Node: fl.node(fw, combine(indParts, opts.MinCoverage)), Indicators: inds}
			critParts = append(critParts, newPart(c.Weight, crits[ci].Status, crits[ci].Score, crits[ci].Answered))
		}
		areas[ai] = AreaResult{Area: area, Node: fl.node(fw, combine(critParts, opts.MinCoverage)), Criteria: crits}
		areaParts[ai] = newPart(area.Weight, areas[ai].Status, areas[ai].Score, areas[ai].Answered)
	}
	return fl.node(fw, combine(areaParts, opts.MinCoverage)), areas
}

// floats hands out pointers to numbers from shared chunks, so that a
// result's scores cost one allocation rather than one each. A chunk is
// never grown in place: pointers into it stay valid.
type floats struct{ buf []float64 }

func newFloats(n int) *floats { return &floats{buf: make([]float64, 0, n)} }

func (f *floats) ptr(v float64) *float64 {
	if len(f.buf) == cap(f.buf) {
		f.buf = make([]float64, 0, max(64, cap(f.buf)))
	}
	f.buf = append(f.buf, v)
	return &f.buf[len(f.buf)-1]
}

// node turns a combined outcome into a Node.
func (f *floats) node(fw *framework.Framework, o outcome) Node {
	switch o.status {
	case NA:
		return Node{Status: NA, Answered: o.answered}
	case Insufficient:
		return Node{Status: Insufficient, Coverage: f.ptr(o.coverage), Answered: o.answered}
	}
	return Node{Status: Scored, Score: f.ptr(o.score), Coverage: f.ptr(o.coverage), Level: fw.Level(o.score), Answered: o.answered}
}

func scoreIndicator(fw *framework.Framework, ind *framework.Indicator, qs []*Questionnaire, opts Options, scores []float64, fl *floats) IndicatorResult {
	r := IndicatorResult{Indicator: ind}
	var st indicatorStats
	r.Status, st = indicatorScore(ind, qs, opts, scores, &r)
	if r.Status != Scored {
		return r
	}
	r.Score, r.SD, r.Min, r.Max = fl.ptr(st.score), fl.ptr(st.sd), fl.ptr(st.lo), fl.ptr(st.hi)
	r.Disagreement = r.N >= 2 && st.sd >= opts.Disagreement
	r.Level = fw.Level(st.score)
	return r
}

type indicatorStats struct{ score, sd, lo, hi float64 }

// indicatorScore aggregates the respondents' answers to one indicator
// (docs/reference.md §4.2). When counts is not nil, it receives N and the na, dk and
// unanswered counts.
func indicatorScore(ind *framework.Indicator, qs []*Questionnaire, opts Options, scores []float64, counts *IndicatorResult) (Status, indicatorStats) {
	var na, dk, unanswered int
	for _, q := range qs {
		a := &q.Answers[ind.Index]
		switch a.Kind {
		case Valued:
			scores = append(scores, ind.Scale.Score(a.Value))
		case NotApplicable:
			na++
		case DontKnow:
			dk++
		default:
			unanswered++
		}
	}
	n := len(scores)
	if counts != nil {
		counts.N, counts.NA, counts.DK, counts.Unanswered = int32(n), int32(na), int32(dk), int32(unanswered)
	}
	switch {
	case n > 0:
	case na > 0:
		return NA, indicatorStats{}
	default:
		return Unscored, indicatorStats{}
	}
	var sum float64
	lo, hi := scores[0], scores[0]
	for _, s := range scores {
		sum += s
		lo, hi = min(lo, s), max(hi, s)
	}
	mean := sum / float64(n)
	var ss float64
	for _, s := range scores {
		ss += (s - mean) * (s - mean)
	}
	st := indicatorStats{score: mean, sd: math.Sqrt(ss / float64(n)), lo: lo, hi: hi}
	if opts.Aggregate == Median {
		st.score = median(scores)
	}
	return Scored, st
}

// median sorts xs in place.
func median(xs []float64) float64 {
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// part is a child node as its parent sees it; score only counts when the
// status is Scored.
type part struct {
	weight   float64
	status   Status
	score    float64
	answered Count
}

func newPart(weight float64, status Status, score *float64, answered Count) part {
	p := part{weight: weight, status: status, answered: answered}
	if status == Scored {
		p.score = *score
	}
	return p
}

// outcome is a parent's status, score and coverage before it becomes a
// Node; score and coverage count only where the status gives them.
type outcome struct {
	status          Status
	score, coverage float64
	answered        Count
}

// combine scores a parent from its children (docs/reference.md §4.3).
func combine(parts []part, minCoverage float64) outcome {
	var applicable, scored, sum float64
	var answered Count
	for _, p := range parts {
		answered.Scored += p.answered.Scored
		answered.Applicable += p.answered.Applicable
		if p.status == NA {
			continue
		}
		applicable += p.weight
		if p.status == Scored {
			scored += p.weight
			sum += p.weight * p.score
		}
	}
	if applicable == 0 {
		return outcome{status: NA, answered: answered}
	}
	coverage := scored / applicable
	if scored == 0 || coverage < minCoverage {
		return outcome{status: Insufficient, coverage: coverage, answered: answered}
	}
	return outcome{status: Scored, score: sum / scored, coverage: coverage, answered: answered}
}

// strengthsWeaknesses picks the three highest and three lowest scored
// indicators, ties in framework order. An indicator is never both: with
// fewer than six scored, the weaknesses take what the strengths left.
func strengthsWeaknesses(areas []AreaResult) (strong, weak []*IndicatorResult) {
	var scored []*IndicatorResult
	for ai := range areas {
		for ci := range areas[ai].Criteria {
			inds := areas[ai].Criteria[ci].Indicators
			for ii := range inds {
				if inds[ii].Status == Scored {
					scored = append(scored, &inds[ii])
				}
			}
		}
	}
	byScore := func(desc bool) func(a, b *IndicatorResult) int {
		return func(a, b *IndicatorResult) int {
			c := cmp.Compare(*a.Score, *b.Score)
			if desc {
				c = -c
			}
			if c != 0 {
				return c
			}
			return cmp.Compare(a.Indicator.Index, b.Indicator.Index)
		}
	}
	high := slices.Clone(scored)
	slices.SortFunc(high, byScore(true))
	strong = slices.Clone(high[:min(3, len(high))]) // not the whole sorted list
	low := slices.Clone(scored)
	slices.SortFunc(low, byScore(false))
	for _, r := range low {
		if len(weak) == 3 {
			break
		}
		if !slices.Contains(strong, r) {
			weak = append(weak, r)
		}
	}
	return strong, weak
}

// priorities sums rank points per criterion and per cluster (docs/reference.md §4.7).
// Criteria come out by points, highest first, ties in framework order;
// clusters likewise. Only criteria and clusters that received points appear.
func priorities(fw *framework.Framework, qs []*Questionnaire) ([]Priority, []ClusterPriority) {
	byCrit := map[*framework.Criterion]*Priority{}
	for _, q := range qs {
		for _, list := range q.Priorities {
			for rank, id := range list {
				c := fw.Criterion(id)
				if c == nil || rank >= len(fw.PriorityPoints) {
					continue // the loader rejects these; scoring stays total
				}
				p := byCrit[c]
				if p == nil {
					p = &Priority{Criterion: c, Ranks: make([]int, len(fw.PriorityPoints))}
					byCrit[c] = p
				}
				p.Points += fw.PriorityPoints[rank]
				p.Ranks[rank]++
			}
		}
	}
	var out []Priority
	var clusters []ClusterPriority
	clusterIdx := map[string]int{}
	for _, c := range fw.Criteria {
		p := byCrit[c]
		if p == nil {
			continue
		}
		out = append(out, *p)
		if c.Cluster == nil {
			continue
		}
		key := c.Cluster.Get("en")
		i, ok := clusterIdx[key]
		if !ok {
			i = len(clusters)
			clusterIdx[key] = i
			clusters = append(clusters, ClusterPriority{Cluster: c.Cluster})
		}
		clusters[i].Points += p.Points
	}
	slices.SortStableFunc(out, func(a, b Priority) int { return cmp.Compare(b.Points, a.Points) })
	slices.SortStableFunc(clusters, func(a, b ClusterPriority) int { return cmp.Compare(b.Points, a.Points) })
	return out, clusters
}

// roles scores the assessment once per stakeholder group (docs/reference.md §4.8),
// groups sorted by name with "unspecified" last.
func roles(fw *framework.Framework, qs []*Questionnaire, opts Options) []RoleResult {
	groups := map[string][]*Questionnaire{}
	for _, q := range qs {
		role := q.Respondent.Role
		if role == "" {
			role = UnspecifiedRole
		}
		groups[role] = append(groups[role], q)
	}
	names := make([]string, 0, len(groups))
	for name := range groups {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		if (a == UnspecifiedRole) != (b == UnspecifiedRole) {
			if a == UnspecifiedRole {
				return 1
			}
			return -1
		}
		return cmp.Compare(a, b)
	})
	out := make([]RoleResult, len(names))
	fl := newFloats(len(names) * 2 * (len(fw.Areas) + 1))
	for i, name := range names {
		n := len(groups[name])
		if n < opts.MinRole {
			out[i] = RoleResult{Role: name, Respondents: n, Node: Node{Status: Suppressed}, Areas: suppressedAreas(fw)}
			continue
		}
		overall, areas := scoreAreas(fw, groups[name], opts, fl)
		out[i] = RoleResult{Role: name, Respondents: n, Node: overall, Areas: areas}
	}
	return out
}

// suppressedAreas are the areas of a group too small to show.
func suppressedAreas(fw *framework.Framework) []RoleArea {
	areas := make([]RoleArea, len(fw.Areas))
	for i, a := range fw.Areas {
		areas[i] = RoleArea{Area: a, Node: Node{Status: Suppressed}}
	}
	return areas
}

// scoreAreas is scoreTree for the overall and area scores alone, as the
// stakeholder groups show them: the same arithmetic without keeping the
// indicators and criteria.
func scoreAreas(fw *framework.Framework, qs []*Questionnaire, opts Options, fl *floats) (Node, []RoleArea) {
	areas := make([]RoleArea, len(fw.Areas))
	areaParts := make([]part, len(fw.Areas))
	var critParts, indParts []part
	scores := make([]float64, 0, len(qs))
	for ai, area := range fw.Areas {
		critParts = critParts[:0]
		for _, c := range area.Criteria {
			indParts = indParts[:0]
			for _, ind := range c.Indicators {
				status, st := indicatorScore(ind, qs, opts, scores[:0], nil)
				indParts = append(indParts, part{weight: ind.Weight, status: status, score: st.score, answered: indicatorCount(status)})
			}
			o := combine(indParts, opts.MinCoverage)
			critParts = append(critParts, part{weight: c.Weight, status: o.status, score: o.score, answered: o.answered})
		}
		o := combine(critParts, opts.MinCoverage)
		areas[ai] = RoleArea{Area: area, Node: fl.node(fw, o)}
		areaParts[ai] = part{weight: area.Weight, status: o.status, score: o.score, answered: o.answered}
	}
	return fl.node(fw, combine(areaParts, opts.MinCoverage)), areas
}

// Disagreements lists the indicators where respondents disagree, in
// framework order.
func (r *Result) Disagreements() []*IndicatorResult {
	var out []*IndicatorResult
	for ai := range r.Areas {
		for ci := range r.Areas[ai].Criteria {
			inds := r.Areas[ai].Criteria[ci].Indicators
			for ii := range inds {
				if inds[ii].Disagreement {
					out = append(out, &inds[ii])
				}
			}
		}
	}
	return out
}

// String is for debugging and test failures.
func (n Node) String() string {
	if n.Score == nil {
		return string(n.Status)
	}
	return fmt.Sprintf("%s %.4g", n.Status, *n.Score)
}
