package assess

import (
	"encoding/binary"
	"errors"
	"maps"
	"math"
	"slices"
	"sync"

	"github.com/r3l/r3l/crosswalk"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/yamlx"
	"github.com/r3l/r3l/plan"
)

// Codec turns results into bytes and back, so that a run over thousands
// of assessments can keep them out of memory until a comparison writer
// reads them again. What results share — frameworks, plans, crosswalks —
// stays in memory and is named by its place in the codec's tables; the
// areas, criteria, indicators and bands of a framework by their index.
//
// The bytes hold everything a report or comparison shows except the
// answers and priorities of each questionnaire, which only the reports of
// one assessment show (they are written before a result is kept). A Codec
// is safe for concurrent use.
type Codec struct {
	mu         sync.Mutex
	frameworks table[*framework.Framework]
	plans      table[*plan.Plan]
	crosswalks table[*crosswalk.Crosswalk]
}

// table numbers shared objects in the order they are first met.
type table[T comparable] struct {
	items []T
	index map[T]int
}

func (t *table[T]) ref(v T) int {
	if i, ok := t.index[v]; ok {
		return i
	}
	if t.index == nil {
		t.index = map[T]int{}
	}
	t.index[v] = len(t.items)
	t.items = append(t.items, v)
	return len(t.items) - 1
}

func (t *table[T]) at(i int) (T, bool) {
	var zero T
	if i < 0 || i >= len(t.items) {
		return zero, false
	}
	return t.items[i], true
}

// ErrKept is what damaged bytes, or bytes of another Codec, decode to.
var ErrKept = errors.New("a kept result cannot be read back: its bytes are damaged")

// Append appends r's encoding to b.
func (c *Codec) Append(b []byte, r *Result) []byte {
	c.mu.Lock()
	e := encoder{b: b, fw: r.Framework, fwRef: c.frameworks.ref(r.Framework)}
	planRef := -1
	e.fromRef, e.cwRef = -1, -1
	if r.Plan != nil {
		planRef = c.plans.ref(r.Plan.Plan)
	}
	if t := r.Translated; t != nil {
		e.fromRef, e.cwRef = c.frameworks.ref(t.From), c.crosswalks.ref(t.Crosswalk)
	}
	qfw := make([]int, len(r.Questionnaires))
	for i, q := range r.Questionnaires {
		qfw[i] = c.frameworks.ref(q.Framework)
	}
	c.mu.Unlock()

	e.int(e.fwRef)
	e.int(planRef)
	if r.Plan != nil {
		e.plan = r.Plan.Plan
	}
	e.str(r.Region.ID)
	e.str(r.Region.Name)
	e.str(r.Region.Country)
	e.str(r.Region.Group)
	e.str(r.Period)
	e.int(r.Respondents)
	e.node(&r.Node)
	e.int(len(r.Areas))
	for ai := range r.Areas {
		a := &r.Areas[ai]
		e.int(a.Area.Index)
		e.node(&a.Node)
		e.int(len(a.Criteria))
		for ci := range a.Criteria {
			cr := &a.Criteria[ci]
			e.int(cr.Criterion.Index)
			e.node(&cr.Node)
			e.int(len(cr.Indicators))
			for ii := range cr.Indicators {
				e.indicator(&cr.Indicators[ii])
			}
		}
	}
	e.rest(r, qfw)
	return e.b
}

// rest encodes what follows a result's scores.
func (e *encoder) rest(r *Result, qfw []int) {
	for _, list := range [][]*IndicatorResult{r.Strengths, r.Weaknesses} {
		e.int(len(list))
		for _, ir := range list {
			e.int(ir.Indicator.Index)
		}
	}
	e.int(len(r.Priorities))
	for _, p := range r.Priorities {
		e.int(p.Criterion.Index)
		e.int(p.Points)
		e.ints(p.Ranks)
	}
	e.int(len(r.Clusters))
	for _, cl := range r.Clusters {
		e.text(cl.Cluster)
		e.int(cl.Points)
	}
	e.int(len(r.Roles))
	for _, g := range r.Roles {
		e.str(g.Role)
		e.int(g.Respondents)
		e.node(&g.Node)
		e.int(len(g.Areas))
		for ai := range g.Areas {
			e.int(g.Areas[ai].Area.Index)
			e.node(&g.Areas[ai].Node)
		}
	}
	e.strs(r.Warnings)
	e.warnings(r.Notes)
	e.strs(r.Missing)
	e.str(r.Options.Aggregate)
	e.float(r.Options.MinCoverage)
	e.float(r.Options.Disagreement)
	e.int(r.Options.MinRole)
	e.bool(r.Options.Anonymous)
	e.int(len(r.Questionnaires))
	for i, q := range r.Questionnaires {
		e.questionnaire(q, qfw[i])
	}
	if r.Plan != nil {
		b, _ := r.Plan.Today.MarshalBinary()
		e.bytes(b)
		e.int(len(r.Plan.Overdue))
		for _, a := range r.Plan.Overdue {
			e.int(actionIndex(r.Plan.Plan, a))
		}
	}
	e.bool(r.Baseline != nil)
	if bl := r.Baseline; bl != nil {
		e.str(bl.Framework)
		e.str(bl.Region)
		e.str(bl.Period)
		e.int(bl.Respondents)
		e.str(bl.Source)
		// Sorted, so that the bytes do not depend on the map's order.
		e.int(len(bl.Nodes))
		for _, id := range slices.Sorted(maps.Keys(bl.Nodes)) {
			bn := bl.Nodes[id]
			e.str(id)
			e.optFloat(bn.Score)
			e.spread(bn.Spread)
		}
	}
	e.int(e.fromRef)
	if r.Translated != nil {
		e.int(e.cwRef)
		e.strs(r.Translated.Unmapped)
	}
}

func actionIndex(p *plan.Plan, a *plan.Action) int {
	for i := range p.Actions {
		if &p.Actions[i] == a {
			return i
		}
	}
	panic("assess: an overdue action is not its plan's")
}

func targetIndex(p *plan.Plan, t *plan.Target) int {
	for i := range p.Targets {
		if &p.Targets[i] == t {
			return i
		}
	}
	panic("assess: a target is not its plan's")
}

type encoder struct {
	b              []byte
	fw             *framework.Framework
	fwRef          int
	plan           *plan.Plan
	fromRef, cwRef int // a translated result's framework and crosswalk
}

func (e *encoder) int(v int)       { e.b = binary.AppendVarint(e.b, int64(v)) }
func (e *encoder) float(v float64) { e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v)) }
func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}
func (e *encoder) str(s string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(s)))
	e.b = append(e.b, s...)
}
func (e *encoder) bytes(s []byte) {
	e.b = binary.AppendUvarint(e.b, uint64(len(s)))
	e.b = append(e.b, s...)
}
func (e *encoder) strs(ss []string) {
	e.int(len(ss))
	for _, s := range ss {
		e.str(s)
	}
}
func (e *encoder) ints(vs []int) {
	e.int(len(vs))
	for _, v := range vs {
		e.int(v)
	}
}
func (e *encoder) optFloat(p *float64) {
	e.bool(p != nil)
	if p != nil {
		e.float(*p)
	}
}

// text writes a text's languages in a fixed order (sorted), so that equal
// texts encode alike.
func (e *encoder) text(t framework.Text) {
	e.bool(t != nil)
	if t == nil {
		return
	}
	e.int(len(t))
	for _, k := range slices.Sorted(maps.Keys(t)) {
		e.str(k)
		e.str(t[k])
	}
}

func (e *encoder) band(b *framework.Band) {
	e.int(bandIndex(e.fw, b))
}

func bandIndex(fw *framework.Framework, b *framework.Band) int {
	if b == nil {
		return -1
	}
	for i := range fw.Maturity {
		if &fw.Maturity[i] == b {
			return i
		}
	}
	panic("assess: a level is not a band of the result's framework")
}

func (e *encoder) status(s Status) { e.str(string(s)) }

func (e *encoder) spread(s Spread) {
	e.int(s.N)
	e.optFloat(s.SD)
}

func (e *encoder) node(n *Node) {
	e.status(n.Status)
	e.optFloat(n.Score)
	e.optFloat(n.Coverage)
	e.band(n.Level)
	e.int(n.Answered.Scored)
	e.int(n.Answered.Applicable)
	e.spread(n.Spread)
	e.bool(n.Target != nil)
	if t := n.Target; t != nil {
		e.float(t.Score)
		e.band(t.Level)
		e.optFloat(t.Gap)
		e.bool(t.Met)
		e.bool(t.Plan != nil)
		if t.Plan != nil {
			e.int(targetIndex(e.plan, t.Plan))
		}
	}
	e.bool(n.Change != nil)
	if c := n.Change; c != nil {
		e.str(c.Period)
		e.optFloat(c.Score)
		e.optFloat(c.Delta)
		e.optFloat(c.SE)
		e.bool(c.Noise)
	}
}

func (e *encoder) indicator(ir *IndicatorResult) {
	e.int(ir.Indicator.Index)
	e.status(ir.Status)
	e.optFloat(ir.Score)
	e.band(ir.Level)
	e.optFloat(ir.SD)
	e.optFloat(ir.Min)
	e.optFloat(ir.Max)
	e.int(int(ir.N))
	e.int(int(ir.NA))
	e.int(int(ir.DK))
	e.int(int(ir.Unanswered))
	e.bool(ir.Disagreement)
}

func (e *encoder) pos(p yamlx.Pos) {
	e.str(p.Path)
	e.int(p.Line)
	e.int(p.Col)
	e.str(p.Cell)
}

func (e *encoder) questionnaire(q *Questionnaire, fwRef int) {
	e.str(q.Path)
	e.str(q.SHA256)
	e.str(q.FrameworkID)
	e.str(q.FrameworkVersion)
	e.int(fwRef)
	e.str(q.Region.ID)
	e.str(q.Region.Name)
	e.str(q.Region.Country)
	e.str(q.Region.Group)
	e.str(q.Period)
	e.str(q.Respondent.ID)
	e.str(q.Respondent.Role)
	e.strs(q.LeftOut)
	e.str(q.Response)
	e.bool(q.Incomplete)
	e.pos(q.Source)
	e.str(q.Digest)
}

// Decode reads a result that Append encoded with the same codec.
func (c *Codec) Decode(b []byte) (*Result, error) {
	return decodeAll(b, func(d *decoder) *Result { return d.result(c) })
}

// DecodeScores reads the head of a result that Append encoded: its
// framework, region, period, respondents and tree of scores, not what
// follows them (strengths, roles, warnings, questionnaires): what the
// tidy rows of a comparison show, without the index of indicators that
// what follows needs: 17–19 µs for a sample region's result
// (report's BenchmarkDecodeScores).
func (c *Codec) DecodeScores(b []byte) (*Result, error) {
	return decode(b, false, func(d *decoder) *Result {
		r, _ := d.scores(c, false)
		return r
	})
}

// decodeAll decodes the whole of b with read: what is left over, and a
// damaged encoding, which makes the decoder index out of range or meet a
// reference it does not know, are ErrKept.
func decodeAll[T any](b []byte, read func(*decoder) T) (v T, err error) { return decode(b, true, read) }

// decode is decodeAll, or, unless whole, a decoding of b's beginning.
func decode[T any](b []byte, whole bool, read func(*decoder) T) (v T, err error) {
	d := decoder{b: b}
	defer func() {
		if p := recover(); p != nil {
			var zero T
			v, err = zero, ErrKept
		}
	}()
	v = read(&d)
	if d.bad || (whole && len(d.b) != 0) {
		var zero T
		return zero, ErrKept
	}
	return v, nil
}

type decoder struct {
	b   []byte
	bad bool
	fw  *framework.Framework
	pl  *plan.Plan
	// floats hands out the result's numbers from one allocation.
	floats []float64
}

func (d *decoder) fail() { d.bad = true; d.b = nil }

func (d *decoder) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// count is a length, which cannot exceed what is left to read.
func (d *decoder) count() int {
	n := d.int()
	if n < 0 || n > len(d.b) {
		d.fail()
		return 0
	}
	return n
}

func (d *decoder) float() float64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return v
}

func (d *decoder) bool() bool {
	if len(d.b) < 1 {
		d.fail()
		return false
	}
	v := d.b[0] != 0
	d.b = d.b[1:]
	return v
}

func (d *decoder) raw() []byte {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)-k) {
		d.fail()
		return nil
	}
	s := d.b[k : k+int(n)]
	d.b = d.b[k+int(n):]
	return s
}

func (d *decoder) str() string { return string(d.raw()) }

func (d *decoder) strs() []string { return list(d, d.str) }

func (d *decoder) ints() []int { return list(d, d.int) }

// list reads a count, then as many items; none is a nil list.
func list[T any](d *decoder, item func() T) []T {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]T, n)
	for i := range out {
		out[i] = item()
	}
	return out
}

func (d *decoder) optFloat() *float64 {
	if !d.bool() {
		return nil
	}
	if len(d.floats) == 0 {
		d.floats = make([]float64, 64)
	}
	p := &d.floats[0]
	d.floats = d.floats[1:]
	*p = d.float()
	return p
}

func (d *decoder) text() framework.Text {
	if !d.bool() {
		return nil
	}
	n := d.count()
	t := make(framework.Text, n)
	for range n {
		k := d.str()
		t[k] = d.str()
	}
	return t
}

func (d *decoder) band() *framework.Band {
	i := d.int()
	if i < 0 {
		return nil
	}
	return &d.fw.Maturity[i]
}

func (d *decoder) status() Status { return Status(d.raw()) }

func (d *decoder) spread() Spread {
	return Spread{N: d.int(), SD: d.optFloat()}
}

func (d *decoder) node(n *Node) {
	n.Status = d.status()
	n.Score = d.optFloat()
	n.Coverage = d.optFloat()
	n.Level = d.band()
	n.Answered = Count{Scored: d.int(), Applicable: d.int()}
	n.Spread = d.spread()
	if d.bool() {
		t := &Target{Score: d.float(), Level: d.band(), Gap: d.optFloat(), Met: d.bool()}
		if d.bool() {
			t.Plan = &d.pl.Targets[d.int()]
		}
		n.Target = t
	}
	if d.bool() {
		n.Change = &Change{Period: d.str(), Score: d.optFloat(), Delta: d.optFloat(), SE: d.optFloat(), Noise: d.bool()}
	}
}

func (d *decoder) indicator(ir *IndicatorResult) {
	ir.Indicator = d.fw.Indicators[d.int()]
	ir.Status = d.status()
	ir.Score = d.optFloat()
	ir.Level = d.band()
	ir.SD = d.optFloat()
	ir.Min = d.optFloat()
	ir.Max = d.optFloat()
	ir.N, ir.NA, ir.DK, ir.Unanswered = int32(d.int()), int32(d.int()), int32(d.int()), int32(d.int())
	ir.Disagreement = d.bool()
}

func (d *decoder) pos() yamlx.Pos {
	return yamlx.Pos{Path: d.str(), Line: d.int(), Col: d.int(), Cell: d.str()}
}

func (d *decoder) framework(c *Codec) *framework.Framework {
	c.mu.Lock()
	fw, ok := c.frameworks.at(d.int())
	c.mu.Unlock()
	if !ok {
		d.fail()
	}
	return fw
}

func (d *decoder) result(c *Codec) *Result {
	r, byIndex := d.scores(c, true)
	if d.bad {
		return nil
	}
	d.rest(c, r, byIndex)
	return r
}

// scores decodes a result's head and scores and, with index, indexes its
// indicators by their index in the framework (what follows the scores
// refers to them so).
func (d *decoder) scores(c *Codec, index bool) (*Result, []*IndicatorResult) {
	r := &Result{}
	r.Framework = d.framework(c)
	planRef := d.int()
	if d.bad {
		return nil, nil
	}
	d.fw = r.Framework
	if planRef >= 0 {
		c.mu.Lock()
		pl, ok := c.plans.at(planRef)
		c.mu.Unlock()
		if !ok {
			d.fail()
			return nil, nil
		}
		d.pl = pl
	}
	r.Region = Region{ID: d.str(), Name: d.str(), Country: d.str(), Group: d.str()}
	r.Period = d.str()
	r.Respondents = d.int()
	d.node(&r.Node)
	var byIndex []*IndicatorResult
	if index {
		byIndex = make([]*IndicatorResult, len(d.fw.Indicators))
	}
	// One allocation for the criteria, one for the indicators.
	criteria := make([]CriterionResult, 0, len(d.fw.Criteria))
	indicators := make([]IndicatorResult, 0, len(d.fw.Indicators))
	r.Areas = make([]AreaResult, d.count())
	for ai := range r.Areas {
		a := &r.Areas[ai]
		a.Area = d.fw.Areas[d.int()]
		d.node(&a.Node)
		a.Criteria = take(&criteria, d.count())
		for ci := range a.Criteria {
			cr := &a.Criteria[ci]
			cr.Criterion = d.fw.Criteria[d.int()]
			d.node(&cr.Node)
			cr.Indicators = take(&indicators, d.count())
			for ii := range cr.Indicators {
				d.indicator(&cr.Indicators[ii])
				if index {
					byIndex[cr.Indicators[ii].Indicator.Index] = &cr.Indicators[ii]
				}
			}
		}
	}
	return r, byIndex
}

// take hands out the next n items of slab, or, beyond its capacity, a
// slice of their own.
func take[T any](slab *[]T, n int) []T {
	at := len(*slab)
	if n > cap(*slab)-at {
		return make([]T, n)
	}
	*slab = (*slab)[:at+n]
	return (*slab)[at : at+n : at+n]
}

// rest decodes what follows a result's scores.
func (d *decoder) rest(c *Codec, r *Result, byIndex []*IndicatorResult) {
	for _, list := range []*[]*IndicatorResult{&r.Strengths, &r.Weaknesses} {
		n := d.count()
		if n == 0 {
			continue
		}
		*list = make([]*IndicatorResult, n)
		for i := range n {
			at := d.int()
			if at < 0 || at >= len(byIndex) || byIndex[at] == nil {
				d.fail()
				return
			}
			(*list)[i] = byIndex[at]
		}
	}
	if n := d.count(); n > 0 {
		r.Priorities = make([]Priority, n)
		for i := range r.Priorities {
			r.Priorities[i] = Priority{Criterion: d.fw.Criteria[d.int()], Points: d.int(), Ranks: d.ints()}
		}
	}
	if n := d.count(); n > 0 {
		r.Clusters = make([]ClusterPriority, n)
		for i := range r.Clusters {
			r.Clusters[i] = ClusterPriority{Cluster: d.text(), Points: d.int()}
		}
	}
	if n := d.count(); n > 0 {
		r.Roles = make([]RoleResult, n)
		for i := range r.Roles {
			g := &r.Roles[i]
			g.Role, g.Respondents = d.str(), d.int()
			d.node(&g.Node)
			if n := d.count(); n > 0 {
				g.Areas = make([]RoleArea, n)
				for ai := range g.Areas {
					g.Areas[ai].Area = d.fw.Areas[d.int()]
					d.node(&g.Areas[ai].Node)
				}
			}
		}
	}
	r.Warnings = d.strs()
	r.Notes = d.warnings()
	r.Missing = d.strs()
	r.Options = Options{Aggregate: d.str(), MinCoverage: d.float(), Disagreement: d.float(), MinRole: d.int(), Anonymous: d.bool()}
	if n := d.count(); n > 0 {
		r.Questionnaires = make([]*Questionnaire, n)
		for i := range r.Questionnaires {
			r.Questionnaires[i] = d.questionnaire(c)
		}
	}
	if d.pl != nil {
		ps := &PlanStatus{Plan: d.pl}
		if err := ps.Today.UnmarshalBinary(d.raw()); err != nil {
			d.fail()
		}
		if n := d.count(); n > 0 {
			ps.Overdue = make([]*plan.Action, n)
			for i := range ps.Overdue {
				ps.Overdue[i] = &d.pl.Actions[d.int()]
			}
		}
		r.Plan = ps
	}
	if d.bool() {
		bl := &Baseline{Framework: d.str(), Region: d.str(), Period: d.str(), Respondents: d.int(), Source: d.str()}
		n := d.count()
		bl.Nodes = make(map[string]BaselineNode, n)
		for range n {
			id := d.str()
			bl.Nodes[id] = BaselineNode{Score: d.optFloat(), Spread: d.spread()}
		}
		r.Baseline = bl
	}
	if from := d.int(); from >= 0 {
		c.mu.Lock()
		fw, ok1 := c.frameworks.at(from)
		cw, ok2 := c.crosswalks.at(d.int())
		c.mu.Unlock()
		if !ok1 || !ok2 {
			d.fail()
		}
		r.Translated = &Translation{From: fw, Crosswalk: cw, Unmapped: d.strs()}
	}
}

func (d *decoder) questionnaire(c *Codec) *Questionnaire {
	q := &Questionnaire{Path: d.str(), SHA256: d.str(), FrameworkID: d.str(), FrameworkVersion: d.str()}
	q.Framework = d.framework(c)
	q.Region = Region{ID: d.str(), Name: d.str(), Country: d.str(), Group: d.str()}
	q.Period = d.str()
	q.Respondent = Respondent{ID: d.str(), Role: d.str()}
	q.LeftOut = d.strs()
	q.Response = d.str()
	q.Incomplete = d.bool()
	q.Source = d.pos()
	q.Digest = d.str()
	return q
}
