package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/workbook"
)

// Sheet names of the report workbook.
const (
	sheetSummary    = "Summary"
	sheetCriteria   = "Criteria"
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
}

// book is a report workbook: the shared workbook machinery with the
// reports' cell styles.
type book struct {
	*workbook.Book
	s style

	header, title, bold, text, wrap, num, pct int
}

func (x *xlsxWriter) newBook() *book {
	b := &book{Book: workbook.New(), s: x.style}
	b.Splice = !x.noSplice
	b.header = b.Style(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"3E5C76"}, Pattern: 1},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	b.title = b.Style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}})
	b.bold = b.Style(&excelize.Style{Font: &excelize.Font{Bold: true}})
	b.text = b.Style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	b.wrap = b.Style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	b.num = b.Style(&excelize.Style{CustomNumFmt: new("0.0"), Alignment: &excelize.Alignment{Vertical: "top"}})
	b.pct = b.Style(&excelize.Style{NumFmt: 9, Alignment: &excelize.Alignment{Vertical: "top"}})
	return b
}

// column describes one column of a table: header, width and how its cells
// look.
type column struct {
	header string
	width  float64
	kind   int // colText, colWrap, colScore, colPct, colNum
}

const (
	colText = iota
	colWrap
	colScore // a score: one decimal, shaded by the colour scale
	colPct
	colNum
)

// table writes a header row at row top and the rows under it, with column
// widths, styles, a colour scale on score columns and, with filter, an
// autofilter (a sheet holds one). It returns the row after the table.
func (b *book) table(sheet string, top int, cols []column, rows [][]any, filter bool) int {
	for i, c := range cols {
		b.Set(sheet, i+1, top, c.header)
	}
	last := len(cols)
	b.SetStyle(sheet, 1, top, last, top, b.header)
	for r, row := range rows {
		for c, v := range row {
			b.Set(sheet, c+1, top+1+r, v)
		}
	}
	bottom := top + max(len(rows), 1)
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.width
	}
	b.Widths(sheet, widths...)
	for i, c := range cols {
		col := workbook.ColName(i + 1)
		st := map[int]int{colText: b.text, colWrap: b.wrap, colScore: b.num, colPct: b.pct, colNum: b.num}[c.kind]
		if len(rows) > 0 {
			b.SetStyle(sheet, i+1, top+1, i+1, bottom, st)
		}
		if c.kind == colScore && len(rows) > 0 {
			b.ColourScale(sheet, fmt.Sprintf("%s%d:%s%d", col, top+1, col, bottom))
		}
	}
	if b.Err == nil && filter && len(rows) > 0 {
		b.Do(b.F.AutoFilter(sheet, fmt.Sprintf("A%d:%s%d", top, workbook.ColName(last), bottom), nil))
	}
	// Spreadsheets do not grow rows for wrapped text on their own when
	// opening a file, so heights are set from an estimate of the lines.
	headerRow := make([]any, len(cols))
	for i, c := range cols {
		headerRow[i] = c.header
	}
	b.fitRow(sheet, top, cols, headerRow, true)
	for r, row := range rows {
		b.fitRow(sheet, top+1+r, cols, row, false)
	}
	return bottom + 1
}

// fitRow sets a row's height to hold its longest wrapped text.
func (b *book) fitRow(sheet string, row int, cols []column, cells []any, all bool) {
	lines := 1
	for i, v := range cells {
		text, ok := v.(string)
		if !ok || i >= len(cols) || cols[i].width == 0 || (!all && cols[i].kind != colWrap) {
			continue
		}
		// An average character is a little narrower than the digit the
		// column width is measured in.
		perLine := max(int(cols[i].width*1.1), 1)
		n := 0
		for _, para := range strings.Split(text, "\n") {
			n += max(1, (len([]rune(para))+perLine-1)/perLine)
		}
		lines = max(lines, n)
	}
	if lines > 1 {
		b.RowHeight(sheet, row, float64(15*lines))
	}
}

// level is a node's maturity label, or its status when it has no score.
func (b *book) level(n assess.Node) string { return b.s.level(n) }

// cellStyle styles one cell.
func (b *book) cellStyle(sheet string, col, row, style int) {
	b.SetStyle(sheet, col, row, col, row, style)
}

func (x *xlsxWriter) Assessment(w io.Writer, r *assess.Result) error {
	b := x.newBook()
	defer b.Close()
	x.summary(b, r)
	x.criteria(b, r)
	x.indicators(b, r)
	x.strengths(b, r)
	x.roles(b, r)
	if len(r.Priorities) > 0 {
		x.priorities(b, r)
	}
	x.about(b, r)
	// Printed as wide as one page; an autofilter rewrites the sheet
	// properties that hold this, so it comes last.
	b.PrintA4(0, b.F.GetSheetList()...)
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
	_, err := b.F.WriteTo(w)
	return err
}

func (x *xlsxWriter) summary(b *book, r *assess.Result) {
	s := x.style
	const sh = sheetSummary
	b.Sheet(sh)
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
	for i, f := range facts {
		b.Set(sh, 1, 3+i, f[0])
		b.Set(sh, 2, 3+i, f[1])
	}
	overallRow := 3 + 7
	b.SetStyle(sh, 1, 3, 1, 2+len(facts), b.bold)
	b.cellStyle(sh, 2, overallRow, b.num)
	b.cellStyle(sh, 2, overallRow+2, b.pct)
	b.ColourScale(sh, workbook.Cell(2, overallRow))

	top := 4 + len(facts)
	var rows [][]any
	for _, a := range r.Areas {
		rows = append(rows, []any{a.Area.ID, a.Area.Title.Get(s.Lang), a.Score, b.level(a.Node), a.Coverage, s.answered(a.Node)})
	}
	b.table(sh, top, []column{
		{"ID", 6, colText},
		{fw.LevelName("area", s.Lang), 40, colWrap},
		{s.t("score"), 10, colScore},
		{s.t("level"), 18, colText},
		{s.t("coverage"), 11, colPct},
		{s.t("answered"), 12, colText},
	}, rows, true)
	b.Widths(sh, 14)
	if b.Err != nil {
		return
	}
	// The radar stands beside the tables on the first printed page, the
	// bars on the next; the print area takes in both charts, which fitting
	// to the page width would otherwise leave out.
	first, last := top+1, top+len(r.Areas)
	barRow := max(last+2, 26)
	n := len(fw.Criteria)
	barHeight := 120 + 18*n
	b.Do(b.F.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: sh,
		RefersTo: fmt.Sprintf("'%s'!$A$1:$N$%d", sh, barRow+barHeight/20+2)}))
	if b.Err != nil {
		return
	}
	b.Do(b.F.AddChart(sh, "G2", &excelize.Chart{
		Type: excelize.Radar,
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("'%s'!$C$%d", sh, top),
			Categories: fmt.Sprintf("'%s'!$B$%d:$B$%d", sh, first, last),
			Values:     fmt.Sprintf("'%s'!$C$%d:$C$%d", sh, first, last),
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 6},
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: fmt.Sprintf("%s — %s", fw.LevelName("area", s.Lang), s.t("score"))}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		XAxis:     excelize.ChartAxis{Font: chartFont},
		YAxis:     excelize.ChartAxis{Maximum: new(100.0), Minimum: new(0.0), MajorUnit: 25, Font: chartFont},
		Dimension: excelize.ChartDimension{Width: 520, Height: 380},
		Format:    excelize.GraphicOptions{AltText: "Radar chart of the area scores"},
	}))
	if b.Err != nil {
		return
	}
	b.Do(b.F.InsertPageBreak(sh, workbook.Cell(1, barRow)))
	b.scoreBars(sh, workbook.Cell(1, barRow), fmt.Sprintf("%s — %s", fw.LevelName("criterion", s.Lang), s.t("score")),
		sheetCriteria, "B", "F", n, 1000, barHeight, "Bar chart of the criterion scores")
}

// scoreBars adds a horizontal bar chart of the scores in column valCol of
// sheet data (header in row 1, n rows below) labelled by column catCol.
func (b *book) scoreBars(sheet, anchor, title, data, catCol, valCol string, n, width, height int, alt string) {
	if b.Err != nil {
		return
	}
	b.Do(b.F.AddChart(sheet, anchor, &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("'%s'!$%s$1", data, valCol),
			Categories: fmt.Sprintf("'%s'!$%s$2:$%s$%d", data, catCol, catCol, n+1),
			Values:     fmt.Sprintf("'%s'!$%s$2:$%s$%d", data, valCol, valCol, n+1),
			Fill:       excelize.Fill{Type: "pattern", Color: []string{"3E5C76"}, Pattern: 1},
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: chartFont},
		YAxis:     excelize.ChartAxis{Maximum: new(100.0), Minimum: new(0.0), MajorUnit: 10, MajorGridLines: true, Font: chartFont},
		Dimension: excelize.ChartDimension{Width: uint(width), Height: uint(height)},
		Format:    excelize.GraphicOptions{AltText: alt},
	}))
}

// chartFont keeps axis labels legible when printed.
var chartFont = excelize.Font{Color: "333333", Size: 10}

func (x *xlsxWriter) criteria(b *book, r *assess.Result) {
	s := x.style
	const sh = sheetCriteria
	b.Sheet(sh)
	var rows [][]any
	for _, a := range r.Areas {
		for _, c := range a.Criteria {
			cluster := ""
			if c.Criterion.Cluster != nil {
				cluster = c.Criterion.Cluster.Get(s.Lang)
			}
			rows = append(rows, []any{a.Area.ID, c.Criterion.ID, c.Criterion.Title.Get(s.Lang), c.Criterion.Cycle, cluster,
				c.Score, b.level(c.Node), c.Coverage, string(c.Status), s.answered(c.Node)})
		}
	}
	fw := r.Framework
	b.table(sh, 1, []column{
		{fw.LevelName("area", s.Lang), 8, colText},
		{"ID", 7, colText},
		{fw.LevelName("criterion", s.Lang), 50, colWrap},
		{"Cycle", 8, colText},
		{s.t("cluster"), 24, colWrap},
		{s.t("score"), 9, colScore},
		{s.t("level"), 16, colText},
		{s.t("coverage"), 11, colPct},
		{"Status", 12, colText},
		{s.t("answered"), 12, colText},
	}, rows, true)
	b.Freeze(sh, 1, 2, "")
}

func (x *xlsxWriter) indicators(b *book, r *assess.Result) {
	s := x.style
	const sh = sheetIndicators
	b.Sheet(sh)
	fw := r.Framework
	cols := []column{
		{fw.LevelName("criterion", s.Lang), 9, colText},
		{"ID", 8, colText},
		{fw.LevelName("indicator", s.Lang), 50, colWrap},
		{s.t("score"), 9, colScore},
		{s.t("level"), 16, colText},
		{"Status", 11, colText},
		{"n", 5, colText},
		{"sd", 7, colNum},
		{"min", 7, colNum},
		{"max", 7, colNum},
		{s.t("disagreement.short"), 12, colText},
		{"na", 5, colText},
		{"dk", 5, colText},
		{s.t("unanswered"), 11, colText},
	}
	// An anonymous report shows no answer by respondent.
	byRespondent := !r.Options.Anonymous
	if byRespondent {
		for _, q := range r.Questionnaires {
			cols = append(cols, column{respondentLabel(q), 11, colText})
		}
	}
	cols = append(cols, column{s.t("evidence.notes"), 60, colWrap})
	var rows [][]any
	for _, a := range r.Areas {
		for _, c := range a.Criteria {
			for _, i := range c.Indicators {
				yes := ""
				if i.Disagreement {
					yes = s.t("yes")
				}
				row := []any{c.Criterion.ID, i.Indicator.ID, i.Indicator.Text.Get(s.Lang), i.Score, b.level(assess.Node{Status: i.Status, Level: i.Level}),
					string(i.Status), i.N, i.SD, i.Min, i.Max, yes, i.NA, i.DK, i.Unanswered}
				var notes []string
				for _, q := range r.Questionnaires {
					ans := q.Answers[i.Indicator.Index]
					if byRespondent {
						row = append(row, ans.Display(i.Indicator.Scale))
					}
					if n := answerNote(ans); n != "" {
						who := respondentLabel(q)
						if !byRespondent {
							who = q.Respondent.Role
						}
						notes = append(notes, who+": "+n)
					}
				}
				rows = append(rows, append(row, strings.Join(notes, "\n")))
			}
		}
	}
	b.table(sh, 1, cols, rows, true)
	b.Freeze(sh, 1, 2, "")
}

// answerNote joins an answer's evidence and comment.
func answerNote(a assess.Answer) string {
	switch {
	case a.Evidence != "" && a.Comment != "":
		return a.Evidence + " — " + a.Comment
	case a.Evidence != "":
		return a.Evidence
	}
	return a.Comment
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
	b.Sheet(sh)
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
	b.Sheet(sh)
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
	b.Sheet(sh)
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
	next := b.table(sh, 1, cols, rows, true)
	if len(r.Clusters) == 0 {
		return
	}
	b.Set(sh, 1, next+1, s.t("cluster"))
	b.Set(sh, 2, next+1, s.t("cluster"))
	b.Set(sh, 3, next+1, s.t("points"))
	b.SetStyle(sh, 1, next+1, 3, next+1, b.header)
	for i, c := range r.Clusters {
		b.Set(sh, 2, next+2+i, c.Cluster.Get(s.Lang))
		b.Set(sh, 3, next+2+i, c.Points)
	}
}

func (x *xlsxWriter) about(b *book, r *assess.Result) {
	s := x.style
	const sh = sheetAbout
	b.Sheet(sh)
	fw := r.Framework
	facts := [][]any{
		{s.t("framework"), fw.ID},
		{"Version", fw.Version},
		{"SHA-256", fw.SHA256},
		{"Source", fw.Path},
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
	var rows [][]any
	for _, q := range r.Questionnaires {
		rows = append(rows, []any{q.Path, q.SHA256, q.Respondent.ID, q.Respondent.Role})
	}
	next := b.table(sh, len(facts)+2, []column{{s.t("input"), 48, colText}, {"SHA-256", 68, colText},
		{s.t("respondent"), 12, colText}, {s.t("role"), 22, colText}}, rows, true)
	if len(r.Warnings) > 0 {
		b.Set(sh, 1, next+1, s.t("warnings"))
		b.SetStyle(sh, 1, next+1, 1, next+1, b.bold)
		for i, w := range r.Warnings {
			b.Set(sh, 1, next+2+i, w)
		}
	}
	b.Set(sh, 1, next+3+len(r.Warnings), s.how(r.Options.MinCoverage))
}
