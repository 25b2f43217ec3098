package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

// wideComparison compares regions assessed on a framework of n
// indicators (four areas, ten indicators to a criterion), each region by
// one respondent.
func wideComparison(t testing.TB, n, regions int) *assess.Comparison {
	t.Helper()
	var src strings.Builder
	src.WriteString("schema: r3l.framework/v1\nid: wide\nversion: \"1\"\nscales:\n  - {id: s, kind: numeric, min: 0, max: 100, worst: 0, best: 100}\ndefault_scale: s\nareas:\n")
	for i := 0; i < n; i++ {
		if i%(n/4) == 0 {
			fmt.Fprintf(&src, "  - id: A%d\n    title: Area %d\n    criteria:\n", i/(n/4)+1, i/(n/4)+1)
		}
		if i%10 == 0 {
			fmt.Fprintf(&src, "      - id: C%d\n        title: Criterion %d\n        indicators:\n", i/10+1, i/10+1)
		}
		fmt.Fprintf(&src, "          - {id: I%d, text: Indicator %d}\n", i+1, i+1)
	}
	fw, err := framework.Load("wide.yaml", []byte(src.String()))
	if err != nil {
		t.Fatal(err)
	}
	var results []*assess.Result
	for r := range regions {
		q := &assess.Questionnaire{Path: fmt.Sprintf("r%d.yaml", r), SHA256: strings.Repeat("0", 64), FrameworkID: "wide", Framework: fw,
			Region: assess.Region{ID: fmt.Sprintf("r%d", r), Name: fmt.Sprintf("Region %d", r)}, Period: "2024",
			Respondent: assess.Respondent{ID: "a"}, Answers: make([]assess.Answer, n)}
		for i := range q.Answers {
			v := float64((i*7 + r*13) % 101)
			q.Answers[i] = assess.Answer{Kind: assess.Valued, Value: v}
		}
		as, err := assess.Group([]*assess.Questionnaire{q})
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, assess.Score(fw, as[0], assess.Options{}))
	}
	return assess.Compare(fw, results, assess.CompareOptions{})
}

var colElement = regexp.MustCompile(`<col [^>]*/>`)

// TestComparisonXLSXManyIndicators writes the comparison of a framework
// of 5,000 indicators: the Indicators sheet is 5,003 columns wide, every
// one as wide as it should be, and its column widths are a handful of
// ranges, set at once, not one by one.
func TestComparisonXLSXManyIndicators(t *testing.T) {
	const n = 5000
	c := wideComparison(t, n, 3)
	data := renderComparison(t, "xlsx", Options{}, c)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Indicators")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || len(rows[0]) != 3+n || rows[0][3+n-1] != fmt.Sprintf("I%d", n) {
		t.Fatalf("Indicators: %d rows, header of %d columns", len(rows), len(rows[0]))
	}
	// Six, or as wide as the indicator's id in bold.
	for col, want := range map[string]float64{"D": 6, "Z": 6, "AAA": 6, "GJJ": 6.768} {
		if w, err := f.GetColWidth("Indicators", col); err != nil || math.Abs(w-want) > 0.01 {
			t.Errorf("column %s is %v wide, want %v (%v)", col, w, want, err)
		}
	}
	for name, part := range map[string]string{"Criteria": "xl/worksheets/sheet2.xml", "Indicators": "xl/worksheets/sheet3.xml"} {
		xml := readEntry(t, data, part)
		if cols := colElement.FindAllString(xml, -1); len(cols) > 10 {
			t.Errorf("%s: %d <col> elements, want a few ranges: %s …", name, len(cols), strings.Join(cols[:5], ""))
		}
	}
}

// BenchmarkComparisonXLSXIndicators writes the comparison workbook of
// ten regions on frameworks of 1,000 and 5,000 indicators.
func BenchmarkComparisonXLSXIndicators(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			c := wideComparison(b, n, 10)
			w, err := New("xlsx", Options{Lang: "en", Version: "bench"})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := w.Comparison(io.Discard, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestComparisonXLSXWiderThanASheet compares on a framework of more
// indicators than a sheet has columns: the Indicators matrix goes on in a
// second sheet, each indicator in one of them once.
func TestComparisonXLSXWiderThanASheet(t *testing.T) {
	const n = 16400
	c := wideComparison(t, n, 2)
	data := renderComparison(t, "xlsx", Options{}, c)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := 0
	for _, sheet := range []string{"Indicators", "Indicators 2"} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || rows[0][0] != "Assessment" || rows[1][0] != "r0 2024" {
			t.Fatalf("%s: %d rows, %q", sheet, len(rows), rows[0][:3])
		}
		for i, id := range rows[0][3:] {
			if want := fmt.Sprintf("I%d", seen+i+1); id != want {
				t.Fatalf("%s: column %d is %s, want %s", sheet, i+4, id, want)
			}
		}
		seen += len(rows[0]) - 3
	}
	if seen != n {
		t.Errorf("%d indicators in the matrix, want %d", seen, n)
	}
}

// manyRespondents is a sample region's assessment by n respondents (its
// questionnaires over and over, without their notes).
func manyRespondents(t testing.TB, n int) *assess.Result {
	t.Helper()
	base := sample(t, "kaunas")
	var qs []*assess.Questionnaire
	for i := range n {
		q := *base.Questionnaires[i%len(base.Questionnaires)]
		q.Respondent.ID = fmt.Sprintf("r%05d", i)
		q.Path = fmt.Sprintf("q%05d.yaml", i)
		q.Digest = q.Path
		q.DropNotes()
		qs = append(qs, &q)
	}
	as, err := assess.Group(qs)
	if err != nil {
		t.Fatal(err)
	}
	return assess.Score(base.Framework, as[0], assess.Options{})
}

// BenchmarkAssessmentXLSXRespondents writes the report workbook of a
// region of 500 and 2,000 respondents, a column for each on the
// Indicators sheet.
func BenchmarkAssessmentXLSXRespondents(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			r := manyRespondents(b, n)
			w, err := New("xlsx", Options{Lang: "en", Version: "bench"})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := w.Assessment(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
