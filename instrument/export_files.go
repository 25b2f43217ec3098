package instrument

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/internal/yamlx"
)

// exportTable is a survey's response export as a table: the headings and
// one row per response, with where each row is for messages.
type exportTable struct {
	Path string
	Head []string
	Rows [][]string
	// Where is each row's position: its line in a CSV file, its row in a
	// workbook, its place in a JSON list.
	Where []yamlx.Pos
	// HeadPos is the heading row's position.
	HeadPos yamlx.Pos
	// Cell returns the position of a row's (-1: the heading row's) cell
	// in column col, for messages.
	Cell func(row, col int) yamlx.Pos
}

// csvPos names a CSV cell by the row's line and the column's heading:
// `export.csv:14: column "A1[A1a]"`.
func (t *exportTable) csvCell(row, col int) yamlx.Pos {
	p := t.HeadPos
	if row >= 0 {
		p = t.Where[row]
	}
	p.Cell = fmt.Sprintf("column %s", quoteHeading(t.Head[col]))
	return p
}

// quoteHeading quotes a column heading for a message, shortened and with
// control characters escaped.
func quoteHeading(h string) string {
	return strconv.Quote(yamlx.Shorten(h, 60))
}

const utf8BOM = "\ufeff"

// readCSVExport reads a CSV export: separated by ';', ',' or tabs (the
// first line's most frequent), with or without a UTF-8 byte-order mark.
func readCSVExport(path string, data []byte) (*exportTable, error) {
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	if !utf8.Valid(data) {
		return nil, yamlx.Problem{Path: path, Msg: "not UTF-8 text: export the responses as UTF-8 CSV"}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffSeparator(data)
	t := &exportTable{Path: path, HeadPos: yamlx.Pos{Path: path, Line: 1}}
	t.Cell = t.csvCell
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvProblem(path, data, err, len(t.Head))
		}
		line, _ := r.FieldPos(0)
		if t.Head == nil {
			t.Head, t.HeadPos.Line = rec, line
			continue
		}
		t.Rows = append(t.Rows, rec)
		t.Where = append(t.Where, yamlx.Pos{Path: path, Line: line})
	}
	if t.Head == nil {
		return nil, yamlx.Problem{Path: path, Msg: "the file is empty: no heading row"}
	}
	if len(t.Head) == 1 && strings.ContainsAny(t.Head[0], "|;,\t") {
		return nil, yamlx.Problem{Path: path, Line: t.HeadPos.Line, Msg: fmt.Sprintf("the heading row is one column (%s): separate the columns with ';', ',' or tabs", quoteHeading(t.Head[0]))}
	}
	return t, nil
}

// csvProblem words a CSV syntax error at its line.
func csvProblem(path string, data []byte, err error, columns int) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return yamlx.Problem{Path: path, Msg: err.Error()}
	}
	p := yamlx.Problem{Path: path, Line: pe.Line, Col: pe.Column}
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		p.Col = 0
		p.Msg = fmt.Sprintf("this row has a different number of columns from the heading row (%d): a damaged or cut-off file?", columns)
	case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
		p.Msg = "a quotation mark out of place: a damaged or cut-off file?"
		if pe.StartLine != pe.Line || bytes.Count(data, []byte(`"`))%2 == 1 {
			p.Line, p.Col = pe.StartLine, 0
			p.Msg = "a quoted field that never ends: a damaged or cut-off file?"
		}
	default:
		p.Msg = pe.Err.Error()
	}
	return p
}

// sniffSeparator picks the separator of a CSV export: ';' (LimeSurvey's
// API, KoboToolbox), ',' (ODK Central, LimeSurvey's default) or a tab,
// counted outside quotes on the first two lines. One that splits both lines
// into as many columns wins over one that does not: headings with commas
// in their texts, in a file saved with ';' that left them unquoted (as
// spreadsheets do), would otherwise pass for ','. Then the one the first
// line uses most wins.
func sniffSeparator(data []byte) rune {
	counts := []map[rune]int{{}}
	seen, quoted := false, false
scan:
	for _, c := range string(data) {
		switch {
		case c == '"':
			quoted, seen = !quoted, true
		case quoted:
		case c == '\n' || c == '\r':
			if !seen {
				continue
			}
			if len(counts) == 2 {
				break scan
			}
			counts, seen = append(counts, map[rune]int{}), false
		default:
			counts[len(counts)-1][c]++
			seen = true
		}
	}
	first := counts[0]
	even := func(c rune) bool { return first[c] > 0 && len(counts) == 2 && counts[1][c] == first[c] }
	best := ','
	for _, c := range []rune{';', '\t'} {
		if even(c) != even(best) && even(c) || even(c) == even(best) && first[c] > first[best] {
			best = c
		}
	}
	return best
}

// looksLikeJSONExport reports whether data is LimeSurvey's JSON export,
// {"responses": [...]}.
func looksLikeJSONExport(data []byte) bool {
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte(utf8BOM)), " \t\r\n")
	if !bytes.HasPrefix(head, []byte("{")) {
		return false
	}
	head = bytes.TrimLeft(head[1:], " \t\r\n")
	return bytes.HasPrefix(head, []byte(`"responses"`))
}

// readJSONExport reads LimeSurvey's JSON export: one object per response,
// its keys the headings (in the order the first response has them).
func readJSONExport(path string, data []byte) (*exportTable, error) {
	var doc struct {
		Responses []json.RawMessage `json:"responses"`
	}
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte(utf8BOM))))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, jsonProblem(path, data, err)
	}
	t := &exportTable{Path: path, HeadPos: yamlx.Pos{Path: path}}
	t.Cell = func(row, col int) yamlx.Pos {
		p := t.HeadPos
		if row >= 0 {
			p = t.Where[row]
		}
		if p.Cell != "" {
			p.Cell += ", "
		}
		p.Cell += "field " + quoteHeading(t.Head[col])
		return p
	}
	index := map[string]int{}
	for i, raw := range doc.Responses {
		keys, values, err := orderedObject(raw)
		where := yamlx.Pos{Path: path, Cell: fmt.Sprintf("response %d", i+1)}
		if err != nil {
			return nil, where.Problem(err.Error())
		}
		row := make([]string, len(t.Head))
		for k, key := range keys {
			col, ok := index[key]
			if !ok {
				col = len(t.Head)
				index[key] = col
				t.Head = append(t.Head, key)
				row = append(row, "")
			}
			row[col] = values[k]
		}
		t.Rows = append(t.Rows, row)
		t.Where = append(t.Where, where)
	}
	for i := range t.Rows {
		for len(t.Rows[i]) < len(t.Head) {
			t.Rows[i] = append(t.Rows[i], "")
		}
	}
	return t, nil
}

// orderedObject reads a JSON object of scalar values, keeping its keys'
// order: strings as they are, numbers as written, null as empty.
func orderedObject(raw json.RawMessage) (keys, values []string, err error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, nil, errors.New("a response must be an object of fields")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		key, _ := tok.(string)
		tok, err = dec.Token()
		if err != nil {
			return nil, nil, err
		}
		var v string
		switch x := tok.(type) {
		case nil:
		case string:
			v = x
		case json.Number:
			v = x.String()
		case bool:
			v = strconv.FormatBool(x)
		default:
			return nil, nil, fmt.Errorf("field %s holds a list or an object, not an answer", quoteHeading(key))
		}
		keys, values = append(keys, key), append(values, v)
	}
	return keys, values, nil
}

// jsonProblem places a JSON syntax error at its line and column.
func jsonProblem(path string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var off int64
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
		err = errors.New(`not a response export: expected {"responses": [{…}, …]}`)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return yamlx.Problem{Path: path, Msg: "the JSON ends too early: a damaged or cut-off file?"}
	default:
		return yamlx.Problem{Path: path, Msg: err.Error()}
	}
	line := 1 + bytes.Count(data[:min(int(off), len(data))], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(data[:min(int(off), len(data))], '\n') - 1
	return yamlx.Problem{Path: path, Line: line, Col: max(col, 1), Msg: err.Error()}
}

// Bounds of a workbook export: the columns of its heading row, and its
// cells in all (responses × columns, each row as wide as the heading row;
// a workbook that unpacks to MaxWorkbookUnzipSize holds about a million
// cells with a value).
const (
	maxExportCols  = 2000
	maxExportCells = 2_000_000
)

// readWorkbookExport reads the first sheet of an exported workbook, its
// first row the headings, and of each row below the columns they head.
func readWorkbookExport(path string, b *xlsxFile) (*exportTable, error) {
	sheet := b.f.GetSheetName(0)
	rows, err := b.cells.Rows(sheet, maxExportCols)
	if err != nil {
		return nil, yamlx.Problem{Path: path, Msg: fmt.Sprintf("cannot read sheet %s: %v", sheet, err)}
	}
	defer rows.Close()
	t := &exportTable{Path: path}
	at := func(row, col int) yamlx.Pos {
		name, _ := excelize.CoordinatesToCellName(col+1, row+1)
		return yamlx.Pos{Path: path, Cell: sheetRef(sheet) + "!" + name}
	}
	t.Cell = func(row, col int) yamlx.Pos {
		if row < 0 {
			return at(0, col)
		}
		return at(t.rowIndex(row), col)
	}
	for rows.Next() {
		n := rows.Row()
		where := yamlx.Pos{Path: path, Cell: fmt.Sprintf("%s!%d:%d", sheetRef(sheet), n, n)}
		if t.Head == nil && rows.Beyond() {
			return nil, where.Problem(fmt.Sprintf("more than %d columns: a survey's export has far fewer, so r3l does not read it", maxExportCols))
		}
		if len(rows.Cells()) == 0 {
			continue
		}
		if t.Head == nil {
			t.Head, t.HeadPos = slices.Clone(rows.Cells()), where
			rows.Cols = len(t.Head)
			continue
		}
		if (len(t.Rows)+1)*len(t.Head) > maxExportCells {
			return nil, where.Problem(fmt.Sprintf("more than %d cells (responses × the %d columns of the heading row): r3l does not read so large an export; export the responses in parts",
				maxExportCells, len(t.Head)))
		}
		row := make([]string, len(t.Head))
		copy(row, rows.Cells())
		t.Rows = append(t.Rows, row)
		t.Where = append(t.Where, where)
	}
	if err := rows.Err(); err != nil {
		return nil, yamlx.Problem{Path: path, Cell: sheetRef(sheet), Msg: fmt.Sprintf("the sheet is damaged and cannot be read (%v)", err)}
	}
	if t.Head == nil {
		return nil, yamlx.Problem{Path: path, Cell: sheetRef(sheet), Msg: "the sheet is empty: no heading row"}
	}
	return t, nil
}

// rowIndex is the sheet row (0-based) of a response, from its position.
func (t *exportTable) rowIndex(row int) int {
	_, n, _ := strings.Cut(t.Where[row].Cell, "!")
	n, _, _ = strings.Cut(n, ":")
	i, _ := strconv.Atoi(n)
	return i - 1
}

// sheetRef names a sheet in a cell reference, quoted where Excel would.
func sheetRef(name string) string {
	if strings.ContainsAny(name, " '!-()") {
		return "'" + strings.ReplaceAll(name, "'", "''") + "'"
	}
	return name
}
