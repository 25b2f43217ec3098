package report

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/workbook"
)

// heatmap holds one fill style per five points of score, red through
// yellow to green. Streamed sheets cannot carry conditional formats, so the
// colour scale is baked into each score cell's style.
type heatmap struct {
	styles [21]int
}

func (b *book) newHeatmap() *heatmap {
	h := &heatmap{}
	for i := range h.styles {
		h.styles[i] = b.Style(&excelize.Style{
			Fill:         excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{scoreColour(float64(i) * 5)}},
			CustomNumFmt: new("0.0"),
		})
	}
	return h
}

// scoreColour interpolates the colour scale of the report workbooks:
// F8696B at 0, FFEB84 at 50, 63BE7B at 100.
func scoreColour(v float64) string {
	lerp := func(a, b [3]float64, t float64) string {
		var c [3]int
		for i := range c {
			c[i] = int(math.Round(a[i] + (b[i]-a[i])*t))
		}
		return fmt.Sprintf("%02X%02X%02X", c[0], c[1], c[2])
	}
	red, yellow, green := [3]float64{0xF8, 0x69, 0x6B}, [3]float64{0xFF, 0xEB, 0x84}, [3]float64{0x63, 0xBE, 0x7B}
	v = min(max(v, 0), 100)
	if v <= 50 {
		return lerp(red, yellow, v/50)
	}
	return lerp(yellow, green, (v-50)/50)
}

// cell returns a stream cell for a score, shaded by its value.
func (h *heatmap) cell(v *float64) any { return h.cellIn(new(excelize.Cell), v) }

// cellIn is cell written into *into, which it returns, for rows of
// reused cells: a heat map of thousands of rows then allocates nothing
// per cell.
func (h *heatmap) cellIn(into *excelize.Cell, v *float64) any {
	if v == nil {
		return nil
	}
	into.Value, into.StyleID = *v, h.styles[int(math.Round(min(max(*v, 0), 100)/5))]
	return into
}

// assessmentLabel names an assessment in one cell: "kaunas 2024".
func assessmentLabel(r *assess.Entry) string { return r.Region.ID + " " + r.Period }

func (x *xlsxWriter) Comparison(w io.Writer, c *assess.Comparison) error {
	b := x.newBook()
	defer b.Close()
	hm := b.newHeatmap()
	x.compareOverview(b, c)
	x.compareMatrix(b, hm, c, "Criteria", 1+len(c.Framework.Areas), 1+len(c.Framework.Areas)+len(c.Framework.Criteria))
	x.compareMatrix(b, hm, c, "Indicators", 1+len(c.Framework.Areas)+len(c.Framework.Criteria), len(c.Nodes))
	x.compareStatistics(b, c)
	x.compareGroups(b, hm, c)
	if len(c.Trends) > 0 {
		x.compareTrends(b, c)
	}
	x.compareData(b, c)
	x.compareAbout(b, c)
	if b.Err != nil {
		return b.Err
	}
	// Overview, the first sheet, is already the active one: it took the
	// place of the new workbook's selected "Sheet1". SetActiveSheet would
	// parse every streamed sheet back into memory to clear its selection.
	return b.SaveTo(w)
}

// compareOverview is the regions × areas sheet, one row per assessment,
// with a conditional colour scale and a chart; its rows are written as
// the workbook is saved (lazyTable).
func (x *xlsxWriter) compareOverview(b *book, c *assess.Comparison) {
	s := x.style
	const sh = "Overview"
	b.Sheet(sh)
	b.Light(sh)
	fw := c.Framework
	cols := []column{{"#", 4, colText}, {s.t("assessment"), labelWidth(c), colText}, {s.t("region"), 20, colWrap}, {s.t("group"), 8, colText},
		{s.t("country"), 7, colText}, {s.t("period"), 7, colText}, {s.t("respondents"), 6, colText},
		{s.t("overall"), 8, colScore}, {s.t("level"), 12, colWrap}, {s.t("coverage"), 8, colPct}}
	for _, r := range c.Entries {
		cols[3].width = min(max(cols[3].width, workbook.TextWidth(r.Region.Group, false)), 24)
	}
	for _, a := range fw.Areas {
		cols = append(cols, column{a.ID + " " + a.Title.Get(s.Lang), 12, colScore})
	}
	next := b.lazyTable(sh, 1, cols, c.Len(), func(i int, row []any) []any {
		r := &c.Entries[i]
		var rank any
		if c.Ranks[i] != nil {
			rank = *c.Ranks[i]
		}
		row = append(row, rank, assessmentLabel(r), r.Region.Name, r.Region.Group, r.Region.Country, r.Period, r.Respondents,
			r.Score, b.level(r.Node), r.Coverage)
		for _, a := range fw.Areas {
			row = append(row, c.ScoreOf(i, a.ID))
		}
		return row
	}, true)
	b.Freeze(sh, 1, 2, "")
	// The chart stands under the table (beside it, it would make the
	// printed page twice as wide), one page wide so that it is not cut:
	// on the table's last page while both fit, up to about sharePage
	// assessments, else on a page of its own, no taller than the page.
	const sharePage = 15
	n := c.Len()
	height := min(120+14*n, maxBarHeight-2*rowPx)
	p := workbook.PrintSetup{Wide: 1, TitleRows: 1, TitleCols: 2, Tall: next + height/rowPx}
	if n > sharePage {
		p.Breaks = true
		b.Do(b.F.InsertPageBreak(sh, workbook.Cell(1, next+1)))
	}
	b.SetPrint(sh, p)
	if b.Err != nil || n == 0 {
		return
	}
	b.scoreBars(sh, workbook.Cell(2, next+1), s.t("overall")+" — "+s.t("score"),
		fmt.Sprintf("'%s'!$B$2:$B$%d", sh, n+1), sh, "H", n, 640, height, "Bar chart of the overall scores")
}

// labelWidth is the width of a column of assessment labels.
func labelWidth(c *assess.Comparison) float64 {
	w := 12.0
	for _, r := range c.Entries {
		// The second padding makes up for the space between; no label is
		// built, for thousands of assessments.
		w = max(w, workbook.TextWidth(r.Region.ID, false)+workbook.TextWidth(r.Period, false))
	}
	return min(w, 40)
}

// matrixNodes is the most nodes a matrix sheet holds: a sheet has 16,384
// columns, three of them the assessment's.
const matrixNodes = 16384 - 3

// compareMatrix writes assessments × the nodes c.Nodes[from:to], shaded by
// score. Wider than a page, it prints on as many pages across as it takes,
// each with the assessments' labels. Wider than a sheet, it goes on in
// sheets "name 2", "name 3", ….
func (x *xlsxWriter) compareMatrix(b *book, hm *heatmap, c *assess.Comparison, name string, from, to int) {
	for part := 1; from < to || part == 1; part++ {
		sheet := name
		if part > 1 {
			sheet = fmt.Sprintf("%s %d", name, part)
		}
		end := min(to, from+matrixNodes)
		x.matrixSheet(b, hm, c, sheet, from, end)
		from = end
	}
}

// matrixSheet writes one sheet of compareMatrix.
func (x *xlsxWriter) matrixSheet(b *book, hm *heatmap, c *assess.Comparison, name string, from, to int) {
	nodes := c.Nodes[from:to]
	headers := append([]string{x.t("assessment"), x.t("region"), x.t("period")}, nodes...)
	widths := []float64{labelWidth(c), 12, 6}
	for _, r := range c.Entries {
		widths[1] = min(max(widths[1], workbook.TextWidth(r.Region.ID, false)), 40)
	}
	for range nodes {
		widths = append(widths, 6)
	}
	ss := b.Stream(name, headers, widths, 1, b.header, workbook.PrintSetup{})
	ss.DeferRows(c.Len(), func(add func(...any) error) error {
		row := make([]any, 0, 3+len(nodes))
		cells := make([]excelize.Cell, len(nodes))
		for i := range c.Entries {
			r := &c.Entries[i]
			row = append(row[:0], assessmentLabel(r), r.Region.ID, r.Period)
			for k, v := range c.NodeScores(i)[from:to] {
				row = append(row, hm.cellIn(&cells[k], v))
			}
			if err := add(row...); err != nil {
				return err
			}
		}
		return nil
	})
	ss.Close()
}

// compareStatistics writes the statistics of every node, as numbers, to
// the Statistics sheet.
func (x *xlsxWriter) compareStatistics(b *book, c *assess.Comparison) {
	s := x.style
	headers := []string{"ID", s.t("kind"), s.t("title")}
	widths := []float64{7, 9, 50}
	for _, col := range statColumns {
		headers = append(headers, col.header(s))
		widths = append(widths, col.width())
	}
	ss := b.Stream("Statistics", headers, widths, 1, b.header, workbook.PrintSetup{})
	row := make([]any, 0, len(headers))
	for _, id := range c.Nodes {
		kind, title := nodeKind(c, id, s.Lang)
		st := c.Statistics[id]
		// Titles wrap, in rows as tall as they need, and every cell of a
		// row aligns at the top.
		row = append(row[:0], b.top(id), b.top(kind), excelize.Cell{Value: title, StyleID: b.wrap})
		for _, col := range statColumns {
			row = append(row, b.top(col.cell(b, st)))
		}
		ss.AddHeight(float64(workbook.Lines(title, widths[2], false))*workbook.LineHeight, row...)
	}
	ss.Close()
}

// top aligns a stream cell's value at the top of its row, unless it is
// styled already or empty.
func (b *book) top(v any) any {
	switch v.(type) {
	case nil, excelize.Cell, *excelize.Cell:
		return v
	}
	return excelize.Cell{Value: v, StyleID: b.text}
}

// num1 is a number cell with one decimal shown, or empty.
func num1(b *book, v *float64) any {
	if v == nil {
		return nil
	}
	return excelize.Cell{Value: *v, StyleID: b.num}
}

// nodeKind names the level of a node id and its title.
func nodeKind(c *assess.Comparison, id, lang string) (string, string) {
	fw := c.Framework
	switch {
	case id == assess.OverallNode:
		return ui.Get(lang, "overall"), fw.Title.Get(lang)
	case fw.Area(id) != nil:
		return fw.LevelName("area", lang), fw.Area(id).Title.Get(lang)
	case fw.Criterion(id) != nil:
		return fw.LevelName("criterion", lang), fw.Criterion(id).Title.Get(lang)
	case fw.Indicator(id) != nil:
		return fw.LevelName("indicator", lang), fw.Indicator(id).Text.Get(lang)
	}
	return "", ""
}

// compareGroups lists each peer group's members with their difference to
// the group mean; groups below the minimum size show no statistics.
func (x *xlsxWriter) compareGroups(b *book, hm *heatmap, c *assess.Comparison) {
	s := x.style
	fw := c.Framework
	nodes := c.Nodes[:1+len(fw.Areas)]
	headers := []string{s.t("group"), "n", s.t("assessment")}
	widths := []float64{14, 4, labelWidth(c)}
	for _, g := range c.Groups {
		widths[0] = min(max(widths[0], workbook.TextWidth(g.Name, false)), 30)
	}
	for _, id := range nodes {
		label := id
		if id == assess.OverallNode {
			label = s.t("overall")
		}
		headers = append(headers, label, "Δ "+label)
		widths = append(widths, 7, 7)
	}
	ss := b.Stream("Groups", headers, widths, 3, b.header, workbook.PrintSetup{})
	rows := 0
	for _, g := range c.Groups {
		rows += 1 + len(g.Members)
	}
	// Written as the workbook is saved: a group's members are every
	// assessment, whose rows the stream writer would hold in memory.
	ss.DeferRows(rows, func(add func(...any) error) error {
		row := make([]any, 0, len(headers))
		cells := make([]excelize.Cell, len(nodes))
		for _, g := range c.Groups {
			if g.Suppressed {
				row = append(row[:0], g.Name, len(g.Members), s.p.Sprintf(s.t("groups.suppressed"), c.MinGroup))
			} else {
				row = append(row[:0], g.Name, len(g.Members), s.t("mean"))
				for _, id := range nodes {
					row = append(row, hm.cell(g.Stats[id].Mean), nil)
				}
			}
			if err := add(row...); err != nil {
				return err
			}
			for _, i := range g.Members {
				row = append(row[:0], g.Name, len(g.Members), assessmentLabel(&c.Entries[i]))
				for k, id := range nodes {
					row = append(row, hm.cellIn(&cells[k], c.ScoreOf(i, id)), num1(b, c.GroupDiff(i, id)))
				}
				if err := add(row...); err != nil {
					return err
				}
			}
		}
		return nil
	})
	ss.Close()
}

func (x *xlsxWriter) compareTrends(b *book, c *assess.Comparison) {
	s := x.style
	headers := []string{s.t("region"), s.t("from"), s.t("to"), "Δ " + s.t("overall")}
	widths := []float64{16, 7, 7, 9}
	for _, t := range c.Trends {
		widths[0] = min(max(widths[0], workbook.TextWidth(t.Region, false)), 40)
	}
	for _, a := range c.Framework.Areas {
		headers = append(headers, "Δ "+a.ID)
		widths = append(widths, 7)
	}
	ss := b.Stream("Trends", headers, widths, 1, b.header, workbook.PrintSetup{})
	// Written as the workbook is saved, as the Data sheet's rows are.
	ss.DeferRows(len(c.Trends), func(add func(...any) error) error {
		row := make([]any, 0, len(headers))
		for _, t := range c.Trends {
			row = append(row[:0], t.Region, t.From, t.To, num1(b, t.Delta[assess.OverallNode]))
			for _, a := range c.Framework.Areas {
				row = append(row, num1(b, t.Delta[a.ID]))
			}
			if err := add(row...); err != nil {
				return err
			}
		}
		return nil
	})
	ss.Close()
}

// compareData is the tidy table down to criterion level (the CSV also has
// the indicators).
func (x *xlsxWriter) compareData(b *book, c *assess.Comparison) {
	// Columns as wide as their longest value, so that no text is cut when
	// printed; the names are capped, and clipped beyond.
	widths := []float64{10, 16, 10, 7, 7, 9, 7, 6, 8, 10, 12, 7, 6, 6, 9, 7, 6}
	for _, r := range c.Entries {
		for i, v := range []string{r.Region.ID, r.Region.Name, r.Region.Group, r.Region.Country, r.Period} {
			widths[i] = min(max(widths[i], workbook.TextWidth(v, false)), 40)
		}
	}
	ss := b.Stream("Data", CSVHeader, widths, 0, b.header, workbook.PrintSetup{})
	// A row for the overall score, each area and each criterion.
	rows := 0
	for i := range c.Entries {
		rows += 1 + c.Entries[i].Branches
	}
	ss.DeferRows(rows, func(add func(...any) error) error {
		// Scores with one decimal, coverage as a percentage. The cells
		// are reused row after row, and hold pointers, so that the
		// hundreds of thousands of them allocate nothing.
		score, coverage := &excelize.Cell{StyleID: b.num}, &excelize.Cell{StyleID: b.pct}
		// The CSV's target and change columns, as numbers and true or
		// false; empty without a target or a baseline.
		target, gap, baseline, delta := &excelize.Cell{StyleID: b.num}, &excelize.Cell{StyleID: b.num},
			&excelize.Cell{StyleID: b.num}, &excelize.Cell{StyleID: b.num}
		// One row reused, its assessment's texts boxed once.
		row := make([]any, 17)
		for i := range c.Len() {
			r, err := c.Scores(i)
			if err != nil {
				return err
			}
			reg := r.Region
			row[0], row[1], row[2], row[3], row[4] = reg.ID, reg.Name, reg.Group, reg.Country, r.Period
			if err := tidyRows(r, false, func(kind, id string, n assess.Node) error {
				score.Value, coverage.Value = n.Score, n.Coverage
				var met, noise any
				target.Value, gap.Value, baseline.Value, delta.Value = (*float64)(nil), (*float64)(nil), (*float64)(nil), (*float64)(nil)
				if t := n.Target; t != nil {
					target.Value, gap.Value, met = &t.Score, t.Gap, strconv.FormatBool(t.Met)
				}
				if ch := n.Change; ch != nil {
					baseline.Value, delta.Value, noise = ch.Score, ch.Delta, strconv.FormatBool(ch.Noise)
				}
				row[5], row[6], row[7], row[8], row[9], row[10] = kind, id, score, coverage, string(n.Status), levelID(n)
				row[11], row[12], row[13], row[14], row[15], row[16] = target, gap, met, baseline, delta, noise
				return add(row...)
			}); err != nil {
				return err
			}
		}
		return nil
	})
	ss.Close()
}

func (x *xlsxWriter) compareAbout(b *book, c *assess.Comparison) {
	s := x.style
	fw := c.Framework
	opts := optionOf(c)
	// The framework and options sit beside the table of inputs, in view
	// at the top however many inputs there are.
	facts := [][2]any{
		{s.t("framework"), fw.ID},
		{s.t("version"), fw.Version},
		{"SHA-256", fw.SHA256},
		{s.t("source"), fw.Path},
		{"r3l", x.Version},
		{"--aggregate", opts.Aggregate},
		{"--min-coverage", opts.MinCoverage},
		{"--disagreement", opts.Disagreement},
		{"--group-by", c.GroupBy},
		{"--min-group", c.MinGroup},
		{"--lang", s.Lang},
	}
	for _, cw := range crosswalksUsed(c) {
		facts = append(facts, [2]any{crosswalkWords.Get(s.Lang, "crosswalk"), cw.Path})
	}
	// Paths and facts wrap, or the page would be too wide to read.
	widths := []float64{28, hashWidth, labelWidth(c), 10, 14, 2, 14, 24}
	ss := b.Stream("About", []string{s.t("input"), "SHA-256", s.t("assessment"), s.t("respondent"), s.t("role")},
		widths, 0, b.header, workbook.PrintSetup{})
	inputs := 0
	for i := range c.Entries {
		inputs += c.Entries[i].InputCount()
	}
	last := ss.Row() + inputs
	// The rows are written as the workbook is saved, straight into it:
	// the inputs of tens of thousands of files are tens of megabytes of
	// sheet XML, which the stream writer would hold.
	ss.DeferTallRows(max(inputs, len(facts)), func(emit func(float64, ...any) error) error {
		// The cells of the inputs are reused row after row (a row is
		// encoded at once), so that thousands of inputs allocate no
		// more than their texts.
		row := []*excelize.Cell{{StyleID: b.wrap}, {StyleID: b.hash}, {StyleID: b.text}, {StyleID: b.text}, {StyleID: b.text}}
		cells := make([]any, 0, 8)
		n := 0
		add := func(texts ...string) error { // an input's path, SHA-256, assessment, respondent, role; or none
			cells, lines := cells[:0], 1
			for i, cell := range row {
				if len(texts) == 0 {
					cells = append(cells, nil)
					continue
				}
				cell.Value = texts[i]
				cells = append(cells, cell)
			}
			if len(texts) > 0 {
				lines = workbook.Lines(texts[0], widths[0], false)
			}
			if n < len(facts) {
				value := facts[n][1]
				if text, ok := value.(string); ok {
					lines = max(lines, workbook.Lines(text, widths[7], false))
					value = excelize.Cell{Value: text, StyleID: b.wrap}
				} else { // numbers under the texts, aligned left as they are
					value = excelize.Cell{Value: value, StyleID: b.fact}
				}
				cells = append(cells, nil, excelize.Cell{Value: facts[n][0], StyleID: b.bold}, value)
			}
			n++
			return emit(float64(lines)*workbook.LineHeight, cells...)
		}
		for i := range c.Entries {
			r := &c.Entries[i]
			for q := range r.Inputs() {
				if err := add(q.Path, q.SHA256, assessmentLabel(r), q.Respondent.ID, q.Respondent.Role); err != nil {
					return err
				}
			}
		}
		for n < len(facts) {
			if err := add(); err != nil {
				return err
			}
		}
		return nil
	})
	ss.CloseAt(last)
	if b.Err == nil {
		b.Do(b.F.SetDocProps(&excelize.DocProperties{
			Title:   s.t("comparison"),
			Subject: fmt.Sprintf("%s %s (sha256 %s)", fw.ID, fw.Version, fw.SHA256),
			Description: fmt.Sprintf("r3l %s; --aggregate %s --min-coverage %v --disagreement %v --group-by %s --min-group %d --lang %s",
				x.Version, opts.Aggregate, opts.MinCoverage, opts.Disagreement, c.GroupBy, c.MinGroup, s.Lang),
			Creator: "r3l " + x.Version,
		}))
	}
}

func optionOf(c *assess.Comparison) assess.Options {
	if c.Len() > 0 {
		return c.Entries[0].Options
	}
	return assess.Options{}
}
