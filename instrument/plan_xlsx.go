package instrument

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/workbook"
	"github.com/r3l/r3l/internal/yamlx"
	"github.com/r3l/r3l/plan"
)

// The plan workbook: the same improvement plan as a YAML plan file, for
// partners who work in a spreadsheet. Sheet Plan holds the plan's keys in
// column A and their values in B (notes in C, the instructions below);
// Targets one row per target, Actions one per action, each under a header
// row, with empty rows prepared for new ones. The reader finds the columns
// of Targets and Actions by their headers, in any of r3l's languages, so
// columns may be moved; dates are text cells, read back exactly as written.

// Sheet names of a plan workbook; the drop-down lists are on SheetLists.
const (
	SheetPlan    = "Plan"
	SheetTargets = "Targets"
	SheetActions = "Actions"
)

// PlanKeys are the keys in column A of the Plan sheet, in order: the plan
// file's keys, with the region's as region.id and region.name.
var PlanKeys = []string{"schema", "status", "framework", "region.id", "region.name", "baseline_period", "target_period"}

// planRequired are the keys the Plan sheet must have, as a plan file must.
var planRequired = []string{"schema", "framework", "region.id", "baseline_period", "target_period"}

// The columns of the Targets and Actions sheets, by key, in the order
// the writer puts them; their headers are the words "plan.col.KEY".
var (
	planTargetColumns = []string{"id", "title", "score", "level", "why"}
	planActionColumns = []string{"id", "title", "criteria", "lead", "start", "due", "status", "evidence"}
)

// Columns as the writer puts them (from 1).
const (
	ptID = iota + 1
	ptTitle
	ptScore
	ptLevel
	ptWhy
)

const (
	paID = iota + 1
	paTitle
	paCriteria
	paLead
	paStart
	paDue
	paStatus
	paEvidence
)

// Empty rows prepared for new targets and actions, with the drop-downs
// and checks of the others.
const (
	planTargetRows = 20
	planActionRows = 30
)

// WritePlanWorkbook writes the plan as a workbook in lang, with the titles
// and maturity levels of fw, the framework the plan is for.
// LoadPlanWorkbook reads it back into the same plan.
func WritePlanWorkbook(w io.Writer, p *plan.Plan, fw *framework.Framework, lang string) error {
	if fw == nil {
		return fmt.Errorf("plan workbook: no framework")
	}
	for _, n := range []int{len(p.Targets) + planTargetRows, len(p.Actions) + planActionRows} {
		if n >= maxSheetRows {
			return fmt.Errorf("plan workbook: %d rows are more than a workbook r3l reads (%d)", n, maxSheetRows-1)
		}
	}
	t := &pwb{Book: workbook.New(), lang: lang, fw: fw, p: p}
	defer t.Close()
	t.styles()
	t.lists()
	t.planSheet()
	t.targets()
	t.actions()
	t.finish()
	if t.Err != nil {
		return t.Err
	}
	_, err := t.F.WriteTo(w)
	return err
}

// pwb builds the plan workbook; the first error stops all further work
// and is returned at the end.
type pwb struct {
	*workbook.Book
	lang string
	fw   *framework.Framework
	p    *plan.Plan

	// Cell styles.
	header, key, hint, heading, note, info, input, inputText int
	// Ranges of the drop-down lists on the Lists sheet ("" for none).
	planStatusList, actionStatusList, levelList, nodeList string

	nodes     int        // the rows of the criteria and areas on the Lists sheet
	listItems [][]string // the columns of the Lists sheet
}

func (t *pwb) w(key string) string { return words.Get(t.lang, key) }

func (t *pwb) styles() {
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}
	unlocked := &excelize.Protection{Locked: false}
	t.header = t.Style(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    border,
	})
	t.key = t.Style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top, Border: border, Fill: grey})
	t.hint = t.Style(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: top, Border: border, Fill: grey})
	t.info = t.Style(&excelize.Style{Alignment: top, Border: border, Fill: grey})
	t.heading = t.Style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "1F4E79"}})
	t.note = t.Style(&excelize.Style{Alignment: top})
	t.input = t.Style(&excelize.Style{Alignment: top, Border: border, Protection: unlocked})
	// Text format: whatever is typed stays text (no dates, no formulas).
	t.inputText = t.Style(&excelize.Style{Alignment: top, Border: border, Protection: unlocked, NumFmt: 49})
}

// planItem is a drop-down item, "done – erledigt"; the code alone when
// the label says no more.
func planItem(code, label string) string {
	if strings.EqualFold(code, label) {
		return code
	}
	return ListItem(code, label)
}

func (t *pwb) statusItem(status string) string {
	if !slices.Contains(plan.PlanStatuses, status) && !slices.Contains(plan.ActionStatuses, status) {
		return status
	}
	return planItem(status, t.w("plan.status."+status))
}

func (t *pwb) levelItem(level string) string {
	for _, b := range t.fw.Maturity {
		if b.ID == level {
			return planItem(b.ID, b.Label.Get(t.lang))
		}
	}
	return level
}

// nodeTitle is the title of a criterion or area, or "".
func (t *pwb) nodeTitle(id string) string {
	if c := t.fw.Criterion(id); c != nil {
		return c.Title.Get(t.lang)
	}
	if a := t.fw.Area(id); a != nil {
		return a.Title.Get(t.lang)
	}
	return ""
}

// lists plans the drop-down lists, which go into the hidden sheet Lists:
// the statuses, the maturity levels, and the areas and criteria with their
// titles, which the Title column of new targets looks up.
func (t *pwb) lists() {
	add := func(items []string) string {
		t.listItems = append(t.listItems, items)
		c := workbook.ColName(len(t.listItems))
		return fmt.Sprintf("%s!$%s$1:$%s$%d", SheetLists, c, c, max(len(items), 1))
	}
	var items []string
	for _, s := range plan.PlanStatuses {
		items = append(items, t.statusItem(s))
	}
	t.planStatusList = add(items)
	items = nil
	for _, s := range plan.ActionStatuses {
		items = append(items, t.statusItem(s))
	}
	t.actionStatusList = add(items)
	items = nil
	for _, b := range t.fw.Maturity {
		items = append(items, t.levelItem(b.ID))
	}
	if l := add(items); len(items) > 0 {
		t.levelList = l
	}
	var ids, titles []string
	for _, a := range t.fw.Areas {
		ids, titles = append(ids, a.ID), append(titles, a.Title.Get(t.lang))
		for _, c := range a.Criteria {
			ids, titles = append(ids, c.ID), append(titles, c.Title.Get(t.lang))
		}
	}
	t.nodes = len(ids)
	t.nodeList = add(ids)
	add(titles)
}

// writeLists writes the hidden sheet Lists, after the sheets people see.
func (t *pwb) writeLists() {
	const sheet = SheetLists
	t.Sheet(sheet)
	for col, items := range t.listItems {
		for i, it := range items {
			t.Set(sheet, col+1, i+1, it)
		}
	}
	t.Widths(sheet, 24, 24, 24, 10, 60)
	t.Protect(sheet)
	if t.Err == nil {
		t.Do(t.F.SetSheetVisible(sheet, false))
	}
}

// set writes a value (text always as text, never a formula) with a style.
func (t *pwb) set(sheet string, col, row int, v any, style int) {
	if s, ok := v.(string); !ok || s != "" {
		t.Set(sheet, col, row, v)
	}
	if style != 0 {
		t.SetStyle(sheet, col, row, col, row, style)
	}
}

// fitRow makes a row tall enough for its wrapped texts (Excel does not
// when it opens a file); a row of one line keeps the default height.
func (t *pwb) fitRow(sheet string, row int, widths []float64, texts map[int]string) {
	lines := 1
	for col, s := range texts {
		if s != "" && col <= len(widths) {
			lines = max(lines, workbook.Lines(s, widths[col-1], false))
		}
	}
	if lines > 1 {
		t.RowHeight(sheet, row, float64(lines)*workbook.LineHeight+2)
	}
}

// headerRow writes a sheet's header row and column widths, widened to
// fit the headers' words.
func (t *pwb) headerRow(sheet string, keys []string, widths []float64) {
	headers := make([]string, len(keys))
	for i, k := range keys {
		headers[i] = t.w("plan.col." + k)
	}
	lines := workbook.FitHeaders(headers, widths)
	t.Widths(sheet, widths...)
	for i, h := range headers {
		t.set(sheet, i+1, 1, h, t.header)
	}
	t.RowHeight(sheet, 1, float64(lines)*workbook.LineHeight+5)
}

// validate adds a drop-down list (list a range of the Lists sheet) or a
// check to the cells of sqref, with a prompt shown when one is selected.
// Values off a list are refused: the reader would refuse them too.
func (t *pwb) validate(sheet, sqref, list, title, prompt string, score bool) {
	if t.Err != nil {
		return
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	switch {
	case list != "":
		dv.SetSqrefDropList(list)
		dv.SetError(excelize.DataValidationErrorStyleStop, yamlx.Shorten(t.w("offlist.title"), 32), yamlx.Shorten(t.w("plan.offlist"), 255))
	case score:
		t.Do(dv.SetRange(0, 100, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
		dv.SetError(excelize.DataValidationErrorStyleStop, yamlx.Shorten(title, 32), yamlx.Shorten(t.w("plan.offscore"), 255))
	}
	dv.SetInput(yamlx.Shorten(title, 32), yamlx.Shorten(prompt, 255))
	t.Do(t.F.AddDataValidation(sheet, dv))
}

// protect locks a sheet without a password, as Book.Protect does, but
// lets rows be added and removed.
func (t *pwb) protect(sheet string) {
	if t.Err == nil {
		t.Do(t.F.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
			SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
			InsertRows: true, DeleteRows: true,
		}))
	}
}

// planWidths are the widths of the Plan sheet's columns.
var planWidths = []float64{18, 36, 70}

func (t *pwb) planSheet() {
	const sheet = SheetPlan
	p := t.p
	t.Sheet(sheet)
	t.Widths(sheet, planWidths...)
	for i, h := range []string{t.w("field"), t.w("value"), t.w("notes")} {
		t.set(sheet, i+1, 1, h, t.header)
	}
	fwText := p.Framework
	if p.FrameworkVersion != "" {
		fwText += "@" + p.FrameworkVersion
	}
	req := " (" + t.w("required") + ")"
	rows := []struct{ value, hint string }{
		{plan.Schema, t.w("plan.hint.schema")},
		{t.statusItem(p.Status), t.w("plan.hint.status")},
		{fwText, t.w("plan.hint.framework")},
		{p.Region.ID, t.w("tpl.region") + req},
		{p.Region.Name, t.w("name.hint")},
		{p.Baseline, t.w("plan.hint.baseline") + req},
		{p.TargetPeriod, t.w("plan.hint.target") + req},
	}
	for i, r := range rows {
		row := i + 2
		t.set(sheet, 1, row, PlanKeys[i], t.key)
		style := t.inputText
		if PlanKeys[i] == "schema" {
			style = t.info
		}
		t.set(sheet, 2, row, r.value, style)
		t.set(sheet, 3, row, r.hint, t.hint)
		t.fitRow(sheet, row, planWidths, map[int]string{2: r.value, 3: r.hint})
	}
	t.validate(sheet, workbook.Cell(2, 3), t.planStatusList, "status", t.w("plan.hint.status"), false)
	t.instructions(sheet, len(rows)+3)
	t.Freeze(sheet, 1, 0, "B3")
	t.Protect(sheet)
}

// instructions writes how to fill in the workbook from row on, each text
// in column A across the sheet's width: the reader passes over a text in
// column A with nothing in column B.
func (t *pwb) instructions(sheet string, row int) {
	width := 0.0
	for _, w := range planWidths {
		width += w
	}
	last := workbook.ColName(len(planWidths))
	text := func(s string, style int) {
		t.set(sheet, 1, row, s, style)
		if style == t.note {
			if t.Err == nil {
				t.Do(t.F.MergeCell(sheet, workbook.Cell(1, row), fmt.Sprintf("%s%d", last, row)))
			}
			t.RowHeight(sheet, row, float64(workbook.Lines(s, width, false))*workbook.LineHeight+2)
		}
		row++
	}
	col := func(key string) string { return t.w("plan.col." + key) }
	text(t.w("how"), t.heading)
	text("1. "+fmt.Sprintf(t.w("plan.step.plan"), SheetPlan), t.note)
	text("2. "+fmt.Sprintf(t.w("plan.step.targets"), SheetTargets, col("id"), col("score"), col("level"), col("why")), t.note)
	text("3. "+fmt.Sprintf(t.w("plan.step.actions"), SheetActions, col("criteria")), t.note)
	text("4. "+t.w("plan.step.dates"), t.note)
	text("5. "+t.w("plan.step.save"), t.note)
	row++
	text(t.w("protected"), t.heading)
	text(t.w("plan.protected.text"), t.note)
}

func (t *pwb) targets() {
	const sheet = SheetTargets
	t.Sheet(sheet)
	widths := []float64{9, 48, 10, 24, 70}
	t.headerRow(sheet, planTargetColumns, widths)
	for i, g := range t.p.Targets {
		row := i + 2
		why := strings.Join(g.Why, "\n")
		t.set(sheet, ptID, row, g.ID, t.inputText)
		t.set(sheet, ptTitle, row, t.nodeTitle(g.ID), t.info)
		t.set(sheet, ptScore, row, g.Score, t.input)
		level := ""
		if g.Level != "" {
			level = t.levelItem(g.Level)
		}
		t.set(sheet, ptLevel, row, level, t.inputText)
		t.set(sheet, ptWhy, row, why, t.inputText)
		t.fitRow(sheet, row, widths, map[int]string{ptTitle: t.nodeTitle(g.ID), ptLevel: level, ptWhy: why})
	}
	first, last := len(t.p.Targets)+2, len(t.p.Targets)+1+planTargetRows
	for row := first; row <= last; row++ {
		// The title of the criterion or area typed in column A, looked
		// up on the Lists sheet.
		if t.Err == nil {
			t.Do(t.F.SetCellFormula(sheet, workbook.Cell(ptTitle, row),
				fmt.Sprintf(`IFERROR(VLOOKUP($A%d,%s!$D$1:$E$%d,2,FALSE),"")`, row, SheetLists, max(t.nodes, 1))))
		}
	}
	t.SetStyle(sheet, ptID, first, ptID, last, t.inputText)
	t.SetStyle(sheet, ptTitle, first, ptTitle, last, t.info)
	t.SetStyle(sheet, ptScore, first, ptScore, last, t.input)
	t.SetStyle(sheet, ptLevel, first, ptWhy, last, t.inputText)
	col := func(c int) string { return fmt.Sprintf("%s:%s", workbook.Cell(c, 2), workbook.Cell(c, last)) }
	name := func(key string) string { return t.w("plan.col." + key) }
	t.validate(sheet, col(ptID), t.nodeList, name("id"), t.w("plan.prompt.id"), false)
	t.validate(sheet, col(ptScore), "", name("score"), t.w("plan.prompt.score"), true)
	if t.levelList != "" {
		t.validate(sheet, col(ptLevel), t.levelList, name("level"), t.w("plan.prompt.level"), false)
	}
	t.validate(sheet, col(ptWhy), "", name("why"), t.w("plan.prompt.why"), false)
	t.Freeze(sheet, 1, 1, workbook.Cell(ptScore, 2))
	t.protect(sheet)
	t.SetPrint(sheet, workbook.PrintSetup{TitleRows: 1})
}

func (t *pwb) actions() {
	const sheet = SheetActions
	t.Sheet(sheet)
	widths := []float64{8, 40, 13, 24, 11, 11, 20, 40}
	t.headerRow(sheet, planActionColumns, widths)
	for i, a := range t.p.Actions {
		row := i + 2
		crit := strings.Join(a.Criteria, ", ")
		status := t.statusItem(a.Status)
		for i, v := range []string{a.ID, a.Title, crit, a.Lead, a.Start.Text, a.Due.Text, status, a.Evidence} {
			t.set(sheet, paID+i, row, v, t.inputText)
		}
		t.fitRow(sheet, row, widths, map[int]string{paTitle: a.Title, paCriteria: crit, paLead: a.Lead, paStatus: status, paEvidence: a.Evidence})
	}
	last := len(t.p.Actions) + 1 + planActionRows
	t.SetStyle(sheet, paID, len(t.p.Actions)+2, paEvidence, last, t.inputText)
	col := func(c int) string { return fmt.Sprintf("%s:%s", workbook.Cell(c, 2), workbook.Cell(c, last)) }
	name := func(key string) string { return t.w("plan.col." + key) }
	t.validate(sheet, col(paCriteria), "", name("criteria"), t.w("plan.prompt.criteria"), false)
	t.validate(sheet, col(paStart), "", name("start"), t.w("plan.prompt.date"), false)
	t.validate(sheet, col(paDue), "", name("due"), t.w("plan.prompt.date"), false)
	t.validate(sheet, col(paStatus), t.actionStatusList, name("status"), t.w("plan.prompt.status"), false)
	t.Freeze(sheet, 1, 1, workbook.Cell(paTitle, 2))
	t.protect(sheet)
	t.SetPrint(sheet, workbook.PrintSetup{TitleRows: 1})
}

// finish hides the lists, opens the workbook on the Plan sheet, sets up
// printing, recalculation and the document properties.
func (t *pwb) finish() {
	t.SetPrint(SheetPlan, workbook.PrintSetup{TitleRows: 1})
	t.writeLists()
	if t.Err != nil {
		return
	}
	if idx, err := t.F.GetSheetIndex(SheetPlan); err == nil {
		t.F.SetActiveSheet(idx)
	}
	// The titles of new targets are formulas: calculated when the
	// workbook opens.
	t.Do(t.F.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: new(true)}))
	name := t.p.Region.Name
	if name == "" {
		name = t.p.Region.ID
	}
	if t.Err == nil {
		t.Do(t.F.SetDocProps(&excelize.DocProperties{
			Title:   fmt.Sprintf("%s – %s", t.w("plan.title"), name),
			Subject: t.fw.ID + "@" + t.fw.Version,
			Creator: "r3l", Language: t.lang, Keywords: plan.Schema,
		}))
	}
}

// LoadPlan reads a plan file for the command line: a plan workbook
// (LoadPlanWorkbook), told by its content, or else a YAML plan
// (plan.Load). The plan is not yet checked against a framework
// (plan.Plan.Check).
func LoadPlan(path string) (*plan.Plan, error) {
	data, err := yamlx.ReadHead(path, max(MaxWorkbookSize, plan.MaxSize))
	if err != nil {
		return nil, err
	}
	if isWorkbookData(data) {
		if len(data) > MaxWorkbookSize {
			return nil, yamlx.TooLarge(path, MaxWorkbookSize)
		}
		return ParsePlanWorkbook(path, data)
	}
	if len(data) > plan.MaxSize {
		return nil, yamlx.TooLarge(path, plan.MaxSize)
	}
	return plan.Parse(path, data)
}

// isWorkbookData reports whether data is a zip archive, as a workbook is,
// or an old Excel file, which the workbook reader names as such.
func isWorkbookData(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0})
}

// LoadPlanWorkbook reads a plan workbook (WritePlanWorkbook), strictly:
// the error, if any, is a yamlx.Problems listing every problem with its
// cell ("plan.xlsx: Actions!G5: …"), as plan.Load lists a YAML plan's.
// Targets and actions have the cell of their id as Pos.
func LoadPlanWorkbook(path string) (*plan.Plan, error) {
	data, err := yamlx.ReadFile(path, MaxWorkbookSize)
	if err != nil {
		return nil, err
	}
	return ParsePlanWorkbook(path, data)
}

// ParsePlanWorkbook reads the plan workbook of path from data.
func ParsePlanWorkbook(path string, data []byte) (*plan.Plan, error) {
	if len(data) > 0 && !isWorkbookData(data) && isText(data) {
		return nil, yamlx.Problem{Path: path, Msg: "not an Excel workbook (the file holds plain text, such as a YAML plan, which LoadPlan reads)"}
	}
	b, err := openWorkbook(path, data, 1)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	sheets := map[string]string{} // lower-case name -> name
	for _, name := range b.f.GetSheetList() {
		sheets[strings.ToLower(name)] = name
	}
	for _, want := range []string{SheetPlan, SheetTargets, SheetActions} {
		if _, ok := sheets[strings.ToLower(want)]; !ok {
			return nil, yamlx.Problem{Path: path, Msg: fmt.Sprintf("not an r3l plan workbook: no sheet %q", want)}
		}
	}
	r := &planReader{wbReader: &wbReader{path: path, cells: b.cells, sheets: sheets, doc: "a plan", maxRows: b.maxRows}, p: &plan.Plan{Path: path}}
	if props, err := b.f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		r.date1904 = *props.Date1904
	}
	r.read()
	if err := r.err(); err != nil {
		return nil, err
	}
	return r.p, nil
}

// planReader reads a plan workbook into p.
type planReader struct {
	*wbReader
	p        *plan.Plan
	date1904 bool // the workbook counts days from 1904 (old Excel for Mac)
	ids      plan.IDs
	damaged  bool // a sheet cannot be read: its problem is the one reported
}

func (r *planReader) read() {
	rows, ok := r.sheet(SheetPlan, 2, nil)
	if !ok {
		return
	}
	r.planKeys(rows)
	rows, cols, ok := r.table(SheetTargets, planTargetColumns, "id", "score", "level")
	if r.damaged {
		return
	}
	if ok {
		for _, rw := range rows {
			r.target(rw, cols)
		}
	}
	if rows, cols, ok := r.table(SheetActions, planActionColumns, "id", "title", "criteria"); ok {
		for _, rw := range rows {
			r.action(rw, cols)
		}
	}
}

// check records err, if any, at a cell.
func (r *planReader) check(sheet string, col, row int, err error) bool {
	if err != nil {
		r.errorf(sheet, col, row, "%v", err)
		return false
	}
	return true
}

// planKeys reads the Plan sheet: keys in column A, values in B. A text in
// column A with nothing in B, such as the instructions, is passed over.
func (r *planReader) planKeys(rows []row) {
	const sheet = SheetPlan
	at := map[string]int{} // key -> row
	vals := map[string]string{}
	for i, rw := range rows {
		r.formulas(sheet, rw)
		key, val := strings.ToLower(rw.get(1)), rw.get(2)
		switch {
		case key == "":
			if val != "" {
				r.errorf(sheet, 1, rw.n, "a value without a key in column A")
			}
			continue
		case !slices.Contains(PlanKeys, key):
			if val != "" && !(i == 0 && rw.n == 1) { // not a note, nor the header row
				r.errorf(sheet, 1, rw.n, "unknown key %s%s", assess.Quote(rw.get(1)), suggestPlanKey(key))
			}
			continue
		}
		if first, dup := at[key]; dup {
			r.errorf(sheet, 1, rw.n, "key %q appears twice (also in row %d)", key, first)
			continue
		}
		at[key], vals[key] = rw.n, val
	}
	for _, key := range planRequired {
		if _, ok := at[key]; !ok {
			r.errorf(sheet, 0, 0, "no row %q in column A; it is required", key)
		}
	}
	p := r.p
	p.Status = plan.Agreed
	for _, key := range PlanKeys {
		n, ok := at[key]
		if !ok {
			continue
		}
		v := vals[key]
		check := func(err error) bool { return r.check(sheet, 2, n, err) }
		switch key {
		case "schema":
			check(plan.CheckSchema(v))
		case "status":
			if v != "" {
				p.Status = r.oneOf(sheet, 2, n, "status", v, plan.PlanStatuses)
			}
		case "framework":
			if check(plan.CheckNonEmpty("framework", v)) {
				p.Framework, p.FrameworkVersion = plan.SplitFramework(v)
			}
		case "region.id":
			if check(plan.CheckNonEmpty("region id", v)) {
				p.Region.ID = v
			}
		case "region.name":
			p.Region.Name = v
		case "baseline_period":
			if check(plan.CheckNonEmpty("baseline_period", v)) {
				p.Baseline = v
			}
		case "target_period":
			if check(plan.CheckNonEmpty("target_period", v)) {
				p.TargetPeriod = v
				check(plan.CheckPeriods(p.Baseline, p.TargetPeriod))
			}
		}
	}
}

func suggestPlanKey(key string) string {
	if best := yamlx.Closest(key, PlanKeys); best != "" {
		return fmt.Sprintf(" in column A (did you mean %q?)", best)
	}
	return " in column A (expected one of: " + strings.Join(PlanKeys, ", ") + ")"
}

// oneOf reads a value chosen from a drop-down list: the code before the
// dash of an item ("done – erledigt"), or the value as typed.
func (r *planReader) oneOf(sheet string, col, row int, what, text string, allowed []string) string {
	code, _, _ := assess.CutListItem(text)
	if plan.CheckOneOf(what, code, allowed) != nil {
		r.check(sheet, col, row, plan.CheckOneOf(what, text, allowed))
	}
	return code
}

// planColumns finds the columns of a table's keys in a header row: the
// first column of each, and the columns of second ones.
func planColumns(rw row, keys []string) (cols map[string]int, dups []int) {
	cols = map[string]int{}
	for c := range rw.cells {
		h := strings.ToLower(rw.get(c + 1))
		for _, key := range keys {
			if h != key && !matchesAny(h, words["plan.col."+key]) {
				continue
			}
			if _, dup := cols[key]; dup {
				dups = append(dups, c+1)
			} else {
				cols[key] = c + 1
			}
			break
		}
	}
	return cols, dups
}

// table reads the Targets or Actions sheet: its header row (the first
// with an ID column, among the first ten rows), the columns it names, and
// the rows under it. It reports a missing header or required column.
func (r *planReader) table(sheet string, keys []string, required ...string) ([]row, map[string]int, bool) {
	rows, ok := r.sheet(sheet, maxHeaderCols, func(rw row) int {
		cols, _ := planColumns(rw, keys)
		if _, ok := cols["id"]; !ok {
			return 0
		}
		return slices.Max(slices.Collect(maps.Values(cols)))
	})
	if !ok {
		r.damaged = true
		return nil, nil, false
	}
	for i, rw := range rows[:min(len(rows), 10)] {
		cols, dups := planColumns(rw, keys)
		if _, ok := cols["id"]; !ok {
			continue
		}
		for _, c := range dups {
			r.errorf(sheet, c, rw.n, "a second %q column in the header row", words.Get("en", "plan.col."+rw.headerKey(c, keys)))
		}
		complete := len(dups) == 0
		for _, key := range required {
			if _, ok := cols[key]; !ok {
				r.errorf(sheet, 0, 0, "no %q column in the header row (row %d)", words.Get("en", "plan.col."+key), rw.n)
				complete = false
			}
		}
		return rows[i+1:], cols, complete
	}
	r.errorf(sheet, 0, 0, `no header row with an "ID" column (the first row r3l wrote)`)
	return nil, nil, false
}

// headerKey is the key of a header cell among keys.
func (rw row) headerKey(col int, keys []string) string {
	h := strings.ToLower(rw.get(col))
	for _, key := range keys {
		if h == key || matchesAny(h, words["plan.col."+key]) {
			return key
		}
	}
	return ""
}

// fields reads the columns of keys of a table row: their values, and
// whether any holds something (a formula without a value included).
func (r *planReader) fields(sheet string, rw row, cols map[string]int, keys ...string) (map[string]string, bool) {
	var at []int
	vals := map[string]string{}
	for _, k := range keys {
		if c, ok := cols[k]; ok {
			at = append(at, c)
			vals[k] = rw.get(c)
		}
	}
	filled := slices.ContainsFunc(at, func(c int) bool { return rw.get(c) != "" || slices.Contains(rw.noValue, c) })
	if filled {
		r.formulas(sheet, rw, at...)
	}
	return vals, filled
}

// target reads a row of the Targets sheet; an empty one is passed over.
func (r *planReader) target(rw row, cols map[string]int) {
	const sheet = SheetTargets
	v, filled := r.fields(sheet, rw, cols, "id", "score", "level", "why")
	if !filled {
		return
	}
	t := plan.Target{Pos: yamlx.Pos{Path: r.path, Cell: cellRef(sheet, cols["id"], rw.n)}}
	if r.check(sheet, cols["id"], rw.n, plan.CheckNonEmpty("target id", v["id"])) {
		t.ID = v["id"]
		r.check(sheet, cols["id"], rw.n, r.ids.Target(t.ID))
	}
	switch score, level := v["score"], v["level"]; {
	case !r.check(sheet, cols["score"], rw.n, plan.CheckScoreOrLevel(t.ID, score != "", level != "")):
	case score != "":
		f, err := strconv.ParseFloat(score, 64)
		switch {
		case err != nil:
			r.errorf(sheet, cols["score"], rw.n, "target score must be a number, not %s", assess.Quote(score))
		case r.check(sheet, cols["score"], rw.n, plan.CheckScore(f, score)):
			t.Score = &f
		}
	default:
		t.Level, _, _ = assess.CutListItem(level)
	}
	t.Why = lines(v["why"])
	r.p.Targets = append(r.p.Targets, t)
}

// lines are the lines of a cell with text, trimmed.
func lines(s string) []string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// action reads a row of the Actions sheet; an empty one is passed over.
func (r *planReader) action(rw row, cols map[string]int) {
	const sheet = SheetActions
	v, filled := r.fields(sheet, rw, cols, planActionColumns...)
	if !filled {
		return
	}
	n := rw.n
	a := plan.Action{Pos: yamlx.Pos{Path: r.path, Cell: cellRef(sheet, cols["id"], n)}, Status: plan.Planned}
	if r.check(sheet, cols["id"], n, plan.CheckNonEmpty("action id", v["id"])) {
		a.ID = v["id"]
		r.check(sheet, cols["id"], n, r.ids.Action(a.ID))
	}
	if r.check(sheet, cols["title"], n, plan.CheckNonEmpty("action title", v["title"])) {
		a.Title = v["title"]
	}
	a.Criteria = strings.FieldsFunc(v["criteria"], func(c rune) bool { return c == ',' || c == ';' || unicode.IsSpace(c) })
	for _, err := range plan.CheckCriteria(a.ID, a.Criteria) {
		r.check(sheet, cols["criteria"], n, err)
	}
	a.Lead, a.Evidence = v["lead"], v["evidence"]
	if s := v["status"]; s != "" {
		a.Status = r.oneOf(sheet, cols["status"], n, "action status", s, plan.ActionStatuses)
	}
	a.Start = r.date(sheet, cols["start"], n, "start", v["start"])
	a.Due = r.date(sheet, cols["due"], n, "due", v["due"])
	r.check(sheet, cols["due"], n, a.CheckDates())
	r.p.Actions = append(r.p.Actions, a)
}

// date reads a date cell: text as a plan file writes it, or a date the
// spreadsheet stored as a number of days (a date typed into a cell not
// formatted as text), which becomes YYYY-MM-DD.
func (r *planReader) date(sheet string, col, row int, field, text string) plan.Date {
	if text == "" {
		return plan.Date{}
	}
	d, err := plan.ParseDateField(field, text)
	if err == nil {
		return d
	}
	if day, ok := serialDay(text, r.date1904); ok {
		if d, err := plan.ParseDate(day); err == nil {
			return d
		}
	}
	r.check(sheet, col, row, err)
	return plan.Date{}
}

// serialDay is the day of a spreadsheet's date serial number ("45474" →
// "2024-07-01"), the time of day left out.
func serialDay(s string, date1904 bool) (string, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v >= 1 && v < 2958466) { // 9999-12-31
		return "", false
	}
	t, err := excelize.ExcelDateToTime(math.Floor(v), date1904)
	if err != nil {
		return "", false
	}
	return t.Format("2006-01-02"), true
}
