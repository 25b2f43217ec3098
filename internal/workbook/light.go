package workbook

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"slices"
)

// Light sheets. Through excelize's ordinary API every cell of a report
// workbook became a map entry and a struct, encoded by reflection when
// the workbook was saved: two thirds of the time of writing a region's
// workbook. The cells of a light sheet (Set, SetStyle, RowHeight) are kept
// here instead and encoded straight into the archive when the workbook is
// saved, spliced before the </sheetData> of the (cell-less) sheet excelize
// writes; everything else about the sheet (widths, merged cells, panes,
// conditional formats, autofilters, charts, print setup) stays excelize's.

// lightSheet holds a light sheet's cells by row, and blocks of rows
// written only when the workbook is saved (LightRows).
type lightSheet struct {
	rows   map[int]*lightRow
	blocks []lightBlock
	maxCol int
}

// lightBlock is rows first to first+n-1 of a light sheet: every cell of
// columns 1 to len(styles) styled, the values and heights from fill.
type lightBlock struct {
	first, n int
	styles   []int
	fill     TallRowSource
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

// Rows has fill write rows first to first+n-1 of a sheet now, styled
// column by column (styles[i] for column i+1, every cell made), with the
// heights it gives (0: the default).
func (b *Book) Rows(sheet string, first, n int, styles []int, fill TallRowSource) {
	if b.Err != nil || n <= 0 {
		return
	}
	row := first
	if ls := b.light[sheet]; ls != nil {
		// As Set and SetStyle do, each cell looked up once.
		b.Do(fill(func(height float64, values ...any) error {
			b.lastRow[sheet] = max(b.lastRow[sheet], row)
			b.lastCol[sheet] = max(b.lastCol[sheet], len(values))
			for i := range max(len(values), len(styles)) {
				var v any
				ok := false
				if i < len(values) {
					var err error
					if v, ok, err = lightValue(values[i]); err != nil {
						return err
					}
				}
				if !ok && i >= len(styles) {
					continue
				}
				c := ls.cell(i+1, row)
				if ok {
					c.value = v
				}
				if i < len(styles) {
					c.style = styles[i]
				}
			}
			if height > 0 {
				ls.height(row, min(height, MaxRowHeight))
			}
			row++
			return nil
		}))
		return
	}
	b.setRows(sheet, first, n, styles, fill)
}

// setRows is Rows cell by cell, through Set, SetStyle and RowHeight.
func (b *Book) setRows(sheet string, first, n int, styles []int, fill TallRowSource) {
	row := first
	b.Do(fill(func(height float64, values ...any) error {
		for i, v := range values {
			b.Set(sheet, i+1, row, v)
		}
		for i, style := range styles {
			b.SetStyle(sheet, i+1, row, i+1, row, style)
		}
		if height > 0 {
			b.RowHeight(sheet, row, height)
		}
		row++
		return b.Err
	}))
}

// LightRows is Rows written when the workbook is saved, on a light sheet
// (elsewhere, now), so that the values are not held until then. No cell
// of the rows may be set otherwise, and no row may have values beyond
// the styled columns.
func (b *Book) LightRows(sheet string, first, n int, styles []int, fill TallRowSource) {
	ls := b.light[sheet]
	if ls == nil || b.Err != nil || n <= 0 {
		b.Rows(sheet, first, n, styles, fill)
		return
	}
	b.lastRow[sheet] = max(b.lastRow[sheet], first+n-1)
	b.lastCol[sheet] = max(b.lastCol[sheet], len(styles))
	ls.blocks = append(ls.blocks, lightBlock{first: first, n: n, styles: styles, fill: fill})
	ls.maxCol = max(ls.maxCol, len(styles))
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
	for _, bl := range ls.blocks {
		last = max(last, bl.first+bl.n-1)
	}
	return last
}

// encode writes the rows, in order, as <row> elements: the cells kept
// and the blocks' rows, filled now.
func (ls *lightSheet) encode(w *bufio.Writer) error {
	numbers := make([]int, 0, len(ls.rows))
	for n := range ls.rows {
		numbers = append(numbers, n)
	}
	slices.Sort(numbers)
	blocks := slices.SortedFunc(slices.Values(ls.blocks), func(x, y lightBlock) int { return x.first - y.first })
	for i := 1; i < len(blocks); i++ {
		if a, b := blocks[i-1], blocks[i]; b.first < a.first+a.n {
			return fmt.Errorf("xlsx: rows %d to %d and %d to %d overlap", a.first, a.first+a.n-1, b.first, b.first+b.n-1)
		}
	}
	e := lightEncoder{w: w}
	for _, n := range numbers {
		for len(blocks) > 0 && blocks[0].first < n {
			if err := e.block(blocks[0], n); err != nil {
				return err
			}
			blocks = blocks[1:]
		}
		r := ls.rows[n]
		e.start(n, r.height)
		for i, c := range r.cells {
			if c.set {
				e.cell(i+1, n, c.style, c.value)
			}
		}
		if err := e.end(); err != nil {
			return err
		}
	}
	for _, bl := range blocks {
		if err := e.block(bl, math.MaxInt); err != nil {
			return err
		}
	}
	return nil
}

// lightEncoder writes a light sheet's rows; the first error sticks.
type lightEncoder struct {
	w    *bufio.Writer
	cols []string // column names, made once
	buf  []byte
	err  error
}

func (e *lightEncoder) start(row int, height float64) {
	e.buf = appendRowStart(e.buf[:0], row, height)
}

func (e *lightEncoder) cell(col, row, style int, v any) {
	if e.err == nil {
		e.buf, e.err = appendCell(e.buf, columnName(&e.cols, col), row, style, v)
	}
}

func (e *lightEncoder) end() error {
	e.buf = append(e.buf, `</row>`...)
	if e.err == nil {
		_, e.err = e.w.Write(e.buf)
	}
	return e.err
}

// block writes a block's rows, which must all come before row next (the
// next kept row).
func (e *lightEncoder) block(bl lightBlock, next int) error {
	if bl.first+bl.n > next {
		return fmt.Errorf("xlsx: row %d is both kept and in rows %d to %d", next, bl.first, bl.first+bl.n-1)
	}
	row := bl.first
	err := bl.fill(func(height float64, values ...any) error {
		if row >= bl.first+bl.n {
			return fmt.Errorf("xlsx: more than %d rows from row %d", bl.n, bl.first)
		}
		if len(values) > len(bl.styles) {
			// The sheet's dimension, written before its rows, covers
			// the styled columns.
			return fmt.Errorf("xlsx: row %d has %d values for %d columns", row, len(values), len(bl.styles))
		}
		e.start(row, min(height, MaxRowHeight))
		for i, style := range bl.styles {
			var v any
			if i < len(values) {
				var err error
				if v, _, err = lightValue(values[i]); err != nil {
					return err
				}
			}
			e.cell(i+1, row, style, v)
		}
		row++
		return e.end()
	})
	if err == nil && row != bl.first+bl.n {
		err = fmt.Errorf("xlsx: rows %d to %d got %d rows", bl.first, bl.first+bl.n-1, row-bl.first)
	}
	return err
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
