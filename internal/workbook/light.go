package workbook

import (
	"bufio"
	"bytes"
	"slices"
	"strconv"
)

// Light sheets. Through excelize's ordinary API every cell of a report
// workbook became a map entry and a struct, encoded by reflection when
// the workbook was saved: two thirds of the time of writing a region's
// workbook. The cells of a light sheet (Set, SetStyle, RowHeight) are kept
// here instead and encoded straight into the archive when the workbook is
// saved, spliced before the </sheetData> of the (cell-less) sheet excelize
// writes; everything else about the sheet (widths, merged cells, panes,
// conditional formats, autofilters, charts, print setup) stays excelize's.

// lightSheet holds a light sheet's cells by row.
type lightSheet struct {
	rows   map[int]*lightRow
	maxCol int
}

type lightRow struct {
	height float64 // points; 0: the default height
	cells  []lightCell
}

// lightCell is a cell's value (string, float64, int, bool; nil: none) and
// style; set says the cell exists.
type lightCell struct {
	value any
	style int
	set   bool
}

// Light makes a sheet, added and still without cells, light: its cells
// are encoded when the workbook is saved. Without Splice it stays an
// ordinary sheet (tests compare the two).
func (b *Book) Light(sheet string) {
	if b.Splice {
		b.light[sheet] = &lightSheet{rows: map[int]*lightRow{}}
	}
}

// cell returns the cell at col, row (from 1), added if missing.
func (ls *lightSheet) cell(col, row int) *lightCell {
	r := ls.rows[row]
	if r == nil {
		// Rows of a sheet are mostly as wide as each other.
		r = &lightRow{cells: make([]lightCell, 0, max(col, ls.maxCol))}
		ls.rows[row] = r
	}
	for len(r.cells) < col {
		r.cells = append(r.cells, lightCell{})
	}
	ls.maxCol = max(ls.maxCol, col)
	c := &r.cells[col-1]
	c.set = true
	return c
}

// height sets a row's height.
func (ls *lightSheet) height(row int, points float64) {
	r := ls.rows[row]
	if r == nil {
		r = &lightRow{cells: make([]lightCell, 0, ls.maxCol)}
		ls.rows[row] = r
	}
	r.height = points
}

// lastRow is the number of the sheet's last row, 0 without any.
func (ls *lightSheet) lastRow() int {
	last := 0
	for n := range ls.rows {
		last = max(last, n)
	}
	return last
}

// encode writes the rows, in order, as <row> elements.
func (ls *lightSheet) encode(w *bufio.Writer) error {
	numbers := make([]int, 0, len(ls.rows))
	for n := range ls.rows {
		numbers = append(numbers, n)
	}
	slices.Sort(numbers)
	var cols []string
	var buf []byte
	for _, n := range numbers {
		r := ls.rows[n]
		b := append(buf[:0], `<row r="`...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, '"')
		if r.height > 0 {
			b = append(b, ` ht="`...)
			b = strconv.AppendFloat(b, r.height, 'f', -1, 64)
			b = append(b, `" customHeight="1"`...)
		}
		b = append(b, '>')
		for i, c := range r.cells {
			if !c.set {
				continue
			}
			var err error
			if b, err = appendCell(b, columnName(&cols, i+1), n, c.style, c.value); err != nil {
				return err
			}
		}
		b = append(b, `</row>`...)
		buf = b
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// write writes the sheet excelize wrote, without cells, with the cells
// before its </sheetData> (at) and its <dimension> made to cover them.
func (ls *lightSheet) write(w *bufio.Writer, sheet []byte, at int) error {
	head := sheet[:at]
	if i := bytes.Index(head, []byte("<dimension ")); i >= 0 {
		if j := bytes.Index(head[i:], []byte("/>")); j >= 0 {
			w.Write(head[:i])
			w.Write(ls.dimension())
			head = head[i+j+2:]
		}
	}
	w.Write(head)
	if err := ls.encode(w); err != nil {
		return err
	}
	_, err := w.Write(sheet[at:])
	return err
}

// dimension is the <dimension> of the sheet's cells.
func (ls *lightSheet) dimension() []byte {
	ref := "A1"
	if last := ls.lastRow(); last > 0 && ls.maxCol > 0 {
		ref = "A1:" + Cell(ls.maxCol, last)
	}
	return []byte(`<dimension ref="` + ref + `"/>`)
}
