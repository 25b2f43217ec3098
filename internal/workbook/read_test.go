package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// readAll reads every sheet with Sheets, cols columns wide: sheet -> row
// number -> the row's values, rows without a value left out.
func readAll(t *testing.T, data []byte, cols int) map[string]map[int][]string {
	t.Helper()
	s, err := ReadSheets(data)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]map[int][]string{}
	for _, sheet := range f.GetSheetList() {
		rows, err := s.Rows(sheet, cols)
		if err != nil {
			t.Fatal(err)
		}
		out[sheet] = map[int][]string{}
		for rows.Next() {
			if cells := rows.Cells(); len(cells) > 0 {
				out[sheet][rows.Row()] = slices.Clone(cells)
			}
		}
		if err := rows.Err(); err != nil {
			t.Errorf("%s: %v", sheet, err)
		}
		rows.Close()
	}
	return out
}

// excelizeRows is what excelize reads of every sheet, in the same form.
func excelizeRows(t *testing.T, data []byte) map[string]map[int][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]map[int][]string{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		out[sheet] = map[int][]string{}
		for i, row := range rows {
			for len(row) > 0 && row[len(row)-1] == "" { // a formula without a value
				row = row[:len(row)-1]
			}
			if len(row) > 0 {
				out[sheet][i+1] = row
			}
		}
	}
	return out
}

// trickyBook is a workbook of the values of trickyRows twice: as shared
// strings (the ordinary API) and inline (the stream writer); with rich
// text, booleans, a formula with and without its value.
func trickyBook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range trickyRows() {
		for c, v := range row {
			if cell, ok := v.(excelize.Cell); ok {
				v = cell.Value
			}
			if p, ok := v.(*float64); ok && p != nil {
				v = *p
			}
			ref := Cell(c+1, r+1)
			var err error
			switch v := v.(type) {
			case nil, *float64, *excelize.Cell:
			case string:
				err = f.SetCellStr("Sheet1", ref, v)
			default:
				err = f.SetCellValue("Sheet1", ref, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	f.SetCellRichText("Sheet1", "H1", []excelize.RichTextRun{{Text: "bold "}, {Text: "and plain", Font: &excelize.Font{Bold: true}}})
	f.SetCellBool("Sheet1", "H2", true)
	f.SetCellBool("Sheet1", "H3", false)
	f.SetCellFormula("Sheet1", "H4", "1+1")
	f.SetCellFormula("Sheet1", "H5", "2+2")
	f.SetCellInt("Sheet1", "H5", 4)
	f.SetCellStr("Sheet1", "XFD7", "far")
	sw, err := func() (*excelize.StreamWriter, error) {
		if _, err := f.NewSheet("Inline"); err != nil {
			return nil, err
		}
		return f.NewStreamWriter("Inline")
	}()
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range trickyRows() {
		if err := sw.SetRow(Cell(1, r+1), row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSheetsReadAsExcelize reads workbooks of survey tools, LibreOffice
// and excelize as excelize reads them (with RawCellValue).
func TestSheetsReadAsExcelize(t *testing.T) {
	books := map[string][]byte{"tricky": trickyBook(t)}
	paths, _ := filepath.Glob("../../instrument/testdata/survey/*/*.xlsx")
	more, _ := filepath.Glob("../../instrument/testdata/survey/*.xlsx")
	for _, p := range append(paths, more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		books[filepath.Base(p)] = data
	}
	if len(books) < 5 {
		t.Fatalf("%d workbooks", len(books))
	}
	for name, data := range books {
		t.Run(name, func(t *testing.T) {
			got, want := readAll(t, data, maxCols), excelizeRows(t, data)
			for sheet := range want {
				for n, row := range want[sheet] {
					if !reflect.DeepEqual(got[sheet][n], row) {
						t.Errorf("%s row %d:\n got %q\nwant %q", sheet, n, got[sheet][n], row)
					}
				}
				if len(got[sheet]) != len(want[sheet]) {
					t.Errorf("%s: %d rows, want %d", sheet, len(got[sheet]), len(want[sheet]))
				}
			}
		})
	}
}

// TestSheetsColumns reads only the columns asked for, tells of values
// beyond them, and lists formulas without a value.
func TestSheetsColumns(t *testing.T) {
	s, err := ReadSheets(trickyBook(t))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.Rows("Sheet1", 2)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		if rows.Row() > 7 {
			break
		}
		got = append(got, fmt.Sprintf("%d %q %v", rows.Row(), rows.Cells(), rows.Beyond()))
		rows.Cols = 8
		if rows.Row() == 4 && !slices.Equal(rows.NoValue(), []int{8}) {
			t.Errorf("row 4: formulas without a value in %v, want [8]", rows.NoValue())
		}
		if rows.Row() != 4 && len(rows.NoValue()) > 0 {
			t.Errorf("row %d: formulas without a value in %v", rows.Row(), rows.NoValue())
		}
	}
	want := []string{
		`1 ["" "0"] true`,
		`2 ["plain" "1" "" "plain" "" "" "" "1"] false`,
		`3 [" leading" "2" "" " leading" "" "" "" "0"] false`,
		`4 ["trailing " "3" "" "trailing "] false`,
		`5 ["\tTab" "4" "" "\tTab" "" "" "" "4"] false`,
		`6 ["line\nbreak" "5" "" "line\nbreak"] false`,
		`7 ["cr\r" "6" "" "cr\r"] true`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSheetsDamaged reports a sheet's broken XML, which excelize's Rows
// takes for the end of the sheet.
func TestSheetsDamaged(t *testing.T) {
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "ID")
	buf, _ := f.WriteToBuffer()
	f.Close()
	s, err := ReadSheets(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	zf := s.file("xl/worksheets/sheet1.xml")
	if zf == nil {
		t.Fatal("no sheet1.xml")
	}
	for _, tt := range []struct{ name, xml, want string }{
		{"cut off", `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ID</t>`, "XML syntax error on line 1: unexpected EOF"},
		{"bad reference", `<worksheet><sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData></worksheet>`, `cell reference "1A"`},
		{"bad row", `<worksheet><sheetData><row r="x"/></sheetData></worksheet>`, `row number "x"`},
		{"bad shared string", `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>`, `no shared string "99"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := replacePart(t, buf.Bytes(), "xl/worksheets/sheet1.xml", tt.xml)
			s, err := ReadSheets(data)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := s.Rows("Sheet1", 10)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
			}
			if err := rows.Err(); err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %s", err, tt.want)
			}
		})
	}
}

// TestSheetsFarColumnsMemory reads ten thousand rows with a cell in
// column XFD in memory of the file's size.
func TestSheetsFarColumnsMemory(t *testing.T) {
	var b strings.Builder
	for r := 1; r <= 10000; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>`, r, r, r, r)
	}
	f := excelize.NewFile()
	buf, _ := f.WriteToBuffer()
	f.Close()
	data := replacePart(t, buf.Bytes(), "xl/worksheets/sheet1.xml", `<worksheet><sheetData>`+b.String()+`</sheetData></worksheet>`)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	s, err := ReadSheets(data)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.Rows("Sheet1", 3)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		if len(rows.Cells()) == 1 && rows.Beyond() {
			n++
		}
	}
	rows.Close()
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d KB file: %d KB allocated", len(data)>>10, alloc>>10)
	if n != 10000 || rows.Err() != nil {
		t.Errorf("%d rows of one cell and one beyond, %v", n, rows.Err())
	}
	if alloc > 50<<20 {
		t.Errorf("%d MB allocated", alloc>>20)
	}
}

// TestBstrUnmarshal decodes escaped characters as excelize does.
func TestBstrUnmarshal(t *testing.T) {
	for in, want := range map[string]string{
		"plain": "plain", "_x0041_": "A", "a_x0041_b_x00e9_c": "aAbéc", "_x005F_": "_", "_x005f_": "_",
		"_x005F_x0041_": "_x0041_", "_xD800_": "", "x_x12G4_": "x_x12G4_", "__x0041__": "_A_", "_x_x0041_": "_xA",
		"_x004": "_x004", "_x0041": "_x0041", strings.Repeat("_x0041_", 3): "AAA",
	} {
		if got := bstrUnmarshal(in); got != want {
			t.Errorf("bstrUnmarshal(%q) = %q, want %q", in, got, want)
		}
	}
}

// replacePart copies a workbook with one part's content replaced.
func replacePart(t *testing.T, book []byte, part, content string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		if zf.Name != part {
			if err := zw.Copy(zf); err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, err := zw.Create(part)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
