package assess

import (
	"math"

	"github.com/r3l/r3l/framework"
)

// Spread is how far the respondents' own scores of a node lie apart: each
// respondent's answers scored alone, with the same rules (docs/reference.md
// §4.10). It sizes the noise in a change between two assessments.
type Spread struct {
	N  int      // respondents whose own answers give the node a score
	SD *float64 // sample standard deviation of their scores; nil below two
}

// SE is the standard error of the node's mean score, SD/√N; nil when the
// spread is unknown.
func (s Spread) SE() *float64 {
	if s.SD == nil || s.N < 2 {
		return nil
	}
	se := *s.SD / math.Sqrt(float64(s.N))
	return &se
}

// welford accumulates a mean and a sum of squares in one pass.
type welford struct {
	n        int
	mean, m2 float64
}

func (w *welford) add(x float64) {
	w.n++
	d := x - w.mean
	w.mean += d / float64(w.n)
	w.m2 += d * (x - w.mean)
}

func (w *welford) spread(fl *floats) Spread {
	if w.n < 2 {
		return Spread{N: w.n}
	}
	return Spread{N: w.n, SD: fl.ptr(math.Sqrt(w.m2 / float64(w.n-1)))}
}

// spreads scores every respondent alone and sets each node's Spread.
func spreads(fw *framework.Framework, qs []*Questionnaire, opts Options, overall *Node, areas []AreaResult) {
	acc := make([]welford, 1+len(fw.Areas)+len(fw.Criteria))
	areaAcc, critAcc := acc[1:1+len(fw.Areas)], acc[1+len(fw.Areas):]
	areaParts := make([]part, len(fw.Areas))
	var critParts, indParts []part
	for _, q := range qs {
		for ai, area := range fw.Areas {
			critParts = critParts[:0]
			for _, c := range area.Criteria {
				indParts = indParts[:0]
				for _, ind := range c.Indicators {
					indParts = append(indParts, respondentPart(ind, q))
				}
				o := combine(indParts, opts.MinCoverage)
				if o.status == Scored {
					critAcc[c.Index].add(o.score)
				}
				critParts = append(critParts, part{weight: c.Weight, status: o.status, score: o.score})
			}
			o := combine(critParts, opts.MinCoverage)
			if o.status == Scored {
				areaAcc[ai].add(o.score)
			}
			areaParts[ai] = part{weight: area.Weight, status: o.status, score: o.score}
		}
		if o := combine(areaParts, opts.MinCoverage); o.status == Scored {
			acc[0].add(o.score)
		}
	}
	fl := newFloats(len(acc))
	overall.Spread = acc[0].spread(fl)
	for ai := range areas {
		areas[ai].Spread = areaAcc[ai].spread(fl)
		for ci := range areas[ai].Criteria {
			c := &areas[ai].Criteria[ci]
			c.Spread = critAcc[c.Criterion.Index].spread(fl)
		}
	}
}

// respondentPart is one respondent's answer to an indicator as its
// criterion sees it.
func respondentPart(ind *framework.Indicator, q *Questionnaire) part {
	switch a := &q.Answers[ind.Index]; a.Kind {
	case Valued:
		return part{weight: ind.Weight, status: Scored, score: ind.Scale.Score(a.Value)}
	case NotApplicable:
		return part{weight: ind.Weight, status: NA}
	}
	return part{weight: ind.Weight, status: Unscored}
}
