package assess

import (
	"fmt"
	"math"
)

// Baseline is what an earlier assessment of the region scored: read from
// its questionnaires (BaselineOf) or from its JSON report.
type Baseline struct {
	Framework   string // the framework's id
	Region      string
	Period      string
	Respondents int
	// Nodes are the scores by node id: "" for the overall score, then area
	// and criterion ids.
	Nodes map[string]BaselineNode
	// Source names where the baseline came from (its files or report).
	Source string
}

// BaselineNode is one node of a baseline.
type BaselineNode struct {
	Score  *float64
	Spread Spread
}

// BaselineOf takes the node scores of a scored result as a baseline.
func BaselineOf(r *Result, source string) *Baseline {
	b := &Baseline{Framework: r.Framework.ID, Region: r.Region.ID, Period: r.Period, Respondents: r.Respondents, Source: source,
		Nodes: map[string]BaselineNode{"": {Score: r.Score, Spread: r.Spread}}}
	for _, a := range r.Areas {
		b.Nodes[a.Area.ID] = BaselineNode{Score: a.Score, Spread: a.Spread}
		for _, c := range a.Criteria {
			b.Nodes[c.Criterion.ID] = BaselineNode{Score: c.Score, Spread: c.Spread}
		}
	}
	return b
}

// Change is a node's change since the baseline (docs/reference.md §4.10).
type Change struct {
	Period string   // the baseline's period
	Score  *float64 // the baseline's score; nil when it had none
	// Delta is the score now minus the baseline's; nil when either is
	// missing.
	Delta *float64
	// SE is the standard error of the difference,
	// √(SE_now² + SE_baseline²); nil when either side has fewer than two
	// respondents who scored the node.
	SE *float64
	// Noise says the change is smaller than twice SE, or SE is unknown: it
	// may come from who answered rather than from the region.
	Noise bool
}

// ApplyBaseline sets every node's change since the baseline. The baseline
// must be of the same region, an earlier period and the same framework
// (its nodes are matched by id; ids it lacks get no change).
func ApplyBaseline(r *Result, b *Baseline) error {
	if b.Framework != r.Framework.ID {
		return fmt.Errorf("%s: the baseline was scored with framework %s, the assessment with %s", b.Source, b.Framework, r.Framework.ID)
	}
	if b.Region != r.Region.ID {
		return fmt.Errorf("%s: the baseline is of region %s, the assessment of region %s", b.Source, b.Region, r.Region.ID)
	}
	if b.Period >= r.Period {
		// Periods are ordered as texts, as comparisons order them.
		return fmt.Errorf("%s: the baseline's period %s is not before the assessment's (%s)", b.Source, b.Period, r.Period)
	}
	r.Baseline = b
	r.Change = change(b, "", r.Node)
	for ai := range r.Areas {
		a := &r.Areas[ai]
		a.Change = change(b, a.Area.ID, a.Node)
		for ci := range a.Criteria {
			c := &a.Criteria[ci]
			c.Change = change(b, c.Criterion.ID, c.Node)
		}
	}
	return nil
}

// change compares node n with the baseline's node of the same id.
func change(b *Baseline, id string, n Node) *Change {
	bn, ok := b.Nodes[id]
	if !ok {
		return nil
	}
	c := &Change{Period: b.Period, Score: bn.Score, Noise: true}
	if bn.Score == nil || n.Score == nil {
		return c
	}
	d := *n.Score - *bn.Score
	c.Delta = &d
	seNow, seThen := n.Spread.SE(), bn.Spread.SE()
	if seNow == nil || seThen == nil {
		return c
	}
	se := math.Hypot(*seNow, *seThen)
	c.SE = &se
	c.Noise = math.Abs(d) < 2*se
	return c
}
