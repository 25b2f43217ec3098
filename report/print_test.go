package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/internal/officetest"
)

// The printed workbooks, read as a person holding the pages would: every
// page A4 landscape and legible, the charts whole on the Summary, each
// sheet's header words whole and repeated on every page with its label
// columns, numbers formatted. Each page's footer names its sheet, which
// the tests use to tell the pages apart.

// printedPage is one page of a printed workbook.
type printedPage struct {
	sheet string  // from the footer
	text  string  // as laid out (pdftotext -layout)
	words float64 // median height of its words, in points
}

// printWorkbook saves a workbook, prints it through LibreOffice and
// returns its pages.
func printWorkbook(t *testing.T, name string, data []byte) []printedPage {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := officetest.PDF(t, path)
	texts := strings.Split(officetest.Text(t, pdf), "\f")
	texts = texts[:len(texts)-1] // pdftotext ends every page with a form feed
	heights := wordHeights(t, pdf)
	if len(heights) != len(texts) {
		t.Fatalf("%d pages of text, %d of words", len(texts), len(heights))
	}
	footer := regexp.MustCompile(`(?m)^(\S.*?)\s{2,}\d+ / \d+\s*$`)
	pages := make([]printedPage, len(texts))
	for i, text := range texts {
		pages[i] = printedPage{sheet: "?", text: text, words: heights[i]}
		if m := footer.FindAllStringSubmatch(text, -1); len(m) > 0 {
			pages[i].sheet = m[len(m)-1][1]
		} else {
			t.Errorf("page %d has no footer naming its sheet:\n%.300s", i+1, text)
		}
	}
	landscapeA4(t, pdf, len(pages))
	return pages
}

// wordHeights is the median height of the words on each page of a PDF:
// 14.3 points is text printed at full size.
func wordHeights(t *testing.T, pdf string) []float64 {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	word := regexp.MustCompile(`yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)"`)
	var medians []float64
	for _, page := range strings.Split(string(out), "<page ")[1:] {
		var hs []float64
		for _, m := range word.FindAllStringSubmatch(page, -1) {
			lo, _ := strconv.ParseFloat(m[1], 64)
			hi, _ := strconv.ParseFloat(m[2], 64)
			hs = append(hs, hi-lo)
		}
		sort.Float64s(hs)
		median := 0.0
		if len(hs) > 0 {
			median = hs[len(hs)/2]
		}
		medians = append(medians, median)
	}
	return medians
}

// landscapeA4 checks that every page of a PDF is A4 landscape.
func landscapeA4(t *testing.T, pdf string, pages int) {
	t.Helper()
	out, err := exec.Command("pdfinfo", "-f", "1", "-l", strconv.Itoa(pages), pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	sizes := regexp.MustCompile(`(?m)^Page +\d+ size: +([0-9.]+) x ([0-9.]+) pts`).FindAllStringSubmatch(string(out), -1)
	if len(sizes) != pages {
		t.Fatalf("pdfinfo lists %d page sizes for %d pages", len(sizes), pages)
	}
	for i, m := range sizes {
		w, _ := strconv.ParseFloat(m[1], 64)
		h, _ := strconv.ParseFloat(m[2], 64)
		if int(w+0.5) != 842 || int(h+0.5) != 595 {
			t.Errorf("page %d is %s × %s points, not A4 landscape (842 × 595)", i+1, m[1], m[2])
		}
	}
}

// sheetPages are the pages of one sheet.
func sheetPages(pages []printedPage, sheet string) []printedPage {
	var out []printedPage
	for _, p := range pages {
		if p.sheet == sheet {
			out = append(out, p)
		}
	}
	return out
}

// headerCells are the header cells of each sheet of a workbook: the top
// row of its autofilter or table, and of the columns it repeats on every
// printed page.
type headerCells struct {
	all    []string // every header cell of the sheet
	titles []string // the headers of the repeated columns
}

func workbookHeaders(t *testing.T, data []byte) map[string]headerCells {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tops := map[string][]string{} // sheet → ranges of header rows
	titleCols := map[string]int{}
	for _, d := range f.GetDefinedName() {
		ref := strings.ReplaceAll(d.RefersTo, "$", "")
		switch d.Name {
		case "_xlnm._FilterDatabase":
			tops[d.Scope] = append(tops[d.Scope], ref[strings.Index(ref, "!")+1:])
		case "_xlnm.Print_Titles":
			if m := regexp.MustCompile(`!A:([A-Z]+)`).FindStringSubmatch(ref); m != nil {
				titleCols[d.Scope], _ = excelize.ColumnNameToNumber(m[1])
			}
		}
	}
	out := map[string]headerCells{}
	for _, sheet := range f.GetSheetList() {
		tables, _ := f.GetTables(sheet)
		for _, tb := range tables {
			tops[sheet] = append(tops[sheet], tb.Range)
		}
		rows, _ := f.GetRows(sheet)
		var h headerCells
		for _, rng := range tops[sheet] {
			from, to, _ := strings.Cut(rng, ":")
			c1, r1, _ := excelize.CellNameToCoordinates(from)
			c2, _, _ := excelize.CellNameToCoordinates(to)
			for c := c1; c <= c2 && r1 <= len(rows); c++ {
				if c <= len(rows[r1-1]) && rows[r1-1][c-1] != "" {
					h.all = append(h.all, rows[r1-1][c-1])
					if c <= titleCols[sheet] {
						h.titles = append(h.titles, rows[r1-1][c-1])
					}
				}
			}
		}
		out[sheet] = h
	}
	return out
}

// headerWords splits headers where a spreadsheet may wrap them: at spaces
// and after hyphens. Printed, each must show whole.
func headerWords(headers ...string) []string {
	var words []string
	for _, h := range headers {
		for _, w := range strings.Fields(h) {
			for {
				i := strings.IndexByte(w, '-')
				if i < 0 || i == len(w)-1 {
					break
				}
				words = append(words, w[:i+1])
				w = w[i+1:]
			}
			words = append(words, w)
		}
	}
	return words
}

// checkPrinted checks what every printed workbook must show: a number of
// pages in [min, max], every page legible, every sheet printed, its header
// words whole, its repeated columns' headers on each of its pages.
func checkPrinted(t *testing.T, pages []printedPage, data []byte, lo, hi int) {
	t.Helper()
	if n := len(pages); n < lo || n > hi {
		t.Errorf("%d pages printed, want %d to %d", n, lo, hi)
	}
	for i, p := range pages {
		// 14.3 points at full size; below 8.5 the text is smaller than
		// 60% and hard to read.
		if p.words < 8.5 {
			t.Errorf("page %d (%s) is printed too small to read: words %.1f points high", i+1, p.sheet, p.words)
		}
	}
	for sheet, h := range workbookHeaders(t, data) {
		own := sheetPages(pages, sheet)
		if len(own) == 0 {
			t.Errorf("sheet %s is not printed", sheet)
			continue
		}
		var all strings.Builder
		for _, p := range own {
			all.WriteString(p.text)
		}
		for _, w := range headerWords(h.all...) {
			if !strings.Contains(all.String(), w) {
				t.Errorf("%s: the header word %q does not show whole on its pages", sheet, w)
			}
		}
		if sheet == sheetSummary || len(h.all) == 0 {
			continue // no header row to repeat: figures, then charts
		}
		// The header row on every page: its first word at least, and
		// the headers of the columns repeated on each.
		first := headerWords(h.all[0])[0]
		word := regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(first) + `(\s|$)`)
		for i, p := range own {
			if !word.MatchString(p.text) {
				t.Errorf("%s, its page %d: no header row (%q)", sheet, i+1, first)
			}
			for _, w := range headerWords(h.titles...) {
				if !strings.Contains(p.text, w) {
					t.Errorf("%s, its page %d: the header %q of a repeated column is missing", sheet, i+1, w)
				}
			}
		}
	}
}

// TestRegionWorkbookPrints prints the Lake Constance workbook. It prints
// on 15 pages in LibreOffice 7.4 with DejaVu fonts (CI's): Summary 2,
// Criteria 1, Indicators 8 (two pages across, four down), one each for
// the other four sheets; 13 to 17 allows for other versions and fonts.
// Before its sheets had print titles and legible widths it printed 10
// pages, the Indicators at a third of full size.
func TestRegionWorkbookPrints(t *testing.T) {
	r := sample(t, "lake-constance")
	r.Missing = []string{"r07-school.yaml"}
	data := render(t, "xlsx", Options{}, r)
	pages := printWorkbook(t, "lake-constance.xlsx", data)
	checkPrinted(t, pages, data, 13, 17)

	// The Summary: key figures and radar on one page, with the note that a
	// file is missing under the title; the criteria's bars, each labelled
	// with its criterion's title, whole on the next.
	summary := sheetPages(pages, sheetSummary)
	if len(summary) != 2 {
		t.Fatalf("the Summary prints on %d pages, want 2", len(summary))
	}
	for _, want := range []string{"Lake Constance Learning Region (lake-constance) — 2024", "Incomplete: 1 of the assessment's files",
		"r07-school.yaml", "64 of 64 applicable indicators answered", "Quality area — Score", "Partnerships and networks"} {
		if !strings.Contains(summary[0].text, want) {
			t.Errorf("Summary, page 1 does not show %q", want)
		}
	}
	bars := summary[1].text
	if !strings.Contains(bars, "Criterion — Score") {
		t.Errorf("Summary, page 2 has no title of the bar chart")
	}
	for _, a := range r.Areas {
		for _, c := range a.Criteria {
			// The ID with the start of the title: "A1 A common, shared".
			want := c.Criterion.ID + " " + strings.Join(strings.Fields(c.Criterion.Title.Get("en"))[:2], " ")
			if !strings.Contains(bars, want) {
				t.Errorf("the bar of %s is not labelled with its title: no %q", c.Criterion.ID, want)
			}
		}
	}
	// Evidence and comments in columns of their own; the clusters'
	// table headed Cluster and Points.
	indicators := ""
	for _, p := range sheetPages(pages, sheetIndicators) {
		indicators += p.text
	}
	for _, want := range []string{"Evidence", "Comments", "r01 (lead-partner): Zukunftswerkstatt", "r01 (lead-partner): Scenario work"} {
		if !strings.Contains(indicators, want) {
			t.Errorf("the Indicators pages do not show %q", want)
		}
	}
	if p := sheetPages(pages, sheetPriorities); len(p) == 0 || !regexp.MustCompile(`Cluster +Points`).MatchString(p[0].text) ||
		strings.Contains(p[0].text, "Cluster Cluster") {
		t.Errorf("the clusters' table is not headed Cluster, Points")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue(sheetSummary, "A2"); !strings.HasPrefix(v, "Incomplete:") {
		t.Errorf("Summary!A2 = %q, want the note of the missing file", v)
	}
}

// TestComparisonWorkbookPrints prints the comparison of the four sample
// assessments. It prints on 18 pages in LibreOffice 7.4 with DejaVu
// fonts: Overview 1, Criteria 2 and Indicators 3 (pages across, each
// with the assessments' labels), Statistics 5, Groups 1, Trends 1, Data 4,
// About 1; 15 to 21 allows for other versions and fonts. Before, it
// printed 36 portrait pages.
func TestComparisonWorkbookPrints(t *testing.T) {
	c := sampleComparison(t, 2)
	data := renderComparison(t, "xlsx", Options{}, c)
	pages := printWorkbook(t, "comparison.xlsx", data)
	checkPrinted(t, pages, data, 15, 21)

	if p := sheetPages(pages, "Overview"); len(p) != 1 || !strings.Contains(p[0].text, "Overall — Score") {
		t.Errorf("the Overview prints on %d pages, want 1 with the chart of the overall scores", len(p))
	}
	// Grids wider than a page print on pages across, every page with the
	// label of every assessment.
	for _, sheet := range []string{"Criteria", "Indicators"} {
		grid := sheetPages(pages, sheet)
		if len(grid) < 2 {
			t.Errorf("the %s grid prints on %d page, want it across several legible ones", sheet, len(grid))
		}
		var all strings.Builder
		for _, p := range grid {
			all.WriteString(p.text)
		}
		for i := range c.Entries {
			r := &c.Entries[i]
			// The label starts its row, in the first column.
			label := regexp.MustCompile(`(?m)^ *` + regexp.QuoteMeta(assessmentLabel(r)) + ` `)
			if n := len(label.FindAllString(all.String(), -1)); n != len(grid) {
				t.Errorf("%s: %q starts a row %d times on the grid's %d pages", sheet, assessmentLabel(r), n, len(grid))
			}
		}
	}
	// Data: scores with one decimal, coverage as a percentage; no number
	// anywhere with more decimals than that.
	var all strings.Builder
	for i, p := range pages {
		if m := regexp.MustCompile(`\b\d+\.\d{2,}\b`).FindString(p.text); m != "" {
			t.Errorf("page %d (%s) shows the unformatted number %s", i+1, p.sheet, m)
		}
		if p.sheet == "Data" {
			all.WriteString(p.text)
		}
	}
	// Lake Constance 2022 scored D1 29.1666…
	want := regexp.MustCompile(`lake-constance +Lake Constance Learning Region +cross-border +DE +2022 +criterion +D1 +29\.2 +100% +scored`)
	if !want.MatchString(all.String()) {
		t.Errorf("the Data pages do not show Lake Constance 2022, D1 as 29.2 and 100%%")
	}
}

// TestPlannedWorkbookPrints prints the workbook of Lake Constance 2024
// against its 2022 baseline and its plan. It prints on 16 pages in
// LibreOffice 7.4 with DejaVu fonts: the sample region's 15 and the Plan
// sheet; the Summary and Criteria keep their widths, the titles making
// room for the changes.
func TestPlannedWorkbookPrints(t *testing.T) {
	data := render(t, "xlsx", Options{}, samplePlanned(t))
	pages := printWorkbook(t, "lake-constance-planned.xlsx", data)
	checkPrinted(t, pages, data, 14, 18)
	for sheet, want := range map[string][]string{
		sheetSummary: {"Δ 2022", "+12.4", "2022 (3 respondents)", "~+10.5", "~ within noise", "Targets met: 3 of 5",
			"Overdue actions: M2, R1", "Target"},
		sheetPlan: {"Targets for 2024, set against the baseline 2022", "Targets met: 3 of 5 · Overdue actions: M2, R1",
			"Monitoring and evaluation inform", "Implementing", "M1 done", "Why", "Among the lowest quarter",
			"Annual evaluation workshop", "Volkshochschule", "OVERDUE", "2024-09-30", "Evidence"},
		sheetCriteria: {"Δ 2022", "~+10.0", "+19.4", "~ within noise"},
	} {
		own := sheetPages(pages, sheet)
		if sheet != sheetSummary && len(own) != 1 {
			t.Errorf("%s prints on %d pages, want 1", sheet, len(own))
		}
		var all strings.Builder
		for _, p := range own {
			all.WriteString(p.text)
		}
		for _, w := range want {
			if !strings.Contains(all.String(), w) {
				t.Errorf("the printed %s does not show %q", sheet, w)
			}
		}
	}
}
