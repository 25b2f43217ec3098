package workbook

import (
	"archive/zip"
	"bufio"
	"bytes"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// trickyRows are values whose cells rowEncoder must write exactly as
// excelize's StreamWriter does.
func trickyRows() [][]any {
	score := 43.333333333333336
	long := FitCell(strings.Repeat("ab😀", 12000)) // over 32,767 UTF-16 units, cut as the encoder cuts it
	texts := []string{
		"", "plain", " leading", "trailing ", "\tTab", "line\nbreak", "cr\r", "a & b < c > d \"q\" 'a'",
		"=SUM(A1:A3)", "-minus", "@at", "+plus", "Zürich – Ümlaut", "😀 emoji", "bad \xff utf8", "ctl \x01 char",
		"_x0041_", "a_x0041_b_x00e9_c", "_x005F_", "_x005F_x0041_", "_x005F_xD800_", "_xD800_", "x_x12G4_",
		"_x005f_x0041_", "__x0041__", long,
	}
	var rows [][]any
	for i, s := range texts {
		rows = append(rows, []any{s, i, nil, excelize.Cell{Value: s, StyleID: 3}})
	}
	floats := []float64{0, 1, -1, 0.1, 1.0 / 3, 2.0 / 3 * 100, score, 1e-7, 1.5e-12, 1e15, 1e16, 123456789012345678,
		1e21, -2.5e22, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 99.99999999999999, 100, math.NaN(), math.Inf(1)}
	for _, v := range floats {
		rows = append(rows, []any{v, &v, excelize.Cell{Value: v, StyleID: 12}, nil, (*float64)(nil), &excelize.Cell{Value: v, StyleID: 2}})
	}
	rows = append(rows, []any{nil, nil, nil}, []any{}, []any{"only"}, []any{nil, nil, 7})
	return rows
}

// sheetData returns what lies between <sheetData> and </sheetData> in a
// worksheet of the workbook.
func sheetData(t *testing.T, book []byte, path string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	from, to := strings.Index(s, "<sheetData>"), strings.LastIndex(s, "</sheetData>")
	if from < 0 || to < from {
		t.Fatalf("%s has no sheetData", path)
	}
	return s[from+len("<sheetData>") : to]
}

// rowHeight is the test's height of row i: none, the default line's, two
// lines, a fraction, and more than a row may be.
func rowHeight(i int) float64 {
	return []float64{0, LineHeight, 2 * LineHeight, 17.25, 1000}[i%5]
}

func TestRowEncoderMatchesStreamWriter(t *testing.T) {
	rows := trickyRows()
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		values := make([]any, len(row))
		for j, v := range row {
			if p, ok := v.(*float64); ok { // StreamSheet.Add does this
				if p == nil {
					v = nil
				} else {
					v = *p
				}
			}
			values[j] = v
		}
		var opts []excelize.RowOpts
		if h := rowHeight(i); h > LineHeight { // StreamSheet.AddHeight does this
			opts = append(opts, excelize.RowOpts{Height: min(h, MaxRowHeight)})
		}
		if err := sw.SetRow(Cell(1, i+1), values, opts...); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var book bytes.Buffer
	if _, err := f.WriteTo(&book); err != nil {
		t.Fatal(err)
	}
	want := sheetData(t, book.Bytes(), "xl/worksheets/sheet1.xml")

	var got bytes.Buffer
	bw := bufio.NewWriter(&got)
	enc := rowEncoder{w: bw}
	for i, row := range rows {
		if err := enc.addHeight(rowHeight(i), row...); err != nil {
			t.Fatal(err)
		}
	}
	bw.Flush()
	if got.String() != want {
		w, g := strings.Split(strings.ReplaceAll(want, "<row", "\n<row"), "\n"), strings.Split(strings.ReplaceAll(got.String(), "<row", "\n<row"), "\n")
		for i := range max(len(w), len(g)) {
			var wl, gl string
			if i < len(w) {
				wl = w[i]
			}
			if i < len(g) {
				gl = g[i]
			}
			if wl != gl {
				t.Errorf("row %d:\nStreamWriter: %.300s\nrowEncoder:   %.300s", i, wl, gl)
			}
		}
	}
}

// A text longer than a cell holds is cut with a mark saying so, never
// silently; it fits the cell, mark and all.
func TestFitCell(t *testing.T) {
	long := strings.Repeat("ab😀", 12000)
	got := FitCell(long)
	if !strings.HasSuffix(got, cutMark) || utf16Len(got) > totalCellChars || utf16Len(got) < totalCellChars-4 ||
		!strings.HasPrefix(long, strings.TrimSuffix(got, cutMark)) {
		t.Errorf("FitCell: %d units, ends %q", utf16Len(got), got[len(got)-40:])
	}
	if short := strings.Repeat("x", totalCellChars); FitCell(short) != short {
		t.Error("a text that fits was cut")
	}
}
