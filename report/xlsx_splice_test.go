package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/officetest"
	"github.com/r3l/r3l/internal/workbook"
)

// TestDeferredRowsSameWorkbook writes the sample comparison workbook with
// and without deferred rows: every streamed sheet must come out the same,
// byte for byte, and every cell of the light Overview sheet read back the
// same (its strings are inline, so the shared strings and the numbering
// of the workbook's relationships differ).
func TestDeferredRowsSameWorkbook(t *testing.T) {
	c := sampleComparison(t, 2)
	withSplice := renderComparison(t, "xlsx", Options{Version: "test"}, c)
	var buf bytes.Buffer
	w := &xlsxWriter{style: newStyle(Options{Lang: "en", Width: 80, Version: "test"}), noSplice: true}
	if err := w.Comparison(&buf, c); err != nil {
		t.Fatal(err)
	}
	without := buf.Bytes()

	zw, err := zip.NewReader(bytes.NewReader(without), int64(len(without)))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range zw.File {
		switch f.Name {
		case "[Content_Types].xml", // excelize lists its parts in map order
			"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels":
			continue
		}
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			n++
		}
		if got, want := readEntry(t, withSplice, f.Name), readEntry(t, without, f.Name); got != want {
			t.Errorf("%s differs with deferred rows", f.Name)
		}
	}
	if n < 7 {
		t.Errorf("%d worksheets", n)
	}
	sameCells(t, "comparison", withSplice, without)
}

func readEntry(t *testing.T, book []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestLightSheetsSameWorkbook writes region workbooks with light sheets
// and through excelize's ordinary API: every cell must read back with the
// same value, as shown, and style, every row as tall, the same cells
// merged and the sheet's dimension the same.
func TestLightSheetsSameWorkbook(t *testing.T) {
	for name, r := range map[string]*assess.Result{"lake-constance": sample(t, "lake-constance"), "planned": samplePlanned(t)} {
		light := render(t, "xlsx", Options{Version: "test"}, r)
		var buf bytes.Buffer
		w := &xlsxWriter{style: newStyle(Options{Lang: "en", Width: 80, Version: "test"}), noSplice: true}
		if err := w.Assessment(&buf, r); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(readEntry(t, buf.Bytes(), "xl/worksheets/sheet1.xml"), "inlineStr") {
			t.Fatal("the ordinary workbook has inline strings")
		}
		if !strings.Contains(readEntry(t, light, "xl/worksheets/sheet1.xml"), "inlineStr") {
			t.Fatal("the light workbook has no inline strings")
		}
		sameCells(t, name, light, buf.Bytes())
	}
}

// sameCells checks that two workbooks have the same sheets, every cell
// (of the first 30 columns) the same value, as shown, and style, every row
// the same height, the same merged cells and dimensions.
func sameCells(t *testing.T, name string, light, ordinary []byte) {
	t.Helper()
	got, want := officetest.OpenBook(t, light), officetest.OpenBook(t, ordinary)
	sheets := want.GetSheetList()
	if !slices.Equal(got.GetSheetList(), sheets) || len(sheets) < 6 {
		t.Fatalf("%s: sheets %v, want %v", name, got.GetSheetList(), sheets)
	}
	cells := 0
	for _, sh := range sheets {
		wantDim, _ := want.GetSheetDimension(sh)
		if gotDim, _ := got.GetSheetDimension(sh); gotDim != wantDim {
			t.Errorf("%s %s: dimension %s, want %s", name, sh, gotDim, wantDim)
		}
		gm, _ := got.GetMergeCells(sh)
		wm, _ := want.GetMergeCells(sh)
		if fmt.Sprint(gm) != fmt.Sprint(wm) {
			t.Errorf("%s %s: merged %v, want %v", name, sh, gm, wm)
		}
		rows, _ := want.GetRows(sh)
		for row := 1; row <= len(rows)+2; row++ {
			gh, _ := got.GetRowHeight(sh, row)
			wh, _ := want.GetRowHeight(sh, row)
			if gh != wh {
				t.Errorf("%s %s row %d: height %v, want %v", name, sh, row, gh, wh)
			}
			for col := 1; col <= 30; col++ {
				ref := workbook.Cell(col, row)
				gv, _ := got.GetCellValue(sh, ref)
				wv, _ := want.GetCellValue(sh, ref)
				gs, _ := got.GetCellStyle(sh, ref)
				ws, _ := want.GetCellStyle(sh, ref)
				if gv != wv || gs != ws {
					t.Errorf("%s %s!%s: %q style %d, want %q style %d", name, sh, ref, gv, gs, wv, ws)
				}
				if wv != "" {
					cells++
				}
			}
		}
	}
	if cells < 500 {
		t.Errorf("%s: %d cells compared", name, cells)
	}
}

// TestRegionColumnWidths: the sheets of a region's workbook have the
// widths of their tables' columns (the Summary's, which place its charts,
// are set at once; the others' are written as the workbook is saved).
func TestRegionColumnWidths(t *testing.T) {
	f := officetest.OpenBook(t, render(t, "xlsx", Options{Version: "test"}, samplePlanned(t)))
	for sheet, want := range map[string][]float64{
		"Summary":                {14, 28, 9, 8, 16, 10, 11, 67},
		"Plan":                   {7, 44, 10, 16, 10, 10, 9, 20, 40},
		"Criteria":               {8, 7, 42, 8, 24, 9, 8, 16, 11, 12, 12},
		"Indicators":             {9, 6, 40, 7, 13, 9, 3, 5, 5, 5},
		"Strengths & weaknesses": {16, 8, 60, 9, 7, 7, 7},
		"Stakeholders":           {24, 5, 10, 11, 16, 16, 16, 16},
		"Priorities":             {7, 50, 9, 8, 8, 8, 2, 31.66, 8},
		"About":                  {44, 54, 12, 20},
	} {
		for i, w := range want {
			col := workbook.ColName(i + 1)
			if got, err := f.GetColWidth(sheet, col); err != nil || math.Abs(got-w) > 0.001 {
				t.Errorf("%s column %s: width %v (%v), want %v", sheet, col, got, err, w)
			}
		}
	}
}
