package instrument

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/yamlx"
)

// sheet is the content of one worksheet for wbook: cell -> value. Values
// are written as excelize writes them (string as text, int and float64 as
// numbers, bool as TRUE/FALSE).
type sheet struct {
	name  string
	cells map[string]any
}

// wbook builds a workbook from its sheets, in order.
func wbook(t testing.TB, sheets ...sheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for ref, v := range s.cells {
			var err error
			if str, ok := v.(string); ok {
				err = f.SetCellStr(s.name, ref, str) // text, even "=…"
			} else {
				err = f.SetCellValue(s.name, ref, v)
			}
			if err != nil {
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

// scoringRows lists the indicators of the scoring test framework in the
// Answers rows of scoringBook: A1.a in row 2, …, B3.a in row 10.
var scoringRows = []string{"A1.a", "A1.b", "A2.a", "A2.b", "A2.c", "B1.a", "B1.b", "B2.a", "B3.a"}

// scoringBook is a questionnaire workbook for the scoring test framework
// laid out as the template lays it out, with answers (cell -> value) and
// changes to the Region and Priorities sheets; a nil value deletes a cell.
func scoringBook(t testing.TB, region, answers, priorities map[string]any) []byte {
	t.Helper()
	reg := map[string]any{
		"A1": "Field", "B1": "Value", "C1": "Notes",
		"A2": "framework", "B2": "scoring@1",
		"A3": "region.id", "B3": "r",
		"A4": "region.name", "B4": "R",
		"A5": "region.country", "A6": "region.group",
		"A7": "period", "B7": "2024",
		"A8": "respondent.id", "A9": "respondent.role",
	}
	ans := map[string]any{
		"A1": "ID", "B1": "Area", "C1": "Criterion", "D1": "Indicator", "E1": "Answer", "F1": "Evidence", "G1": "Comment",
	}
	for i, id := range scoringRows {
		ans["A"+itoa(i+2)] = id
		ans["D"+itoa(i+2)] = "Statement " + id
	}
	pri := map[string]any{"A1": "ID", "B1": "Area", "C1": "Rank 1", "D1": "Rank 2", "E1": "Rank 3", "A2": "A", "A3": "B"}
	merge := func(dst, src map[string]any) map[string]any {
		for k, v := range src {
			if v == nil {
				delete(dst, k)
			} else {
				dst[k] = v
			}
		}
		return dst
	}
	return wbook(t,
		sheet{"Instructions", map[string]any{"A1": "How to fill in"}},
		sheet{SheetRegion, merge(reg, region)},
		sheet{SheetAnswers, merge(ans, answers)},
		sheet{SheetPriorities, merge(pri, priorities)},
	)
}

func itoa(i int) string { return strconv.Itoa(i) }

func loadWB(t *testing.T, data []byte, opts LoadOptions) (*assess.Questionnaire, error) {
	t.Helper()
	if opts.Pick == nil {
		opts.Pick = FixedFramework(scoringFramework(t))
	}
	q, err := LoadWorkbook("q.xlsx", data, opts)
	if err != nil && q != nil {
		t.Errorf("got a questionnaire together with an error")
	}
	return q, err
}

func TestLoadWorkbook(t *testing.T) {
	data := scoringBook(t,
		map[string]any{"B5": "DE", "B6": "cross-border", "B8": "r07", "B9": "school"},
		map[string]any{
			"E2":  "4 – Largely in place", // the drop-down text
			"F2":  "=HYPERLINK(\"http://example.org\")",
			"G2":  "line one\nline two",
			"E3":  2,            // a number cell
			"E4":  true,         // TRUE on a yes/no scale
			"E5":  42.5,         // numeric
			"E6":  "7",          // text holding a number
			"E7":  "fully",      // a code
			"E8":  "na – n/a",   // na from a drop-down, any label
			"E9":  " DK ",       // dk, with spaces and in capitals
			"F10": "notes only", // no answer: missing, with evidence
		},
		map[string]any{"C2": "A2 – Criterion A2", "D2": "A1", "C3": "B3"},
	)
	q, err := loadWB(t, data, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if q.Path != "q.xlsx" || len(q.SHA256) != 64 {
		t.Errorf("path %q, sha256 %q", q.Path, q.SHA256)
	}
	noted := assess.Answer{Kind: assess.Valued, Value: 4}
	noted.SetNotes("=HYPERLINK(\"http://example.org\")", "line one\nline two")
	var notesOnly assess.Answer
	notesOnly.SetNotes("notes only", "")
	want := &assess.Questionnaire{
		Path: q.Path, SHA256: q.SHA256, FrameworkID: "scoring", FrameworkVersion: "1", Framework: q.Framework,
		Region:     assess.Region{ID: "r", Name: "R", Country: "DE", Group: "cross-border"},
		Period:     "2024",
		Respondent: assess.Respondent{ID: "r07", Role: "school"},
		Source:     yamlx.Pos{Path: q.Path, Cell: "Region!B8"},
		Digest:     q.SHA256,
		Answers: []assess.Answer{
			noted,
			{Kind: assess.Valued, Value: 2},
			{Kind: assess.Valued, Value: 1},
			{Kind: assess.Valued, Value: 42.5},
			{Kind: assess.Valued, Value: 7},
			{Kind: assess.Valued, Value: 5},
			{Kind: assess.NotApplicable},
			{Kind: assess.DontKnow},
			notesOnly,
		},
		Priorities: map[string][]string{"A": {"A2", "A1"}, "B": {"B3"}},
	}
	if !reflect.DeepEqual(q, want) {
		t.Errorf("got\n%+v\nwant\n%+v", q, want)
	}
}

// TestLoadWorkbookSameAsYAML reads the same answers from a workbook and
// from YAML.
func TestLoadWorkbookSameAsYAML(t *testing.T) {
	wb, err := loadWB(t, scoringBook(t, nil,
		map[string]any{"E2": "largely", "E3": 3, "E4": "no", "E5": "0", "E6": 30, "F6": "minutes"},
		map[string]any{"C2": "A1"}), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	y, err := LoadQuestionnaire("q.xlsx", []byte(qhead+`answers:
  A1.a: largely
  A1.b: 3
  A2.a: no
  A2.b: 0
  A2.c: {answer: 30, evidence: minutes}
priorities:
  A: [A1]
`), LoadOptions{Pick: FixedFramework(scoringFramework(t))})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []*assess.Questionnaire{wb, y} {
		q.SHA256, q.FrameworkVersion, q.Digest = "", "", ""
		q.Source = yamlx.Pos{}
	}
	if !reflect.DeepEqual(wb, y) {
		t.Errorf("workbook\n%+v\nYAML\n%+v", wb, y)
	}
}

func TestLoadWorkbookErrors(t *testing.T) {
	tests := []struct {
		name                        string
		pick                        FrameworkPicker
		strict                      bool
		region, answers, priorities map[string]any
		want                        []string
	}{
		{name: "outside the scale", answers: map[string]any{
			"E2": "6", "E3": "3.5", "E4": "maybe", "E5": 120, "E6": -1, "E7": "lots", "E8": "7 – Excellent",
		}, want: []string{
			`q.xlsx: Answers!E2: A1.a: "6" is not on scale agree5 (expected 1, 2, 3, 4, 5; absent, first-steps, partly, largely, fully; na; dk)`,
			`q.xlsx: Answers!E3: A1.b: "3.5" is not on scale agree5 (expected 1, 2, 3, 4, 5; absent, first-steps, partly, largely, fully; na; dk)`,
			`q.xlsx: Answers!E4: A2.a: "maybe" is not a yes/no answer (expected yes, no; na)`,
			`q.xlsx: Answers!E5: A2.b: 120 is outside scale share (expected a number from 0 to 100 %)`,
			`q.xlsx: Answers!E6: A2.c: -1 is outside scale days (expected a number from 0 days)`,
			`q.xlsx: Answers!E7: B1.a: "lots" is not on scale agree5 (expected 1, 2, 3, 4, 5; absent, first-steps, partly, largely, fully; na; dk)`,
			`q.xlsx: Answers!E8: B1.b: "7" is not on scale agree5 (expected 1, 2, 3, 4, 5; absent, first-steps, partly, largely, fully; na; dk)`,
		}},
		{name: "na and dk not allowed", answers: map[string]any{"E4": "dk – don't know", "E5": "na"}, want: []string{
			`q.xlsx: Answers!E4: A2.a: "dk" is not allowed on scale yesno (expected yes, no; na)`,
			`q.xlsx: Answers!E5: A2.b: "na" is not allowed on scale share (expected a number from 0 to 100 %)`,
		}},
		{name: "ids", answers: map[string]any{
			"A3": "A1.x", "A5": "A1", "A6": "A1.a", "A7": nil, "E7": "4", "A12": "Z9.zz", "E12": 3,
		}, want: []string{
			`q.xlsx: Answers!A3: unknown indicator "A1.x" (did you mean A1.a?)`,
			`q.xlsx: Answers!A5: unknown indicator "A1" (A1 is a criterion; answer its indicators A1.a, A1.b, …)`,
			`q.xlsx: Answers!A6: A1.a appears twice (also in row 2)`,
			`q.xlsx: Answers!A7: an answer without an indicator id in column A`,
			`q.xlsx: Answers!A12: unknown indicator "Z9.zz" in framework scoring`,
		}},
		{name: "no answer column", answers: map[string]any{"E1": "Rating"}, want: []string{
			`q.xlsx: Answers: no "Answer" column in the header row (row 1)`,
		}},
		{name: "no header", answers: map[string]any{"A1": "Indicator id"}, want: []string{
			`q.xlsx: Answers: no header row with an "ID" column (the first row of the template)`,
		}},
		{name: "region", region: map[string]any{
			"B2": "scoring", "B3": "Lake Constance", "A4": "regoin.name", "B7": " ", "A10": "region.id", "B10": "x",
		}, want: []string{
			`q.xlsx: Region!B3: region id "Lake Constance" must be letters, digits, '.', '_' or '-', starting with a letter or digit`,
			`q.xlsx: Region!A4: unknown key "regoin.name" in column A (did you mean "region.name"?)`,
			`q.xlsx: Region!B7: period is empty: fill in the period assessed, such as "2024"`,
			`q.xlsx: Region!A10: key "region.id" appears twice (also in row 3)`,
		}},
		{name: "region keys missing", region: map[string]any{"A2": nil, "B2": nil, "A7": nil, "B7": nil, "B3": nil}, want: []string{
			`q.xlsx: Region: no row "framework" in column A; it is required`,
			`q.xlsx: Region: no row "period" in column A; it is required`,
			`q.xlsx: Region!B3: region id is empty: fill in a short id such as lake-constance`,
		}},
		{name: "unknown framework", pick: BundledFramework, region: map[string]any{"B2": "r3l"}, answers: map[string]any{"E2": "9"}, want: []string{
			`q.xlsx: Region!B2: unknown framework "r3l": bundled are ` + bundledIDs(t) + `; or give a framework file with -F FILE`,
		}},
		{name: "other framework", region: map[string]any{"B2": "other@2"}, want: []string{
			`q.xlsx: Region!B2: questionnaire is for framework "other", but the framework in use is "scoring"`,
		}},
		{name: "empty framework", region: map[string]any{"B2": nil}, want: []string{
			`q.xlsx: Region!B2: framework is empty: fill in the framework's id, such as r3lplus`,
		}},
		{name: "priorities", priorities: map[string]any{
			"C2": "B1 – Criterion B1", "D2": "A1", "E2": "A1", "F2": "A2",
			"C3": nil, "D3": "B2", "A4": "Z", "C4": "A1", "A5": "A", "C5": "A1", "A6": nil, "C6": "B1", "A7": "B", "C7": "Q7",
		}, want: []string{
			`q.xlsx: Priorities!C2: priorities for area A: criterion B1 belongs to area B`,
			`q.xlsx: Priorities!E2: priorities for area A: A1 is ranked twice`,
			`q.xlsx: Priorities!F2: priorities for area A: at most 3 criteria can be ranked`,
			`q.xlsx: Priorities!D3: priorities for area B: rank 2 is filled but rank 1 is empty (rank from 1 without gaps)`,
			`q.xlsx: Priorities!A4: priorities: "Z" is not an area of scoring`,
			`q.xlsx: Priorities!A5: priorities: area A appears twice (also in row 2)`,
			`q.xlsx: Priorities!A6: ranks without an area id in column A`,
			`q.xlsx: Priorities!A7: priorities: area B appears twice (also in row 3)`,
		}},
		{name: "priority not a criterion", priorities: map[string]any{"C3": "Q7 – Quality"}, want: []string{
			`q.xlsx: Priorities!C3: priorities for area B: "Q7" is not a criterion`,
		}},
		{name: "strict", strict: true, answers: map[string]any{"E2": 4, "E4": "yes", "E5": 3, "E6": 4, "E8": "na"}, want: []string{
			`q.xlsx: Answers!E3: 4 unanswered (--strict): A1.b, B1.a, B2.a, B3.a`,
		}},
		{name: "strict, row missing", strict: true, answers: map[string]any{
			"A2": nil, "E3": 4, "E4": "yes", "E5": 3, "E6": 4, "E7": 1, "E8": "na", "E9": 2, "E10": 3,
		}, want: []string{
			`q.xlsx: Answers: 1 unanswered (--strict): A1.a`,
		}},
		{name: "all sheets at once", region: map[string]any{"B7": nil},
			answers: map[string]any{"E3": "x"}, priorities: map[string]any{"C2": "B1"}, want: []string{
				`q.xlsx: Region!B7: period is empty: fill in the period assessed, such as "2024"`,
				`q.xlsx: Answers!E3: A1.b: "x" is not on scale agree5 (expected 1, 2, 3, 4, 5; absent, first-steps, partly, largely, fully; na; dk)`,
				`q.xlsx: Priorities!C2: priorities for area A: criterion B1 belongs to area B`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := scoringBook(t, tt.region, tt.answers, tt.priorities)
			_, err := loadWB(t, data, LoadOptions{Pick: tt.pick, Strict: tt.strict})
			sameLines(t, errLines(t, err), tt.want)
		})
	}
}

func TestLoadWorkbookNotAQuestionnaire(t *testing.T) {
	zipOf := func(names ...string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, n := range names {
			w, _ := zw.Create(n)
			w.Write([]byte("<x/>"))
		}
		zw.Close()
		return buf.Bytes()
	}
	valid := scoringBook(t, nil, nil, nil)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, `q.xlsx: not an Excel workbook (the file is empty)`},
		{"csv", []byte("id,answer\nA1.a,4\n"), `q.xlsx: not an Excel workbook (the file holds plain text, such as CSV or YAML; a YAML questionnaire must be named .yaml)`},
		{"yaml", []byte(qhead), `q.xlsx: not an Excel workbook (the file holds plain text, such as CSV or YAML; a YAML questionnaire must be named .yaml)`},
		{"latin-1 text", []byte("Region;Fr\xe9d\xe9ric\n"), `q.xlsx: not an Excel workbook (the file holds plain text, such as CSV or YAML; a YAML questionnaire must be named .yaml)`},
		{"binary", []byte{0x89, 'P', 'N', 'G', 0, 0, 1}, `q.xlsx: not an Excel workbook (not a zip archive)`},
		{"old xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...), `q.xlsx: not an Excel workbook (an old .xls file or a password-protected workbook: save it from Excel as .xlsx without a password)`},
		{"truncated", valid[:len(valid)/2], `q.xlsx: not an Excel workbook (a damaged zip archive: zip: not a valid zip file)`},
		{"opendocument", zipOf("mimetype", "content.xml"), `q.xlsx: not an Excel workbook (an OpenDocument file: save it as Excel .xlsx)`},
		{"word", zipOf("[Content_Types].xml", "word/document.xml"), `q.xlsx: not an Excel workbook (a zip archive without xl/workbook.xml)`},
		{"no answers sheet", wbook(t, sheet{"Sheet1", map[string]any{"A1": 1}}), `q.xlsx: not an r3l questionnaire workbook: no sheet "Answers"`},
		{"no region sheet", wbook(t, sheet{"answers", map[string]any{"A1": "ID"}}), `q.xlsx: not an r3l questionnaire workbook: no sheet "Region"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadWB(t, tt.data, LoadOptions{})
			sameLines(t, errLines(t, err), []string{tt.want})
		})
	}
}

// TestLoadFileWorkbook checks that ReadFile reads .xlsx files (and zip
// content under another name) as workbooks.
func TestLoadFileWorkbook(t *testing.T) {
	dir := t.TempDir()
	data := scoringBook(t, nil, map[string]any{"E2": 4}, nil)
	text := []byte("id,answer\n")
	files := map[string][]byte{"a.xlsx": data, "b.XLSX": data, "c.yaml": data, "bad.xlsx": text}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := LoadOptions{Pick: FixedFramework(scoringFramework(t))}
	for _, name := range []string{"a.xlsx", "b.XLSX", "c.yaml"} {
		qs, err := ReadFile(filepath.Join(dir, name), opts)
		if err != nil || len(qs) != 1 {
			t.Fatalf("%s: %d questionnaires, %v", name, len(qs), err)
		}
		q := qs[0]
		if q.Answers[0].Value != 4 || q.Path != filepath.Join(dir, name) {
			t.Errorf("%s: %+v", name, q)
		}
	}
	lock := filepath.Join(dir, "~$a.xlsx")
	os.WriteFile(lock, []byte("\x05Maria"), 0o644)
	if _, err := ReadFile(lock, opts); err == nil || err.Error() != lock+": not an Excel workbook (a lock file Excel leaves while a workbook is open: skip it)" {
		t.Errorf("lock file: %v", err)
	}
	path := filepath.Join(dir, "bad.xlsx")
	_, err := ReadFile(path, opts)
	if err == nil || !strings.HasPrefix(err.Error(), path+": not an Excel workbook (") {
		t.Errorf("bad.xlsx: %v", err)
	}
}

// TestLoadWorkbookZipBomb feeds archives that unpack to far more than they
// weigh: each is refused at once, without unpacking.
func TestLoadWorkbookZipBomb(t *testing.T) {
	valid := scoringBook(t, nil, nil, nil)
	zr, err := zip.NewReader(bytes.NewReader(valid), int64(len(valid)))
	if err != nil {
		t.Fatal(err)
	}
	// bomb copies the valid workbook with one more entry: the deflated
	// body, declaring size as its unpacked size.
	bomb := func(name string, body []byte, size uint64) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, f := range zr.File {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
		}
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name: name, Method: zip.Deflate, CompressedSize64: uint64(len(body)), UncompressedSize64: size,
		})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	// 256 MiB of one repeated row, deflated to about 250 KB.
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	chunk := bytes.Repeat([]byte(`<row><c t="inlineStr"><is><t>x</t></is></c></row>`), 1<<14)
	var unpacked uint64
	for unpacked < 256<<20 {
		fw.Write(chunk)
		unpacked += uint64(len(chunk))
	}
	fw.Close()
	tests := []struct {
		name string
		data []byte
	}{
		{"honest size", bomb("xl/worksheets/sheet9.xml", deflated.Bytes(), unpacked)},
		{"huge declared size", bomb("xl/worksheets/sheet9.xml", deflated.Bytes()[:1024], 1<<40)},
		{"small declared size", bomb("xl/sharedStrings.xml", deflated.Bytes(), 1<<10)},
		{"many entries", func() []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			for _, f := range zr.File {
				zw.Copy(f)
			}
			for i := range 64 {
				w, _ := zw.CreateRaw(&zip.FileHeader{Name: "xl/media/image" + itoa(i) + ".png", Method: zip.Deflate,
					CompressedSize64: 1024, UncompressedSize64: 1 << 20})
				w.Write(deflated.Bytes()[:1024])
			}
			zw.Close()
			return buf.Bytes()
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := loadWB(t, tt.data, LoadOptions{})
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d KB file: %v in %v, %d KB allocated", len(tt.data)>>10, err, took, alloc>>10)
			if err == nil {
				t.Fatal("a zip bomb was read")
			}
			if alloc > 64<<20 {
				t.Errorf("%d MB allocated reading a %d KB file", alloc>>20, len(tt.data)>>10)
			}
		})
	}
}

// TestWorkbookSameRespondent checks that a repeated respondent is blamed
// on the cell that names it.
func TestWorkbookSameRespondent(t *testing.T) {
	opts := LoadOptions{Pick: FixedFramework(scoringFramework(t))}
	var qs []*assess.Questionnaire
	for _, path := range []string{"a.xlsx", "b.xlsx"} {
		q, err := LoadWorkbook(path, scoringBook(t, map[string]any{"B8": "r1"}, map[string]any{"E2": 4}, nil), opts)
		if err != nil {
			t.Fatal(err)
		}
		qs = append(qs, q)
	}
	_, err := assess.Group(qs)
	want := `b.xlsx: Region!B8: respondent "r1" already answered for r 2024 in a.xlsx`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// A questionnaire workbook of a framework with more indicators than a
// sheet is normally read for rows reads whole when the framework is given
// (LoadOptions.Indicators), and says where it stops otherwise.
func TestWorkbookRowsGrowWithFramework(t *testing.T) {
	var b strings.Builder
	b.WriteString("schema: r3l.framework/v1\nid: wide\nversion: \"1\"\ntitle: {en: Wide}\nscales:\n  - id: s\n    kind: ordinal\n    points:\n")
	b.WriteString("      - {value: 1, code: low, label: {en: Low}}\n      - {value: 2, code: high, label: {en: High}}\n")
	b.WriteString("default_scale: s\nmaturity:\n  - {id: a, from: 0, label: {en: A}}\n  - {id: b, from: 50, label: {en: B}}\nareas:\n")
	for a := range 2 {
		fmt.Fprintf(&b, "  - id: %c\n    title: {en: Area}\n    criteria:\n", 'A'+a)
		for c := range 101 {
			fmt.Fprintf(&b, "      - id: %c%d\n        title: {en: Criterion}\n        indicators:\n", 'A'+a, c+1)
			for i := range 50 {
				fmt.Fprintf(&b, "          - {id: %c%d.%d, text: {en: Statement}}\n", 'A'+a, c+1, i+1)
			}
		}
	}
	dir := t.TempDir()
	fwPath := filepath.Join(dir, "wide.yaml")
	if err := os.WriteFile(fwPath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	fw, err := framework.LoadFile(fwPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(fw.Indicators) != 10_100 {
		t.Fatalf("%d indicators", len(fw.Indicators))
	}
	var book bytes.Buffer
	if err := TemplateXLSX(&book, fw, Options{Lang: "en", Region: "r", Period: "2024", Respondent: "r1"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "q.xlsx")
	opts := LoadOptions{Pick: FixedFramework(fw)}
	_, err = LoadWorkbook(path, book.Bytes(), opts)
	if want := "the sheet goes on beyond row 10000"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("without the framework's size: %v, want %q", err, want)
	}
	opts.Indicators = len(fw.Indicators)
	q, err := LoadWorkbook(path, book.Bytes(), opts)
	if err != nil {
		t.Fatalf("with the framework's size: %v", err)
	}
	if len(q.Answers) != 10_100 || q.Missing() != 10_100 {
		t.Errorf("%d answers, %d missing, want 10,100 unanswered", len(q.Answers), q.Missing())
	}
}
