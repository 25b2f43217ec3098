package assess

import (
	"cmp"
	"iter"
	"math"
	"slices"

	"github.com/r3l/r3l/framework"
)

// Peer-group keys a comparison can group by.
const (
	ByGroup   = "group"
	ByCountry = "country"
)

// DefaultMinGroup is the smallest peer group that gets statistics; smaller
// groups are suppressed, as benchmarking tools do to protect members.
const DefaultMinGroup = 5

// Stats summarises one node's scores over several assessments. Quartiles
// interpolate linearly between order statistics (Excel's QUARTILE.INC, R's
// type 7). With N = 0 the other fields are nil.
type Stats struct {
	N                                  int
	Mean, Median, SD, Min, Max, Q1, Q3 *float64
}

// Trend is one region's change from one period to the next.
type Trend struct {
	Region   string
	From, To string
	// Delta maps "overall" and area ids to the score difference (To minus
	// From); nil where either score is missing.
	Delta map[string]*float64
}

// PeerGroup is the assessments that share a group (or country).
type PeerGroup struct {
	Name       string
	Members    []int // indexes into Comparison.Results
	Suppressed bool  // fewer members than MinGroup: no statistics
	Stats      map[string]Stats
}

// Comparison is several scored assessments side by side.
type Comparison struct {
	Framework *framework.Framework
	// Entries are the assessments by region, then period: what the
	// statistics and most of a comparison's writers need of each. Result
	// gives an assessment's whole result.
	Entries []Entry
	// Ranks holds each result's rank among the assessments of its period
	// by overall score (1 = highest; ties share a rank); nil when the
	// result has no overall score.
	Ranks []*int
	// Nodes are the ids statistics are kept for: "overall", then every
	// area, criterion and indicator in framework order.
	Nodes      []string
	Statistics map[string]Stats
	GroupBy    string
	MinGroup   int
	Groups     []PeerGroup
	Trends     []Trend

	groupOf []int // index into Groups per result, -1 for none; set by Compare
	node    map[string]int
	store   Store
}

// Store is where a comparison reads its assessments' results back from.
type Store interface {
	// Load reads result source back whole.
	Load(source int) (*Result, error)
	// LoadScores reads result source's head and scores back
	// (Codec.DecodeScores); it may read more.
	LoadScores(source int) (*Result, error)
}

// inMemory is the Store of results held in memory.
type inMemory []*Result

func (m inMemory) Load(i int) (*Result, error)       { return m[i], nil }
func (m inMemory) LoadScores(i int) (*Result, error) { return m[i], nil }

// Entry is what a comparison keeps in memory of one assessment; the
// whole result may be kept elsewhere (CompareKept).
type Entry struct {
	Region      Region
	Period      string
	Respondents int
	Node        // overall
	Options     Options
	Translated  *Translation
	// Branches counts the result's areas and criteria.
	Branches int
	// Source is the assessment's index among those given to Compare or
	// CompareKept.
	Source int
	// scores are the node scores in the order of Comparison.Nodes, NaN
	// for none: a thousand bytes for a framework of a hundred indicators
	// where the result takes twenty thousand.
	scores  []float64
	inputs  []byte // packed (packInputs)
	nInputs int
}

// Inputs are the files (or survey responses) the assessment was read
// from, in order.
func (e *Entry) Inputs() iter.Seq[Input] { return unpack(e.inputs) }

// InputCount is the number of inputs.
func (e *Entry) InputCount() int { return e.nInputs }

// Input is a file (or survey response) a compared assessment was read
// from.
type Input struct {
	Path, SHA256 string
	Respondent   Respondent
}

// EntryOf is what a comparison over fw keeps of r in memory.
func EntryOf(fw *framework.Framework, r *Result, source int) Entry {
	e := Entry{Region: r.Region, Period: r.Period, Respondents: r.Respondents, Node: r.Node, Options: r.Options,
		Translated: r.Translated, Source: source}
	// The node's pointers would keep the result's numbers alive.
	e.Score, e.Coverage = clone(r.Score), clone(r.Coverage)
	e.Spread.SD = clone(r.Spread.SD)
	e.Target, e.Change = nil, nil
	for ai := range r.Areas {
		e.Branches += 1 + len(r.Areas[ai].Criteria)
	}
	e.inputs, e.nInputs = packInputs(r.Questionnaires), len(r.Questionnaires)
	v := r.Scores()
	if len(v) != 1+len(fw.Areas)+len(fw.Criteria)+len(fw.Indicators) {
		// A result of another framework: look its nodes up by id.
		ids := nodeIDs(fw)
		m := r.ScoreMap()
		v = make([]*float64, len(ids))
		for n, id := range ids {
			v[n] = m[id]
		}
	}
	e.scores = make([]float64, len(v))
	for n, p := range v {
		e.scores[n] = math.NaN()
		if p != nil {
			e.scores[n] = *p
		}
	}
	return e
}

func clone(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// Label names the assessment as "region/period".
func (e *Entry) Label() string { return e.Region.ID + "/" + e.Period }

// OverallNode is the node id of the overall score in comparisons.
const OverallNode = "overall"

// CompareOptions tune a comparison.
type CompareOptions struct {
	GroupBy  string // ByGroup (default) or ByCountry
	MinGroup int    // 0: DefaultMinGroup
}

// Compare puts scored assessments of one framework side by side: ranks,
// statistics per node, peer groups and trends. It reorders nothing in
// results; the comparison's order is by region, then period.
func Compare(fw *framework.Framework, results []*Result, opts CompareOptions) *Comparison {
	entries := make([]Entry, len(results))
	for i, r := range results {
		entries[i] = EntryOf(fw, r, i)
	}
	return CompareKept(fw, entries, inMemory(results), opts)
}

// CompareKept is Compare over results kept elsewhere: store reads result
// Entry.Source back when a writer needs it. The comparison takes entries
// over and sorts them (a copy would be a second entry per assessment in
// memory).
func CompareKept(fw *framework.Framework, entries []Entry, store Store, opts CompareOptions) *Comparison {
	if opts.GroupBy == "" {
		opts.GroupBy = ByGroup
	}
	if opts.MinGroup <= 0 {
		opts.MinGroup = DefaultMinGroup
	}
	slices.SortStableFunc(entries, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.Region.ID, b.Region.ID), cmp.Compare(a.Period, b.Period))
	})
	c := &Comparison{Framework: fw, Entries: entries, GroupBy: opts.GroupBy, MinGroup: opts.MinGroup, store: store}
	c.Nodes = nodeIDs(fw)
	c.node = make(map[string]int, len(c.Nodes))
	for n, id := range c.Nodes {
		c.node[id] = n
	}
	c.Ranks = ranks(entries)
	all := make([]int, len(entries))
	for i := range entries {
		all[i] = i
	}
	c.Statistics = c.stats(all, c.Nodes)
	c.Groups = c.peerGroups(opts)
	c.Trends = c.trends()
	return c
}

// Len is the number of assessments compared.
func (c *Comparison) Len() int { return len(c.Entries) }

// Result reads assessment i's whole result.
func (c *Comparison) Result(i int) (*Result, error) {
	return c.store.Load(c.Entries[i].Source)
}

// Scores reads assessment i's result with its region, period,
// respondents and tree of scores; the rest may be missing: for writers
// of the scores alone (the tidy rows), which then read less.
func (c *Comparison) Scores(i int) (*Result, error) {
	return c.store.LoadScores(c.Entries[i].Source)
}

// ScoreOf is assessment i's score of a node ("overall", an area, criterion
// or indicator id), or nil.
func (c *Comparison) ScoreOf(i int, id string) *float64 {
	n, ok := c.node[id]
	if !ok {
		return nil
	}
	if v := &c.Entries[i].scores[n]; !math.IsNaN(*v) {
		return v
	}
	return nil
}

func nodeIDs(fw *framework.Framework) []string {
	ids := []string{OverallNode}
	for _, a := range fw.Areas {
		ids = append(ids, a.ID)
	}
	for _, cr := range fw.Criteria {
		ids = append(ids, cr.ID)
	}
	for _, ind := range fw.Indicators {
		ids = append(ids, ind.ID)
	}
	return ids
}

// ScoreOf returns a result's score for a node id ("overall", an area,
// criterion or indicator id), or nil.
func (r *Result) ScoreOf(id string) *float64 {
	if id == OverallNode {
		return r.Score
	}
	for ai := range r.Areas {
		a := &r.Areas[ai]
		if a.Area.ID == id {
			return a.Score
		}
		for ci := range a.Criteria {
			c := &a.Criteria[ci]
			if c.Criterion.ID == id {
				return c.Score
			}
			for ii := range c.Indicators {
				if c.Indicators[ii].Indicator.ID == id {
					return c.Indicators[ii].Score
				}
			}
		}
	}
	return nil
}

// ranks ranks assessments within each period by overall score, highest
// first. Equal scores share a rank and the next rank is skipped (1, 2, 2, 4).
func ranks(es []Entry) []*int {
	out := make([]*int, len(es))
	byPeriod := map[string][]int{}
	for i := range es {
		if es[i].Score != nil {
			byPeriod[es[i].Period] = append(byPeriod[es[i].Period], i)
		}
	}
	for _, idx := range byPeriod {
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(*es[b].Score, *es[a].Score) })
		for pos, i := range idx {
			rank := pos + 1
			if pos > 0 && *es[idx[pos-1]].Score == *es[i].Score {
				rank = *out[idx[pos-1]]
			}
			out[i] = &rank
		}
	}
	return out
}

// stats computes statistics over the given results for the first nodes of
// c.Nodes (all of them, or the overall, area and criterion ones).
func (c *Comparison) stats(members []int, nodes []string) map[string]Stats {
	out := make(map[string]Stats, len(nodes))
	values := make([]float64, 0, len(members))
	for n, id := range nodes {
		values = values[:0]
		for _, i := range members {
			if v := c.Entries[i].scores[n]; !math.IsNaN(v) {
				values = append(values, v)
			}
		}
		out[id] = Summarise(values)
	}
	return out
}

// NodeScores returns assessment i's scores in the order of c.Nodes.
func (c *Comparison) NodeScores(i int) []*float64 {
	e := &c.Entries[i]
	v := make([]*float64, len(e.scores))
	for n := range e.scores {
		if !math.IsNaN(e.scores[n]) {
			v[n] = &e.scores[n]
		}
	}
	return v
}

// Scores lists every node's score in framework order, as Comparison.Nodes
// names them: overall, then the areas, the criteria and the indicators.
func (r *Result) Scores() []*float64 {
	n := 1 + len(r.Areas)
	for ai := range r.Areas {
		n += len(r.Areas[ai].Criteria)
		for ci := range r.Areas[ai].Criteria {
			n += len(r.Areas[ai].Criteria[ci].Indicators)
		}
	}
	out := make([]*float64, 0, n)
	out = append(out, r.Score)
	for ai := range r.Areas {
		out = append(out, r.Areas[ai].Score)
	}
	for ai := range r.Areas {
		for ci := range r.Areas[ai].Criteria {
			out = append(out, r.Areas[ai].Criteria[ci].Score)
		}
	}
	for ai := range r.Areas {
		for ci := range r.Areas[ai].Criteria {
			inds := r.Areas[ai].Criteria[ci].Indicators
			for ii := range inds {
				out = append(out, inds[ii].Score)
			}
		}
	}
	return out
}

// ScoreMap maps every node id of a result ("overall", areas, criteria,
// indicators) to its score.
func (r *Result) ScoreMap() map[string]*float64 {
	m := map[string]*float64{OverallNode: r.Score}
	for ai := range r.Areas {
		a := &r.Areas[ai]
		m[a.Area.ID] = a.Score
		for ci := range a.Criteria {
			cr := &a.Criteria[ci]
			m[cr.Criterion.ID] = cr.Score
			for ii := range cr.Indicators {
				m[cr.Indicators[ii].Indicator.ID] = cr.Indicators[ii].Score
			}
		}
	}
	return m
}

// Summarise computes n, mean, median, population sd, min, max and quartiles;
// xs is sorted in place.
func Summarise(xs []float64) Stats {
	s := Stats{N: len(xs)}
	if len(xs) == 0 {
		return s
	}
	slices.Sort(xs)
	var sum float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(ss / float64(len(xs)))
	lo, hi := xs[0], xs[len(xs)-1]
	q1, med, q3 := quantile(xs, 0.25), quantile(xs, 0.5), quantile(xs, 0.75)
	s.Mean, s.Median, s.SD, s.Min, s.Max, s.Q1, s.Q3 = &mean, &med, &sd, &lo, &hi, &q1, &q3
	return s
}

// quantile of sorted xs by linear interpolation (type 7).
func quantile(xs []float64, p float64) float64 {
	h := p * float64(len(xs)-1)
	lo := int(math.Floor(h))
	if lo+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[lo] + (h-float64(lo))*(xs[lo+1]-xs[lo])
}

// groupKey is a result's peer group under the chosen grouping; results
// without one form no group.
func (c *Comparison) groupKey(r *Entry) string {
	if c.GroupBy == ByCountry {
		return r.Region.Country
	}
	return r.Region.Group
}

// peerGroups gathers results by group and computes each group's statistics
// for the overall, area and criterion scores, unless it is too small.
func (c *Comparison) peerGroups(opts CompareOptions) []PeerGroup {
	idx := map[string]int{}
	var groups []PeerGroup
	for i := range c.Entries {
		key := c.groupKey(&c.Entries[i])
		if key == "" {
			continue
		}
		g, ok := idx[key]
		if !ok {
			g = len(groups)
			idx[key] = g
			groups = append(groups, PeerGroup{Name: key})
		}
		groups[g].Members = append(groups[g].Members, i)
	}
	slices.SortFunc(groups, func(a, b PeerGroup) int { return cmp.Compare(a.Name, b.Name) })
	nodes := c.Nodes[:1+len(c.Framework.Areas)+len(c.Framework.Criteria)]
	c.groupOf = make([]int, len(c.Entries))
	for i := range c.groupOf {
		c.groupOf[i] = -1
	}
	for i := range groups {
		g := &groups[i]
		for _, m := range g.Members {
			c.groupOf[m] = i
		}
		if len(g.Members) < opts.MinGroup {
			g.Suppressed = true
			continue
		}
		g.Stats = c.stats(g.Members, nodes)
	}
	return groups
}

// GroupOf returns the peer group of result i, or nil.
func (c *Comparison) GroupOf(i int) *PeerGroup {
	if len(c.groupOf) == len(c.Entries) && len(c.groupOf) > 0 {
		if g := c.groupOf[i]; g >= 0 {
			return &c.Groups[g]
		}
		return nil
	}
	for gi := range c.Groups {
		if slices.Contains(c.Groups[gi].Members, i) {
			return &c.Groups[gi]
		}
	}
	return nil
}

// GroupDiff is result i's score minus its peer group's mean for a node;
// nil when the group is suppressed or either value is missing.
func (c *Comparison) GroupDiff(i int, node string) *float64 {
	g := c.GroupOf(i)
	if g == nil || g.Suppressed {
		return nil
	}
	mean := g.Stats[node].Mean
	v := c.ScoreOf(i, node)
	if mean == nil || v == nil {
		return nil
	}
	d := *v - *mean
	return &d
}

// trends pairs each region's consecutive periods (entries are sorted by
// region, then period).
func (c *Comparison) trends() []Trend {
	var out []Trend
	areas := c.Nodes[1 : 1+len(c.Framework.Areas)]
	for i := 1; i < len(c.Entries); i++ {
		prev, cur := &c.Entries[i-1], &c.Entries[i]
		if prev.Region.ID != cur.Region.ID {
			continue
		}
		t := Trend{Region: cur.Region.ID, From: prev.Period, To: cur.Period, Delta: map[string]*float64{}}
		t.Delta[OverallNode] = diff(cur.Score, prev.Score)
		for _, id := range areas {
			t.Delta[id] = diff(c.ScoreOf(i, id), c.ScoreOf(i-1, id))
		}
		out = append(out, t)
	}
	return out
}

func diff(a, b *float64) *float64 {
	if a == nil || b == nil {
		return nil
	}
	d := *a - *b
	return &d
}
