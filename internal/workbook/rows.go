package workbook

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// Deferred rows. excelize's StreamWriter keeps the last 16 MiB chunk of
// every streamed sheet in memory until the workbook is saved (32 MiB once
// a sheet outgrows one chunk) and allocates several objects for every
// cell. For the comparison of thousands of assessments that was most of
// batch's memory and time. A deferred sheet is still set up by a
// StreamWriter (header row, column widths, panes, table), but its other
// rows are written straight into the zip archive when the workbook is
// saved: the archive writer (spliceZip) inserts them before the sheet's
// </sheetData>, encoded as the StreamWriter would have encoded them
// (rowEncoder; rows_test.go checks that byte for byte).

// RowSource writes a sheet's rows by calling add once per row, in order.
type RowSource func(add func(values ...any) error) error

// TallRowSource is a RowSource whose rows have heights, as
// StreamSheet.AddHeight gives them.
type TallRowSource func(add func(height float64, values ...any) error) error

// deferredRows are the rows of one sheet, written when the workbook is
// saved.
type deferredRows struct {
	sheet string
	first int // number of the first row
	rows  int // how many rows fill writes
	fill  TallRowSource
	light *lightSheet // instead of first, rows and fill: a light sheet's cells
	done  bool
}

// DeferRows arranges for fill to write the sheet's next n rows when the
// workbook is saved (SaveTo). Without Splice it writes them now.
func (ss *StreamSheet) DeferRows(n int, fill RowSource) {
	ss.DeferTallRows(n, func(add func(float64, ...any) error) error {
		return fill(func(values ...any) error { return add(0, values...) })
	})
}

// DeferTallRows is DeferRows for rows with heights.
func (ss *StreamSheet) DeferTallRows(n int, fill TallRowSource) {
	b := ss.b
	if b.Err != nil {
		return
	}
	if !b.Splice {
		b.Do(fill(func(height float64, values ...any) error {
			ss.AddHeight(height, values...)
			return b.Err
		}))
		return
	}
	b.deferred = append(b.deferred, &deferredRows{sheet: ss.name, first: ss.row + 1, rows: n, fill: fill})
	ss.row += n
}

// SaveTo writes the workbook to w, with the deferred rows spliced in.
// Archive entries are deflated at level 2, not the default 6: for the tens
// of megabytes of sheet XML of a large comparison that takes a third of
// the time, for a file about 15% larger.
func (b *Book) SaveTo(w io.Writer) error {
	paths := map[string]*deferredRows{}
	cols := map[string][]byte{}
	ids := map[string]int{}
	for id, name := range b.F.GetSheetMap() {
		ids[name] = id
	}
	// Where excelize keeps the sheets it adds (File.NewSheet).
	part := func(sheet string) string { return fmt.Sprintf("xl/worksheets/sheet%d.xml", ids[sheet]) }
	for _, d := range b.deferred {
		if _, ok := ids[d.sheet]; !ok {
			return fmt.Errorf("xlsx: no sheet %q for its rows", d.sheet)
		}
		paths[part(d.sheet)] = d
	}
	for sheet, ls := range b.light {
		if _, ok := ids[sheet]; !ok {
			return fmt.Errorf("xlsx: no sheet %q for its cells", sheet)
		}
		if _, ok := paths[part(sheet)]; ok {
			return fmt.Errorf("xlsx: sheet %q is both light and streamed", sheet)
		}
		d := &deferredRows{sheet: sheet, light: ls}
		b.deferred = append(b.deferred, d)
		paths[part(sheet)] = d
	}
	for sheet, widths := range b.colWidths {
		if _, ok := ids[sheet]; !ok {
			return fmt.Errorf("xlsx: no sheet %q for its columns", sheet)
		}
		cols[part(sheet)] = colsXML(widths)
	}
	// The archive goes straight to w; excelize's own buffer (WriteTo
	// builds the whole archive in memory first) then stays empty.
	b.F.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		return &spliceZip{zw: fastZip(w), splices: paths, cols: cols, memos: deflatedEntries}
	})
	if _, err := b.F.WriteTo(io.Discard); err != nil {
		return err
	}
	for _, d := range b.deferred {
		if !d.done {
			return fmt.Errorf("xlsx: the rows of sheet %q were not written", d.sheet)
		}
	}
	return nil
}

// spliceZip is the archive writer of SaveTo. It holds back the (small)
// XML of a sheet with deferred rows until the entry is complete, then
// writes it with the rows inserted before </sheetData>; and it inserts
// the <cols> of streamed sheets, and of sheets whose widths are deferred,
// before their <sheetData>.
type spliceZip struct {
	zw      *zip.Writer
	splices map[string]*deferredRows
	cols    map[string][]byte // part -> its <cols>
	name    string            // entry held back
	held    bytes.Buffer
	rows    *deferredRows
	colsw   *colsWriter // the entry being written, if it gets <cols>
	memo    *memoWriter // the entry being written, if it may be remembered
	memoBuf bytes.Buffer
	memos   *entryMemo // nil: every entry deflated as it comes
}

func (z *spliceZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	if d, ok := z.splices[name]; ok {
		z.name, z.rows = name, d
		return &z.held, nil
	}
	cols, ok := z.cols[name]
	if !ok && z.memos != nil && asciiName(name) {
		z.memo = &memoWriter{zw: z.zw, name: name, held: &z.memoBuf}
		return z.memo, nil
	}
	w, err := z.zw.Create(name)
	if ok && err == nil {
		z.colsw = &colsWriter{w: w, cols: cols}
		return z.colsw, nil
	}
	return w, err
}

// colsWriter writes a sheet with cols inserted before its <sheetData>,
// which comes near its start.
type colsWriter struct {
	w    io.Writer
	cols []byte
	head []byte // what came before <sheetData>, held back
	done bool
}

// sheetDataTag starts a sheet's data; <cols> comes before it.
var sheetDataTag = []byte("<sheetData")

func (c *colsWriter) Write(p []byte) (int, error) {
	if c.done {
		return c.w.Write(p)
	}
	if len(c.head) == 0 && bytes.Contains(p, sheetDataTag) { // no copy
		return len(p), c.insert(p)
	}
	c.head = append(c.head, p...)
	if bytes.Contains(c.head, sheetDataTag) {
		return len(p), c.flush()
	}
	return len(p), nil
}

// flush writes what is held back, with the cols before <sheetData>.
func (c *colsWriter) flush() error {
	if c.done {
		return nil
	}
	head := c.head
	c.head = nil
	return c.insert(head)
}

// insert writes the start of the sheet, up to and beyond <sheetData>, with
// the cols before it.
func (c *colsWriter) insert(p []byte) error {
	c.done = true
	at := bytes.Index(p, sheetDataTag)
	if at < 0 {
		return errors.New("xlsx: a sheet without sheetData")
	}
	for _, b := range [][]byte{p[:at], c.cols, p[at:]} {
		if _, err := c.w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

func (z *spliceZip) AddFS(fsys fs.FS) error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

func (z *spliceZip) Close() error {
	if err := z.finish(); err != nil {
		z.zw.Close()
		return err
	}
	return z.zw.Close()
}

// finish completes the entry being written: the one held back, if any,
// is written with its rows.
func (z *spliceZip) finish() error {
	if m := z.memo; m != nil {
		z.memo = nil
		if err := m.finish(z.memos); err != nil {
			return err
		}
	}
	if c := z.colsw; c != nil {
		z.colsw = nil
		if err := c.flush(); err != nil {
			return err
		}
	}
	d := z.rows
	if d == nil {
		return nil
	}
	z.rows = nil
	sheet := z.held.Bytes()
	at := bytes.LastIndex(sheet, []byte("</sheetData>"))
	if at < 0 {
		return fmt.Errorf("xlsx: sheet %q has no sheetData", d.sheet)
	}
	out, err := z.zw.Create(z.name)
	if err != nil {
		return err
	}
	var colsw *colsWriter
	if cols, ok := z.cols[z.name]; ok {
		colsw = &colsWriter{w: out, cols: cols}
		out = colsw
	}
	bw := sheetBuffers.Get().(*bufio.Writer)
	defer func() {
		bw.Reset(nil) // the pool keeps no writer of this archive
		sheetBuffers.Put(bw)
	}()
	var async *asyncWriter
	if d.light == nil {
		// Deferred rows are the comparison's large sheets: deflated as
		// they are encoded, on another core.
		async = newAsyncWriter(out)
		defer async.Close() // waits for it on every return
		out = async
	}
	bw.Reset(out)
	if d.light != nil {
		if err := d.light.write(bw, sheet, at); err != nil {
			return err
		}
	} else {
		bw.Write(sheet[:at])
		enc := rowEncoder{w: bw, row: d.first - 1}
		if err := d.fill(enc.addHeight); err != nil {
			return err
		}
		if enc.row != d.first-1+d.rows {
			return fmt.Errorf("xlsx: sheet %q got %d rows, not %d", d.sheet, enc.row-d.first+1, d.rows)
		}
		bw.Write(sheet[at:])
	}
	d.done = true
	z.held.Reset()
	err = bw.Flush()
	if async != nil {
		if cerr := async.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil || colsw == nil {
		return err
	}
	return colsw.flush()
}

// sheetBuffers buffer the rows spliced into a sheet's entry: one for every
// sheet of every region's workbook was a quarter of what a workbook
// allocated.
var sheetBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// fastZip is a zip writer that deflates at level 2, as fast as level 1
// on sheet XML and a tenth smaller, with klauspost/compress's deflate:
// the entries of a region's workbook in 0.8 ms against the standard
// library's 2.9 ms, within 7% of its size.
func fastZip(w io.Writer) *zip.Writer {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return deflater(out), nil
	})
	return zw
}

// deflater is a level-2 deflater into out, from the free list if it has one.
func deflater(out io.Writer) io.WriteCloser {
	var fw *flate.Writer
	select {
	case fw = <-flateWriters:
		fw.Reset(out)
	default:
		fw, _ = flate.NewWriter(out, 2)
	}
	return &pooledFlate{fw}
}

// flateWriters are deflaters kept for the next entry. A deflater is half
// a megabyte of tables; a sync.Pool, which the collector empties, had a
// batch make them anew for many workbooks (a tenth of a region
// workbook's time, clearing and returning that memory).
var flateWriters = make(chan *flate.Writer, 16)

// pooledFlate keeps its flate writer for the next entry once closed.
type pooledFlate struct{ *flate.Writer }

func (p *pooledFlate) Close() error {
	err := p.Writer.Close()
	select {
	case flateWriters <- p.Writer:
	default:
	}
	p.Writer = nil
	return err
}

// rowEncoder writes rows of cells as excelize's StreamWriter.SetRow does,
// for the values the comparison sheets hold: nil (no cell), strings,
// float64 and *float64, int, and excelize.Cell with a style and such a
// value.
type rowEncoder struct {
	w    *bufio.Writer
	row  int
	cols []string // column letters, A, B, …
	buf  []byte
}

// appendRowStart appends a row's start tag, with its height when it has
// one (points; 0: the default).
func appendRowStart(b []byte, row int, height float64) []byte {
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, '"')
	if height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	return append(b, '>')
}

// addHeight writes a row height points tall, as StreamSheet.AddHeight
// does: a height up to the default line's is none.
func (e *rowEncoder) addHeight(height float64, values ...any) error {
	e.row++
	if height <= LineHeight {
		height = 0
	}
	b := appendRowStart(e.buf[:0], e.row, min(height, MaxRowHeight))
	for i, v := range values {
		style := 0
		switch c := v.(type) {
		case excelize.Cell:
			if c.Formula != "" {
				return errors.New("xlsx: no formulas in deferred rows")
			}
			style, v = c.StyleID, c.Value
		case *excelize.Cell:
			if c != nil {
				if c.Formula != "" {
					return errors.New("xlsx: no formulas in deferred rows")
				}
				style, v = c.StyleID, c.Value
			} else {
				v = nil
			}
		}
		if p, ok := v.(*float64); ok {
			if p == nil {
				v = nil
			} else {
				v = *p
			}
		}
		if v == nil {
			continue
		}
		var err error
		if b, err = appendCell(b, columnName(&e.cols, i+1), e.row, style, v); err != nil {
			return err
		}
	}
	b = append(b, `</row>`...)
	e.buf = b
	_, err := e.w.Write(b)
	return err
}

// columnName is the letters of column col (from 1), from and into a
// cache of the names so far.
func columnName(cache *[]string, col int) string {
	for len(*cache) < col {
		name, _ := excelize.ColumnNumberToName(len(*cache) + 1)
		*cache = append(*cache, name)
	}
	return (*cache)[col-1]
}

// appendCell appends a cell of row with a value (string, float64, int,
// bool; nil: only a style), as excelize's StreamWriter writes it.
func appendCell(b []byte, col string, row, style int, v any) ([]byte, error) {
	b = append(b, `<c r="`...)
	b = append(b, col...)
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, '"')
	if style > 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	switch v := v.(type) {
	case nil:
		b = append(b, `/>`...)
	case string:
		b = appendInlineStr(b, v)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			b = appendInlineStr(b, fmt.Sprint(v))
			break
		}
		b = append(b, `><v>`...)
		b = append(b, formatCellFloat(v)...)
		b = append(b, `</v></c>`...)
	case int:
		b = append(b, `><v>`...)
		b = strconv.AppendInt(b, int64(v), 10)
		b = append(b, `</v></c>`...)
	case bool:
		b = append(b, ` t="b"><v>`...)
		if v {
			b = append(b, '1')
		} else {
			b = append(b, '0')
		}
		b = append(b, `</v></c>`...)
	default:
		return b, fmt.Errorf("xlsx: cannot write %T in a deferred row", v)
	}
	return b, nil
}

// totalCellChars is the most UTF-16 units a cell holds (excelize
// TotalCellChars).
const totalCellChars = 32767

// cutMark ends a text cut to fit a cell, so that nobody takes the rest
// of a long text for missing.
const cutMark = " […cut here: a spreadsheet cell holds at most 32,767 characters]"

// FitCell returns s, or as much of it as a cell holds with cutMark at
// the end: Excel (and excelize) would cut it silently.
func FitCell(s string) string {
	if len(s) <= totalCellChars/3 || utf16Len(s) <= totalCellChars {
		return s
	}
	return truncateUTF16(s, totalCellChars-utf16Len(cutMark)) + cutMark
}

// appendInlineStr appends the rest of a text cell: type, then the text
// as excelize's trimCellValue and writeCell put it.
func appendInlineStr(b []byte, s string) []byte {
	b = append(b, ` t="inlineStr"><is><t`...)
	s = FitCell(s)
	if s != "" {
		for _, c := range []byte{'\t', '\n', '\r', ' '} {
			if s[0] == c || s[len(s)-1] == c {
				b = append(b, ` xml:space="preserve"`...)
				break
			}
		}
	}
	b = append(b, '>')
	if s != "" {
		s = escapeText(s)
	}
	b = append(b, bstrMarshal(s)...)
	return append(b, `</t></is></c>`...)
}

// escapeText escapes s as xml.EscapeText does, but keeps line breaks.
func escapeText(s string) string {
	if !needsEscape(s) {
		return s
	}
	var sb strings.Builder
	_ = xml.EscapeText(&sb, []byte(s))
	return strings.ReplaceAll(sb.String(), "&#xA;", "\n")
}

// needsEscape reports whether xml.EscapeText would change s.
func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x80 || c == '"' || c == '\'' || c == '&' || c == '<' || c == '>' {
			return true
		}
	}
	return false
}

func utf16Len(s string) int {
	if len(s) <= totalCellChars {
		return len(s) // no more units than bytes
	}
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func truncateUTF16(s string, length int) string {
	n := 0
	for i, r := range s {
		if n += utf16.RuneLen(r); n > length {
			return s[:i]
		}
	}
	return s
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal escapes what would read as an escaped character
// ("_x0041_"), as excelize's function of that name does, quirks included.
func bstrMarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var result strings.Builder
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result.WriteString(s[cursor:match[0]])
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				if _, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`); err == nil {
					result.WriteString(subStr + "x005F" + subStr)
					continue
				}
			}
			result.WriteString(subStr + "x005F_")
			continue
		}
		cursor = match[1]
		if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
			result.WriteString("_x005F" + subStr)
		}
	}
	if cursor < l {
		result.WriteString(s[cursor:])
	}
	return result.String()
}

// formatCellFloat formats a number as excelize does: the shortest
// representation, cut to Excel's 15 significant digits.
func formatCellFloat(value float64) string {
	str := strconv.FormatFloat(value, 'f', -1, 64)
	if math.Abs(value) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := strings.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return strings.TrimSuffix(str[:idx], ".")
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := []byte(str[:decimal])
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return string(truncated)
	}
	return str
}
