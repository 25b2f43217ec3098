package instrument

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
)

// editSheet copies a workbook, changing the XML of one part: edit gets
// the part's XML and returns the new one.
func editSheet(t testing.TB, book []byte, part string, edit func(xml string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	found := false
	for _, zf := range zr.File {
		if zf.Name != part {
			if err := zw.Copy(zf); err != nil {
				t.Fatal(err)
			}
			continue
		}
		found = true
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		xml, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(part)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(edit(string(xml))))
	}
	if !found {
		t.Fatalf("no part %s", part)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// addRows inserts rows at the end of a sheet's data.
func addRows(rows string) func(string) string {
	return func(xml string) string {
		if !strings.Contains(xml, "</sheetData>") {
			return strings.Replace(xml, "<sheetData/>", "<sheetData>"+rows+"</sheetData>", 1)
		}
		return strings.Replace(xml, "</sheetData>", rows+"</sheetData>", 1)
	}
}

// farRows are rows from..to with a cell in the last column a sheet has,
// XFD: excelize's Columns gives each such row 16,384 cells.
func farRows(from, to int) string {
	var b strings.Builder
	for r := from; r <= to; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>`, r, r)
	}
	return b.String()
}

// allocated returns the bytes read allocates, all told.
func allocated(read func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	read()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// scoringSheet is where scoringBook keeps each sheet.
var scoringSheet = map[string]string{
	SheetRegion: "xl/worksheets/sheet2.xml", SheetAnswers: "xl/worksheets/sheet3.xml", SheetPriorities: "xl/worksheets/sheet4.xml",
}

// TestWorkbookFarColumnsBoundedMemory reads workbooks of about 100 KB
// whose rows hold a cell in column XFD, thousands of them: reading takes
// memory in proportion to the file, not to rows × 16,384 columns, and the
// far cells, in no column the reader needs, change nothing.
func TestWorkbookFarColumnsBoundedMemory(t *testing.T) {
	const limit = 50 << 20
	t.Run("questionnaire", func(t *testing.T) {
		data := scoringBook(t, nil, map[string]any{"E2": 4}, map[string]any{"C2": "A1"})
		for _, sheet := range []string{SheetRegion, SheetAnswers, SheetPriorities} {
			data = editSheet(t, data, scoringSheet[sheet], addRows(farRows(12, 6000)))
		}
		if len(data) > 120<<10 {
			t.Fatalf("the workbook is %d KB, want about 100", len(data)>>10)
		}
		var q *assess.Questionnaire
		var err error
		alloc := allocated(func() { q, err = loadWB(t, data, LoadOptions{}) })
		t.Logf("%d KB workbook: %d KB allocated", len(data)>>10, alloc>>10)
		if err != nil {
			t.Fatal(err)
		}
		if q.Answers[0].Value != 4 || len(q.Priorities["A"]) != 1 {
			t.Errorf("answers %v, priorities %v", q.Answers, q.Priorities)
		}
		if alloc > limit {
			t.Errorf("reading a %d KB workbook allocated %d MB", len(data)>>10, alloc>>20)
		}
	})
	t.Run("export", func(t *testing.T) {
		data := exportBook(t, [][]string{
			{"id", "submitdate", "region", "period", "role", "A1[A1a]", "A1[A1b]", "A2[A2a]", "A2b", "A2c"},
			{"1", "2024-05-01 10:00:00", "lake-constance", "2024", "lead", "3", "5", "na", "40", "Y"},
		})
		data = editSheet(t, data, "xl/worksheets/sheet1.xml", addRows(farRows(3, 10000)))
		if len(data) > 120<<10 {
			t.Fatalf("the workbook is %d KB, want about 100", len(data)>>10)
		}
		full := surveyFramework(t, "framework-full.yaml")
		var n int
		var err error
		alloc := allocated(func() {
			qs, e := readWorkbook("e.xlsx", data, LoadOptions{Pick: FixedFramework(full)})
			n, err = len(qs), e
		})
		t.Logf("%d KB workbook: %d KB allocated", len(data)>>10, alloc>>10)
		if err != nil || n != 1 {
			t.Errorf("%d responses, %v; want the one", n, err)
		}
		if alloc > limit {
			t.Errorf("reading a %d KB workbook allocated %d MB", len(data)>>10, alloc>>20)
		}
	})
}

// exportBook writes rows to the first sheet of a workbook, as a survey
// tool's export holds them.
func exportBook(t testing.TB, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellStr("Sheet1", ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestWorkbookFormulaWithoutValue reads answers that are formulas: one
// with its value, as a spreadsheet saves it, is read; one without (as
// programs write them) is an error at its cell, not an empty answer.
func TestWorkbookFormulaWithoutValue(t *testing.T) {
	data := scoringBook(t, map[string]any{"B8": "r1"}, map[string]any{"E2": 4, "E3": 3, "E4": "yes", "E5": 1}, nil)
	data = editSheet(t, data, scoringSheet[SheetAnswers], func(xml string) string {
		for old, formula := range map[string]string{
			`<c r="E2"><v>4</v></c>`: `<c r="E2"><f>2+2</f><v>4</v></c>`,             // as saved by a spreadsheet
			`<c r="E3"><v>3</v></c>`: `<c r="E3"><f>1+2</f></c>`,                     // as excelize writes it
			`<c r="E5"><v>1</v></c>`: `<c r="E5"><f>0+1</f><v></v></c>`,              // as openpyxl writes it
			`<c r="D10" t="s"><v>`:   `<c r="C10"><f>A1</f></c><c r="D10" t="s"><v>`, // a column not read
		} {
			if !strings.Contains(xml, old) {
				t.Fatalf("no %s in the sheet:\n%s", old, xml)
			}
			xml = strings.Replace(xml, old, formula, 1)
		}
		// Evidence of B3.a, the last row.
		return strings.Replace(xml, `</row></sheetData>`, `<c r="F10"><f>A1</f></c></row></sheetData>`, 1)
	})
	_, err := loadWB(t, data, LoadOptions{})
	sameLines(t, errLines(t, err), []string{
		`q.xlsx: Answers!E3: a formula without a value: type the answer, or open and save the workbook in Excel or LibreOffice so that its value is stored`,
		`q.xlsx: Answers!E5: a formula without a value: type the answer, or open and save the workbook in Excel or LibreOffice so that its value is stored`,
		`q.xlsx: Answers!F10: a formula without a value: type the answer, or open and save the workbook in Excel or LibreOffice so that its value is stored`,
	})
	data = scoringBook(t, nil, map[string]any{"E2": 4}, nil)
	data = editSheet(t, data, scoringSheet[SheetRegion], func(xml string) string {
		return regexpCell("B7").ReplaceAllString(xml, `<c r="B7"><f>YEAR(TODAY())</f></c>`)
	})
	_, err = loadWB(t, data, LoadOptions{})
	sameLines(t, errLines(t, err), []string{
		`q.xlsx: Region!B7: a formula without a value: type the answer, or open and save the workbook in Excel or LibreOffice so that its value is stored`,
		`q.xlsx: Region!B7: period is empty: fill in the period assessed, such as "2024"`,
	})
}

// regexpCell matches a cell element of the sheet XML.
func regexpCell(ref string) *regexp.Regexp {
	return regexp.MustCompile(`<c r="` + ref + `"[^>]*>.*?</c>`)
}

// TestWorkbookDamagedSheet reads workbooks with a sheet whose XML is cut
// off: the problem is that, at the sheet, not a missing header row.
func TestWorkbookDamagedSheet(t *testing.T) {
	cut := func(xml string) string { return xml[:strings.Index(xml, `<row r="3"`)+20] }
	data := editSheet(t, scoringBook(t, nil, map[string]any{"E2": 4}, nil), scoringSheet[SheetAnswers], cut)
	_, err := loadWB(t, data, LoadOptions{})
	sameLines(t, errLines(t, err), []string{`q.xlsx: Answers: the sheet is damaged and cannot be read (XML syntax error on line 2: unexpected EOF)`})

	data = exportBook(t, [][]string{
		{"id", "submitdate", "region", "period", "role", "A1[A1a]", "A1[A1b]", "A2[A2a]", "A2b", "A2c"},
		{"1", "2024-05-01 10:00:00", "lake-constance", "2024", "lead", "3", "5", "na", "40", "Y"},
		{"2", "2024-05-01 10:00:00", "lake-constance", "2024", "lead", "3", "5", "na", "40", "Y"},
	})
	data = editSheet(t, data, "xl/worksheets/sheet1.xml", cut)
	_, err = readWorkbook("e.xlsx", data, LoadOptions{Pick: FixedFramework(surveyFramework(t, "framework-full.yaml"))})
	sameLines(t, errLines(t, err), []string{`e.xlsx: Sheet1: the sheet is damaged and cannot be read (XML syntax error on line 2: unexpected EOF)`})
}

// TestWorkbookExportTooLarge refuses exports whose heading row is wider
// than any survey's, and tables larger than a response export can be.
func TestWorkbookExportTooLarge(t *testing.T) {
	full := surveyFramework(t, "framework-full.yaml")
	head := []string{"id", "submitdate", "region", "period", "role", "A1[A1a]", "A1[A1b]", "A2[A2a]", "A2b", "A2c"}
	wide := exportBook(t, [][]string{head, {"1", "x", "lake-constance", "2024", "lead", "3", "5", "na", "40", "Y"}})
	wide = editSheet(t, wide, "xl/worksheets/sheet1.xml", func(xml string) string {
		return strings.Replace(xml, `</row>`, `<c r="BXY1" t="inlineStr"><is><t>Q2001</t></is></c></row>`, 1)
	})
	var big [][]string
	for i := range 2000 {
		big = append(big, []string{fmt.Sprint(i + 1), "x", "lake-constance", "2024", "lead", "3"})
	}
	heading := append(append([]string{}, head...), make([]string, 1990)...)
	heading[1999] = "last"
	large := exportBook(t, append([][]string{heading}, big...))
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"2001 columns", wide, `e.xlsx: Sheet1!1:1: more than 2000 columns`},
		{"2000 columns, 2000 rows", large, `e.xlsx: Sheet1!1002:1002: more than 2000000 cells`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readWorkbook("e.xlsx", tt.data, LoadOptions{Pick: FixedFramework(full)})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %v, want %s…", err, tt.want)
			}
		})
	}
}
