package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/internal/officetest"
	"github.com/r3l/r3l/plan"
)

// dumpWorkbook writes what a reader of the workbook sees, as text: every
// sheet's cells, frozen panes, autofilters and colour scales, and the charts
// with the data they plot. Golden files compare this, not bytes.
func dumpWorkbook(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			fmt.Fprintf(&b, "%d\t%s\n", i+1, strings.Join(row, "\t"))
		}
		panes, _ := f.GetPanes(sheet)
		if panes.Freeze {
			fmt.Fprintf(&b, "frozen at %s\n", panes.TopLeftCell)
		}
		cfs, _ := f.GetConditionalFormats(sheet)
		var refs []string
		for ref, opts := range cfs {
			for _, o := range opts {
				refs = append(refs, ref+" "+o.Type)
			}
		}
		sort.Strings(refs)
		for _, r := range refs {
			fmt.Fprintf(&b, "colour scale %s\n", r)
		}
		tables, _ := f.GetTables(sheet)
		for _, tb := range tables {
			fmt.Fprintf(&b, "table %s %s\n", tb.Name, tb.Range)
		}
		fmt.Fprintf(&b, "print %s\n", printSetup(f, sheet))
	}
	dn := f.GetDefinedName()
	slices.SortFunc(dn, func(a, b excelize.DefinedName) int { return strings.Compare(a.Scope+a.Name, b.Scope+b.Name) })
	for _, d := range dn {
		fmt.Fprintf(&b, "name %s %s %s\n", d.Scope, d.Name, d.RefersTo)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var charts []string
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		rc, _ := zf.Open()
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		xml := buf.String()
		kind := "?"
		for _, k := range []string{"radarChart", "barChart"} {
			if strings.Contains(xml, "<"+k+">") {
				kind = k
			}
		}
		var refs []string
		for _, part := range strings.Split(xml, "<f>")[1:] {
			refs = append(refs, html.UnescapeString(part[:strings.Index(part, "</f>")]))
		}
		charts = append(charts, fmt.Sprintf("chart %s %s %s\n", zf.Name, kind, strings.Join(refs, " ")))
	}
	sort.Strings(charts)
	b.WriteString(strings.Join(charts, ""))
	return b.String()
}

// printSetup says how a sheet prints: "A4 landscape, fit to 1 page wide
// and 25 tall, down then over, footer &L&8&A&R&8&P / &N".
func printSetup(f *excelize.File, sheet string) string {
	pl, _ := f.GetPageLayout(sheet)
	paper := map[int]string{9: "A4"}[*pl.Size]
	if paper == "" {
		paper = fmt.Sprintf("paper %d", *pl.Size)
	}
	out := paper + " " + *pl.Orientation
	if props, _ := f.GetSheetProps(sheet); props.FitToPage != nil && *props.FitToPage && pl.FitToWidth != nil && pl.FitToHeight != nil {
		out += fmt.Sprintf(", fit to %d page wide and %d tall", *pl.FitToWidth, *pl.FitToHeight)
	}
	if pl.PageOrder != nil {
		out += ", " + *pl.PageOrder
	}
	if hf, _ := f.GetHeaderFooter(sheet); hf.OddFooter != "" {
		out += ", footer " + hf.OddFooter
	}
	return out
}

func TestGoldenXLSX(t *testing.T) {
	r := sample(t, "lake-constance")
	data := render(t, "xlsx", Options{}, r)
	dump := dumpWorkbook(t, data)
	golden(t, "lake-constance.xlsx.txt", []byte(dump), nil)

	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Summary", "Criteria", "Indicators", "Strengths & weaknesses", "Stakeholders", "Priorities", "About"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	// The overall score is a number, at the 15 digits a spreadsheet keeps.
	v, _ := f.GetCellValue("Summary", "B10", excelize.Options{RawCellValue: true})
	if got, err := strconv.ParseFloat(v, 64); err != nil || math.Abs(got-*r.Score) > 1e-9 {
		t.Errorf("Summary!B10 = %q, want %v", v, *r.Score)
	}
	// One row per criterion and indicator under the header.
	for sheet, n := range map[string]int{"Criteria": 24, "Indicators": 64} {
		rows, _ := f.GetRows(sheet)
		if len(rows) != n+1 {
			t.Errorf("%s has %d rows, want %d", sheet, len(rows), n+1)
		}
	}
	// Every respondent's answer is there: r04 answered A1.a with 3.
	rows, _ := f.GetRows("Indicators")
	col := slices.Index(rows[0], "r04 (employer)")
	if col < 0 || rows[1][1] != "A1.a" || rows[1][col] != "3" {
		t.Errorf("Indicators: r04 column %d, row %v", col, rows[1])
	}
	if !strings.Contains(dump, "radarChart 'Summary'!$C$15 'Summary'!$B$16:$B$19 'Summary'!$C$16:$C$19") {
		t.Errorf("no radar chart of the four area scores:\n%s", dump[strings.Index(dump, "chart "):])
	}
	// The bars are labelled by the criteria's IDs and titles, from a
	// hidden column of the Summary.
	if !strings.Contains(dump, "barChart 'Criteria'!$F$1 'Summary'!$I$2:$I$25 'Criteria'!$F$2:$F$25") {
		t.Errorf("no bar chart of the 24 criterion scores")
	}
	if label, _ := f.GetCellValue("Summary", "I2"); label != "A1 A common, shared vision is defined and…" {
		t.Errorf("the first bar's label is %q", label)
	}
	// About lists every input with its SHA-256.
	about, _ := f.GetRows("About")
	var inputs int
	for _, row := range about {
		for _, q := range r.Questionnaires {
			if len(row) > 1 && row[0] == q.Path && row[1] == q.SHA256 {
				inputs++
			}
		}
	}
	if inputs != len(r.Questionnaires) {
		t.Errorf("About lists %d of %d inputs with their SHA-256", inputs, len(r.Questionnaires))
	}
}

func TestXLSXTextNeverFormula(t *testing.T) {
	r := sample(t, "kaunas")
	q := r.Questionnaires[0]
	q.Answers[0].SetNotes(`=HYPERLINK("http://example.org","click")`, q.Answers[0].Comment())
	q.Respondent.Role = "+cmd|' /C calc'!A0"
	data := render(t, "xlsx", Options{}, r)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for ri, row := range rows {
			for ci := range row {
				ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
					t.Errorf("%s!%s holds a formula: %s", sheet, ref, formula)
				}
			}
		}
	}
	rows, _ := f.GetRows("Indicators")
	evidence := slices.Index(rows[0], "Evidence")
	if evidence < 0 || evidence >= len(rows[1]) || !strings.Contains(rows[1][evidence], `=HYPERLINK("http://example.org","click")`) {
		t.Errorf("evidence not kept as text: column %d of %q", evidence, rows[1])
	}
}

func TestXLSXOpensInLibreOffice(t *testing.T) {
	r := sample(t, "limerick")
	path := filepath.Join(t.TempDir(), "limerick.xlsx")
	if err := os.WriteFile(path, render(t, "xlsx", Options{Lang: "de"}, r), 0o644); err != nil {
		t.Fatal(err)
	}
	// What LibreOffice shows is the workbook read as such: the German
	// labels, the region, every sheet's content.
	text := officetest.Text(t, officetest.PDF(t, path))
	for _, want := range []string{"Limerick Learning City (limerick) — 2024", "Gesamt", "Partnerschaften und Netzwerke",
		"Alle Befragten", "civil-society", r.Questionnaires[0].SHA256} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF LibreOffice made does not show %q", want)
		}
	}

	// A draft plan, in German: the workbook says it is a proposal.
	planned := samplePlanned(t)
	planned.Plan.Plan.Status = plan.Draft
	path = filepath.Join(t.TempDir(), "planned.xlsx")
	if err := os.WriteFile(path, render(t, "xlsx", Options{Lang: "de"}, planned), 0o644); err != nil {
		t.Fatal(err)
	}
	text = officetest.Text(t, officetest.PDF(t, path))
	for _, want := range []string{"Vorgeschlagener Plan (Entwurf, von den Partnern noch nicht vereinbart)", "Vergleichsbasis",
		"Ziele erreicht: 3 von 5", "Überfällige Maßnahmen: M2, R1", "Zielwert", "ÜBERFÄLLIG", "läuft", "~+"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF LibreOffice made of the German plan does not show %q", want)
		}
	}
}
