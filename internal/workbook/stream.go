package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// StreamSheet writes a large sheet row by row: header, widths, frozen
// panes and a table (which gives the autofilter), with the memory of one
// row at a time.
type StreamSheet struct {
	b    *Book
	sw   *excelize.StreamWriter
	name string
	cols int
	row  int // the last row written
}

// Stream adds a streamed sheet with a header row in headerStyle, column
// widths and the first freezeCols columns frozen.
func (b *Book) Stream(name string, headers []string, widths []float64, freezeCols, headerStyle int) *StreamSheet {
	b.Sheet(name)
	b.streamed[name] = true
	ss := &StreamSheet{b: b, name: name, cols: len(headers)}
	if b.Err != nil {
		return ss
	}
	var err error
	ss.sw, err = b.F.NewStreamWriter(name)
	b.Do(err)
	for i, w := range widths {
		if b.Err == nil && w > 0 {
			b.Do(ss.sw.SetColWidth(i+1, i+1, w))
		}
	}
	if b.Err == nil {
		b.Do(ss.sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: freezeCols, YSplit: 1,
			TopLeftCell: Cell(freezeCols+1, 2), ActivePane: "bottomRight"}))
	}
	row := make([]any, len(headers))
	for i, h := range headers {
		row[i] = excelize.Cell{Value: h, StyleID: headerStyle}
	}
	ss.Add(row...)
	return ss
}

// Row is the number of the last row written.
func (ss *StreamSheet) Row() int { return ss.row }

// Add writes the next row. Strings stay text: the stream writer never
// turns a value into a formula. A nil *float64 leaves its cell empty.
func (ss *StreamSheet) Add(values ...any) {
	if ss.b.Err != nil {
		return
	}
	ss.row++
	for i, v := range values {
		if p, ok := v.(*float64); ok {
			if p == nil {
				values[i] = nil
			} else {
				values[i] = *p
			}
		}
	}
	ss.b.Do(ss.sw.SetRow(Cell(1, ss.row), values))
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
