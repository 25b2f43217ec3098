package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// StreamSheet writes a large sheet row by row: header, widths, frozen
// panes, a table (which gives the autofilter) and its print setup, with
// the memory of one row at a time.
type StreamSheet struct {
	b     *Book
	sw    *excelize.StreamWriter
	name  string
	cols  int
	row   int // the last row written
	print PrintSetup
}

// Stream adds a streamed sheet with a header row in headerStyle, column
// widths (widened to fit the header's words; SaveTo writes them) and the
// first freezeCols columns frozen. It prints as p says; p.TitleRows and
// p.TitleCols of 0 repeat the header row and the frozen columns.
func (b *Book) Stream(name string, headers []string, widths []float64, freezeCols, headerStyle int, p PrintSetup) *StreamSheet {
	b.Sheet(name)
	b.streamed[name] = true
	if p.TitleRows == 0 && p.TitleCols == 0 {
		p.TitleRows, p.TitleCols = 1, freezeCols
	}
	ss := &StreamSheet{b: b, name: name, cols: len(headers)}
	widths = append(make([]float64, 0, len(headers)), widths...)
	for len(widths) < len(headers) {
		widths = append(widths, 0)
	}
	lines := FitHeaders(headers, widths)
	if p.Wide == 0 {
		p.Wide = PagesWide(widths, p.TitleCols)
	}
	ss.print = p
	// Before the stream writer takes the sheet: it writes <sheetPr> when
	// created (see print.go).
	b.fitToPage(name)
	b.printTitles(name, p)
	if b.Err != nil {
		return ss
	}
	var err error
	ss.sw, err = b.F.NewStreamWriter(name)
	b.Do(err)
	// The widths are written by SaveTo, in ranges: the stream writer's
	// SetColWidth takes time in the columns set before.
	b.colWidths[name] = widths
	if b.Err == nil {
		b.Do(ss.sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: freezeCols, YSplit: 1,
			TopLeftCell: Cell(freezeCols+1, 2), ActivePane: "bottomRight"}))
	}
	row := make([]any, len(headers))
	for i, h := range headers {
		row[i] = excelize.Cell{Value: h, StyleID: headerStyle}
	}
	ss.AddHeight(float64(lines)*LineHeight, row...)
	return ss
}

// Row is the number of the last row written.
func (ss *StreamSheet) Row() int { return ss.row }

// Add writes the next row. Strings stay text: the stream writer never
// turns a value into a formula. A nil *float64 leaves its cell empty, and
// so does a *excelize.Cell whose value is one.
func (ss *StreamSheet) Add(values ...any) { ss.AddHeight(0, values...) }

// AddHeight writes the next row, height points tall (0: the default
// height; at most MaxRowHeight), for rows with wrapped text.
func (ss *StreamSheet) AddHeight(height float64, values ...any) {
	if ss.b.Err != nil {
		return
	}
	ss.row++
	for i, v := range values {
		values[i] = deref(v)
	}
	if height > LineHeight {
		ss.b.Do(ss.sw.SetRow(Cell(1, ss.row), values, excelize.RowOpts{Height: min(height, MaxRowHeight)}))
		return
	}
	ss.b.Do(ss.sw.SetRow(Cell(1, ss.row), values))
}

// deref turns a *float64, alone or as the value of a *excelize.Cell, into
// its number, or into no cell when nil, as rowEncoder reads it.
func deref(v any) any {
	switch v := v.(type) {
	case *float64:
		if v == nil {
			return nil
		}
		return *v
	case *excelize.Cell:
		if v == nil {
			return nil
		}
		if p, ok := v.Value.(*float64); ok {
			if p == nil {
				return nil
			}
			return excelize.Cell{StyleID: v.StyleID, Value: *p}
		}
	}
	return v
}

// Close adds the table (autofilter) over what was written and flushes.
func (ss *StreamSheet) Close() { ss.CloseAt(ss.row) }

// CloseAt is Close with the table ending at row last.
func (ss *StreamSheet) CloseAt(last int) {
	b := ss.b
	if b.Err != nil {
		return
	}
	if last >= 2 {
		b.Do(ss.sw.AddTable(&excelize.Table{
			Range:     fmt.Sprintf("A1:%s", Cell(ss.cols, last)),
			Name:      "t_" + tableName(ss.name),
			StyleName: "TableStyleLight1",
		}))
	}
	// The sheet's worksheet is still the stream writer's in-memory one;
	// Flush writes the page setup from it (see print.go).
	b.pageLayout(ss.name, ss.print, ss.row)
	if b.Err == nil {
		b.Do(ss.sw.Flush())
	}
}

// tableName keeps the letters and digits of a sheet name.
func tableName(s string) string {
	out := []rune{}
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			out = append(out, r)
		}
	}
	return string(out)
}
