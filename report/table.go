package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/i18n"
	"github.com/r3l/r3l/internal/textsafe"
)

type tableWriter struct{ style }

// grid is a table to render: header (may be nil), rows, one alignment per
// column, and the column that takes the width left over (long texts wrap
// there; -1 for none).
type grid struct {
	header []string
	rows   [][]string
	aligns []tw.Align
	flex   int
	// drop are the columns left out, in this order, while the others
	// leave the flexible one too little room on the terminal: less than
	// minFlex or than its longest word.
	drop []int
}

func (g *grid) add(cells ...string) { g.rows = append(g.rows, cells) }

// safe returns g with the control characters of every cell escaped
// (textsafe.Text), so that no questionnaire or framework text acts on the
// terminal, and the columns are as wide as what is shown.
func (g grid) safe() grid {
	clean := func(cells []string) []string {
		if cells == nil {
			return nil
		}
		out := make([]string, len(cells))
		for i, c := range cells {
			out[i] = textsafe.Text(c)
		}
		return out
	}
	g.header = clean(g.header)
	rows := make([][]string, len(g.rows))
	for i, r := range g.rows {
		rows[i] = clean(r)
	}
	g.rows = rows
	return g
}

// para writes a paragraph wrapped to the table's width, its control
// characters escaped (textsafe.Line). The table writers print text
// through para, heading and render, and the region's name through
// textsafe.Line, so that nothing of it acts on the terminal.
func (s style) para(w io.Writer, text string) {
	fmt.Fprintln(w, i18n.Wrap(textsafe.Line(text), s.Width))
}

// render draws g fitted to the terminal width: every column as wide as its
// content, the flexible one wrapped into what is left.
func (s style) render(w io.Writer, g grid) error {
	g = g.safe()
	var natural []int
	used := 0
	if g.flex >= 0 {
		natural, used = g.widths()
		for len(g.drop) > 0 && s.Width-used < max(minFlex, min(g.longestWord()+2, natural[g.flex])) {
			g = g.without(g.drop[0])
			natural, used = g.widths()
		}
	}
	widths := tw.NewMapper[int, int]()
	if g.flex >= 0 {
		if flex := max(s.Width-used, minFlex); flex < natural[g.flex] {
			widths.Set(g.flex, flex)
		}
	}
	return terminalTables.render(w, []tablewriter.Option{
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: g.aligns}),
		tablewriter.WithColumnWidths(widths),
	}, g.header, g.rows)
}

// minFlex is the narrowest the flexible column of a table is made.
const minFlex = 16

// widths are the natural widths of g's columns (their widest line and
// the padding) and the width of all but the flexible one, with borders.
func (g grid) widths() (natural []int, used int) {
	natural = make([]int, len(g.aligns))
	for _, row := range append([][]string{g.header}, g.rows...) {
		for i, c := range row {
			for line := range strings.SplitSeq(c, "\n") {
				natural[i] = max(natural[i], twwidth.Width(line)+2)
			}
		}
	}
	used = len(natural) + 1 // borders
	for i, n := range natural {
		if i != g.flex {
			used += n
		}
	}
	return natural, used
}

// longestWord is the width of the longest word of the flexible column,
// which tablewriter would cut in a narrower one.
func (g grid) longestWord() int {
	n := 0
	for _, row := range g.rows {
		for _, w := range strings.Fields(row[g.flex]) {
			n = max(n, twwidth.Width(w))
		}
	}
	return n
}

// without is g without column col, which must not be the flexible one.
func (g grid) without(col int) grid {
	cut := func(cells []string) []string {
		if cells == nil {
			return nil
		}
		return append(cells[:col:col], cells[col+1:]...)
	}
	out := grid{header: cut(g.header), aligns: append(g.aligns[:col:col], g.aligns[col+1:]...), flex: g.flex}
	for _, r := range g.rows {
		out.rows = append(out.rows, cut(r))
	}
	if out.flex > col {
		out.flex--
	}
	for _, d := range g.drop[1:] {
		if d > col {
			d--
		}
		out.drop = append(out.drop, d)
	}
	return out
}

// renderWide draws a table too wide for the terminal as several tables,
// each with the first fixed columns and as many of the others as fit.
// The flexible column (one of the fixed ones) wraps to make room.
func (s style) renderWide(w io.Writer, g grid, fixed int) error {
	g = g.safe()
	width := func(col int) int { // a column's natural width with its border
		n := twwidth.Width(g.header[col])
		for _, row := range g.rows {
			n = max(n, twwidth.Width(row[col]))
		}
		if col == g.flex {
			n = min(n, 18) // wraps from there
		}
		return n + 3
	}
	used := 1
	for col := range fixed {
		used += width(col)
	}
	var parts [][]int
	var part []int
	room := s.Width - used
	for col := fixed; col < len(g.header); col++ {
		if n := width(col); len(part) > 0 && n > room {
			parts, part, room = append(parts, part), nil, s.Width-used
		}
		part = append(part, col)
		room -= width(col)
	}
	parts = append(parts, part)
	for i, cols := range parts {
		if i > 0 {
			fmt.Fprintln(w)
		}
		keep := append(seq(fixed), cols...)
		sub := grid{flex: g.flex}
		for _, col := range keep {
			sub.header = append(sub.header, g.header[col])
			sub.aligns = append(sub.aligns, g.aligns[col])
		}
		for _, row := range g.rows {
			cells := make([]string, len(keep))
			for j, col := range keep {
				cells[j] = row[col]
			}
			sub.rows = append(sub.rows, cells)
		}
		if err := s.render(w, sub); err != nil {
			return err
		}
	}
	return nil
}

// seq is 0, 1, …, n-1.
func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func (s style) heading(w io.Writer, text string) {
	text = textsafe.Line(text)
	if s.Color {
		fmt.Fprintf(w, "\n\x1b[1m%s\x1b[0m\n", text)
		return
	}
	fmt.Fprintf(w, "\n%s\n", text)
}

func (t *tableWriter) Assessment(w io.Writer, r *assess.Result) error {
	s := t.style
	fw := r.Framework
	title := textsafe.Line(regionName(r.Region))
	if s.Color {
		title = "\x1b[1m" + title + "\x1b[0m"
	}
	fmt.Fprintf(w, "%s\n", title)
	s.para(w, fmt.Sprintf("%s: %s · %s: %s", s.t("period"), r.Period, s.t("respondents"), s.respondentsLine(r)))
	s.para(w, fmt.Sprintf("%s: %s %s", s.t("framework"), s.text(fw.Title), fw.Version))
	fmt.Fprintln(w)
	s.para(w, s.overallLine(r.Node))
	fmt.Fprintln(w)
	if note := s.incomplete(r); note != "" {
		s.para(w, note)
		fmt.Fprintln(w)
	}

	if r.Baseline != nil {
		s.para(w, s.baselineLine(r))
		fmt.Fprintln(w)
	}

	g := grid{
		header: []string{"", fw.LevelName("area", s.Lang) + " / " + fw.LevelName("criterion", s.Lang), s.t("score"), s.t("level"), s.t("answered")},
		aligns: []tw.Align{tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignLeft, tw.AlignRight},
		flex:   1,
	}
	if s.Summary {
		g.header[1] = fw.LevelName("area", s.Lang)
	}
	// With a baseline, each part's change follows its score; on a narrow
	// terminal the answered counts make room for it.
	row := func(id, title string, n assess.Node) {
		cells := []string{id, title, s.score(n.Score), s.level(n), s.answered(n)}
		if r.Baseline != nil {
			cells = slices.Insert(cells, 3, s.change(n.Change))
		}
		g.add(cells...)
	}
	if r.Baseline != nil {
		g.header = slices.Insert(g.header, 3, changeHeader(r))
		g.aligns = slices.Insert(g.aligns, 3, tw.AlignRight)
		g.drop = []int{5}
	}
	for _, a := range r.Areas {
		row(a.Area.ID, strings.ToUpper(s.text(a.Area.Title)), a.Node)
		for _, c := range a.Criteria {
			if !s.Summary {
				row(c.Criterion.ID, s.text(c.Criterion.Title), c.Node)
			}
		}
	}
	steps := []func() error{
		func() error { return s.render(w, g) },
		func() error {
			if r.Baseline != nil {
				s.para(w, s.noiseLegend())
			}
			return nil
		},
		func() error { return t.plan(w, r) },
		func() error { return t.indicatorList(w, s.t("strengths"), r.Strengths) },
		func() error { return t.indicatorList(w, s.t("weaknesses"), r.Weaknesses) },
		func() error { return t.disagreements(w, r) },
	}
	if !s.Summary {
		steps = append(steps, func() error { return t.priorities(w, r) }, func() error { return t.roles(w, r) })
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func (t *tableWriter) indicatorList(w io.Writer, heading string, rs []*assess.IndicatorResult) error {
	if len(rs) == 0 {
		return nil
	}
	s := t.style
	s.heading(w, heading)
	g := grid{aligns: []tw.Align{tw.AlignLeft, tw.AlignRight, tw.AlignLeft}, flex: 2}
	for _, r := range rs {
		g.add(r.Indicator.ID, s.score(r.Score), s.text(r.Indicator.Text))
	}
	return s.render(w, g)
}

func (t *tableWriter) disagreements(w io.Writer, r *assess.Result) error {
	s := t.style
	s.heading(w, s.t("disagreement"))
	ds := r.Disagreements()
	if len(ds) == 0 {
		s.para(w, s.noDisagreement(r))
		return nil
	}
	g := grid{
		header: []string{"", s.t("score"), s.t("sd"), s.t("range"), s.t("indicator")},
		aligns: []tw.Align{tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignLeft},
		flex:   4,
	}
	for _, d := range ds {
		g.add(d.Indicator.ID, s.score(d.Score), s.score(d.SD), s.span(d.Min, d.Max), s.text(d.Indicator.Text))
	}
	return s.render(w, g)
}

// topPriorities is how many ranked criteria the terminal table lists with
// their titles; the rest follow on one line.
const topPriorities = 5

func (t *tableWriter) priorities(w io.Writer, r *assess.Result) error {
	if len(r.Priorities) == 0 {
		return nil
	}
	s := t.style
	s.heading(w, s.t("priorities"))
	g := grid{
		header: []string{"", s.t("points"), s.t("ranks"), r.Framework.LevelName("criterion", s.Lang)},
		aligns: []tw.Align{tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignLeft},
		flex:   3,
	}
	for _, p := range r.Priorities[:min(topPriorities, len(r.Priorities))] {
		g.add(p.Criterion.ID, fmt.Sprint(p.Points), joinInts(p.Ranks, "/"), s.text(p.Criterion.Title))
	}
	if err := s.render(w, g); err != nil {
		return err
	}
	if len(r.Priorities) > topPriorities {
		var rest []string
		for _, p := range r.Priorities[topPriorities:] {
			rest = append(rest, fmt.Sprintf("%s %d", p.Criterion.ID, p.Points))
		}
		s.para(w, s.t("more")+": "+strings.Join(rest, ", "))
	}
	for _, c := range r.Clusters {
		s.para(w, fmt.Sprintf("%s %s: %d %s", s.t("cluster"), s.text(c.Cluster), c.Points, s.t("points.unit")))
	}
	return nil
}

func (t *tableWriter) roles(w io.Writer, r *assess.Result) error {
	s := t.style
	s.heading(w, s.t("roles"))
	g := grid{flex: -1}
	g.header, g.rows, g.aligns = s.roleRows(r)
	if err := s.render(w, g); err != nil {
		return err
	}
	if note := s.suppressedNote(r); note != "" {
		s.para(w, note)
	}
	return nil
}

func joinInts(xs []int, sep string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, sep)
}

// plan is the plan's section: its targets with the gap to each, the
// actions and which are overdue. The one-screen view has the targets met
// and the overdue actions in a line.
func (t *tableWriter) plan(w io.Writer, r *assess.Result) error {
	if r.Plan == nil {
		return nil
	}
	s := t.style
	rows := targetRows(r, s.Lang)
	if s.Summary {
		fmt.Fprintln(w)
		s.para(w, s.planSummary(r))
		return nil
	}
	s.heading(w, s.planTitle(r))
	s.para(w, s.planSpan(r))
	// The actions serving a target follow its title: the table then
	// leaves the title room on a terminal of 80 columns in every
	// language. A narrower one loses the current scores first, which the
	// table of scores shows too.
	g := grid{
		header: []string{"", s.t("targets"), s.t("target"), s.t("score"), s.t("gap"), s.t("met")},
		aligns: []tw.Align{tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignLeft},
		flex:   1,
		drop:   []int{3},
	}
	var why []string
	for _, row := range rows {
		target := s.targetScore(row.Target)
		if lvl := s.targetLevel(row.Target); lvl != "" {
			target += "\n" + lvl
		}
		title := row.Title
		if refs := s.actionRefs(r, row.ID); len(refs) > 0 {
			title += "\n" + s.t("actions") + ": " + strings.Join(refs, ", ")
		}
		g.add(row.ID, title, target, s.score(row.Node.Score), s.gap(row.Target), s.met(row.Target))
		if len(row.Target.Plan.Why) > 0 {
			why = append(why, s.t("why")+" "+row.ID+": "+strings.Join(row.Target.Plan.Why, "; "))
		}
	}
	if len(rows) > 0 {
		if err := s.render(w, g); err != nil {
			return err
		}
		s.para(w, s.targetsMetLine(rows))
	}
	for _, line := range why {
		s.para(w, line)
	}
	p := r.Plan.Plan
	if len(p.Actions) == 0 {
		return nil
	}
	s.heading(w, s.t("actions"))
	g = grid{
		header: []string{"", s.t("action"), s.t("criteria"), s.t("due"), s.t("status")},
		aligns: []tw.Align{tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignLeft},
		flex:   1,
		drop:   []int{2},
	}
	for i := range p.Actions {
		a := &p.Actions[i]
		action := a.Title
		if a.Lead != "" {
			action += "\n" + s.t("lead") + ": " + a.Lead
		}
		status := s.actionStatus(a)
		if overdue(r, a) {
			status += "\n" + s.t("overdue")
		}
		g.add(a.ID, action, strings.Join(a.Criteria, "\n"), a.Due.Text, status)
	}
	if err := s.render(w, g); err != nil {
		return err
	}
	s.para(w, s.overdueLine(r))
	return nil
}
