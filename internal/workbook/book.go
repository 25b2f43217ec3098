// Package workbook is the Excel machinery r3l's workbooks share: a book
// whose first error sticks (so that writing code stays linear), cell
// helpers that never turn text into a formula, sheets streamed row by row,
// and rows spliced into the archive as it is saved.
package workbook

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"

	"github.com/xuri/excelize/v2"
)

// Book wraps an excelize workbook. The first error sticks and later calls
// do nothing; Err holds it.
type Book struct {
	F   *excelize.File
	Err error
	// Splice writes deferred rows straight into the archive when the book
	// is saved (see DeferRows); without it they are written by the stream
	// writer at once. Tests turn it off to compare the two.
	Splice bool

	streamed map[string]bool // sheets written by a stream writer
	deferred []*deferredRows // rows written when the workbook is saved
	// colWidths are the column widths of streamed sheets and of sheets
	// whose widths are deferred (DeferWidths), written by SaveTo.
	colWidths map[string][]float64
	lastRow   map[string]int // the last row Set wrote on each sheet
	lastCol   map[string]int // and the last column
	light     map[string]*lightSheet
}

// New returns an empty book with splicing on.
func New() *Book {
	return &Book{F: newFile(), Splice: true, streamed: map[string]bool{}, colWidths: map[string][]float64{},
		lastRow: map[string]int{}, lastCol: map[string]int{}, light: map[string]*lightSheet{}}
}

// themePart is where a workbook keeps its theme.
const themePart = "xl/theme/theme1.xml"

// blank is a new workbook as excelize makes it, saved once without its
// theme, and the theme as excelize writes it. excelize.NewFile decodes
// its theme (7 KB of XML) into structs, and saving encodes them again:
// a tenth of the time of a region's workbook, for a theme r3l never
// changes. A workbook opened from the blank one keeps the theme's bytes
// as they are.
var blank = sync.OnceValues(func() (zipped, theme []byte) {
	var buf bytes.Buffer
	if _, err := excelize.NewFile().WriteTo(&buf); err != nil {
		return nil, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return nil, nil
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			return nil, nil
		}
		data, err := io.ReadAll(r)
		if err != nil {
			return nil, nil
		}
		if f.Name == themePart {
			theme = data
			continue
		}
		// Stored, not deflated: every workbook opened reads it again.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
		if err != nil {
			return nil, nil
		}
		w.Write(data)
	}
	if zw.Close() != nil || theme == nil {
		return nil, nil
	}
	return out.Bytes(), theme
})

// newFile is excelize.NewFile, opened from the blank workbook (or
// excelize.NewFile itself, should the blank one not open).
func newFile() *excelize.File {
	zipped, theme := blank()
	if zipped != nil {
		if f, err := excelize.OpenReader(bytes.NewReader(zipped)); err == nil {
			f.Pkg.Store(themePart, theme)
			return f
		}
	}
	return excelize.NewFile()
}

// Close releases the workbook's resources.
func (b *Book) Close() error { return b.F.Close() }

// Do records err unless an error is already recorded.
func (b *Book) Do(err error) {
	if b.Err == nil {
		b.Err = err
	}
}

// Style registers a cell style and returns its id.
func (b *Book) Style(st *excelize.Style) int {
	if b.Err != nil {
		return 0
	}
	id, err := b.F.NewStyle(st)
	b.Do(err)
	return id
}

// Sheet adds a sheet; the first one takes the place of the default "Sheet1".
func (b *Book) Sheet(name string) {
	if b.Err != nil {
		return
	}
	if b.F.SheetCount == 1 && b.F.GetSheetName(0) == "Sheet1" {
		b.Do(b.F.SetSheetName("Sheet1", name))
	} else {
		_, err := b.F.NewSheet(name)
		b.Do(err)
	}
}

// Cell names a cell from its column and row (both from 1): "C12".
func Cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// ColName names a column (from 1): "C".
func ColName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// Set writes one value. Text is always written as text, never as a
// formula, whatever it starts with; a nil number leaves the cell empty.
func (b *Book) Set(sheet string, col, row int, v any) {
	if b.Err != nil {
		return
	}
	b.lastRow[sheet] = max(b.lastRow[sheet], row)
	b.lastCol[sheet] = max(b.lastCol[sheet], col)
	if ls := b.light[sheet]; ls != nil {
		if v, ok, err := lightValue(v); err != nil {
			b.Do(err)
		} else if ok {
			ls.cell(col, row).value = v
		}
		return
	}
	ref := Cell(col, row)
	switch v := v.(type) {
	case nil:
	case string:
		b.Do(b.F.SetCellStr(sheet, ref, FitCell(v)))
	case *float64:
		if v != nil {
			b.Do(b.F.SetCellFloat(sheet, ref, *v, -1, 64))
		}
	case float64:
		b.Do(b.F.SetCellFloat(sheet, ref, v, -1, 64))
	case int:
		b.Do(b.F.SetCellInt(sheet, ref, int64(v)))
	case bool:
		b.Do(b.F.SetCellBool(sheet, ref, v))
	default:
		b.Do(fmt.Errorf("xlsx: cannot write %T", v))
	}
}

// lightValue is the value a light sheet keeps for v; ok is false for
// none (nil, a nil *float64).
func lightValue(v any) (value any, ok bool, err error) {
	switch v := v.(type) {
	case nil:
	case *float64:
		if v != nil {
			return *v, true, nil
		}
	case string, float64, int, bool:
		return v, true, nil
	default:
		return nil, false, fmt.Errorf("xlsx: cannot write %T", v)
	}
	return nil, false, nil
}

// SetStyle styles the cells from (col1, row1) to (col2, row2).
func (b *Book) SetStyle(sheet string, col1, row1, col2, row2, style int) {
	if ls := b.light[sheet]; ls != nil {
		for row := min(row1, row2); row <= max(row1, row2); row++ {
			for col := min(col1, col2); col <= max(col1, col2); col++ {
				ls.cell(col, row).style = style
			}
		}
		return
	}
	if b.Err == nil {
		b.Do(b.F.SetCellStyle(sheet, Cell(col1, row1), Cell(col2, row2), style))
	}
}

// Widths sets the widths of the first columns of a sheet; 0 leaves one as
// it is. excelize takes time for each call in the columns set before it
// times the columns it sets, so columns of one width are set at once,
// the widest range last; the widths of a sheet of many columns, each of
// its own width, are best left to SaveTo (see DeferWidths).
func (b *Book) Widths(sheet string, widths ...float64) {
	if d, ok := b.colWidths[sheet]; ok {
		for len(d) < len(widths) {
			d = append(d, 0)
		}
		for i, w := range widths {
			if w > 0 {
				d[i] = w
			}
		}
		b.colWidths[sheet] = d
		return
	}
	ranges := widthRanges(widths)
	slices.SortStableFunc(ranges, func(x, y colRange) int { return cmp.Compare(x.max-x.min, y.max-y.min) })
	for _, r := range ranges {
		if b.Err == nil {
			b.Do(b.F.SetColWidth(sheet, ColName(r.min), ColName(r.max), r.width))
		}
	}
}

// DeferWidths has the column widths of a sheet, which has none yet,
// written by SaveTo, at once: for a sheet of many columns that is no
// chart's ground (a chart is placed by the widths of the columns it
// covers).
func (b *Book) DeferWidths(sheet string) {
	if _, ok := b.colWidths[sheet]; !ok {
		b.colWidths[sheet] = nil
	}
}

// ColWidth is the width of a column (from 1) of a sheet.
func (b *Book) ColWidth(sheet string, col int) float64 {
	if d, ok := b.colWidths[sheet]; ok {
		if col <= len(d) && d[col-1] > 0 {
			return d[col-1]
		}
		return defaultColWidth
	}
	if b.Err != nil {
		return defaultColWidth
	}
	w, err := b.F.GetColWidth(sheet, ColName(col))
	b.Do(err)
	return w
}

// defaultColWidth is the width of a column whose width is not set, as
// excelize gives it.
const defaultColWidth = 9.140625

// colRange is columns min to max (from 1) of one width.
type colRange struct {
	min, max int
	width    float64
}

// widthRanges groups the columns of widths (0: left as it is) into ranges
// of one width, at most excelize.MaxColumnWidth.
func widthRanges(widths []float64) []colRange {
	var out []colRange
	for i, w := range widths {
		w = min(w, excelize.MaxColumnWidth)
		switch {
		case w <= 0:
		case len(out) > 0 && out[len(out)-1].max == i && out[len(out)-1].width == w:
			out[len(out)-1].max = i + 1
		default:
			out = append(out, colRange{i + 1, i + 1, w})
		}
	}
	return out
}

// colsXML is the <cols> element of a worksheet with these widths, or
// nothing.
func colsXML(widths []float64) []byte {
	ranges := widthRanges(widths)
	if len(ranges) == 0 {
		return nil
	}
	b := []byte("<cols>")
	for _, r := range ranges {
		b = fmt.Appendf(b, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, r.min, r.max, strconv.FormatFloat(r.width, 'f', -1, 64))
	}
	return append(b, "</cols>"...)
}

// MaxRowHeight is the tallest a row can be, in points (Excel's limit;
// excelize refuses taller rows). A text that needs more stays whole in
// its cell, wrapped, and shows in full in the cell's editor.
const MaxRowHeight = excelize.MaxRowHeight

// RowHeight sets a row's height in points, at most MaxRowHeight.
func (b *Book) RowHeight(sheet string, row int, height float64) {
	if ls := b.light[sheet]; ls != nil {
		ls.height(row, min(height, MaxRowHeight))
		return
	}
	if b.Err == nil {
		b.Do(b.F.SetRowHeight(sheet, row, min(height, MaxRowHeight)))
	}
}

// Freeze keeps the first rows and columns in view while scrolling; active,
// if given, is the cell selected when the sheet opens.
func (b *Book) Freeze(sheet string, rows, cols int, active string) {
	if b.Err != nil {
		return
	}
	pane := "bottomLeft"
	if cols > 0 {
		pane = "bottomRight"
	}
	p := &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: Cell(cols+1, rows+1), ActivePane: pane}
	if active != "" {
		p.Selection = []excelize.Selection{{SQRef: active, ActiveCell: active, Pane: pane}}
	}
	b.Do(b.F.SetPanes(sheet, p))
}

// ColourScale shades numbers from red at 0 through yellow at 50 to green
// at 100 — fixed points, so colours mean the same in every report.
func (b *Book) ColourScale(sheet, ref string) {
	if b.Err != nil {
		return
	}
	b.Do(b.F.SetConditionalFormat(sheet, ref, []excelize.ConditionalFormatOptions{{
		Type: "3_color_scale", Criteria: "=",
		MinType: "num", MinValue: "0", MinColor: "#F8696B",
		MidType: "num", MidValue: "50", MidColor: "#FFEB84",
		MaxType: "num", MaxValue: "100", MaxColor: "#63BE7B",
	}}))
}

// PrintA4 prints the sheets on A4 landscape, as wide as one page and at
// most pagesTall pages long. Streamed sheets are left alone: they get
// their print setup from Stream (see print.go), and touching them with
// the ordinary API would parse them back into memory. SetPrint does more.
func (b *Book) PrintA4(pagesTall int, sheets ...string) {
	for _, name := range sheets {
		if b.streamed[name] {
			continue
		}
		if b.Err == nil {
			b.Do(b.F.SetPageLayout(name, &excelize.PageLayoutOptions{
				Size: new(9), Orientation: new("landscape"), FitToWidth: new(1), FitToHeight: new(pagesTall)}))
		}
		if b.Err == nil {
			b.Do(b.F.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: new(true)}))
		}
	}
}

// Protect locks a sheet without a password: locked cells cannot be changed
// by accident, unlocked ones (and their drop-downs) work as usual, and
// anyone can lift it (Review › Unprotect Sheet).
func (b *Book) Protect(sheet string) {
	if b.Err != nil {
		return
	}
	b.Do(b.F.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	}))
}
