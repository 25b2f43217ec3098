package instrument

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/workbook"
	"github.com/r3l/r3l/internal/yamlx"
)

// Limits for reading workbooks, which may come from anyone: the file, what
// it unpacks to in all, and the part of a worksheet kept in memory (larger
// worksheets are unpacked to a temporary file). A questionnaire's sheets
// are read to row maxSheetRows, and only in the columns the reader needs:
// a sheet's dimensions cost nothing (see workbook.Sheets).
const (
	MaxWorkbookSize        = 8 << 20
	MaxWorkbookUnzipSize   = 16 << 20
	MaxWorkbookXMLInMemory = 8 << 20
	maxSheetRows           = 10000
	// maxHeaderCols is how far right the Answers header is looked for.
	maxHeaderCols = 256
)

// claimsWorkbook takes the files named .xlsx, and any zip archive: a
// workbook saved under another name is read as one, and a file named
// .xlsx that is none gets a message saying what it is instead.
func claimsWorkbook(path string, data []byte) bool {
	return strings.EqualFold(filepath.Ext(path), ".xlsx") || bytes.HasPrefix(data, []byte("PK\x03\x04"))
}

// LoadWorkbook reads a filled questionnaire workbook into the same
// questionnaire as LoadQuestionnaire reads from YAML. The error, if any, is
// a yamlx.Problems listing every problem, each with its cell
// ("q.xlsx: Answers!E12: …").
func LoadWorkbook(path string, data []byte, opts LoadOptions) (*assess.Questionnaire, error) {
	b, err := openWorkbook(path, data, opts.scale())
	if err != nil {
		return nil, err
	}
	defer b.Close()
	return loadWorkbook(path, data, b, opts)
}

// readWorkbook reads a workbook: an r3l questionnaire, or a survey tool's
// response export (its first sheet).
func readWorkbook(path string, data []byte, opts LoadOptions) ([]*assess.Questionnaire, error) {
	b, err := openWorkbook(path, data, opts.scale())
	if err != nil {
		return nil, err
	}
	defer b.Close()
	if hasSheets(b.f, SheetAnswers, SheetRegion) {
		q, err := loadWorkbook(path, data, b, opts)
		if err != nil {
			return nil, err
		}
		return []*assess.Questionnaire{q}, nil
	}
	t, err := readWorkbookExport(path, b)
	if err != nil {
		return nil, err
	}
	if _, ok := detectTool(t.Head); ok || opts.Survey.Map != nil {
		return readExport(t, data, opts)
	}
	if hasSheets(b.f, "survey", "choices") {
		return nil, yamlx.Problem{Path: path, Msg: "an XLSForm (a survey to load into KoboToolbox or ODK), not responses: read the responses the survey tool exports"}
	}
	return nil, yamlx.Problem{Path: path, Msg: fmt.Sprintf("neither an r3l questionnaire workbook (no sheet %q) nor a response export r3l knows (LimeSurvey, KoboToolbox); give a mapping file (--map) to read a survey's export", SheetAnswers)}
}

// xlsxFile is a workbook open for reading: excelize's view of it (its
// sheets) and its cells, read from the archive (workbook.Sheets).
type xlsxFile struct {
	f     *excelize.File
	cells *workbook.Sheets
	// tmp is a folder of this workbook's own for the parts excelize
	// unpacks to files, removed by Close, whatever happened: excelize
	// leaves them behind when opening fails, with no File to close.
	tmp string
	// maxRows is how far down a sheet is read.
	maxRows int
}

// Close releases the workbook and removes its temporary files.
func (b *xlsxFile) Close() {
	if b.f != nil {
		_ = b.f.Close()
	}
	if b.tmp != "" {
		_ = os.RemoveAll(b.tmp)
	}
}

// openWorkbook opens a workbook after checkWorkbook, with the limits
// every workbook is read with, scale times (LoadOptions.scale). Close the
// book on success; on failure nothing is left open.
func openWorkbook(path string, data []byte, scale int64) (*xlsxFile, error) {
	largest, err := checkWorkbook(path, data, MaxWorkbookUnzipSize*uint64(scale))
	if err != nil {
		return nil, err
	}
	b := &xlsxFile{maxRows: maxSheetRows * int(scale)}
	if largest > MaxWorkbookXMLInMemory { // a part excelize unpacks to a file
		tmp, err := os.MkdirTemp("", "r3l-xlsx-")
		if err != nil {
			return nil, yamlx.Problem{Path: path, Msg: fmt.Sprintf("cannot unpack the workbook: %v", err)}
		}
		b.tmp = tmp
	}
	b.f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    MaxWorkbookUnzipSize * scale,
		UnzipXMLSizeLimit: MaxWorkbookXMLInMemory,
		RawCellValue:      true,
		TmpDir:            b.tmp,
	})
	if err == nil {
		b.cells, err = workbook.ReadSheets(data)
	}
	if err != nil {
		b.Close()
		return nil, yamlx.Problem{Path: path, Msg: fmt.Sprintf("not an Excel workbook (%v)", err)}
	}
	return b, nil
}

// hasSheets reports whether a workbook has sheets of these names (in any
// case).
func hasSheets(f *excelize.File, names ...string) bool {
	for _, want := range names {
		if !slices.ContainsFunc(f.GetSheetList(), func(s string) bool { return strings.EqualFold(s, want) }) {
			return false
		}
	}
	return true
}

// loadWorkbook reads an open questionnaire workbook.
func loadWorkbook(path string, data []byte, b *xlsxFile, opts LoadOptions) (*assess.Questionnaire, error) {
	if opts.Pick == nil {
		opts.Pick = BundledFramework
	}
	sheets := map[string]string{} // lower-case name -> name
	for _, name := range b.f.GetSheetList() {
		sheets[strings.ToLower(name)] = name
	}
	for _, want := range []string{SheetAnswers, SheetRegion} {
		if _, ok := sheets[strings.ToLower(want)]; !ok {
			return nil, yamlx.Problem{Path: path, Msg: fmt.Sprintf("not an r3l questionnaire workbook: no sheet %q", want)}
		}
	}
	r := &wbReader{path: path, cells: b.cells, sheets: sheets, maxRows: b.maxRows}
	q := r.questionnaire(opts)
	if err := r.err(); err != nil {
		return nil, identified(err, q)
	}
	stamp(path, data, q)
	return q, nil
}

// checkWorkbook tells a workbook from other files before excelize opens
// it, and refuses archives that unpack to more than the limit, judged by
// the sizes the archive declares (Go's zip reader stops at those). It
// returns the largest size a part declares.
func checkWorkbook(path string, data []byte, unzipLimit uint64) (uint64, error) {
	bad := func(format string, args ...any) (uint64, error) {
		return 0, yamlx.Problem{Path: path, Msg: fmt.Sprintf(format, args...)}
	}
	switch {
	case strings.HasPrefix(filepath.Base(path), "~$"):
		return bad("not an Excel workbook (a lock file Excel leaves while a workbook is open: skip it)")
	case len(data) == 0:
		return bad("not an Excel workbook (the file is empty)")
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return bad("not an Excel workbook (an old .xls file or a password-protected workbook: save it from Excel as .xlsx without a password)")
	case !bytes.HasPrefix(data, []byte("PK")):
		if isText(data) {
			return bad("not an Excel workbook (the file holds plain text, such as CSV or YAML; a YAML questionnaire must be named .yaml)")
		}
		return bad("not an Excel workbook (not a zip archive)")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return bad("not an Excel workbook (a damaged zip archive: %v)", err)
	}
	var total, largest uint64
	hasWorkbook, hasODS := false, false
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		largest = max(largest, zf.UncompressedSize64)
		if total > unzipLimit || zf.UncompressedSize64 > unzipLimit {
			return bad("the workbook unpacks to more than %d MiB; a questionnaire needs far less, so it is not read", unzipLimit>>20)
		}
		switch strings.ToLower(strings.ReplaceAll(zf.Name, `\`, "/")) {
		case "xl/workbook.xml":
			hasWorkbook = true
		case "content.xml":
			hasODS = true
		}
	}
	switch {
	case hasWorkbook:
		return largest, nil
	case hasODS:
		return bad("not an Excel workbook (an OpenDocument file: save it as Excel .xlsx)")
	}
	return bad("not an Excel workbook (a zip archive without xl/workbook.xml)")
}

// isText reports whether data looks like text (UTF-8 or a legacy 8-bit
// encoding): no NUL or other control bytes but tab and line breaks in its
// first kilobyte.
func isText(data []byte) bool {
	for _, c := range data[:min(len(data), 1024)] {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f {
			return false
		}
	}
	return true
}

type wbReader struct {
	path     string
	cells    *workbook.Sheets
	sheets   map[string]string
	problems []cellProblem
	more     int // problems past yamlx.MaxProblems

	maxRows   int // the rows of a sheet that are read
	answerCol int // the Answers sheet's answer column, once found
	// doc is what the workbook holds, for messages; "" is a
	// questionnaire.
	doc string
}

// cellProblem is a problem with where it is, to put problems in order.
type cellProblem struct {
	yamlx.Problem
	sheet, row, col int
}

// sheetOrder is the order problems are reported in: sheet by sheet, then
// row by row, then column by column; a plan workbook's sheets (plan_xlsx.go)
// in the order of their own.
var sheetOrder = map[string]int{SheetRegion: 0, SheetAnswers: 1, SheetPriorities: 2,
	SheetPlan: 0, SheetTargets: 1, SheetActions: 2}

// errorf records a problem at a cell (col, row from 1) or, with row 0, at a
// sheet.
func (r *wbReader) errorf(sheet string, col, row int, format string, args ...any) {
	at := sheet
	if row > 0 {
		col = max(col, 1)
		at = cellRef(sheet, col, row)
	}
	if len(r.problems) >= yamlx.MaxProblems {
		r.more++
		return
	}
	r.problems = append(r.problems, cellProblem{
		Problem: yamlx.Problem{Path: r.path, Cell: at, Msg: fmt.Sprintf(format, args...)},
		sheet:   sheetOrder[sheet], row: row, col: col,
	})
}

// err returns the problems found, in order, or nil.
func (r *wbReader) err() error {
	slices.SortStableFunc(r.problems, func(a, b cellProblem) int {
		return cmp.Or(cmp.Compare(a.sheet, b.sheet), cmp.Compare(a.row, b.row), cmp.Compare(a.col, b.col))
	})
	var ps yamlx.Problems
	for _, p := range r.problems {
		ps = append(ps, p.Problem)
	}
	return ps.Capped(r.path, r.more)
}

// cellRef names a cell for messages and a questionnaire's Source: "Region!B8".
func cellRef(sheet string, col, row int) string {
	return sheet + "!" + workbook.Cell(col, row)
}

// row is one non-empty row of a sheet: its number and its cells' values.
type row struct {
	n     int
	cells []string
	// noValue are the columns (from 1) of formulas without a value.
	noValue []int
}

// get returns the trimmed value of column col (from 1).
func (rw row) get(col int) string {
	if col < 1 || col > len(rw.cells) {
		return ""
	}
	return strings.TrimSpace(rw.cells[col-1])
}

func (rw row) empty() bool {
	for _, c := range rw.cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// noValueMsg is the problem of a formula without a value, which a
// spreadsheet stores with the formula and a program writing a workbook
// may not: the cell is not read as empty.
const noValueMsg = "a formula without a value: type the answer, or open and save the workbook in Excel or LibreOffice so that its value is stored"

// formulas reports the cells of a row in the columns cols (in all of the
// row's, without cols) that hold a formula without a value.
func (r *wbReader) formulas(sheet string, rw row, cols ...int) {
	for _, c := range rw.noValue {
		if len(cols) == 0 || slices.Contains(cols, c) {
			r.errorf(sheet, c, rw.n, noValueMsg)
		}
	}
}

// rows streams a sheet's rows with content, in the first cols columns,
// up to row maxRows: a row further down ends the reading, and if it
// has content that is a problem. width, if given, sees the first ten rows
// with content until it finds the sheet's header row among them, and
// returns the columns the rows under it are read in. An error means the
// sheet cannot be read at all.
func (r *wbReader) rows(canonical string, cols int, width func(row) int) ([]row, error) {
	sheet := r.sheets[strings.ToLower(canonical)]
	it, err := r.cells.Rows(sheet, cols)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []row
	for it.Next() {
		rw := row{n: it.Row(), cells: it.Cells(), noValue: it.NoValue()}
		if rw.n > r.maxRows {
			if !rw.empty() || len(rw.noValue) > 0 {
				r.errorf(canonical, 1, rw.n, "the sheet goes on beyond row %d; %s has far fewer rows, so r3l reads no further", r.maxRows, cmp.Or(r.doc, "a questionnaire"))
			}
			break
		}
		if rw.empty() && len(rw.noValue) == 0 {
			continue
		}
		rw.cells, rw.noValue = slices.Clone(rw.cells), slices.Clone(rw.noValue)
		out = append(out, rw)
		if width != nil {
			if w := width(rw); w > 0 {
				it.Cols, width = w, nil
			} else if len(out) == 10 {
				it.Cols, width = 1, nil // no header: the rows are not read
			}
		}
	}
	return out, it.Err()
}

// sheet reads a sheet's rows (see rows); a sheet that cannot be read is
// the one problem reported.
func (r *wbReader) sheet(canonical string, cols int, width func(row) int) ([]row, bool) {
	rows, err := r.rows(canonical, cols, width)
	if err != nil {
		r.problems = nil
		r.errorf(canonical, 0, 0, "the sheet is damaged and cannot be read (%v)", err)
		return nil, false
	}
	return rows, true
}

func (r *wbReader) questionnaire(opts LoadOptions) *assess.Questionnaire {
	q := &assess.Questionnaire{}
	// Region: keys in column A, values in B.
	region, ok := r.sheet(SheetRegion, 2, nil)
	if !ok {
		return q
	}
	fw := r.region(region, q, opts)
	if fw == nil {
		// Answers cannot be checked without the framework; the problem is
		// already reported at the framework cell.
		return q
	}
	answers, ok := r.sheet(SheetAnswers, maxHeaderCols, func(rw row) int {
		cols, _ := answerColumns(rw)
		if _, ok := cols["id"]; !ok {
			return 0
		}
		return slices.Max(slices.Collect(maps.Values(cols)))
	})
	if !ok {
		return q
	}
	var priorities []row
	if _, has := r.sheets[strings.ToLower(SheetPriorities)]; has { // optional
		// Column A the area, B its title, then the ranks, and one column
		// more to tell that no more can be ranked.
		if priorities, ok = r.sheet(SheetPriorities, priorityFirst+len(fw.PriorityPoints), nil); !ok {
			return q
		}
	}
	q.Answers = make([]assess.Answer, len(fw.Indicators))
	rowOf := r.answers(answers, q)
	if opts.Strict && len(r.problems) == 0 {
		if ids := q.MissingIDs(); len(ids) > 0 {
			first := fw.Indicator(ids[0])
			if n, ok := rowOf[first.Index]; ok {
				r.errorf(SheetAnswers, r.answerCol, n, "%d unanswered (--strict): %s", len(ids), strings.Join(ids, ", "))
			} else {
				r.errorf(SheetAnswers, 0, 0, "%d unanswered (--strict): %s", len(ids), strings.Join(ids, ", "))
			}
		}
	}
	if len(priorities) > 0 {
		q.Priorities = r.priorities(priorities, fw)
	}
	return q
}

// region reads the Region sheet into q and returns the framework it names.
func (r *wbReader) region(rows []row, q *assess.Questionnaire, opts LoadOptions) *framework.Framework {
	const sheet = SheetRegion
	at := map[string]int{} // key -> row
	vals := map[string]string{}
	for i, rw := range rows {
		r.formulas(sheet, rw)
		key := strings.ToLower(rw.get(1))
		switch {
		case key == "":
			if rw.get(2) != "" {
				r.errorf(sheet, 1, rw.n, "a value without a key in column A")
			}
			continue
		case !slices.Contains(RegionKeys, key):
			if i == 0 && rw.n == 1 {
				continue // the header row
			}
			r.errorf(sheet, 1, rw.n, "unknown key %s%s", assess.Quote(rw.get(1)), suggestKey(key))
			continue
		}
		if first, dup := at[key]; dup {
			r.errorf(sheet, 1, rw.n, "key %q appears twice (also in row %d)", key, first)
			continue
		}
		at[key], vals[key] = rw.n, rw.get(2)
	}
	for _, key := range []string{"framework", "region.id", "period"} {
		if _, ok := at[key]; !ok {
			r.errorf(sheet, 0, 0, "no row %q in column A; it is required", key)
		}
	}
	val := func(key string) (string, int, bool) {
		n, ok := at[key]
		return vals[key], n, ok
	}
	var fw *framework.Framework
	if s, n, ok := val("framework"); ok {
		if s == "" {
			r.errorf(sheet, 2, n, "framework is empty: fill in the framework's id, such as r3lplus")
		} else {
			q.FrameworkID, q.FrameworkVersion, _ = strings.Cut(s, "@")
			var err error
			if fw, err = opts.Pick(q.FrameworkID, q.FrameworkVersion); err != nil {
				r.errorf(sheet, 2, n, "%v", err)
			}
			q.Framework = fw
		}
	}
	if s, n, ok := val("region.id"); ok {
		q.Region.ID = s
		switch {
		case s == "":
			r.errorf(sheet, 2, n, "region id is empty: fill in a short id such as lake-constance")
		case !framework.IDPattern.MatchString(s):
			r.errorf(sheet, 2, n, "region id %s must be letters, digits, '.', '_' or '-', starting with a letter or digit", assess.Quote(s))
		}
	}
	q.Region.Name = vals["region.name"]
	q.Region.Country = vals["region.country"]
	q.Region.Group = vals["region.group"]
	if s, n, ok := val("period"); ok {
		q.Period = s
		if s == "" {
			r.errorf(sheet, 2, n, "period is empty: fill in the period assessed, such as \"2024\"")
		}
	}
	if s, n, ok := val("respondent.id"); ok {
		q.Respondent.ID = s
		q.Source.Cell = cellRef(sheet, 2, n)
	}
	q.Respondent.Role = cellRole(fw, vals["respondent.role"])
	return fw
}

// cellRole reads the role cell. An item of its drop-down list,
// "adult-education – Adult education provider", gives the role before the
// dash; anything else is kept as written, and assess.Group matches it to
// the framework's roles.
func cellRole(fw *framework.Framework, text string) string {
	code, _, ok := assess.CutListItem(text)
	if !ok || fw == nil {
		return text
	}
	for _, r := range fw.Roles {
		if framework.RoleKey(r.ID) == framework.RoleKey(code) {
			return code
		}
	}
	return text
}

func suggestKey(key string) string {
	if best := yamlx.Closest(key, RegionKeys); best != "" {
		return fmt.Sprintf(" in column A (did you mean %q?)", best)
	}
	return " in column A (expected one of: " + strings.Join(RegionKeys, ", ") + ")"
}

// header finds the header row of the Answers sheet (the first row with an
// ID column, among the first ten) and the columns by their headers.
func (r *wbReader) header(rows []row) (int, map[string]int) {
	for i, rw := range rows[:min(len(rows), 10)] {
		cols, dups := answerColumns(rw)
		if _, ok := cols["id"]; ok {
			for _, c := range dups {
				r.errorf(SheetAnswers, c, rw.n, "a second %q column in the header row", AnswerHeaders[rw.key(c)].Get("en"))
			}
			return i, cols
		}
	}
	return -1, nil
}

// answerColumns finds the Answers columns in a row by their headers (see
// AnswerHeaders): the first column of each, and the columns of second ones.
func answerColumns(rw row) (cols map[string]int, dups []int) {
	cols = map[string]int{}
	for c := range rw.cells {
		if key := rw.key(c + 1); key != "" {
			if _, dup := cols[key]; dup {
				dups = append(dups, c+1)
				continue
			}
			cols[key] = c + 1
		}
	}
	return cols, dups
}

// key is the Answers column a header cell names, or "".
func (rw row) key(col int) string {
	h := strings.ToLower(rw.get(col))
	for key, names := range AnswerHeaders {
		if h == key || matchesAny(h, names) {
			return key
		}
	}
	return ""
}

func matchesAny(h string, names framework.Text) bool {
	for _, n := range names {
		if strings.ToLower(n) == h {
			return true
		}
	}
	return false
}

// answers reads the Answers sheet into out and returns the row of each
// indicator found.
func (r *wbReader) answers(rows []row, q *assess.Questionnaire) map[int]int {
	const sheet = SheetAnswers
	fw, out := q.Framework, q.Answers
	rowOf := map[int]int{}
	h, cols := r.header(rows)
	if h < 0 {
		r.errorf(sheet, 0, 0, `no header row with an "ID" column (the first row of the template)`)
		return rowOf
	}
	if _, ok := cols["answer"]; !ok {
		r.errorf(sheet, 0, 0, "no %q column in the header row (row %d)", AnswerHeaders["answer"].Get("en"), rows[h].n)
		return rowOf
	}
	idCol, ansCol := cols["id"], cols["answer"]
	r.answerCol = ansCol
	for _, rw := range rows[h+1:] {
		r.formulas(sheet, rw, idCol, ansCol, cols["evidence"], cols["comment"])
		id := rw.get(idCol)
		var a assess.Answer
		evidence, comment := rw.get(cols["evidence"]), rw.get(cols["comment"])
		a.SetNotes(evidence, comment)
		text := rw.get(ansCol)
		if id == "" {
			if text != "" || evidence != "" || comment != "" {
				r.errorf(sheet, idCol, rw.n, "an answer without an indicator id in column %s", workbook.ColName(idCol))
			}
			continue
		}
		ind := fw.Indicator(id)
		if ind == nil && fw.DroppedIndicator(q.FrameworkID, id) {
			if text != "" {
				q.LeftOut = append(q.LeftOut, id)
			}
			continue
		}
		if ind == nil {
			r.errorf(sheet, idCol, rw.n, "unknown indicator %s%s", assess.Quote(id), assess.SuggestIndicator(fw, id))
			continue
		}
		if first, dup := rowOf[ind.Index]; dup {
			r.errorf(sheet, idCol, rw.n, "%s appears twice (also in row %d)", ind.ID, first)
			continue
		}
		rowOf[ind.Index] = rw.n
		if text != "" {
			kind, value, msg := assess.ParseAnswer(ind.Scale, cellAnswer(ind.Scale, text))
			if msg != "" {
				r.errorf(sheet, ansCol, rw.n, "%s: %s", ind.ID, msg)
			} else {
				a.Kind, a.Value = kind, value
			}
		}
		out[ind.Index] = a
	}
	return rowOf
}

// cellAnswer turns an Answer cell into an answer for assess.ParseAnswer,
// which reads every form a YAML file takes too. The one rule of cells: a
// spreadsheet's TRUE/FALSE, stored as 1/0, on a yes/no scale means yes/no.
func cellAnswer(s *framework.Scale, text string) string {
	if s.Kind == framework.Boolean {
		switch strings.TrimSpace(text) {
		case "1":
			return "yes"
		case "0":
			return "no"
		}
	}
	return text
}

// priorityFirst is the Priorities column of rank 1.
const priorityFirst = 3

// priorities reads the Priorities sheet: the area's id in column A, its
// title in B, the ranked criteria from column C on.
func (r *wbReader) priorities(rows []row, fw *framework.Framework) map[string][]string {
	const sheet = SheetPriorities
	const first = priorityFirst
	maxRanks := len(fw.PriorityPoints)
	out := map[string][]string{}
	seen := map[string]int{} // area id -> row
	for i, rw := range rows {
		r.formulas(sheet, rw)
		id := rw.get(1)
		area := fw.Area(id)
		if area == nil {
			if i == 0 && rw.n == 1 {
				continue // the header row
			}
			if id == "" {
				if !(row{cells: rw.cells[min(len(rw.cells), first-1):]}).empty() {
					r.errorf(sheet, 1, rw.n, "ranks without an area id in column A")
				}
				continue
			}
			r.errorf(sheet, 1, rw.n, "priorities: %s is not an area of %s", assess.Quote(id), fw.ID)
			continue
		}
		if n, dup := seen[area.ID]; dup {
			r.errorf(sheet, 1, rw.n, "priorities: area %s appears twice (also in row %d)", area.ID, n)
			continue
		}
		seen[area.ID] = rw.n
		var list []string
		gap := 0 // the first empty rank
		for c := first; c <= len(rw.cells); c++ {
			text := rw.get(c)
			rank := c - first + 1
			if text == "" {
				if gap == 0 {
					gap = rank
				}
				continue
			}
			id, _, _ := assess.CutListItem(text)
			crit := fw.Criterion(id)
			switch {
			case rank > maxRanks:
				r.errorf(sheet, c, rw.n, "priorities for area %s: at most %d criteria can be ranked", area.ID, maxRanks)
			case gap != 0:
				r.errorf(sheet, c, rw.n, "priorities for area %s: rank %d is filled but rank %d is empty (rank from 1 without gaps)", area.ID, rank, gap)
			case crit == nil:
				r.errorf(sheet, c, rw.n, "priorities for area %s: %s is not a criterion", area.ID, assess.Quote(id))
			case crit.Area != area:
				r.errorf(sheet, c, rw.n, "priorities for area %s: criterion %s belongs to area %s", area.ID, crit.ID, crit.Area.ID)
			case slices.Contains(list, crit.ID):
				r.errorf(sheet, c, rw.n, "priorities for area %s: %s is ranked twice", area.ID, crit.ID)
			default:
				list = append(list, crit.ID)
			}
		}
		if len(list) > 0 {
			out[area.ID] = list
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
