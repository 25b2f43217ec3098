package instrument

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/officetest"
	"github.com/r3l/r3l/report"
)

func templateBook(t *testing.T, fw *framework.Framework, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := TemplateXLSX(&buf, fw, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func r3lplus(t *testing.T) *framework.Framework {
	t.Helper()
	fw, err := framework.Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

// dropList returns the items of the drop-down list whose validation
// covers cell.
func dropList(t *testing.T, f *excelize.File, sheet, cell string) []string {
	t.Helper()
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, dv := range dvs {
		if dv.Type != "list" || !covers(dv.Sqref, cell) {
			continue
		}
		ref, ok := strings.CutPrefix(dv.Formula1, SheetLists+"!")
		if !ok {
			t.Fatalf("%s!%s: list %q is not on sheet %s", sheet, cell, dv.Formula1, SheetLists)
		}
		from, to, _ := strings.Cut(strings.ReplaceAll(ref, "$", ""), ":")
		col, r1, _ := excelize.SplitCellName(from)
		_, r2, _ := excelize.SplitCellName(to)
		var items []string
		for r := r1; r <= r2; r++ {
			v, _ := f.GetCellValue(SheetLists, col+strconv.Itoa(r))
			items = append(items, v)
		}
		return items
	}
	return nil
}

// validation returns the validation covering cell.
func validation(t *testing.T, f *excelize.File, sheet, cell string, typ string) *excelize.DataValidation {
	t.Helper()
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, dv := range dvs {
		if dv.Type == typ && covers(dv.Sqref, cell) {
			return dv
		}
	}
	return nil
}

// covers reports whether a space-separated list of cells and ranges
// includes cell.
func covers(sqref, cell string) bool {
	c, r, _ := excelize.CellNameToCoordinates(cell)
	for _, part := range strings.Fields(sqref) {
		from, to, ok := strings.Cut(part, ":")
		if !ok {
			to = from
		}
		c1, r1, _ := excelize.CellNameToCoordinates(from)
		c2, r2, _ := excelize.CellNameToCoordinates(to)
		if c1 <= c && c <= c2 && r1 <= r && r <= r2 {
			return true
		}
	}
	return false
}

func TestTemplateXLSXLayout(t *testing.T) {
	fw := r3lplus(t)
	data := templateBook(t, fw, Options{Lang: "en", Region: "lake-constance", Period: "2024"})
	f := officetest.OpenBook(t, data)

	if got, want := f.GetSheetList(), []string{"Instructions", "Region", "Answers", "Priorities", "Lists"}; !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("opens on sheet %d, want Instructions", f.GetActiveSheetIndex())
	}
	for name, visible := range map[string]bool{"Instructions": true, "Region": true, "Answers": true, "Priorities": true, "Lists": false} {
		if v, _ := f.GetSheetVisible(name); v != visible {
			t.Errorf("sheet %s visible %v, want %v", name, v, visible)
		}
	}

	// Region: keys, prefilled values; keys locked, values not.
	rows, _ := f.GetRows("Region")
	var keys []string
	for _, r := range rows[1:] {
		keys = append(keys, r[0])
	}
	if !slices.Equal(keys, RegionKeys) {
		t.Errorf("region keys %q", keys)
	}
	for cell, want := range map[string]string{"B2": "r3lplus@2012", "B3": "lake-constance", "B7": "2024", "B4": ""} {
		if v, _ := f.GetCellValue("Region", cell); v != want {
			t.Errorf("Region!%s = %q, want %q", cell, v, want)
		}
	}

	// Answers: the header, one row per indicator in framework order.
	rows, _ = f.GetRows("Answers")
	if want := []string{"ID", "Quality area", "Criterion", "Indicator", "Answer", "Evidence", "Comment"}; !slices.Equal(rows[0], want) {
		t.Errorf("header %q, want %q", rows[0], want)
	}
	if len(rows) != 1+64 || len(fw.Indicators) != 64 {
		t.Fatalf("%d rows for %d indicators", len(rows)-1, len(fw.Indicators))
	}
	for i, ind := range fw.Indicators {
		r := rows[i+1]
		if r[0] != ind.ID || r[2] != ind.Criterion.ID+" – "+ind.Criterion.Title.Get("en") || r[3] != ind.Text.Get("en") {
			t.Errorf("row %d: %q, want %s", i+2, r, ind.ID)
		}
	}
	if got := rows[1][1]; got != "A – Partnerships and networks" {
		t.Errorf("area cell %q", got)
	}

	// Every Answer cell has the scale's drop-down list.
	want := []string{"1 – Not in place", "2 – First steps taken", "3 – Partly in place", "4 – Largely in place",
		"5 – Fully in place and reviewed", "na – not applicable", "dk – don't know"}
	for i := range fw.Indicators {
		cell := fmt.Sprintf("E%d", i+2)
		if got := dropList(t, f, "Answers", cell); !slices.Equal(got, want) {
			t.Fatalf("Answers!%s: list %q, want %q", cell, got, want)
		}
	}
	if dv := validation(t, f, "Answers", "E2", "list"); dv.PromptTitle == nil || dv.Prompt == nil || !dv.ShowInputMessage ||
		dv.ErrorStyle == nil || *dv.ErrorStyle != "warning" {
		t.Errorf("E2 validation: %+v", dv)
	}
	if dropList(t, f, "Answers", "E66") != nil || dropList(t, f, "Answers", "F2") != nil {
		t.Error("validation beyond the Answer cells")
	}
	// The key question is a note on the criterion's first row.
	comments, _ := f.GetComments("Answers")
	if len(comments) != len(fw.Criteria) || comments[0].Cell != "C2" || !strings.Contains(comments[0].Paragraph[1].Text, "share a vision") {
		t.Errorf("%d comments, first %+v", len(comments), comments[0])
	}

	// Priorities: one row per area, a list of its criteria in each rank.
	rows, _ = f.GetRows("Priorities")
	if len(rows) != 1+len(fw.Areas) || rows[0][2] != "Rank 1 (3 points)" || rows[0][4] != "Rank 3 (1 point)" {
		t.Errorf("priorities %q", rows)
	}
	for i, a := range fw.Areas {
		var want []string
		for _, c := range a.Criteria {
			want = append(want, c.ID+" – "+c.Title.Get("en"))
		}
		for col := 'C'; col <= 'E'; col++ {
			cell := fmt.Sprintf("%c%d", col, i+2)
			if got := dropList(t, f, "Priorities", cell); !slices.Equal(got, want) {
				t.Errorf("Priorities!%s: %q, want %q", cell, got, want)
			}
		}
	}
	if got := dropList(t, f, "Priorities", "A3"); got != nil {
		t.Errorf("Priorities!A3 has a list %q", got)
	}

	// Locked texts, unlocked inputs, protected sheets without a password.
	locked := func(sheet, cell string) bool {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Protection == nil || st.Protection.Locked
	}
	for _, c := range []struct {
		sheet, cell string
		locked      bool
	}{
		{"Region", "A2", true}, {"Region", "B2", false}, {"Region", "B9", false}, {"Region", "C3", true},
		{"Answers", "A2", true}, {"Answers", "D65", true}, {"Answers", "E2", false}, {"Answers", "F65", false}, {"Answers", "G30", false},
		{"Priorities", "A2", true}, {"Priorities", "C2", false}, {"Priorities", "E5", false},
	} {
		if got := locked(c.sheet, c.cell); got != c.locked {
			t.Errorf("%s!%s locked %v, want %v", c.sheet, c.cell, got, c.locked)
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Contains(b, []byte(`<sheetProtection`)) || !bytes.Contains(b, []byte(`sheet="true"`)) ||
			bytes.Contains(b, []byte("assword")) || bytes.Contains(b, []byte("hashValue")) {
			t.Errorf("%s: not protected, or with a password", zf.Name)
		}
		if bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
			t.Errorf("%s holds a formula", zf.Name)
		}
	}
	for _, sheet := range []string{"Region", "Answers", "Priorities"} {
		p, _ := f.GetSheetProtection(sheet)
		if !p.SelectLockedCells || !p.SelectUnlockedCells || p.InsertRows || p.DeleteRows {
			t.Errorf("%s protection %+v", sheet, p)
		}
	}
}

// TestTemplateXLSXScales checks the validations of yes/no and numeric
// scales, and that framework texts are written as text, never as formulas.
func TestTemplateXLSXScales(t *testing.T) {
	src, err := os.ReadFile("../testdata/frameworks/scoring.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte("text: First statement"), []byte(`text: "=HYPERLINK(\"http://x\")"`), 1)
	fw, err := framework.Load("scoring.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	f := officetest.OpenBook(t, templateBook(t, fw, Options{Lang: "de"}))
	rows, _ := f.GetRows("Answers")
	if want := []string{"ID", "Bereich", "Kriterium", "Indikator", "Antwort", "Nachweise", "Kommentar"}; !slices.Equal(rows[0], want) {
		t.Errorf("German header %q", rows[0])
	}
	if v, _ := f.GetCellValue("Answers", "D2"); v != `=HYPERLINK("http://x")` {
		t.Errorf("D2 = %q", v)
	}
	if v, _ := f.GetCellFormula("Answers", "D2"); v != "" {
		t.Errorf("D2 is the formula %q", v)
	}
	// A1.a: agree5 without labels; A2.a yes/no; A2.b share 0–100; A2.c days from 0.
	if got, want := dropList(t, f, "Answers", "E2"), []string{"1 – absent", "2 – first-steps", "3 – partly", "4 – largely", "5 – fully", "na – nicht zutreffend", "dk – weiß nicht"}; !slices.Equal(got, want) {
		t.Errorf("agree5 list %q, want %q", got, want)
	}
	if got, want := dropList(t, f, "Answers", "E4"), []string{"yes – ja", "no – nein", "na – nicht zutreffend"}; !slices.Equal(got, want) {
		t.Errorf("yes/no list %q, want %q", got, want)
	}
	if dv := validation(t, f, "Answers", "E5", "decimal"); dv == nil || dv.Operator != "between" || dv.Formula1 != "0" || dv.Formula2 != "100" || dv.Prompt == nil {
		t.Errorf("share validation %+v", dv)
	} else if !strings.Contains(*dv.Prompt, "0–100 %") {
		t.Errorf("share prompt %q", *dv.Prompt)
	}
	if dv := validation(t, f, "Answers", "E6", "decimal"); dv == nil || dv.Operator != "greaterThanOrEqual" || dv.Formula1 != "0" || dv.Formula2 != "" {
		t.Errorf("days validation %+v", dv)
	}
	if dv := validation(t, f, "Answers", "E7", "decimal"); dv != nil {
		t.Errorf("B1.a has a number check %+v", dv)
	}
	ins, _ := f.GetRows("Instructions")
	var text []string
	for _, r := range ins {
		text = append(text, strings.Join(r, " | "))
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{"So füllen Sie diese Arbeitsmappe aus", "Blatt Answers:", "na | nicht zutreffend:", "Rang 1 = 3 Punkte, Rang 2 = 2 Punkte, Rang 3 = 1 Punkt", "eine Zahl 0–100 %"} {
		if !strings.Contains(all, want) {
			t.Errorf("instructions lack %q:\n%s", want, all)
		}
	}
}

// fillCase is one way a respondent fills an Answer cell, with the YAML
// that says the same.
type fillCase struct {
	cell any    // value put in the cell: string, int or float64; nil leaves it empty
	yaml string // the answer in YAML
}

// TestTemplateXLSXRoundTrip fills a template as a respondent would (drop-down
// texts, numbers, codes, na/dk, evidence, comments, priorities) and checks
// that it scores exactly as the same answers in YAML.
func TestTemplateXLSXRoundTrip(t *testing.T) {
	fw := r3lplus(t)
	for _, lang := range []string{"en", "de", "sv"} {
		t.Run(lang, func(t *testing.T) {
			data := templateBook(t, fw, Options{Lang: lang, Region: "lake-constance", Period: "2024"})
			f := officetest.OpenBook(t, data)
			set := func(sheet, cell string, v any) {
				t.Helper()
				var err error
				switch v := v.(type) {
				case string:
					err = f.SetCellStr(sheet, cell, v)
				default:
					err = f.SetCellValue(sheet, cell, v)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			set("Region", "B4", "Lake Constance Learning Region")
			set("Region", "B5", "DE")
			set("Region", "B6", "cross-border")
			set("Region", "B8", "r07")
			set("Region", "B9", "school")

			var y strings.Builder
			y.WriteString(`schema: r3l.questionnaire/v1
framework: r3lplus@2012
region: {id: lake-constance, name: Lake Constance Learning Region, country: DE, group: cross-border}
period: "2024"
respondent: {id: r07, role: school}
answers:
`)
			list := dropList(t, f, "Answers", "E2")
			for i, ind := range fw.Indicators {
				row := i + 2
				var c fillCase
				switch i % 9 {
				case 0:
					c = fillCase{list[i%5], strconv.Itoa(i%5 + 1)} // drop-down text
				case 1:
					c = fillCase{i%5 + 1, strconv.Itoa(i%5 + 1)} // a number cell
				case 2:
					c = fillCase{float64(i%5 + 1), strconv.Itoa(i%5 + 1)}
				case 3:
					code := ind.Scale.Points[i%5].Code
					c = fillCase{code, code}
				case 4:
					c = fillCase{list[5], "na"}
				case 5:
					c = fillCase{"dk", "dk"}
				case 6:
					c = fillCase{nil, ""}
				case 7:
					c = fillCase{" " + strconv.Itoa(i%5+1) + " ", strconv.Itoa(i%5 + 1)}
				case 8:
					c = fillCase{list[6], "dk"}
				}
				if c.cell != nil {
					set("Answers", fmt.Sprintf("E%d", row), c.cell)
				}
				var ev, com string
				if i%4 == 0 {
					ev = fmt.Sprintf("=HYPERLINK(\"http://example.org/%d\")", i)
					set("Answers", fmt.Sprintf("F%d", row), ev)
				}
				if i%6 == 1 {
					com = "@all: see minutes\nsecond line"
					set("Answers", fmt.Sprintf("G%d", row), com)
				}
				if ev == "" && com == "" {
					fmt.Fprintf(&y, "  %s: %s\n", ind.ID, c.yaml)
				} else {
					fmt.Fprintf(&y, "  %s: {answer: %s, evidence: %s, comment: %s}\n", ind.ID, c.yaml, yamlString(ev), yamlString(com))
				}
			}
			// Priorities: a drop-down text, a plain id.
			set("Priorities", "C2", dropList(t, f, "Priorities", "C2")[2])
			set("Priorities", "D2", "A1")
			set("Priorities", "C4", dropList(t, f, "Priorities", "C4")[1])
			y.WriteString("priorities:\n  A: [A3, A1]\n  C: [C2]\n")

			buf, err := f.WriteToBuffer()
			if err != nil {
				t.Fatal(err)
			}
			qx, err := LoadWorkbook("q", buf.Bytes(), LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			qy, err := LoadQuestionnaire("q", []byte(y.String()), LoadOptions{})
			if err != nil {
				t.Fatalf("%v\n%s", err, y.String())
			}
			kinds := map[assess.AnswerKind]int{}
			for _, a := range qx.Answers {
				kinds[a.Kind]++
			}
			if kinds[assess.Valued] != 36 || kinds[assess.NotApplicable] != 7 || kinds[assess.DontKnow] != 14 || kinds[assess.Missing] != 7 {
				t.Errorf("answer kinds %v", kinds)
			}
			if !reflect.DeepEqual(qx.Answers, qy.Answers) || !reflect.DeepEqual(qx.Priorities, qy.Priorities) ||
				qx.Region != qy.Region || qx.Respondent != qy.Respondent || qx.Period != qy.Period {
				t.Errorf("workbook %+v\nYAML %+v", qx, qy)
			}
			if got, want := assessJSON(t, fw, qx), assessJSON(t, fw, qy); got != want {
				t.Errorf("JSON of the workbook:\n%s\nof the YAML:\n%s", got, want)
			}
		})
	}
}

// assessJSON scores one questionnaire and returns its JSON without the
// input's checksum.
func assessJSON(t *testing.T, fw *framework.Framework, q *assess.Questionnaire) string {
	t.Helper()
	as, err := assess.Group([]*assess.Questionnaire{q})
	if err != nil {
		t.Fatal(err)
	}
	o := report.AssessmentJSON(assess.Score(fw, as[0], assess.Options{}), "en")
	for i := range o.Inputs {
		o.Inputs[i].SHA256 = ""
	}
	b, err := json.MarshalIndent(o, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestTemplateXLSXUnfilled reads an untouched template: every indicator
// is missing, nothing is an error.
func TestTemplateXLSXUnfilled(t *testing.T) {
	fw := r3lplus(t)
	q, err := LoadWorkbook("q.xlsx", templateBook(t, fw, Options{Region: "r", Period: "2024"}), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if q.Missing() != 64 || q.Region.ID != "r" || q.Period != "2024" || q.FrameworkVersion != "2012" || q.Priorities != nil {
		t.Errorf("%+v", q)
	}
	_, err = LoadWorkbook("q.xlsx", templateBook(t, fw, Options{}), LoadOptions{})
	want := "q.xlsx: Region!B3: region id is empty: fill in a short id such as lake-constance\n" +
		"q.xlsx: Region!B7: period is empty: fill in the period assessed, such as \"2024\""
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want\n%s", err, want)
	}
}

// TestTemplateXLSXLibreOffice converts the template to PDF with LibreOffice,
// when it is installed: the file must open without errors.
func TestTemplateXLSXLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	path := filepath.Join(t.TempDir(), "q.xlsx")
	if err := os.WriteFile(path, templateBook(t, r3lplus(t), Options{Lang: "de", Region: "r", Period: "2024"}), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := officetest.PDF(t, path)
	st, err := os.Stat(pdf)
	if err != nil || st.Size() < 10_000 {
		t.Fatalf("no PDF: %v", err)
	}
}
