package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/internal/officetest"
)

// longText is a text of about n characters in lines lines, as a long
// piece of evidence pasted from a document is.
func longText(n, lines int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		if i > 0 && i%(n/lines/20+1) == 0 && strings.Count(b.String(), "\n") < lines-1 {
			b.WriteString("\n")
		} else if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "minutes%d of the partners' meeting", i)
	}
	return b.String()
}

// checkRowHeights fails the test if a row is taller than a spreadsheet
// allows (409 points), and reports whether some row is as tall as that.
func checkRowHeights(t *testing.T, data []byte) bool {
	t.Helper()
	capped := false
	for sheet, h := range officetest.TallestRows(t, data) {
		if h > excelize.MaxRowHeight {
			t.Errorf("%s has a row %v points tall, more than %d", sheet, h, excelize.MaxRowHeight)
		}
		capped = capped || h == excelize.MaxRowHeight
	}
	return capped
}

// cellHolding finds the cell of a sheet whose value contains text.
func cellHolding(t *testing.T, f *excelize.File, sheet, text string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			if strings.Contains(v, text) {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				return ref
			}
		}
	}
	return ""
}

// TestXLSXLongEvidence writes a report with evidence of 2,000 characters
// and of 30 lines: the workbook is written, every row within Excel's
// 409 points, and the evidence whole in its cell, wrapped.
func TestXLSXLongEvidence(t *testing.T) {
	for _, tt := range []struct {
		name string
		text string
	}{
		{"2000 characters", longText(2000, 1)},
		{"30 lines", strings.Repeat("a line of the minutes\n", 29) + "the last line"},
		{"both", longText(4000, 40)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := sample(t, "kaunas")
			r.Questionnaires[0].Answers[0].SetNotes(tt.text, r.Questionnaires[0].Answers[0].Comment())
			data := render(t, "xlsx", Options{}, r)
			if !checkRowHeights(t, data) {
				t.Errorf("no row is %d points tall: the evidence's row was not made as tall as it can be", excelize.MaxRowHeight)
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			ref := cellHolding(t, f, sheetIndicators, tt.text)
			if ref == "" {
				t.Fatalf("no cell of %s holds the whole evidence", sheetIndicators)
			}
			style, _ := f.GetCellStyle(sheetIndicators, ref)
			if st, _ := f.GetStyle(style); st == nil || st.Alignment == nil || !st.Alignment.WrapText {
				t.Errorf("%s!%s does not wrap its text", sheetIndicators, ref)
			}
		})
	}
}

// TestComparisonXLSXLongRegionName compares a region whose name is 1,200
// characters long: the workbook is written, every row within 409 points,
// the name whole in its cells.
func TestComparisonXLSXLongRegionName(t *testing.T) {
	c := sampleComparison(t, 2)
	name := strings.TrimSpace(strings.Repeat("Learning region of the lake and its hinterland ", 26))
	c.Entries[0].Region.Name = name
	r, _ := c.Result(0)
	r.Region.Name = name
	data := renderComparison(t, "xlsx", Options{}, c)
	if !checkRowHeights(t, data) {
		t.Errorf("no row is %d points tall: the long name's row was not made as tall as it can be", excelize.MaxRowHeight)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range []string{"Overview", "Data"} {
		if cellHolding(t, f, sheet, name) == "" {
			t.Errorf("no cell of %s holds the whole region name", sheet)
		}
	}
}
