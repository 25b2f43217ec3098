package instrument

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/workbook"
	"github.com/r3l/r3l/internal/yamlx"
)

// The questionnaire workbook (`r3l template -f xlsx`): a stakeholder opens
// it on the Instructions sheet, fills in the Region sheet (column B), the
// Answers sheet (one row per indicator; drop-down lists in the Answer
// column) and the Priorities sheet, and sends it back; LoadWorkbook reads
// it. Sheet names and the Answers headers both rely on are in xlsx.go.
// Everything but the cells to fill in is locked; the sheets are protected
// without a password, so nothing is changed by accident and nobody is
// locked out.

// TemplateXLSX writes a questionnaire workbook for fw.
func TemplateXLSX(w io.Writer, fw *framework.Framework, opts Options) error {
	t := &qwb{Book: workbook.New(), lang: opts.Lang, fw: fw}
	defer t.Close()
	t.styles()
	t.lists()
	t.instructions()
	t.region(opts)
	t.answers()
	t.priorities()
	t.finish()
	if t.Err != nil {
		return t.Err
	}
	_, err := t.F.WriteTo(w)
	return err
}

// qwb builds the questionnaire workbook; the first error stops all
// further work and is returned at the end.
type qwb struct {
	*workbook.Book
	lang string
	fw   *framework.Framework

	// Cell styles.
	header, title, heading, text, label, key, input, inputText, hint int
	areaID, areaText                                                 []int // per area, shaded
	// Ranges of the drop-down lists on the Lists sheet.
	scaleList map[string]string // scale id -> range
	areaList  map[string]string // area id -> range
	roleList  string            // the roles, if the framework has any
	listItems [][]string        // the columns of the Lists sheet
	colWidths map[string][]float64
}

func (t *qwb) w(key string) string { return words.Get(t.lang, key) }

// set writes text as text (never a formula) with a style.
func (t *qwb) set(sheet string, col, row int, text string, style int) {
	t.Set(sheet, col, row, text)
	if style != 0 {
		t.fill(sheet, col, row, style)
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
	if lines > 1 {
		t.RowHeight(sheet, row, float64(lines)*15+2)
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

// fill styles a cell.
func (t *qwb) fill(sheet string, col, row int, style int) {
	t.SetStyle(sheet, col, row, col, row, style)
}

func (t *qwb) widths(sheet string, widths ...float64) {
	if t.colWidths == nil {
		t.colWidths = map[string][]float64{}
	}
	t.colWidths[sheet] = widths
	t.Widths(sheet, widths...)
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
	t.header = t.Style(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    border,
	})
	t.title = t.Style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "1F4E79"}})
	t.heading = t.Style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "1F4E79"}})
	t.text = t.Style(&excelize.Style{Alignment: top})
	t.label = t.Style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	t.key = t.Style(&excelize.Style{
		Font: &excelize.Font{Bold: true}, Alignment: top, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
	})
	t.hint = t.Style(&excelize.Style{
		Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: top, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
	})
	t.input = t.Style(&excelize.Style{Alignment: top, Border: border, Protection: unlocked})
	// Text format: whatever is typed stays text (no dates, no formulas).
	t.inputText = t.Style(&excelize.Style{Alignment: top, Border: border, Protection: unlocked, NumFmt: 49})
	for i := range t.fw.Areas {
		fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{qwbAreaFills[i%len(qwbAreaFills)]}}
		t.areaID = append(t.areaID, t.Style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top, Border: border, Fill: fill}))
		t.areaText = append(t.areaText, t.Style(&excelize.Style{Alignment: top, Border: border, Fill: fill}))
	}
}

// scaleItems are the drop-down items of an ordinal or yes/no scale:
// "4 – Largely in place", …, "na – not applicable", "dk – don't know".
func (t *qwb) scaleItems(sc *framework.Scale) []string {
	var items []string
	switch sc.Kind {
	case framework.Ordinal:
		for _, p := range sc.Points {
			label := p.Label.Get(t.lang)
			if label == "" {
				label = p.Code
			}
			items = append(items, ListItem(qwbNum(p.Value), label))
		}
	case framework.Boolean:
		items = append(items, ListItem("yes", t.w("yes")), ListItem("no", t.w("no")))
	}
	for _, a := range sc.Allow {
		items = append(items, ListItem(a, t.w("list."+a)))
	}
	return items
}

// criterionItem is a criterion as the Priorities drop-downs list it.
func (t *qwb) criterionItem(c *framework.Criterion) string {
	return ListItem(c.ID, c.Title.Get(t.lang))
}

func qwbNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// lists plans the drop-down lists: their items go into the hidden sheet
// Lists (written last), one column per scale, per area and for the roles,
// since a list typed into the validation itself is limited to 255
// characters and cannot hold commas.
func (t *qwb) lists() {
	t.scaleList, t.areaList = map[string]string{}, map[string]string{}
	add := func(items []string) string {
		t.listItems = append(t.listItems, items)
		c := workbook.ColName(len(t.listItems))
		return fmt.Sprintf("%s!$%s$1:$%s$%d", SheetLists, c, c, len(items))
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
	if len(t.fw.Roles) > 0 {
		items := make([]string, len(t.fw.Roles))
		for i, r := range t.fw.Roles {
			items[i] = ListItem(r.ID, r.Label.Get(t.lang))
		}
		t.roleList = add(items)
	}
}

// writeLists writes the hidden sheet Lists, after the sheets a respondent
// sees.
func (t *qwb) writeLists() {
	const sheet = SheetLists
	t.Sheet(sheet)
	for col, items := range t.listItems {
		for i, it := range items {
			t.set(sheet, col+1, i+1, it, 0)
		}
	}
	t.widths(sheet, 40)
	t.Protect(sheet)
	t.Do(t.F.SetSheetVisible(sheet, false))
}

func (t *qwb) instructions() {
	const sheet = SheetInstructions
	t.Sheet(sheet)
	t.widths(sheet, 14, 90)
	fw, lang := t.fw, t.lang
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
	hdr := func(key string) string { return AnswerHeaders[key].Get(lang) }
	line(t.w("title"), "", t.title, 0)
	line(fmt.Sprintf("%s (%s %s)", fw.Title.Get(lang), fw.ID, fw.Version), "", t.label, 0)
	row++
	line(t.w("how"), "", t.heading, 0)
	line("1.", fmt.Sprintf(t.w("step.region"), SheetRegion), t.label, t.text)
	line("2.", fmt.Sprintf(t.w("step.answers"), SheetAnswers, fw.LevelName("indicator", lang), hdr("answer"), hdr("evidence"), hdr("comment")), t.label, t.text)
	line("3.", fmt.Sprintf(t.w("step.priorities"), SheetPriorities, len(fw.PriorityPoints)), t.label, t.text)
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
			line(a, t.w("special."+a), t.text, t.text)
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
	t.Protect(sheet)
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
	rng := t.w("tpl.number")
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

func (t *qwb) region(opts Options) {
	const sheet = SheetRegion
	t.Sheet(sheet)
	t.widths(sheet, 18, 36, 60)
	t.set(sheet, 1, 1, t.w("field"), t.header)
	t.set(sheet, 2, 1, t.w("value"), t.header)
	t.set(sheet, 3, 1, t.w("notes"), t.header)
	req := " (" + t.w("required") + ")"
	roleHint := t.w("tpl.role")
	if t.roleList != "" {
		roleHint = t.w("role.hint")
	}
	rows := []struct{ key, value, hint string }{
		{"framework", t.fw.ID + "@" + t.fw.Version, t.w("framework.hint")},
		{"region.id", opts.Region, t.w("tpl.region") + req},
		{"region.name", opts.Name, t.w("name.hint")},
		{"region.country", opts.Country, t.w("tpl.country")},
		{"region.group", opts.Group, t.w("tpl.group")},
		{"period", opts.Period, t.w("tpl.period") + req},
		{"respondent.id", opts.Respondent, t.w("tpl.respondent")},
		{"respondent.role", opts.Role, roleHint},
	}
	for i, r := range rows {
		if r.key != RegionKeys[i] {
			t.Do(fmt.Errorf("template: region key %q out of step with RegionKeys", r.key))
		}
		t.set(sheet, 1, i+2, r.key, t.key)
		t.set(sheet, 2, i+2, r.value, t.inputText)
		t.set(sheet, 3, i+2, r.hint, t.hint)
		t.fit(sheet, i+2, map[int]string{2: r.value, 3: r.hint})
		if r.key == "respondent.role" && t.roleList != "" {
			t.roleValidation(sheet, workbook.Cell(2, i+2))
		}
	}
	t.Freeze(sheet, 1, 0, "B3")
	t.Protect(sheet)
}

// roleValidation offers the framework's roles as a drop-down on the role
// cell. A role off the list only warns: a respondent may belong to none.
func (t *qwb) roleValidation(sheet, cell string) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cell
	dv.SetSqrefDropList(t.roleList)
	dv.SetInput(yamlx.Shorten(t.w("role.title"), 32), yamlx.Shorten(t.w("role.hint"), 255))
	dv.SetError(excelize.DataValidationErrorStyleWarning, yamlx.Shorten(t.w("offlist.title"), 32),
		yamlx.Shorten(t.w("role.offlist"), 255))
	t.Do(t.F.AddDataValidation(sheet, dv))
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
	const sheet = SheetAnswers
	fw, lang := t.fw, t.lang
	t.Sheet(sheet)
	t.widths(sheet, 7, 18, 30, 55, 28, 35, 35)
	headers := []string{
		AnswerHeaders["id"].Get(lang),
		fw.LevelName("area", lang), fw.LevelName("criterion", lang), fw.LevelName("indicator", lang),
		AnswerHeaders["answer"].Get(lang), AnswerHeaders["evidence"].Get(lang), AnswerHeaders["comment"].Get(lang),
	}
	for i, h := range headers {
		t.set(sheet, i+1, 1, h, t.header)
	}
	t.RowHeight(sheet, 1, 20)
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
		t.set(sheet, qwbArea, row, ListItem(c.Area.ID, c.Area.Title.Get(lang)), t.areaText[ai])
		t.set(sheet, qwbCriterion, row, ListItem(c.ID, c.Title.Get(lang)), t.areaText[ai])
		t.set(sheet, qwbIndicator, row, ind.Text.Get(lang), t.areaText[ai])
		t.fit(sheet, row, map[int]string{
			qwbArea:      ListItem(c.Area.ID, c.Area.Title.Get(lang)),
			qwbCriterion: ListItem(c.ID, c.Title.Get(lang)),
			qwbIndicator: ind.Text.Get(lang),
		})
		t.fill(sheet, qwbAnswer, row, t.input)
		t.fill(sheet, qwbEvidence, row, t.inputText)
		t.fill(sheet, qwbComment, row, t.inputText)
		cells[ind.Scale] = append(cells[ind.Scale], workbook.Cell(qwbAnswer, row))
		if q := c.Question.Get(lang); q != "" && c.Indicators[0] == ind && t.Err == nil {
			t.Do(t.F.AddComment(sheet, excelize.Comment{
				Cell: workbook.Cell(qwbCriterion, row), Author: "r3l", Width: 320, Height: 90,
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
			dv.Sqref = workbook.Cell(qwbEvidence, row)
			dv.SetInput(yamlx.Shorten(t.w("evidence.prompt"), 32), yamlx.Shorten(strings.Join(ev, "; "), 255))
			t.Do(t.F.AddDataValidation(sheet, dv))
		}
	}
	for _, sc := range fw.Scales {
		if refs := cells[sc]; len(refs) > 0 {
			t.answerValidation(sheet, sc, strings.Join(refs, " "))
		}
	}
	t.Freeze(sheet, 1, 1, workbook.Cell(qwbAnswer, 2))
	t.Do(t.F.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: sheet + "!$1:$1", Scope: sheet}))
	t.Protect(sheet)
}

// answerValidation adds the drop-down list (ordinal, yes/no) or the number
// check (numeric) of one scale to its Answer cells. A value off the list
// only warns: r3l also reads a plain value or a code typed by hand.
func (t *qwb) answerValidation(sheet string, sc *framework.Scale, sqref string) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	var accepted []string
	name := sc.Label.Get(t.lang)
	if name == "" {
		name = t.w("answer")
	}
	switch sc.Kind {
	case framework.Ordinal, framework.Boolean:
		dv.SetSqrefDropList(t.scaleList[sc.ID])
		dv.SetInput(yamlx.Shorten(name, 32), yamlx.Shorten(t.w("answer.prompt"), 255))
		if sc.Kind == framework.Ordinal {
			for _, p := range sc.Points {
				accepted = append(accepted, qwbNum(p.Value))
			}
			for _, p := range sc.Points {
				accepted = append(accepted, p.Code)
			}
			accepted = append(accepted, t.w("offlist.label"))
		} else {
			accepted = append(accepted, "yes", "no")
		}
	case framework.Numeric:
		if len(sc.Allow) == 0 {
			switch {
			case sc.Min != nil && sc.Max != nil:
				t.Do(dv.SetRange(*sc.Min, *sc.Max, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
			case sc.Min != nil:
				t.Do(dv.SetRange(*sc.Min, 0.0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual))
				dv.Formula2 = ""
			case sc.Max != nil:
				t.Do(dv.SetRange(*sc.Max, 0.0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorLessThanOrEqual))
				dv.Formula2 = ""
			default:
				t.Do(dv.SetRange(-1e30, 1e30, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
			}
		}
		// With na or dk allowed, a number check would refuse them: the
		// input message alone says what to enter.
		hint := qwbNumberHint(sc, t)
		if len(sc.Allow) > 0 {
			hint += "; " + strings.Join(sc.Allow, ", ")
		}
		dv.SetInput(yamlx.Shorten(name, 32), yamlx.Shorten(hint, 255))
		accepted = append(accepted, hint)
	}
	if sc.Kind != framework.Numeric {
		accepted = append(accepted, sc.Allow...)
	}
	dv.SetError(excelize.DataValidationErrorStyleWarning, yamlx.Shorten(t.w("offlist.title"), 32),
		yamlx.Shorten(fmt.Sprintf(t.w("offlist.text"), strings.Join(accepted, ", ")), 255))
	t.Do(t.F.AddDataValidation(sheet, dv))
}

func (t *qwb) priorities() {
	const sheet = SheetPriorities
	fw, lang := t.fw, t.lang
	t.Sheet(sheet)
	n := len(fw.PriorityPoints)
	widths := []float64{8, 36}
	for range n {
		widths = append(widths, 44)
	}
	t.widths(sheet, widths...)
	t.set(sheet, 1, 1, AnswerHeaders["id"].Get(lang), t.header)
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
		t.RowHeight(sheet, row, float64(max(2, qwbLines(a.Title.Get(lang), widths[1])))*15+2)
		for j := range n {
			t.fill(sheet, 3+j, row, t.input)
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s:%s", workbook.Cell(3, row), workbook.Cell(2+n, row))
		dv.SetSqrefDropList(t.areaList[a.ID])
		dv.SetInput(yamlx.Shorten(a.ID+" "+a.Title.Get(lang), 32), yamlx.Shorten(t.w("priority.prompt"), 255))
		dv.SetError(excelize.DataValidationErrorStyleStop, yamlx.Shorten(t.w("offlist.title"), 32), yamlx.Shorten(t.w("priority.prompt"), 255))
		t.Do(t.F.AddDataValidation(sheet, dv))
	}
	t.Freeze(sheet, 1, 0, "C2")
	t.Protect(sheet)
}

// finish hides the lists, opens the workbook on the instructions, sets up
// printing and the document properties.
func (t *qwb) finish() {
	if t.Err != nil {
		return
	}
	t.writeLists()
	// A4 landscape, as wide as one page and as long as it takes (up to 99
	// pages, not Excel's "automatic", which LibreOffice reads as one page).
	t.PrintA4(99, SheetInstructions, SheetRegion, SheetAnswers, SheetPriorities)
	if idx, err := t.F.GetSheetIndex(SheetInstructions); err == nil && t.Err == nil {
		t.F.SetActiveSheet(idx)
	}
	if t.Err == nil {
		t.Do(t.F.SetDocProps(&excelize.DocProperties{
			Title:   fmt.Sprintf("%s – %s", t.w("title"), t.fw.Title.Get(t.lang)),
			Subject: t.fw.ID + "@" + t.fw.Version,
			Creator: "r3l", Language: t.lang, Keywords: QuestionnaireSchema,
		}))
	}
}
