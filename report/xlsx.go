package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/workbook"
	"github.com/r3l/r3l/plan"
)

// Sheet names of the report workbook.
const (
	sheetSummary    = "Summary"
	sheetCriteria   = "Criteria"
	sheetPlan       = "Plan"
	sheetIndicators = "Indicators"
	sheetStrengths  = "Strengths & weaknesses"
	sheetRoles      = "Stakeholders"
	sheetPriorities = "Priorities"
	sheetAbout      = "About"
)

// xlsxWriter writes the report workbooks. noSplice writes the rows of
// large comparison sheets with the stream writer instead of splicing them
// into the archive (see workbook.Book.Splice); tests compare the two.
type xlsxWriter struct {
	style
	noSplice bool
	// hasProgress says the workbook being written shows changes since a
	// baseline or a plan.
	hasProgress bool
}

// book is a report workbook: the shared workbook machinery with the
// reports' cell styles.
type book struct {
	*workbook.Book
	s style

	header, title, bold, alert, text, wrap, num, pct, hash int
	// The Summary's key figures, numbers too, align left under each other.
	fact, factNum, factPct int
	// Changes since a baseline with their sign, "+7.5"; within noise
	// marked "~+7.5" (changeStyle).
	delta, noise, factDelta, factNoise int
	// A key figure in red: a draft plan.
	factAlert int
}

func (x *xlsxWriter) newBook() *book {
	b := &book{Book: workbook.New(), s: x.style}
	b.Splice = !x.noSplice
	// Fonts are named: a font without a name prints in LibreOffice's
	// default serif.
	font := func(f excelize.Font) *excelize.Font {
		f.Family = "Calibri"
		if f.Size == 0 {
			f.Size = 11
		}
		return &f
	}
	b.header = b.Style(&excelize.Style{
		Font:      font(excelize.Font{Bold: true, Color: "FFFFFF"}),
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"3E5C76"}, Pattern: 1},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	b.title = b.Style(&excelize.Style{Font: font(excelize.Font{Bold: true, Size: 16})})
	b.bold = b.Style(&excelize.Style{Font: font(excelize.Font{Bold: true}), Alignment: &excelize.Alignment{Vertical: "top"}})
	b.alert = b.Style(&excelize.Style{Font: font(excelize.Font{Bold: true, Color: "C00000"}),
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	b.text = b.Style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	b.wrap = b.Style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	b.num = b.Style(&excelize.Style{CustomNumFmt: new("0.0"), Alignment: &excelize.Alignment{Vertical: "top"}})
	b.pct = b.Style(&excelize.Style{NumFmt: 9, Alignment: &excelize.Alignment{Vertical: "top"}})
	left := &excelize.Alignment{Horizontal: "left", Vertical: "top"}
	b.fact = b.Style(&excelize.Style{Alignment: left})
	b.factNum = b.Style(&excelize.Style{CustomNumFmt: new("0.0"), Alignment: left})
	b.factPct = b.Style(&excelize.Style{NumFmt: 9, Alignment: left})
	// SHA-256s in a smaller font: whole on one line, but not so wide that
	// the page must shrink.
	b.hash = b.Style(&excelize.Style{Font: font(excelize.Font{Size: 9}), Alignment: &excelize.Alignment{Vertical: "top"}})
	if x.hasProgress {
		// Only workbooks with a baseline or a plan register them: the
		// others stay as they were.
		top := &excelize.Alignment{Vertical: "top"}
		b.delta = b.Style(&excelize.Style{CustomNumFmt: new(deltaFormat), Alignment: top})
		b.noise = b.Style(&excelize.Style{CustomNumFmt: new(noiseFormat), Alignment: top, Font: font(excelize.Font{Color: "52606D"})})
		b.factDelta = b.Style(&excelize.Style{CustomNumFmt: new(deltaFormat), Alignment: left})
		b.factNoise = b.Style(&excelize.Style{CustomNumFmt: new(noiseFormat), Alignment: left, Font: font(excelize.Font{Color: "52606D"})})
		b.factAlert = b.Style(&excelize.Style{Font: font(excelize.Font{Bold: true, Color: "C00000"}), Alignment: left})
	}
	return b
}

// Number formats of changes: the sign always shown, and a change within
// noise marked as the other formats mark it (noiseMark).
const (
	deltaFormat = `"+"0.0;"-"0.0;0.0`
	noiseFormat = `"~+"0.0;"~-"0.0;"~"0.0`
)

// changeStyle is the style of a change in a table (or, with fact, among
// the key figures): marked when within noise.
func (b *book) changeStyle(c *assess.Change, fact bool) int {
	noise := c != nil && c.Noise
	switch {
	case fact && noise:
		return b.factNoise
	case fact:
		return b.factDelta
	case noise:
		return b.noise
	}
	return b.delta
}

// changeValue is a change's number, nil without one.
func changeValue(c *assess.Change) *float64 {
	if c == nil {
		return nil
	}
	return c.Delta
}

// column describes one column of a table: header, width and how its cells
// look.
type column struct {
	header string
	width  float64
	kind   int // colText, colWrap, colScore, colPct, colNum, colHash
}

const (
	colText = iota
	colWrap
	colScore // a score: one decimal, shaded by the colour scale
	colPct
	colNum
	colHash // a SHA-256
)

// table writes a header row at row top and the rows under it, with column
// widths (widened so that no header word is broken), styles, a colour
// scale on score columns and, with filter, an autofilter (a sheet holds
// one). It returns the row after the table.
func (b *book) table(sheet string, top int, cols []column, rows [][]any, filter bool) int {
	return b.rowsTable(sheet, top, cols, len(rows), func(r int, _ []any) []any { return rows[r] }, filter, b.Rows)
}

// lazyTable is table for n rows made by row (r from 0; into may be
// reused for the values) only as the workbook is saved: a comparison's
// table of every assessment is not held in memory until then. Its cells
// are not to be touched after.
func (b *book) lazyTable(sheet string, top int, cols []column, n int, row func(r int, into []any) []any, filter bool) int {
	return b.rowsTable(sheet, top, cols, n, row, filter, b.LightRows)
}

// rowsTable is table with the rows written by write (Book.Rows or
// Book.LightRows).
func (b *book) rowsTable(sheet string, top int, cols []column, n int, row func(r int, into []any) []any, filter bool,
	write func(sheet string, first, n int, styles []int, fill workbook.TallRowSource)) int {
	headers := make([]string, len(cols))
	widths := make([]float64, len(cols))
	for i, c := range cols {
		headers[i], widths[i] = c.header, c.width
	}
	lines := workbook.FitHeaders(headers, widths)
	for i, h := range headers {
		b.Set(sheet, i+1, top, h)
	}
	last := len(cols)
	b.SetStyle(sheet, 1, top, last, top, b.header)
	bottom := top + max(n, 1)
	b.Widths(sheet, widths...)
	styles := make([]int, len(cols))
	for i, c := range cols {
		styles[i] = map[int]int{colText: b.text, colWrap: b.wrap, colScore: b.num, colPct: b.pct, colNum: b.num, colHash: b.hash}[c.kind]
		if c.kind == colScore && n > 0 {
			col := workbook.ColName(i + 1)
			b.ColourScale(sheet, fmt.Sprintf("%s%d:%s%d", col, top+1, col, bottom))
		}
	}
	if b.Err == nil && filter && n > 0 {
		b.Do(b.F.AutoFilter(sheet, fmt.Sprintf("A%d:%s%d", top, workbook.ColName(last), bottom), nil))
	}
	// Spreadsheets do not grow rows for wrapped text on their own when
	// opening a file, so heights are set from an estimate of the lines.
	if lines > 1 {
		b.RowHeight(sheet, top, float64(lines)*workbook.LineHeight)
	}
	write(sheet, top+1, n, styles, func(add func(float64, ...any) error) error {
		var into []any
		for r := range n {
			values := row(r, into[:0])
			into = values
			if err := add(fitHeight(cols, widths, values), values...); err != nil {
				return err
			}
		}
		return nil
	})
	return bottom + 1
}

// fitHeight is the height of a row that holds its longest wrapped text,
// 0 for one line.
func fitHeight(cols []column, widths []float64, cells []any) float64 {
	lines := 1
	for i, v := range cells {
		if text, ok := v.(string); ok && i < len(cols) && cols[i].kind == colWrap {
			lines = max(lines, workbook.Lines(text, widths[i], false))
		}
	}
	if lines > 1 {
		return float64(lines) * workbook.LineHeight
	}
	return 0
}

// note writes a paragraph across the first cols columns of a row, wrapped
// and as tall as it needs: left in one cell, a long text would run past
// the printed page.
func (b *book) note(sheet string, row, cols int, text string, style int) {
	if b.Err != nil || text == "" {
		return
	}
	width := 0.0
	for c := 1; c <= cols; c++ {
		width += b.ColWidth(sheet, c)
	}
	b.Set(sheet, 1, row, text)
	if cols > 1 && b.Err == nil {
		b.Do(b.F.MergeCell(sheet, workbook.Cell(1, row), workbook.Cell(cols, row)))
	}
	b.cellStyle(sheet, 1, row, style)
	if lines := workbook.Lines(text, width, style == b.alert); lines > 1 {
		b.RowHeight(sheet, row, float64(lines)*workbook.LineHeight)
	}
}

// level is a node's maturity label, or its status when it has no score.
func (b *book) level(n assess.Node) string { return b.s.level(n) }

// cellStyle styles one cell.
func (b *book) cellStyle(sheet string, col, row, style int) {
	b.SetStyle(sheet, col, row, col, row, style)
}

func (x *xlsxWriter) Assessment(w io.Writer, r *assess.Result) error {
	x.hasProgress = r.Baseline != nil || r.Plan != nil
	b := x.newBook()
	defer b.Close()
	x.summary(b, r)
	if r.Plan != nil {
		x.plan(b, r)
	}
	x.criteria(b, r)
	x.indicators(b, r)
	x.strengths(b, r)
	x.roles(b, r)
	if len(r.Priorities) > 0 {
		x.priorities(b, r)
	}
	x.about(b, r)
	// Each table's header row and ID columns print on every page.
	for _, p := range []struct {
		sheet string
		workbook.PrintSetup
	}{
		{sheetSummary, workbook.PrintSetup{Wide: 1, Breaks: true}},
		{sheetPlan, workbook.PrintSetup{}},
		{sheetCriteria, workbook.PrintSetup{TitleRows: 1, TitleCols: 2}},
		{sheetIndicators, workbook.PrintSetup{TitleRows: 1, TitleCols: 2}},
		{sheetStrengths, workbook.PrintSetup{TitleRows: 1}},
		{sheetRoles, workbook.PrintSetup{TitleRows: 1, TitleCols: 1}},
		{sheetPriorities, workbook.PrintSetup{TitleRows: 1, TitleCols: 1}},
		{sheetAbout, workbook.PrintSetup{}},
	} {
		if (p.sheet != sheetPriorities || len(r.Priorities) > 0) && (p.sheet != sheetPlan || r.Plan != nil) {
			b.SetPrint(p.sheet, p.PrintSetup)
		}
	}
	if b.Err != nil {
		return b.Err
	}
	b.F.SetActiveSheet(0)
	b.Do(b.F.SetDocProps(&excelize.DocProperties{
		Title:   fmt.Sprintf("%s — %s", regionName(r.Region), r.Period),
		Subject: r.Framework.Title.Get(x.Lang),
		Creator: "r3l " + x.Version,
	}))
	if b.Err != nil {
		return b.Err
	}
	return b.SaveTo(w)
}

// plainSheet adds a light sheet without charts, whose column widths SaveTo
// writes (DeferWidths): excelize takes time in the columns set before
// (the cube of the respondents on the Indicators sheet, a column each),
// and only a chart is placed by them.
func (b *book) plainSheet(sh string) {
	b.Sheet(sh)
	b.Light(sh)
	b.DeferWidths(sh)
}

// The Summary prints on two pages: the key figures and area table with
// the radar beside them, then the bar chart of the criteria. Column G
// holds the radar; the bar chart spans columns A to G. Excelize anchors
// a chart to the cells it covers, counting summaryPx pixels per unit of
// column width and rowPx per row; a spreadsheet then draws it over those
// cells, so the print area and page break follow the same count.
const (
	summaryPx     = 8
	rowPx         = 18
	radarWidth    = 520
	radarHeight   = 420
	summaryRadarW = radarWidth/summaryPx + 2 // width of column G
	// summaryLabels is the hidden column of the criteria's labels that
	// the bar chart shows, barLabel their most characters: LibreOffice
	// cuts longer ones itself, mid-word, at about 55.
	summaryLabels = 9
	barLabel      = 48
	// maxBarHeight keeps the bar chart on its page at the Summary's scale.
	maxBarHeight = 46 * rowPx
)

func (x *xlsxWriter) summary(b *book, r *assess.Result) {
	s := x.style
	const sh = sheetSummary
	b.Sheet(sh)
	b.Light(sh)
	fw := r.Framework
	b.Set(sh, 1, 1, fmt.Sprintf("%s — %s", regionName(r.Region), r.Period))
	b.cellStyle(sh, 1, 1, b.title)
	facts := [][]any{
		{s.t("region"), r.Region.Name},
		{"ID", r.Region.ID},
		{s.t("country"), r.Region.Country},
		{s.t("group"), r.Region.Group},
		{s.t("period"), r.Period},
		{s.t("respondents"), r.Respondents},
		{s.t("framework"), fmt.Sprintf("%s (%s %s)", fw.Title.Get(s.Lang), fw.ID, fw.Version)},
		{s.t("overall"), r.Score},
		{s.t("level"), b.level(r.Node)},
		{s.t("coverage"), r.Coverage},
		{s.t("answered"), s.p.Sprintf(s.t("answered.line"), r.Answered.Scored, r.Answered.Applicable)},
	}
	facts, changeRow, draftRow := x.progressFacts(r, facts)
	for i, f := range facts {
		b.Set(sh, 1, 3+i, f[0])
		b.Set(sh, 2, 3+i, f[1])
	}
	overallRow := 3 + 7
	b.SetStyle(sh, 1, 3, 1, 2+len(facts), b.bold)
	b.SetStyle(sh, 2, 3, 2, 2+len(facts), b.fact)
	b.cellStyle(sh, 2, overallRow, b.factNum)
	b.cellStyle(sh, 2, overallRow+2, b.factPct)
	b.ColourScale(sh, workbook.Cell(2, overallRow))
	if changeRow > 0 {
		b.cellStyle(sh, 2, changeRow, b.changeStyle(r.Change, true))
	}
	if draftRow > 0 {
		b.cellStyle(sh, 2, draftRow, b.factAlert)
	}

	top := 4 + len(facts)
	cols := []column{
		{"ID", 6, colText},
		{fw.LevelName("area", s.Lang), 36, colWrap},
		{s.t("score"), 9, colScore},
		{s.t("level"), 16, colText},
		{s.t("coverage"), 10, colPct},
		{s.t("answered"), 11, colText},
	}
	// With a baseline, the areas' changes follow their scores; the
	// titles make room, so that the page is as wide and as legible.
	if r.Baseline != nil {
		cols = slices.Insert(cols, 3, column{changeHeader(r), 8, colNum})
		cols[1].width -= 8
	}
	var rows [][]any
	for _, a := range r.Areas {
		row := []any{a.Area.ID, a.Area.Title.Get(s.Lang), a.Score, b.level(a.Node), a.Coverage, s.answered(a.Node)}
		if r.Baseline != nil {
			row = slices.Insert(row, 3, any(changeValue(a.Change)))
		}
		rows = append(rows, row)
	}
	b.table(sh, top, cols, rows, true)
	if r.Baseline != nil {
		for i, a := range r.Areas {
			b.cellStyle(sh, 4, top+1+i, b.changeStyle(a.Change, false))
		}
	}
	labels := 14.0
	for _, f := range facts {
		labels = max(labels, workbook.TextWidth(f[0].(string), true))
	}
	// The radar stands in the column after the table.
	radarCol := len(cols) + 1
	widths := make([]float64, radarCol)
	widths[0], widths[radarCol-1] = labels, summaryRadarW
	b.Widths(sh, widths...)
	// Under the title, where no reader misses it: the files that could
	// not be read, whose answers the report lacks.
	b.note(sh, 2, radarCol-1, s.incomplete(r), b.alert)
	last := top + len(r.Areas)
	if r.Baseline != nil {
		b.note(sh, last+1, radarCol-1, s.noiseLegend(), b.wrap)
		last++
	}
	x.summaryCharts(b, r, top, top+len(r.Areas), last, radarCol)
}

// progressFacts adds to the Summary's key figures (from row 3) the
// baseline and the overall change, then the plan, whether it is a draft,
// the targets met and the overdue actions, where there are; changeRow and
// draftRow are the rows of the change and the draft's note, or 0.
func (x *xlsxWriter) progressFacts(r *assess.Result, facts [][]any) (_ [][]any, changeRow, draftRow int) {
	s := x.style
	if r.Baseline != nil {
		facts = append(facts, []any{s.t("baseline"), s.baselineOf(r)}, []any{changeHeader(r), changeValue(r.Change)})
		changeRow = 2 + len(facts)
	}
	if r.Plan != nil {
		facts = append(facts, []any{s.t("plan"), s.planSpan(r)})
		if r.Plan.Plan.Status == plan.Draft {
			facts = append(facts, []any{s.t("status"), s.t("plan.draft")})
			draftRow = 2 + len(facts)
		}
		facts = append(facts, []any{s.t("targets"), s.targetsMetLine(targetRows(r, s.Lang))}, []any{s.t("actions"), s.overdueLine(r)})
	}
	return facts, changeRow, draftRow
}

// summaryCharts adds the radar of the areas (table rows first to last,
// with header above them) in column radarCol and, on a page of its own
// below the row bottom, the bars of the criteria.
func (x *xlsxWriter) summaryCharts(b *book, r *assess.Result, header, last, bottom, radarCol int) {
	s := x.style
	const sh = sheetSummary
	fw := r.Framework
	if b.Err != nil {
		return
	}
	// The hidden column of the bars' labels, beyond the radar.
	summaryLabels := max(summaryLabels, radarCol+2)
	// The areas' targets, which the radar draws too, in the hidden column
	// after it, beside their areas' rows; none without area targets.
	targetCol := 0
	for _, a := range r.Areas {
		if a.Target != nil {
			targetCol = summaryLabels + 1
		}
	}
	if targetCol > 0 {
		b.Set(sh, targetCol, header, s.t("target"))
		for i, a := range r.Areas {
			if a.Target != nil {
				b.Set(sh, targetCol, header+1+i, a.Target.Score)
			}
		}
		if b.Err == nil {
			b.Do(b.F.SetColVisible(sh, workbook.ColName(targetCol), false))
		}
	}
	// The labels the bars show, "A1 A common, shared vision…", in a hidden
	// column (charts plot hidden cells: excelize sets plotVisOnly off).
	b.Set(sh, summaryLabels, 1, fw.LevelName("criterion", s.Lang))
	n := 0
	for _, a := range r.Areas { // in the order of the Criteria sheet
		for _, c := range a.Criteria {
			n++
			b.Set(sh, summaryLabels, 1+n, shorten(c.Criterion.ID+" "+c.Criterion.Title.Get(s.Lang), barLabel))
		}
	}
	col := workbook.ColName(summaryLabels)
	if b.Err == nil {
		b.Do(b.F.SetColVisible(sh, col, false))
	}
	barRow := max(bottom+2, 2+(radarHeight+rowPx-1)/rowPx+1)
	barWidth := 0
	for c := 1; c <= radarCol && b.Err == nil; c++ {
		barWidth += int(b.ColWidth(sh, c)*summaryPx + 0.5)
	}
	barHeight := min(100+27*n, maxBarHeight)
	radarName := workbook.ColName(radarCol)
	b.Do(b.F.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: sh,
		RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", sh, radarName, barRow+(barHeight+rowPx-1)/rowPx)}))
	if b.Err != nil {
		return
	}
	series := []excelize.ChartSeries{{
		Name:       fmt.Sprintf("'%s'!$C$%d", sh, header),
		Categories: fmt.Sprintf("'%s'!$B$%d:$B$%d", sh, header+1, last),
		Values:     fmt.Sprintf("'%s'!$C$%d:$C$%d", sh, header+1, last),
		Marker:     excelize.ChartMarker{Symbol: "circle", Size: 6},
	}}
	legend := excelize.ChartLegend{Position: "none"}
	if targetCol > 0 {
		// The areas' targets: a marker at each, joined where neighbours
		// both have one; the legend tells them from the scores.
		tc := workbook.ColName(targetCol)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$%d", sh, tc, header),
			Categories: fmt.Sprintf("'%s'!$B$%d:$B$%d", sh, header+1, last),
			Values:     fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sh, tc, header+1, tc, last),
			Fill:       excelize.Fill{Type: "pattern", Color: []string{"B54708"}, Pattern: 1},
			Line:       excelize.LineOptions{Width: 2, Dash: excelize.LineDashDash},
			Marker: excelize.ChartMarker{Symbol: "diamond", Size: 9,
				Fill: excelize.Fill{Type: "pattern", Color: []string{"B54708"}, Pattern: 1}},
		})
		legend = excelize.ChartLegend{Position: "bottom"}
	}
	b.Do(b.F.AddChart(sh, radarName+"2", &excelize.Chart{
		Type:      excelize.Radar,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: fmt.Sprintf("%s — %s", fw.LevelName("area", s.Lang), s.t("score"))}}},
		Legend:    legend,
		XAxis:     excelize.ChartAxis{Font: chartFont},
		YAxis:     excelize.ChartAxis{Maximum: new(100.0), Minimum: new(0.0), MajorUnit: 25, Font: chartFont},
		Dimension: excelize.ChartDimension{Width: radarWidth, Height: radarHeight},
		Format:    excelize.GraphicOptions{AltText: "Radar chart of the area scores"},
	}))
	if b.Err != nil {
		return
	}
	b.Do(b.F.InsertPageBreak(sh, workbook.Cell(1, barRow)))
	b.scoreBars(sh, workbook.Cell(1, barRow), fmt.Sprintf("%s — %s", fw.LevelName("criterion", s.Lang), s.t("score")),
		fmt.Sprintf("'%s'!$%s$2:$%s$%d", sh, col, col, n+1), sheetCriteria, "F", n, barWidth-8, barHeight,
		"Bar chart of the criterion scores")
}

// shorten cuts text to at most n characters at a word, marking the cut
// with an ellipsis.
func shorten(text string, n int) string {
	runes := []rune(text)
	if len(runes) <= n {
		return text
	}
	cut := string(runes[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// scoreBars adds a horizontal bar chart of the scores in column valCol of
// sheet data (header in row 1, n rows below), labelled by the cells of
// categories.
func (b *book) scoreBars(sheet, anchor, title, categories, data, valCol string, n, width, height int, alt string) {
	if b.Err != nil {
		return
	}
	b.Do(b.F.AddChart(sheet, anchor, &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("'%s'!$%s$1", data, valCol),
			Categories: categories,
			Values:     fmt.Sprintf("'%s'!$%s$2:$%s$%d", data, valCol, valCol, n+1),
			Fill:       excelize.Fill{Type: "pattern", Color: []string{"3E5C76"}, Pattern: 1},
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: chartFont},
		YAxis:     excelize.ChartAxis{Maximum: new(100.0), Minimum: new(0.0), MajorUnit: 10, MajorGridLines: true, Font: chartFont},
		Dimension: excelize.ChartDimension{Width: uint(width), Height: uint(height)},
		// A little below its row, so that no edge of the chart shows on
		// the page before.
		Format: excelize.GraphicOptions{AltText: alt, OffsetY: 4},
	}))
}

// chartFont keeps axis labels legible when printed.
var chartFont = excelize.Font{Color: "333333", Size: 10}

func (x *xlsxWriter) criteria(b *book, r *assess.Result) {
	s := x.style
	const sh = sheetCriteria
	b.plainSheet(sh)
	var rows [][]any
	for _, a := range r.Areas {
		for _, c := range a.Criteria {
			cluster := ""
			if c.Criterion.Cluster != nil {
				cluster = c.Criterion.Cluster.Get(s.Lang)
			}
			row := []any{a.Area.ID, c.Criterion.ID, c.Criterion.Title.Get(s.Lang), c.Criterion.Cycle, cluster,
				c.Score, b.level(c.Node), c.Coverage, string(c.Status), s.answered(c.Node)}
			if r.Baseline != nil {
				row = slices.Insert(row, 6, any(changeValue(c.Change)))
			}
			rows = append(rows, row)
		}
	}
	fw := r.Framework
	cols := []column{
		{fw.LevelName("area", s.Lang), 8, colText},
		{"ID", 7, colText},
		{fw.LevelName("criterion", s.Lang), 50, colWrap},
		{s.t("cycle"), 8, colText},
		{s.t("cluster"), 24, colWrap},
		{s.t("score"), 9, colScore},
		{s.t("level"), 16, colText},
		{s.t("coverage"), 11, colPct},
		{s.t("status"), 12, colText},
		{s.t("answered"), 12, colText},
	}
	// With a baseline, each criterion's change follows its score (the
	// score stays in column F, which the Summary's bars plot).
	if r.Baseline != nil {
		cols = slices.Insert(cols, 6, column{changeHeader(r), 8, colNum})
		cols[2].width -= 8 // the page stays as wide
	}
	next := b.table(sh, 1, cols, rows, true)
	if r.Baseline != nil {
		i := 0
		for _, a := range r.Areas {
			for _, c := range a.Criteria {
				i++
				b.cellStyle(sh, 7, 1+i, b.changeStyle(c.Change, false))
			}
		}
		b.note(sh, next+1, 7, s.noiseLegend(), b.wrap)
	}
	b.Freeze(sh, 1, 2, "")
}

// plan writes the Plan sheet: the plan's span, whether it is agreed, the
// targets met and the overdue actions; the targets with their gap and the
// actions serving each; then every action with its status. The two tables
// share their columns' widths.
func (x *xlsxWriter) plan(b *book, r *assess.Result) {
	s := x.style
	const sh = sheetPlan
	b.plainSheet(sh)
	p := r.Plan.Plan
	rows := targetRows(r, s.Lang)
	targetCols := []column{
		{"ID", 7, colText},
		{s.t("targets"), 44, colWrap},
		{s.t("target"), 10, colNum},
		{s.t("level"), 16, colText},
		{s.t("score"), 10, colScore},
		{s.t("gap"), 10, colNum},
		{s.t("met"), 9, colText},
		{s.t("actions"), 20, colWrap},
		{s.t("why"), 40, colWrap},
	}
	actionCols := []column{
		{"ID", 7, colText},
		{s.t("action"), 44, colWrap},
		{s.t("criteria"), 10, colWrap},
		{s.t("lead"), 16, colWrap},
		{s.t("start"), 10, colText},
		{s.t("due"), 10, colText},
		{s.t("status"), 9, colText},
		{s.t("overdue"), 20, colText},
		{s.t("evidence"), 40, colWrap},
	}
	// One width per column, wide enough for both tables' headers.
	widths := make([]float64, len(targetCols))
	for i := range widths {
		widths[i] = targetCols[i].width
	}
	for _, cols := range [][]column{targetCols, actionCols} {
		headers := make([]string, len(cols))
		for i, c := range cols {
			headers[i] = c.header
		}
		workbook.FitHeaders(headers, widths)
	}
	for i := range widths {
		targetCols[i].width, actionCols[i].width = widths[i], widths[i]
	}

	b.Widths(sh, widths...)
	// A draft says so first, in red, across the page.
	if p.Status == plan.Draft {
		b.note(sh, 1, len(widths), s.planTitle(r), b.alert)
	} else {
		b.Set(sh, 1, 1, s.planTitle(r))
		b.cellStyle(sh, 1, 1, b.bold)
	}
	var cells [][]any
	for _, t := range rows {
		var level any
		if lvl := s.targetLevel(t.Target); lvl != "" {
			level = lvl
		}
		why := strings.Join(t.Target.Plan.Why, "\n")
		cells = append(cells, []any{t.ID, t.Title, t.Target.Score, level, t.Node.Score, t.Target.Gap, s.met(t.Target),
			strings.Join(s.actionRefs(r, t.ID), "\n"), why})
	}
	top := 5
	next := top
	if len(cells) > 0 {
		next = b.table(sh, top, targetCols, cells, true)
	}
	// The notes go across the table, as wide as its columns.
	b.note(sh, 2, len(widths), s.planSpan(r), b.wrap)
	b.note(sh, 3, len(widths), s.targetsMetLine(rows)+" · "+s.overdueLine(r), b.bold)
	if len(p.Actions) == 0 {
		return
	}
	b.Set(sh, 1, next+1, s.t("actions"))
	b.cellStyle(sh, 1, next+1, b.bold)
	cells = nil
	for i := range p.Actions {
		a := &p.Actions[i]
		var late any
		if overdue(r, a) {
			late = s.t("overdue")
		}
		cells = append(cells, []any{a.ID, a.Title, strings.Join(a.Criteria, ", "), a.Lead, a.Start.Text, a.Due.Text,
			s.actionStatus(a), late, a.Evidence})
	}
	at := next + 2
	b.table(sh, at, actionCols, cells, false)
	for i := range p.Actions {
		if overdue(r, &p.Actions[i]) {
			b.cellStyle(sh, 8, at+1+i, b.alert)
		}
	}
}

func (x *xlsxWriter) indicators(b *book, r *assess.Result) {
	s := x.style
	const sh = sheetIndicators
	b.plainSheet(sh)
	fw := r.Framework
	cols := []column{
		{fw.LevelName("criterion", s.Lang), 9, colText},
		{"ID", 6, colText},
		{fw.LevelName("indicator", s.Lang), 40, colWrap},
		{s.t("score"), 7, colScore},
		{s.t("level"), 13, colWrap},
		{s.t("status"), 9, colText},
		{"n", 3, colText},
		{"sd", 5, colNum},
		{"min", 5, colNum},
		{"max", 5, colNum},
		{s.t("disagreement.short"), 6, colText},
		{"na", 3, colText},
		{"dk", 3, colText},
		{s.t("unanswered"), 6, colText},
	}
	// An anonymous report shows no answer by respondent.
	byRespondent := !r.Options.Anonymous
	if byRespondent {
		for _, q := range r.Questionnaires {
			cols = append(cols, column{respondentLabel(q), 5, colText})
		}
	}
	cols = append(cols, column{s.t("evidence"), 30, colWrap}, column{s.t("comments"), 30, colWrap})
	var rows [][]any
	for _, a := range r.Areas {
		for _, c := range a.Criteria {
			for _, i := range c.Indicators {
				yes := ""
				if i.Disagreement {
					yes = s.t("yes")
				}
				row := []any{c.Criterion.ID, i.Indicator.ID, i.Indicator.Text.Get(s.Lang), i.Score, b.level(assess.Node{Status: i.Status, Level: i.Level}),
					string(i.Status), int(i.N), i.SD, i.Min, i.Max, yes, int(i.NA), int(i.DK), int(i.Unanswered)}
				var evidence, comments []string
				for _, q := range r.Questionnaires {
					ans := q.Answers[i.Indicator.Index]
					if byRespondent {
						row = append(row, ans.Display(i.Indicator.Scale))
					}
					// Notes name their author, or only the role in an
					// anonymous report.
					who := respondentLabel(q)
					if !byRespondent {
						who = q.Respondent.Role
					}
					if ans.Evidence() != "" {
						evidence = append(evidence, who+": "+ans.Evidence())
					}
					if ans.Comment() != "" {
						comments = append(comments, who+": "+ans.Comment())
					}
				}
				rows = append(rows, append(row, strings.Join(evidence, "\n"), strings.Join(comments, "\n")))
			}
		}
	}
	b.table(sh, 1, cols, rows, true)
	b.Freeze(sh, 1, 2, "")
}

// hashWidth is the width of a column of SHA-256s in the hash style.
const hashWidth = 54

// answerNote joins an answer's evidence and comment.
func answerNote(a assess.Answer) string {
	switch {
	case a.Evidence() != "" && a.Comment() != "":
		return a.Evidence() + " — " + a.Comment()
	case a.Evidence() != "":
		return a.Evidence()
	}
	return a.Comment()
}

// respondentLabel names a respondent in column headers: "r01 (employer)".
func respondentLabel(q *assess.Questionnaire) string {
	who := q.Respondent.ID
	if who == "" {
		who = q.Path
	}
	if q.Respondent.Role != "" {
		who += " (" + q.Respondent.Role + ")"
	}
	return who
}

func (x *xlsxWriter) strengths(b *book, r *assess.Result) {
	s := x.style
	const sh = sheetStrengths
	b.plainSheet(sh)
	cols := func(first string) []column {
		return []column{{first, 16, colText}, {"ID", 8, colText}, {r.Framework.LevelName("indicator", s.Lang), 60, colWrap},
			{s.t("score"), 9, colScore}, {"sd", 7, colNum}, {"min", 7, colNum}, {"max", 7, colNum}}
	}
	var rows [][]any
	for _, list := range []struct {
		key string
		rs  []*assess.IndicatorResult
	}{{"strengths", r.Strengths}, {"weaknesses", r.Weaknesses}} {
		for _, i := range list.rs {
			rows = append(rows, []any{s.t(list.key), i.Indicator.ID, i.Indicator.Text.Get(s.Lang), i.Score, i.SD, i.Min, i.Max})
		}
	}
	next := b.table(sh, 1, cols(""), rows, true)
	b.Set(sh, 1, next+1, s.t("disagreement"))
	b.SetStyle(sh, 1, next+1, 1, next+1, b.bold)
	rows = nil
	for _, i := range r.Disagreements() {
		rows = append(rows, []any{s.t("disagreement.short"), i.Indicator.ID, i.Indicator.Text.Get(s.Lang), i.Score, i.SD, i.Min, i.Max})
	}
	if len(rows) == 0 {
		b.Set(sh, 1, next+2, s.p.Sprintf(s.t("disagreement.none"), s.p.Sprintf("%.0f", r.Options.Disagreement)))
		return
	}
	b.table(sh, next+2, cols(""), rows, false)
}

func (x *xlsxWriter) roles(b *book, r *assess.Result) {
	s := x.style
	const sh = sheetRoles
	b.plainSheet(sh)
	cols := []column{{s.t("role"), 24, colText}, {"n", 5, colText}, {s.t("overall"), 10, colScore}, {s.t("coverage"), 11, colPct}}
	for _, a := range r.Areas {
		cols = append(cols, column{a.Area.ID + " " + a.Area.Title.Get(s.Lang), 16, colScore})
	}
	var rows [][]any
	for _, g := range r.Roles {
		row := []any{g.Role, g.Respondents, g.Score, g.Coverage}
		for _, a := range g.Areas {
			row = append(row, a.Score)
		}
		rows = append(rows, row)
	}
	all := []any{s.t("all"), r.Respondents, r.Score, r.Coverage}
	for _, a := range r.Areas {
		all = append(all, a.Score)
	}
	rows = append(rows, all)
	b.table(sh, 1, cols, rows, true)
	b.SetStyle(sh, 1, len(rows)+1, 2, len(rows)+1, b.bold)
	b.Freeze(sh, 1, 1, "")
}

func (x *xlsxWriter) priorities(b *book, r *assess.Result) {
	s := x.style
	const sh = sheetPriorities
	b.plainSheet(sh)
	cols := []column{{"ID", 7, colText}, {r.Framework.LevelName("criterion", s.Lang), 50, colWrap}, {s.t("points"), 9, colText}}
	for i := range r.Framework.PriorityPoints {
		cols = append(cols, column{fmt.Sprintf("%s %d", s.t("rank"), i+1), 8, colText})
	}
	var rows [][]any
	for _, p := range r.Priorities {
		row := []any{p.Criterion.ID, p.Criterion.Title.Get(s.Lang), p.Points}
		for _, n := range p.Ranks {
			row = append(row, n)
		}
		rows = append(rows, row)
	}
	b.table(sh, 1, cols, rows, true)
	if len(r.Clusters) == 0 {
		return
	}
	// The points of each cluster, in a table beside: its header is then
	// the row printed atop every page.
	at := len(cols) + 2
	b.Set(sh, at, 1, s.t("cluster"))
	b.Set(sh, at+1, 1, s.t("points"))
	b.SetStyle(sh, at, 1, at+1, 1, b.header)
	width := 20.0
	for i, c := range r.Clusters {
		name := c.Cluster.Get(s.Lang)
		width = max(width, workbook.TextWidth(name, false))
		b.Set(sh, at, 2+i, name)
		b.Set(sh, at+1, 2+i, c.Points)
	}
	b.Widths(sh, append(make([]float64, at-2), 2, min(width, 40), 8)...)
	b.SetStyle(sh, at, 2, at, 1+len(r.Clusters), b.text)
}

func (x *xlsxWriter) about(b *book, r *assess.Result) {
	s := x.style
	const sh = sheetAbout
	b.plainSheet(sh)
	fw := r.Framework
	facts := [][]any{
		{s.t("framework"), fw.ID},
		{s.t("version"), fw.Version},
		{"SHA-256", fw.SHA256},
		{s.t("source"), fw.Path},
		{"r3l", x.Version},
		{"--aggregate", r.Options.Aggregate},
		{"--min-coverage", r.Options.MinCoverage},
		{"--disagreement", r.Options.Disagreement},
		{"--lang", s.Lang},
	}
	for i, f := range facts {
		b.Set(sh, 1, 1+i, f[0])
		b.Set(sh, 2, 1+i, f[1])
	}
	b.SetStyle(sh, 1, 1, 1, len(facts), b.bold)
	b.SetStyle(sh, 2, 1, 2, len(facts), b.fact)
	var rows [][]any
	for _, q := range r.Questionnaires {
		rows = append(rows, []any{q.Path, q.SHA256, q.Respondent.ID, q.Respondent.Role})
	}
	next := b.table(sh, len(facts)+2, []column{{s.t("input"), 44, colWrap}, {"SHA-256", hashWidth, colHash},
		{s.t("respondent"), 12, colText}, {s.t("role"), 20, colText}}, rows, true)
	if len(r.Warnings) > 0 {
		b.Set(sh, 1, next+1, s.t("warnings"))
		b.SetStyle(sh, 1, next+1, 1, next+1, b.bold)
		for i, w := range r.Warnings {
			b.note(sh, next+2+i, 4, w, b.wrap)
		}
	}
	b.note(sh, next+3+len(r.Warnings), 4, s.how(r.Options.MinCoverage), b.wrap)
}
