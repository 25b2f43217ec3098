package instrument

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
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
// worksheets are unpacked to a temporary file).
const (
	MaxWorkbookSize        = 8 << 20
	MaxWorkbookUnzipSize   = 16 << 20
	MaxWorkbookXMLInMemory = 8 << 20
	maxSheetRows           = 10000
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
	f, err := openWorkbook(path, data)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return loadWorkbook(path, data, f, opts)
}

// readWorkbook reads a workbook: an r3l questionnaire, or a survey tool's
// response export (its first sheet).
func readWorkbook(path string, data []byte, opts LoadOptions) ([]*assess.Questionnaire, error) {
	f, err := openWorkbook(path, data)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if hasSheets(f, SheetAnswers, SheetRegion) {
		q, err := loadWorkbook(path, data, f, opts)
		if err != nil {
			return nil, err
		}
		return []*assess.Questionnaire{q}, nil
	}
	t, err := readWorkbookExport(path, f)
	if err != nil {
		return nil, err
	}
	if _, ok := detectTool(t.Head); ok || opts.Survey.Map != nil {
		return readExport(t, data, opts)
	}
	if hasSheets(f, "survey", "choices") {
		return nil, yamlx.Problem{Path: path, Msg: "an XLSForm (a survey to load into KoboToolbox or ODK), not responses: read the responses the survey tool exports"}
	}
	return nil, yamlx.Problem{Path: path, Msg: fmt.Sprintf("neither an r3l questionnaire workbook (no sheet %q) nor a response export r3l knows (LimeSurvey, KoboToolbox); give a mapping file (--map) to read a survey's export", SheetAnswers)}
}

// openWorkbook opens a workbook after checkWorkbook, with the limits
// every workbook is read with.
func openWorkbook(path string, data []byte) (*excelize.File, error) {
	if p, ok := checkWorkbook(path, data); !ok {
		return nil, p
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    MaxWorkbookUnzipSize,
		UnzipXMLSizeLimit: MaxWorkbookXMLInMemory,
		RawCellValue:      true,
	})
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		return nil, yamlx.Problem{Path: path, Msg: fmt.Sprintf("not an Excel workbook (%v)", err)}
	}
	return f, nil
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
func loadWorkbook(path string, data []byte, f *excelize.File, opts LoadOptions) (*assess.Questionnaire, error) {
	if opts.Pick == nil {
		opts.Pick = BundledFramework
	}
	sheets := map[string]string{} // lower-case name -> name
	for _, name := range f.GetSheetList() {
		sheets[strings.ToLower(name)] = name
	}
	for _, want := range []string{SheetAnswers, SheetRegion} {
		if _, ok := sheets[strings.ToLower(want)]; !ok {
			return nil, yamlx.Problem{Path: path, Msg: fmt.Sprintf("not an r3l questionnaire workbook: no sheet %q", want)}
		}
	}
	r := &wbReader{path: path, f: f, sheets: sheets}
	q := r.questionnaire(opts)
	if err := r.err(); err != nil {
		return nil, identified(err, q)
	}
	stamp(path, data, q)
	return q, nil
}

// checkWorkbook tells a workbook from other files before excelize opens
// it, and refuses archives that unpack to more than the limit, judged by
// the sizes the archive declares (Go's zip reader stops at those).
func checkWorkbook(path string, data []byte) (yamlx.Problem, bool) {
	bad := func(format string, args ...any) (yamlx.Problem, bool) {
		return yamlx.Problem{Path: path, Msg: fmt.Sprintf(format, args...)}, false
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
	var total uint64
	hasWorkbook, hasODS := false, false
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > MaxWorkbookUnzipSize || zf.UncompressedSize64 > MaxWorkbookUnzipSize {
			return bad("the workbook unpacks to more than %d MiB; a questionnaire needs far less, so it is not read", MaxWorkbookUnzipSize>>20)
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
		return yamlx.Problem{}, true
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
	f        *excelize.File
	sheets   map[string]string
	problems []cellProblem

	answerCol int // the Answers sheet's answer column, once found
}

// cellProblem is a problem with where it is, to put problems in order.
type cellProblem struct {
	yamlx.Problem
	sheet, row, col int
}

// sheetOrder is the order problems are reported in: sheet by sheet, then
// row by row, then column by column.
var sheetOrder = map[string]int{SheetRegion: 0, SheetAnswers: 1, SheetPriorities: 2}

// errorf records a problem at a cell (col, row from 1) or, with row 0, at a
// sheet.
func (r *wbReader) errorf(sheet string, col, row int, format string, args ...any) {
	at := sheet
	if row > 0 {
		col = max(col, 1)
		at = cellRef(sheet, col, row)
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
	return ps.Err()
}

// cellRef names a cell for messages and a questionnaire's Source: "Region!B8".
func cellRef(sheet string, col, row int) string {
	return sheet + "!" + workbook.Cell(col, row)
}

// row is one non-empty row of a sheet: its number and its cells' values.
type row struct {
	n     int
	cells []string
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

// rows streams a sheet's rows with content, up to maxSheetRows; content
// further down is a problem, not a reason to read on. An error means the
// sheet cannot be read at all.
func (r *wbReader) rows(canonical string) ([]row, error) {
	sheet := r.sheets[strings.ToLower(canonical)]
	it, err := r.f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []row
	n := 0
	for it.Next() {
		n++
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		rw := row{n: n, cells: cells}
		if rw.empty() {
			continue
		}
		if n > maxSheetRows {
			r.errorf(canonical, 1, n, "the sheet goes on beyond row %d; a questionnaire has far fewer rows, so r3l reads no further", maxSheetRows)
			break
		}
		out = append(out, rw)
	}
	return out, it.Error()
}

func (r *wbReader) questionnaire(opts LoadOptions) *assess.Questionnaire {
	q := &assess.Questionnaire{}
	var region, answers, priorities []row
	for _, s := range []struct {
		name string
		dst  *[]row
	}{{SheetRegion, &region}, {SheetAnswers, &answers}, {SheetPriorities, &priorities}} {
		if _, ok := r.sheets[strings.ToLower(s.name)]; !ok {
			continue // Priorities is optional; the others are checked before
		}
		var err error
		if *s.dst, err = r.rows(s.name); err != nil {
			r.problems = []cellProblem{{Problem: yamlx.Problem{Path: r.path,
				Msg: fmt.Sprintf("the workbook is damaged: sheet %q cannot be read (%v)", s.name, err)}}}
			return q
		}
	}
	fw := r.region(region, q, opts)
	if fw == nil {
		// Answers cannot be checked without the framework; the problem is
		// already reported at the framework cell.
		return q
	}
	q.Answers = make([]assess.Answer, len(fw.Indicators))
	rowOf := r.answers(answers, fw, q.Answers)
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
		cols := map[string]int{}
		for c := range rw.cells {
			h := strings.ToLower(rw.get(c + 1))
			for key, names := range AnswerHeaders {
				if h == key || matchesAny(h, names) {
					if _, dup := cols[key]; dup {
						r.errorf(SheetAnswers, c+1, rw.n, "a second %q column in the header row", names.Get("en"))
						continue
					}
					cols[key] = c + 1
				}
			}
		}
		if _, ok := cols["id"]; ok {
			return i, cols
		}
	}
	return -1, nil
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
func (r *wbReader) answers(rows []row, fw *framework.Framework, out []assess.Answer) map[int]int {
	const sheet = SheetAnswers
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
		id := rw.get(idCol)
		a := assess.Answer{Evidence: rw.get(cols["evidence"]), Comment: rw.get(cols["comment"])}
		text := rw.get(ansCol)
		if id == "" {
			if text != "" || a.Evidence != "" || a.Comment != "" {
				r.errorf(sheet, idCol, rw.n, "an answer without an indicator id in column %s", workbook.ColName(idCol))
			}
			continue
		}
		ind := fw.Indicator(id)
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
				if kind == assess.Valued {
					a.Score = ind.Scale.Score(value)
				}
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

// priorities reads the Priorities sheet: the area's id in column A, its
// title in B, the ranked criteria from column C on.
func (r *wbReader) priorities(rows []row, fw *framework.Framework) map[string][]string {
	const sheet = SheetPriorities
	const first = 3 // column of rank 1
	maxRanks := len(fw.PriorityPoints)
	out := map[string][]string{}
	seen := map[string]int{} // area id -> row
	for i, rw := range rows {
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
