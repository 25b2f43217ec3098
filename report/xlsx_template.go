package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

// The questionnaire workbook (`r3l template -f xlsx`): a stakeholder opens
// it on the Instructions sheet, fills in the Region sheet (column B), the
// Answers sheet (one row per indicator; drop-down lists in the Answer
// column) and the Priorities sheet, and sends it back; assess.LoadWorkbook
// reads it. Sheet names and the Answers headers the reader looks for are
// in package assess. Everything but the cells to fill in is locked; the
// sheets are protected without a password, so nothing is changed by
// accident and nobody is locked out.

// TemplateXLSX writes a questionnaire workbook for fw.
func TemplateXLSX(w io.Writer, fw *framework.Framework, opts TemplateOptions) error {
	t := &qwb{s: newStyle(Options{Lang: opts.Lang}), fw: fw, f: excelize.NewFile()}
	defer t.f.Close()
	t.styles()
	t.lists()
	t.instructions()
	t.region(opts)
	t.answers()
	t.priorities()
	t.finish()
	if t.err != nil {
		return t.err
	}
	_, err := t.f.WriteTo(w)
	return err
}

// qwb builds the questionnaire workbook; the first error stops all
// further work and is returned at the end.
type qwb struct {
	s   style
	fw  *framework.Framework
	f   *excelize.File
	err error

	// Cell styles.
	header, title, heading, text, label, key, input, inputText, hint int
	areaID, areaText                                                 []int // per area, shaded
	// Ranges of the drop-down lists on the Lists sheet.
	scaleList map[string]string // scale id -> range
	areaList  map[string]string // area id -> range
	listItems [][]string        // the columns of the Lists sheet
	colWidths map[string][]float64
}

func (t *qwb) w(key string) string {
	if m, ok := qwbWords[key]; ok {
		if v, ok := m[t.s.Lang]; ok {
			return v
		}
		return m["en"]
	}
	return t.s.t(key)
}

func (t *qwb) do(err error) {
	if t.err == nil {
		t.err = err
	}
}

func (t *qwb) newStyle(st *excelize.Style) int {
	if t.err != nil {
		return 0
	}
	id, err := t.f.NewStyle(st)
	t.do(err)
	return id
}

// set writes text as text (never a formula) with a style.
func (t *qwb) set(sheet string, col, row int, text string, style int) {
	if t.err != nil {
		return
	}
	ref := qwbCell(col, row)
	t.do(t.f.SetCellStr(sheet, ref, text))
	if t.err == nil && style != 0 {
		t.do(t.f.SetCellStyle(sheet, ref, ref, style))
	}
}

// fit makes a row tall enough for its wrapped texts. Neither Excel nor
// LibreOffice is relied on to do so when opening the file; rows of one line
// keep the default height, which grows as one types.
func (t *qwb) fit(sheet string, row int, texts map[int]string) {
	lines := 1
	for col, text := range texts {
		if ws := t.colWidths[sheet]; col <= len(ws) {
			lines = max(lines, qwbLines(text, ws[col-1]))
		}
	}
	if lines > 1 && t.err == nil {
		t.do(t.f.SetRowHeight(sheet, row, float64(lines)*15+2))
	}
}

// qwbLines estimates how many lines text takes when wrapped in a column of
// the given width (in characters of the default font), breaking at spaces.
func qwbLines(text string, width float64) int {
	capacity := max(int(width)-1, 1)
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines++
		n := 0
		for _, word := range strings.Fields(para) {
			l := len([]rune(word))
			switch {
			case n == 0:
				n = l
			case n+1+l <= capacity:
				n += 1 + l
			default:
				lines++
				n = l
			}
			for n > capacity { // a word longer than the column
				lines++
				n -= capacity
			}
		}
	}
	return lines
}

// fill styles an empty cell.
func (t *qwb) fill(sheet string, col, row int, style int) {
	if t.err == nil {
		ref := qwbCell(col, row)
		t.do(t.f.SetCellStyle(sheet, ref, ref, style))
	}
}

func (t *qwb) widths(sheet string, widths ...float64) {
	if t.colWidths == nil {
		t.colWidths = map[string][]float64{}
	}
	t.colWidths[sheet] = widths
	for i, wd := range widths {
		if t.err == nil {
			c := qwbCol(i + 1)
			t.do(t.f.SetColWidth(sheet, c, c, wd))
		}
	}
}

func qwbCell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

func qwbCol(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// qwbAreaFills shade the rows of each area (cycling).
var qwbAreaFills = []string{"DDEBF7", "E2EFDA", "FFF2CC", "FCE4D6", "EDE2F6", "E7E6E6"}

func (t *qwb) styles() {
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	unlocked := &excelize.Protection{Locked: false}
	t.header = t.newStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    border,
	})
	t.title = t.newStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "1F4E79"}})
	t.heading = t.newStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "1F4E79"}})
	t.text = t.newStyle(&excelize.Style{Alignment: top})
	t.label = t.newStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	t.key = t.newStyle(&excelize.Style{
		Font: &excelize.Font{Bold: true}, Alignment: top, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
	})
	t.hint = t.newStyle(&excelize.Style{
		Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: top, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
	})
	t.input = t.newStyle(&excelize.Style{Alignment: top, Border: border, Protection: unlocked})
	// Text format: whatever is typed stays text (no dates, no formulas).
	t.inputText = t.newStyle(&excelize.Style{Alignment: top, Border: border, Protection: unlocked, NumFmt: 49})
	for i := range t.fw.Areas {
		fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{qwbAreaFills[i%len(qwbAreaFills)]}}
		t.areaID = append(t.areaID, t.newStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top, Border: border, Fill: fill}))
		t.areaText = append(t.areaText, t.newStyle(&excelize.Style{Alignment: top, Border: border, Fill: fill}))
	}
}

// scaleItems are the drop-down items of an ordinal or yes/no scale:
// "4 – Largely in place", …, "na – not applicable", "dk – don't know".
func (t *qwb) scaleItems(sc *framework.Scale) []string {
	var items []string
	switch sc.Kind {
	case framework.Ordinal:
		for _, p := range sc.Points {
			label := p.Label.Get(t.s.Lang)
			if label == "" {
				label = p.Code
			}
			items = append(items, assess.ListItem(qwbNum(p.Value), label))
		}
	case framework.Boolean:
		items = append(items, assess.ListItem("yes", t.w("yes")), assess.ListItem("no", t.w("no")))
	}
	for _, a := range sc.Allow {
		items = append(items, assess.ListItem(a, t.w("list."+a)))
	}
	return items
}

// criterionItem is a criterion as the Priorities drop-downs list it.
func (t *qwb) criterionItem(c *framework.Criterion) string {
	return assess.ListItem(c.ID, c.Title.Get(t.s.Lang))
}

func qwbNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// lists plans the drop-down lists: their items go into the hidden sheet
// Lists (written last), one column per scale and per area, since a list
// typed into the validation itself is limited to 255 characters and cannot
// hold commas.
func (t *qwb) lists() {
	t.scaleList, t.areaList = map[string]string{}, map[string]string{}
	add := func(items []string) string {
		t.listItems = append(t.listItems, items)
		c := qwbCol(len(t.listItems))
		return fmt.Sprintf("%s!$%s$1:$%s$%d", assess.SheetLists, c, c, len(items))
	}
	for _, sc := range t.fw.Scales {
		if items := t.scaleItems(sc); len(items) > 0 {
			t.scaleList[sc.ID] = add(items)
		}
	}
	for _, a := range t.fw.Areas {
		items := make([]string, len(a.Criteria))
		for i, c := range a.Criteria {
			items[i] = t.criterionItem(c)
		}
		t.areaList[a.ID] = add(items)
	}
}

// writeLists writes the hidden sheet Lists, after the sheets a respondent
// sees.
func (t *qwb) writeLists() {
	const sheet = assess.SheetLists
	_, err := t.f.NewSheet(sheet)
	t.do(err)
	for col, items := range t.listItems {
		for i, it := range items {
			t.set(sheet, col+1, i+1, it, 0)
		}
	}
	t.widths(sheet, 40)
	t.protect(sheet)
	t.do(t.f.SetSheetVisible(sheet, false))
}

func (t *qwb) instructions() {
	const sheet = assess.SheetInstructions
	t.do(t.f.SetSheetName("Sheet1", sheet))
	t.widths(sheet, 14, 90)
	fw, lang := t.fw, t.s.Lang
	row := 1
	line := func(a, b string, sa, sb int) {
		if a != "" {
			t.set(sheet, 1, row, a, sa)
		}
		if b != "" {
			t.set(sheet, 2, row, b, sb)
			t.fit(sheet, row, map[int]string{2: b})
		}
		row++
	}
	hdr := func(key string) string { return assess.AnswerHeaders[key].Get(lang) }
	line(t.w("title"), "", t.title, 0)
	line(fmt.Sprintf("%s (%s %s)", fw.Title.Get(lang), fw.ID, fw.Version), "", t.label, 0)
	row++
	line(t.w("how"), "", t.heading, 0)
	line("1.", fmt.Sprintf(t.w("step.region"), assess.SheetRegion), t.label, t.text)
	line("2.", fmt.Sprintf(t.w("step.answers"), assess.SheetAnswers, fw.LevelName("indicator", lang), hdr("answer"), hdr("evidence"), hdr("comment")), t.label, t.text)
	line("3.", fmt.Sprintf(t.w("step.priorities"), assess.SheetPriorities, len(fw.PriorityPoints)), t.label, t.text)
	line("4.", t.w("step.save"), t.label, t.text)
	row++
	line(t.w("scales"), "", t.heading, 0)
	for _, sc := range fw.Scales {
		if !qwbScaleUsed(fw, sc) {
			continue
		}
		name := sc.Label.Get(lang)
		if name == "" {
			name = sc.ID
		}
		line(name, "", t.label, 0)
		switch sc.Kind {
		case framework.Ordinal:
			for _, p := range sc.Points {
				line(qwbNum(p.Value), fmt.Sprintf("%s (%s: %s)", p.Label.Get(lang), t.w("code"), p.Code), t.text, t.text)
			}
		case framework.Boolean:
			line("yes", t.w("yes"), t.text, t.text)
			line("no", t.w("no"), t.text, t.text)
		case framework.Numeric:
			line("", qwbNumberHint(sc, t), 0, t.text)
		}
		for _, a := range sc.Allow {
			line(a, t.s.t("special."+a), t.text, t.text)
		}
	}
	row++
	line(t.w("priorities.how"), "", t.heading, 0)
	var ranks []string
	for i, p := range fw.PriorityPoints {
		unit := t.w("points")
		if p == 1 {
			unit = t.w("point")
		}
		ranks = append(ranks, fmt.Sprintf("%s %d = %d %s", t.w("rank.inline"), i+1, p, unit))
	}
	line("", fmt.Sprintf(t.w("priorities.text"), strings.Join(ranks, ", ")), 0, t.text)
	row++
	line(t.w("protected"), "", t.heading, 0)
	line("", t.w("protected.text"), 0, t.text)
	t.protect(sheet)
}

// qwbScaleUsed reports whether an indicator of fw is rated on sc.
func qwbScaleUsed(fw *framework.Framework, sc *framework.Scale) bool {
	for _, ind := range fw.Indicators {
		if ind.Scale == sc {
			return true
		}
	}
	return false
}

// qwbNumberHint describes a numeric scale: "a number 0–100 %".
func qwbNumberHint(sc *framework.Scale, t *qwb) string {
	rng := t.s.t("tpl.number")
	if sc.Min != nil || sc.Max != nil {
		lo, hi := "…", "…"
		if sc.Min != nil {
			lo = qwbNum(*sc.Min)
		}
		if sc.Max != nil {
			hi = qwbNum(*sc.Max)
		}
		rng += " " + lo + "–" + hi
	}
	return strings.TrimSpace(rng + " " + sc.Unit)
}

func (t *qwb) region(opts TemplateOptions) {
	const sheet = assess.SheetRegion
	_, err := t.f.NewSheet(sheet)
	t.do(err)
	t.widths(sheet, 18, 36, 60)
	t.set(sheet, 1, 1, t.w("field"), t.header)
	t.set(sheet, 2, 1, t.w("value"), t.header)
	t.set(sheet, 3, 1, t.w("notes"), t.header)
	req := " (" + t.w("required") + ")"
	rows := []struct{ key, value, hint string }{
		{"framework", t.fw.ID + "@" + t.fw.Version, t.w("framework.hint")},
		{"region.id", opts.Region, t.s.t("tpl.region") + req},
		{"region.name", "", t.w("name.hint")},
		{"region.country", "", t.s.t("tpl.country")},
		{"region.group", "", t.s.t("tpl.group")},
		{"period", opts.Period, t.s.t("tpl.period") + req},
		{"respondent.id", opts.Respondent, t.s.t("tpl.respondent")},
		{"respondent.role", opts.Role, t.s.t("tpl.role")},
	}
	for i, r := range rows {
		if r.key != assess.RegionKeys[i] {
			t.do(fmt.Errorf("template: region key %q out of step with assess.RegionKeys", r.key))
		}
		t.set(sheet, 1, i+2, r.key, t.key)
		t.set(sheet, 2, i+2, r.value, t.inputText)
		t.set(sheet, 3, i+2, r.hint, t.hint)
		t.fit(sheet, i+2, map[int]string{2: r.value, 3: r.hint})
	}
	t.freeze(sheet, 0, 1, "B3")
	t.protect(sheet)
}

// Columns of the Answers sheet.
const (
	qwbID = iota + 1
	qwbArea
	qwbCriterion
	qwbIndicator
	qwbAnswer
	qwbEvidence
	qwbComment
)

func (t *qwb) answers() {
	const sheet = assess.SheetAnswers
	fw, lang := t.fw, t.s.Lang
	_, err := t.f.NewSheet(sheet)
	t.do(err)
	t.widths(sheet, 7, 18, 30, 55, 28, 35, 35)
	headers := []string{
		assess.AnswerHeaders["id"].Get(lang),
		fw.LevelName("area", lang), fw.LevelName("criterion", lang), fw.LevelName("indicator", lang),
		assess.AnswerHeaders["answer"].Get(lang), assess.AnswerHeaders["evidence"].Get(lang), assess.AnswerHeaders["comment"].Get(lang),
	}
	for i, h := range headers {
		t.set(sheet, i+1, 1, h, t.header)
	}
	t.do(t.f.SetRowHeight(sheet, 1, 20))
	cells := map[*framework.Scale][]string{} // Answer cells per scale
	areaIndex := map[*framework.Area]int{}
	for i, a := range fw.Areas {
		areaIndex[a] = i
	}
	for i, ind := range fw.Indicators {
		row := i + 2
		c := ind.Criterion
		ai := areaIndex[c.Area]
		t.set(sheet, qwbID, row, ind.ID, t.areaID[ai])
		t.set(sheet, qwbArea, row, assess.ListItem(c.Area.ID, c.Area.Title.Get(lang)), t.areaText[ai])
		t.set(sheet, qwbCriterion, row, assess.ListItem(c.ID, c.Title.Get(lang)), t.areaText[ai])
		t.set(sheet, qwbIndicator, row, ind.Text.Get(lang), t.areaText[ai])
		t.fit(sheet, row, map[int]string{
			qwbArea:      assess.ListItem(c.Area.ID, c.Area.Title.Get(lang)),
			qwbCriterion: assess.ListItem(c.ID, c.Title.Get(lang)),
			qwbIndicator: ind.Text.Get(lang),
		})
		t.fill(sheet, qwbAnswer, row, t.input)
		t.fill(sheet, qwbEvidence, row, t.inputText)
		t.fill(sheet, qwbComment, row, t.inputText)
		cells[ind.Scale] = append(cells[ind.Scale], qwbCell(qwbAnswer, row))
		if q := c.Question.Get(lang); q != "" && c.Indicators[0] == ind && t.err == nil {
			t.do(t.f.AddComment(sheet, excelize.Comment{
				Cell: qwbCell(qwbCriterion, row), Author: "r3l", Width: 320, Height: 90,
				Paragraph: []excelize.RichTextRun{
					{Text: t.w("question") + ": ", Font: &excelize.Font{Bold: true}},
					{Text: q},
				},
			}))
		}
		if len(ind.Evidence) > 0 {
			ev := make([]string, len(ind.Evidence))
			for i, e := range ind.Evidence {
				ev[i] = e.Get(lang)
			}
			dv := excelize.NewDataValidation(true)
			dv.Sqref = qwbCell(qwbEvidence, row)
			dv.SetInput(qwbShorten(t.w("evidence.prompt"), 32), qwbShorten(strings.Join(ev, "; "), 255))
			t.do(t.f.AddDataValidation(sheet, dv))
		}
	}
	for _, sc := range fw.Scales {
		if refs := cells[sc]; len(refs) > 0 {
			t.answerValidation(sheet, sc, strings.Join(refs, " "))
		}
	}
	t.freeze(sheet, 1, 1, qwbCell(qwbAnswer, 2))
	t.do(t.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: sheet + "!$1:$1", Scope: sheet}))
	t.protect(sheet)
}

// answerValidation adds the drop-down list (ordinal, yes/no) or the number
// check (numeric) of one scale to its Answer cells. A value off the list
// only warns: r3l also reads a plain value or a code typed by hand.
func (t *qwb) answerValidation(sheet string, sc *framework.Scale, sqref string) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	var accepted []string
	name := sc.Label.Get(t.s.Lang)
	if name == "" {
		name = t.w("answer")
	}
	switch sc.Kind {
	case framework.Ordinal, framework.Boolean:
		dv.SetSqrefDropList(t.scaleList[sc.ID])
		dv.SetInput(qwbShorten(name, 32), qwbShorten(t.w("answer.prompt"), 255))
		if sc.Kind == framework.Ordinal {
			for _, p := range sc.Points {
				accepted = append(accepted, qwbNum(p.Value))
			}
			for _, p := range sc.Points {
				accepted = append(accepted, p.Code)
			}
		} else {
			accepted = append(accepted, "yes", "no")
		}
	case framework.Numeric:
		if len(sc.Allow) == 0 {
			switch {
			case sc.Min != nil && sc.Max != nil:
				t.do(dv.SetRange(*sc.Min, *sc.Max, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
			case sc.Min != nil:
				t.do(dv.SetRange(*sc.Min, 0.0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual))
				dv.Formula2 = ""
			case sc.Max != nil:
				t.do(dv.SetRange(*sc.Max, 0.0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorLessThanOrEqual))
				dv.Formula2 = ""
			default:
				t.do(dv.SetRange(-1e30, 1e30, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
			}
		}
		// With na or dk allowed, a number check would refuse them: the
		// input message alone says what to enter.
		hint := qwbNumberHint(sc, t)
		if len(sc.Allow) > 0 {
			hint += "; " + strings.Join(sc.Allow, ", ")
		}
		dv.SetInput(qwbShorten(name, 32), qwbShorten(hint, 255))
		accepted = append(accepted, hint)
	}
	if sc.Kind != framework.Numeric {
		accepted = append(accepted, sc.Allow...)
	}
	dv.SetError(excelize.DataValidationErrorStyleWarning, qwbShorten(t.w("offlist.title"), 32),
		qwbShorten(fmt.Sprintf(t.w("offlist.text"), strings.Join(accepted, ", ")), 255))
	t.do(t.f.AddDataValidation(sheet, dv))
}

func (t *qwb) priorities() {
	const sheet = assess.SheetPriorities
	fw, lang := t.fw, t.s.Lang
	_, err := t.f.NewSheet(sheet)
	t.do(err)
	n := len(fw.PriorityPoints)
	widths := []float64{8, 36}
	for range n {
		widths = append(widths, 44)
	}
	t.widths(sheet, widths...)
	t.set(sheet, 1, 1, assess.AnswerHeaders["id"].Get(lang), t.header)
	t.set(sheet, 2, 1, fw.LevelName("area", lang), t.header)
	for i, p := range fw.PriorityPoints {
		unit := t.w("points")
		if p == 1 {
			unit = t.w("point")
		}
		t.set(sheet, 3+i, 1, fmt.Sprintf("%s %d (%d %s)", t.w("rank"), i+1, p, unit), t.header)
	}
	for i, a := range fw.Areas {
		row := i + 2
		t.set(sheet, 1, row, a.ID, t.areaID[i])
		t.set(sheet, 2, row, a.Title.Get(lang), t.areaText[i])
		// Two lines: room for a criterion's title once picked.
		t.do(t.f.SetRowHeight(sheet, row, float64(max(2, qwbLines(a.Title.Get(lang), widths[1])))*15+2))
		for j := range n {
			t.fill(sheet, 3+j, row, t.input)
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s:%s", qwbCell(3, row), qwbCell(2+n, row))
		dv.SetSqrefDropList(t.areaList[a.ID])
		dv.SetInput(qwbShorten(a.ID+" "+a.Title.Get(lang), 32), qwbShorten(t.w("priority.prompt"), 255))
		dv.SetError(excelize.DataValidationErrorStyleStop, qwbShorten(t.w("offlist.title"), 32), qwbShorten(t.w("priority.prompt"), 255))
		t.do(t.f.AddDataValidation(sheet, dv))
	}
	t.freeze(sheet, 0, 1, "C2")
	t.protect(sheet)
}

// freeze keeps the first rows (and columns) in view while scrolling.
func (t *qwb) freeze(sheet string, cols, rows int, active string) {
	if t.err != nil {
		return
	}
	pane := "bottomLeft"
	if cols > 0 {
		pane = "bottomRight"
	}
	t.do(t.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: qwbCell(cols+1, rows+1), ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: active, ActiveCell: active, Pane: pane}},
	}))
}

// protect locks a sheet without a password: locked cells cannot be changed
// by accident, unlocked ones (and their drop-downs) work as usual, and
// anyone can lift it (Review › Unprotect Sheet).
func (t *qwb) protect(sheet string) {
	if t.err != nil {
		return
	}
	t.do(t.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	}))
}

// finish hides the lists, opens the workbook on the instructions, sets up
// printing and the document properties.
func (t *qwb) finish() {
	if t.err != nil {
		return
	}
	t.writeLists()
	for _, name := range []string{assess.SheetInstructions, assess.SheetRegion, assess.SheetAnswers, assess.SheetPriorities} {
		// A4 landscape, as wide as one page and as long as it takes.
		// (Not fitToHeight="0", Excel's "automatic", which LibreOffice
		// reads as one page.)
		if t.err == nil {
			t.do(t.f.SetPageLayout(name, &excelize.PageLayoutOptions{
				Size: new(9), Orientation: new("landscape"), FitToWidth: new(1), FitToHeight: new(99)}))
		}
		if t.err == nil {
			t.do(t.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: new(true)}))
		}
	}
	if idx, err := t.f.GetSheetIndex(assess.SheetInstructions); err == nil && t.err == nil {
		t.f.SetActiveSheet(idx)
	}
	if t.err == nil {
		t.do(t.f.SetDocProps(&excelize.DocProperties{
			Title:   fmt.Sprintf("%s – %s", t.w("title"), t.fw.Title.Get(t.s.Lang)),
			Subject: t.fw.ID + "@" + t.fw.Version,
			Creator: "r3l", Language: t.s.Lang, Keywords: assess.QuestionnaireSchema,
		}))
	}
}

func qwbShorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// qwbWords are the words of the questionnaire workbook in each language
// (report words shared with the YAML template come from ui).
var qwbWords = map[string]map[string]string{
	"title": {"en": "Self-assessment questionnaire", "de": "Fragebogen zur Selbstbewertung", "sv": "Självvärderingsenkät"},
	"how":   {"en": "How to fill in this workbook", "de": "So füllen Sie diese Arbeitsmappe aus", "sv": "Så fyller du i arbetsboken"},
	"step.region": {
		"en": "Sheet %s: check the region and period, fill in the region's name and country if they are empty, and say who you are: your respondent id (as agreed with the coordinator) and your role, such as employer or school. Leave the framework as it is.",
		"de": "Blatt %s: Prüfen Sie Region und Zeitraum, ergänzen Sie Name und Land der Region, falls sie fehlen, und geben Sie an, wer Sie sind: Ihre Kennung (wie mit der Koordination vereinbart) und Ihre Rolle, etwa employer oder school. Lassen Sie den Rahmen unverändert.",
		"sv": "Bladet %s: kontrollera region och period, fyll i regionens namn och land om de saknas, och ange vem du är: ditt id (enligt överenskommelse med samordnaren) och din roll, till exempel employer eller school. Låt ramverket stå som det är.",
	},
	"step.answers": {
		"en": "Sheet %[1]s: one row per indicator. Read the statement in column %[2]s and choose your answer in column %[3]s from the drop-down list (or type the value or code before the dash). Leave the answer empty to skip an indicator. Under %[4]s, name documents or facts behind your answer; under %[5]s, anything else you want to say. Select a cell to see a hint; a criterion's key question is in the note on its title.",
		"de": "Blatt %[1]s: eine Zeile je Indikator. Lesen Sie die Aussage in Spalte %[2]s und wählen Sie Ihre Antwort in Spalte %[3]s aus der Liste (oder tippen Sie den Wert oder Code vor dem Strich). Lassen Sie die Antwort leer, um einen Indikator auszulassen. Unter %[4]s nennen Sie Dokumente oder Fakten, auf die sich Ihre Antwort stützt, unter %[5]s alles Weitere. Eine ausgewählte Zelle zeigt einen Hinweis; die Leitfrage eines Kriteriums steht im Kommentar an seinem Titel.",
		"sv": "Bladet %[1]s: en rad per indikator. Läs påståendet i kolumnen %[2]s och välj ditt svar i kolumnen %[3]s i listan (eller skriv värdet eller koden före strecket). Lämna svaret tomt för att hoppa över en indikator. Under %[4]s anger du dokument eller fakta bakom ditt svar, under %[5]s allt annat du vill säga. En markerad cell visar en ledtråd; ett kriteriums nyckelfråga finns i kommentaren vid dess rubrik.",
	},
	"step.priorities": {
		"en": "Sheet %s: in each area, choose up to %d criteria that matter most for your region, the most important as rank 1. Leave ranks empty if you have no preference.",
		"de": "Blatt %s: Wählen Sie je Bereich bis zu %d Kriterien, die für Ihre Region am wichtigsten sind, das wichtigste als Rang 1. Lassen Sie Ränge leer, wenn Sie keine Präferenz haben.",
		"sv": "Bladet %s: välj i varje område upp till %d kriterier som är viktigast för din region, det viktigaste som rang 1. Lämna rangerna tomma om du inte har någon preferens.",
	},
	"step.save": {
		"en": "Save the workbook as .xlsx, keeping its sheets, their names and the IDs as they are, and return it to the coordinator, who reads it with r3l.",
		"de": "Speichern Sie die Arbeitsmappe als .xlsx, ohne Blätter, Blattnamen oder Kennungen zu ändern, und senden Sie sie an die Koordination zurück, die sie mit r3l auswertet.",
		"sv": "Spara arbetsboken som .xlsx utan att ändra bladen, deras namn eller id:n, och skicka tillbaka den till samordnaren, som läser den med r3l.",
	},
	"scales":         {"en": "What the answers mean", "de": "Was die Antworten bedeuten", "sv": "Vad svaren betyder"},
	"code":           {"en": "code", "de": "Code", "sv": "kod"},
	"yes":            {"en": "yes", "de": "ja", "sv": "ja"},
	"no":             {"en": "no", "de": "nein", "sv": "nej"},
	"list.na":        {"en": "not applicable", "de": "nicht zutreffend", "sv": "ej tillämplig"},
	"list.dk":        {"en": "don't know", "de": "weiß nicht", "sv": "vet inte"},
	"priorities.how": {"en": "How priorities count", "de": "Wie Prioritäten zählen", "sv": "Hur prioriteringar räknas"},
	"priorities.text": {
		"en": "Each rank earns points: %s. The coordinator adds up the points of all respondents per criterion, so the criteria that most respondents put first lead the list.",
		"de": "Jeder Rang bringt Punkte: %s. Die Koordination zählt die Punkte aller Befragten je Kriterium zusammen; so stehen die Kriterien vorn, die die meisten Befragten zuerst nennen.",
		"sv": "Varje rang ger poäng: %s. Samordnaren summerar alla svarandes poäng per kriterium, så att de kriterier som flest sätter först hamnar överst.",
	},
	"rank":        {"en": "Rank", "de": "Rang", "sv": "Rang"},
	"rank.inline": {"en": "rank", "de": "Rang", "sv": "rang"},
	"point":       {"en": "point", "de": "Punkt", "sv": "poäng"},
	"points":      {"en": "points", "de": "Punkte", "sv": "poäng"},
	"protected":   {"en": "Protected cells", "de": "Geschützte Zellen", "sv": "Skyddade celler"},
	"protected.text": {
		"en": "Shaded cells (IDs, statements, titles) are protected against accidental changes; the white cells are yours to fill in. The protection has no password: Review › Unprotect Sheet lifts it if you must change something else.",
		"de": "Schattierte Zellen (Kennungen, Aussagen, Titel) sind gegen versehentliche Änderungen geschützt; die weißen Zellen füllen Sie aus. Der Schutz hat kein Kennwort: Überprüfen › Blattschutz aufheben, falls Sie doch etwas anderes ändern müssen.",
		"sv": "Skuggade celler (id, påståenden, rubriker) är skyddade mot oavsiktliga ändringar; de vita cellerna fyller du i. Skyddet har inget lösenord: Granska › Ta bort skydd för blad om du ändå måste ändra något annat.",
	},
	"field":          {"en": "Field", "de": "Feld", "sv": "Fält"},
	"value":          {"en": "Value", "de": "Wert", "sv": "Värde"},
	"notes":          {"en": "Notes", "de": "Hinweise", "sv": "Anmärkningar"},
	"required":       {"en": "required", "de": "Pflichtangabe", "sv": "obligatoriskt"},
	"framework.hint": {"en": "the framework and version this workbook was made for; do not change", "de": "Rahmen und Version, für die diese Arbeitsmappe erstellt wurde; bitte nicht ändern", "sv": "ramverket och versionen som arbetsboken gjordes för; ändra inte"},
	"name.hint":      {"en": "the region's name, e.g. Lake Constance Learning Region", "de": "Name der Region, z. B. Lernende Region Bodensee", "sv": "regionens namn, t.ex. Lärande region Bodensjön"},
	"answer":         {"en": "Answer", "de": "Antwort", "sv": "Svar"},
	"answer.prompt": {
		"en": "Choose from the list, or type the value or code before the dash. Leave empty to skip.",
		"de": "Aus der Liste wählen oder den Wert bzw. Code vor dem Strich tippen. Leer lassen, um auszulassen.",
		"sv": "Välj i listan eller skriv värdet eller koden före strecket. Lämna tomt för att hoppa över.",
	},
	"offlist.title":   {"en": "Not on the list", "de": "Nicht in der Liste", "sv": "Inte i listan"},
	"offlist.text":    {"en": "r3l reads this answer only if it is one of: %s. Keep it anyway?", "de": "r3l liest diese Antwort nur, wenn sie eine der folgenden ist: %s. Trotzdem übernehmen?", "sv": "r3l läser svaret bara om det är ett av: %s. Behåll ändå?"},
	"evidence.prompt": {"en": "Evidence, for example", "de": "Nachweise, zum Beispiel", "sv": "Belägg, till exempel"},
	"priority.prompt": {"en": "Choose a criterion of this area from the list; rank 1 is the most important.", "de": "Wählen Sie ein Kriterium dieses Bereichs aus der Liste; Rang 1 ist das wichtigste.", "sv": "Välj ett kriterium i detta område i listan; rang 1 är det viktigaste."},
	"question":        {"en": "Key question", "de": "Leitfrage", "sv": "Nyckelfråga"},
}
