package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"runtime"

	"github.com/olekukonko/tablewriter/tw"
	"golang.org/x/sync/errgroup"

	"github.com/r3l/r3l/assess"
)

// JSON of a comparison.
type (
	// statsMap keeps node ids in framework order in the JSON object.
	statsMap struct {
		keys  []string
		stats map[string]assess.Stats
	}
	jsonGroup struct {
		N          int       `json:"n"`
		Suppressed bool      `json:"suppressed"`
		Members    []string  `json:"members"`
		Statistics *statsMap `json:"statistics"`
	}
	groupsMap struct {
		groups []assess.PeerGroup
		c      *assess.Comparison
	}
	jsonTrend struct {
		Region string       `json:"region"`
		From   string       `json:"from"`
		To     string       `json:"to"`
		Delta  orderedFloat `json:"delta"`
	}
	orderedFloat struct {
		keys   []string
		values map[string]*float64
	}
	jsonRanked struct {
		AssessmentObject
		Rank *int `json:"rank"`
	}
	comparisonObject struct {
		Framework   jsonFramework `json:"framework"`
		GroupBy     string        `json:"group_by"`
		MinGroup    int           `json:"min_group"`
		Assessments []jsonRanked  `json:"assessments"`
		Statistics  *statsMap     `json:"statistics"`
		Groups      groupsMap     `json:"groups"`
		Trends      []jsonTrend   `json:"trends"`
	}
)

// writeObject writes a JSON object with keys in the given order.
func writeObject(keys []string, value func(string) any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(value(k))
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (m *statsMap) MarshalJSON() ([]byte, error) {
	return writeObject(m.keys, func(k string) any { return jsonStats(m.stats[k]) })
}

// jsonStats writes the statistics of one node as a JSON object with the
// keys of statColumns in their order.
type jsonStats assess.Stats

func (j jsonStats) MarshalJSON() ([]byte, error) {
	keys := make([]string, len(statColumns))
	byKey := make(map[string]statColumn, len(statColumns))
	for i, c := range statColumns {
		keys[i] = c.key
		byKey[c.key] = c
	}
	return writeObject(keys, func(k string) any { return byKey[k].jsonValue(assess.Stats(j)) })
}

func (o orderedFloat) MarshalJSON() ([]byte, error) {
	return writeObject(o.keys, func(k string) any { return o.values[k] })
}

func (g groupsMap) MarshalJSON() ([]byte, error) {
	keys := make([]string, len(g.groups))
	byName := map[string]assess.PeerGroup{}
	for i, pg := range g.groups {
		keys[i] = pg.Name
		byName[pg.Name] = pg
	}
	return writeObject(keys, func(k string) any {
		pg := byName[k]
		jg := jsonGroup{N: len(pg.Members), Suppressed: pg.Suppressed, Members: []string{}}
		for _, i := range pg.Members {
			jg.Members = append(jg.Members, g.c.Entries[i].Label())
		}
		if !pg.Suppressed {
			jg.Statistics = &statsMap{keys: g.c.Nodes[:len(pg.Stats)], stats: pg.Stats}
		}
		return jg
	})
}

// ComparisonJSON builds the JSON object of a comparison.
func ComparisonJSON(c *assess.Comparison, lang string) (any, error) {
	o := comparisonHead(c, lang)
	for i := range c.Len() {
		r, err := c.Result(i)
		if err != nil {
			return nil, err
		}
		o.Assessments = append(o.Assessments, jsonRanked{AssessmentJSON(r, lang), c.Ranks[i]})
	}
	return o, nil
}

// comparisonHead is the JSON object of a comparison without its
// assessments, which Comparison writes one at a time.
func comparisonHead(c *assess.Comparison, lang string) comparisonObject {
	fw := c.Framework
	o := comparisonObject{
		Framework:   jsonFramework{ID: fw.ID, Version: fw.Version, Title: fw.Title.Get(lang), SHA256: fw.SHA256},
		GroupBy:     c.GroupBy,
		MinGroup:    c.MinGroup,
		Assessments: []jsonRanked{},
		Statistics:  &statsMap{keys: c.Nodes, stats: c.Statistics},
		Groups:      groupsMap{groups: c.Groups, c: c},
		Trends:      []jsonTrend{},
	}
	trendKeys := append([]string{assess.OverallNode}, c.Nodes[1:1+len(fw.Areas)]...)
	for _, t := range c.Trends {
		o.Trends = append(o.Trends, jsonTrend{Region: t.Region, From: t.From, To: t.To, Delta: orderedFloat{trendKeys, t.Delta}})
	}
	return o
}

// Comparison writes the comparison's JSON as ComparisonJSON's object
// would encode, byte for byte, but one assessment at a time: the whole
// document of thousands of assessments is never held in memory, nor
// indented in a second buffer.
func (j jsonWriter) Comparison(w io.Writer, c *assess.Comparison) error {
	o := comparisonHead(c, j.opts.Lang)
	sw := &jsonStream{w: w} // values come escaped for terminals (indented)
	sw.raw("{\n")
	sw.field("framework", o.Framework, true)
	sw.field("group_by", o.GroupBy, true)
	sw.field("min_group", o.MinGroup, true)
	if c.Len() == 0 {
		sw.field("assessments", []jsonRanked{}, true)
	} else {
		sw.raw(`  "assessments": [` + "\n")
		sw.assessments(c, j.opts.Lang)
		sw.raw("  ],\n")
	}
	sw.field("statistics", o.Statistics, true)
	sw.field("groups", o.Groups, true)
	sw.field("trends", o.Trends, false)
	sw.raw("}\n")
	return sw.err
}

// jsonStream writes a JSON object field by field, indented as
// json.Encoder with SetIndent("", "  ") would indent the whole.
type jsonStream struct {
	w   io.Writer
	err error
}

func (s *jsonStream) raw(text string) {
	if s.err == nil {
		_, s.err = io.WriteString(s.w, text)
	}
}

// value writes v indented for its depth, without the encoder's newline.
func (s *jsonStream) value(v any, prefix string) {
	if s.err != nil {
		return
	}
	var b []byte
	if b, s.err = indented(v, prefix); s.err == nil {
		_, s.err = s.w.Write(b)
	}
}

// indented is v's JSON indented for its depth, without a newline at the
// end.
func indented(v any, prefix string) ([]byte, error) {
	e := jsonEncoders.Get().(*jsonEncoder)
	defer jsonEncoders.Put(e)
	out, err := e.encode(v, prefix)
	if err != nil {
		return nil, err
	}
	return bytes.Clone(bytes.TrimSuffix(out, []byte("\n"))), nil
}

// assessments writes the comparison's assessments, the elements of its
// "assessments" list. They are encoded on all cores, a chunk at a time,
// and written in order: encoding them one after the other took most of
// the time of `compare -f json`.
func (s *jsonStream) assessments(c *assess.Comparison, lang string) {
	const chunk = 64
	encoded := make([][]byte, chunk)
	for from := 0; from < c.Len() && s.err == nil; from += chunk {
		part := min(chunk, c.Len()-from)
		var g errgroup.Group
		g.SetLimit(runtime.GOMAXPROCS(0))
		for k := range part {
			g.Go(func() error {
				r, err := c.Result(from + k)
				if err != nil {
					return err
				}
				encoded[k], err = indented(jsonRanked{AssessmentJSON(r, lang), c.Ranks[from+k]}, "    ")
				return err
			})
		}
		if s.err = g.Wait(); s.err != nil {
			return
		}
		for k := range part {
			s.raw("    ")
			if s.err == nil {
				_, s.err = s.w.Write(encoded[k])
			}
			if from+k < c.Len()-1 {
				s.raw(",")
			}
			s.raw("\n")
			encoded[k] = nil
		}
	}
}

func (s *jsonStream) field(key string, v any, more bool) {
	k, _ := json.Marshal(key)
	s.raw("  " + string(k) + ": ")
	s.value(v, "  ")
	if more {
		s.raw(",")
	}
	s.raw("\n")
}

func (csvWriter) Comparison(w io.Writer, c *assess.Comparison) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for i := range c.Len() {
		r, err := c.Scores(i)
		if err != nil {
			return err
		}
		if err := CSVRows(cw, r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// byNodes are the node ids shown as columns for --by.
func (s style) byNodes(c *assess.Comparison) []string {
	fw := c.Framework
	areas, crits := len(fw.Areas), len(fw.Criteria)
	switch s.By {
	case "criterion":
		return c.Nodes[1+areas : 1+areas+crits]
	case "indicator":
		return c.Nodes[1+areas+crits:]
	}
	return c.Nodes[1 : 1+areas]
}

// regionLabel names a region by its name, or its id when it has none.
func regionLabel(r assess.Region) string {
	if r.Name != "" {
		return r.Name
	}
	return r.ID
}

// regionNames maps the compared regions' ids to their labels.
func regionNames(c *assess.Comparison) map[string]string {
	names := map[string]string{}
	for _, r := range c.Entries {
		names[r.Region.ID] = regionLabel(r.Region)
	}
	return names
}

// rank is a result's rank within its period as text, "–" for none.
func rank(c *assess.Comparison, i int) string {
	if c.Ranks[i] == nil {
		return "–"
	}
	return fmt.Sprint(*c.Ranks[i])
}

// overviewRows is the regions × nodes matrix the table and Markdown show:
// rank, region name, period, the overall score and the --by nodes.
func (s style) overviewRows(c *assess.Comparison) (header []string, rows [][]string) {
	header = []string{"#", s.t("region"), s.t("period"), s.t("overall")}
	nodes := s.byNodes(c)
	header = append(header, nodes...)
	for i, r := range c.Entries {
		row := []string{rank(c, i), regionLabel(r.Region), r.Period, s.score(r.Score)}
		for _, id := range nodes {
			row = append(row, s.score(c.ScoreOf(i, id)))
		}
		rows = append(rows, row)
	}
	return header, rows
}

// groupRows lists the peer groups: name, size and overall mean, or that
// the group is too small to show.
func (s style) groupRows(c *assess.Comparison) (header []string, rows [][]string) {
	header = []string{s.t("group"), "n", s.t("overall") + " (" + s.t("mean") + ")"}
	for _, g := range c.Groups {
		mean := s.t("suppressed")
		if !g.Suppressed {
			mean = s.score(g.Stats[assess.OverallNode].Mean)
		}
		rows = append(rows, []string{g.Name, fmt.Sprint(len(g.Members)), mean})
	}
	return header, rows
}

// statsRows is the statistics of the overall score and the --by nodes as
// text: a header (the first column names the node) and one row per node.
func (s style) statsRows(c *assess.Comparison) (header []string, rows [][]string) {
	header = []string{""}
	for _, col := range statColumns {
		header = append(header, col.header(s))
	}
	for _, id := range append([]string{assess.OverallNode}, s.byNodes(c)...) {
		name := id
		if id == assess.OverallNode {
			name = s.t("overall")
		}
		row := []string{name}
		for _, col := range statColumns {
			row = append(row, col.text(s, c.Statistics[id]))
		}
		rows = append(rows, row)
	}
	return header, rows
}

func (s style) trendRows(c *assess.Comparison) (header []string, rows [][]string) {
	header = []string{s.t("region"), s.t("from"), s.t("to"), s.t("overall")}
	for _, a := range c.Framework.Areas {
		header = append(header, a.ID)
	}
	names := regionNames(c)
	for _, t := range c.Trends {
		row := []string{names[t.Region], t.From, t.To, s.delta(t.Delta[assess.OverallNode])}
		for _, a := range c.Framework.Areas {
			row = append(row, s.delta(t.Delta[a.ID]))
		}
		rows = append(rows, row)
	}
	return header, rows
}

// delta formats a signed difference.
func (s style) delta(v *float64) string {
	if v == nil {
		return "–"
	}
	return s.p.Sprintf("%+.1f", RoundHalfAway(*v, 1))
}

func rightAligned(n int) []tw.Align {
	a := make([]tw.Align, n)
	for i := range a {
		a[i] = tw.AlignRight
	}
	return a
}

func (t *tableWriter) Comparison(w io.Writer, c *assess.Comparison) error {
	s := t.style
	fw := c.Framework
	s.para(w, fmt.Sprintf("%s: %s %s · %d %s", s.t("framework"), fw.Title.Get(s.Lang), fw.Version, c.Len(), s.t("assessments")))
	fmt.Fprintln(w)
	header, rows := s.overviewRows(c)
	aligns := rightAligned(len(header))
	aligns[1], aligns[2] = tw.AlignLeft, tw.AlignLeft
	// Rank, region and period stay in every part of a matrix too wide
	// for the terminal.
	if err := s.renderWide(w, grid{header: header, rows: rows, aligns: aligns, flex: 1}, 3); err != nil {
		return err
	}
	s.para(w, s.t("rank.note"))
	for _, note := range s.translationNotes(c) {
		s.para(w, note)
	}
	s.heading(w, s.t("statistics"))
	header, rows = s.statsRows(c)
	aligns = rightAligned(len(header))
	aligns[0] = tw.AlignLeft
	if err := s.render(w, grid{header: header, rows: rows, aligns: aligns, flex: -1}); err != nil {
		return err
	}
	if len(c.Groups) > 0 {
		s.heading(w, s.t("groups"))
		header, rows = s.groupRows(c)
		if err := s.render(w, grid{header: header, rows: rows, aligns: []tw.Align{tw.AlignLeft, tw.AlignRight, tw.AlignRight}, flex: 0}); err != nil {
			return err
		}
		s.para(w, s.p.Sprintf(s.t("groups.explained"), c.MinGroup))
	}
	if len(c.Trends) == 0 {
		return nil
	}
	s.heading(w, s.t("trends"))
	header, rows = s.trendRows(c)
	aligns = rightAligned(len(header))
	aligns[0], aligns[1], aligns[2] = tw.AlignLeft, tw.AlignLeft, tw.AlignLeft
	return s.render(w, grid{header: header, rows: rows, aligns: aligns, flex: 0})
}

func (m *markdownWriter) Comparison(w io.Writer, c *assess.Comparison) error {
	s := m.style
	fw := c.Framework
	fmt.Fprintf(w, "%s# %s\n\n", markdownMark, s.t("comparison"))
	fmt.Fprintf(w, "- %s: %s %s\n- %d %s\n\n", s.t("framework"), mdEscape(fw.Title.Get(s.Lang)), mdEscape(fw.Version), c.Len(), s.t("assessments"))
	header, rows := s.overviewRows(c)
	aligns := rightAligned(len(header))
	aligns[1], aligns[2] = tw.AlignLeft, tw.AlignLeft
	if err := mdTable(w, header, rows, aligns...); err != nil {
		return err
	}
	fmt.Fprintf(w, "%s\n\n", s.t("rank.note"))
	for _, note := range s.translationNotes(c) {
		fmt.Fprintf(w, "%s\n\n", mdEscape(note))
	}
	fmt.Fprintf(w, "## %s\n\n", s.t("statistics"))
	header, rows = s.statsRows(c)
	aligns = rightAligned(len(header))
	aligns[0] = tw.AlignLeft
	if err := mdTable(w, header, rows, aligns...); err != nil {
		return err
	}
	if len(c.Groups) > 0 {
		fmt.Fprintf(w, "## %s\n\n", s.t("groups"))
		header, rows = s.groupRows(c)
		if err := mdTable(w, header, rows, tw.AlignLeft, tw.AlignRight, tw.AlignRight); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s\n\n", s.p.Sprintf(s.t("groups.explained"), c.MinGroup))
	}
	if len(c.Trends) == 0 {
		return nil
	}
	fmt.Fprintf(w, "## %s\n\n", s.t("trends"))
	header, rows = s.trendRows(c)
	aligns = rightAligned(len(header))
	aligns[0], aligns[1], aligns[2] = tw.AlignLeft, tw.AlignLeft, tw.AlignLeft
	return mdTable(w, header, rows, aligns...)
}
