package workbook

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestWidthsSavedInRanges writes a streamed sheet and an ordinary one
// whose widths are deferred, thousands of columns wide, with and
// without deferred rows: each column reads back as wide as it was set,
// and the sheets hold a <col> element for each run of one width, not one
// for each column.
func TestWidthsSavedInRanges(t *testing.T) {
	const n = 4000
	widths := []float64{20, 12, 0, 6}
	headers := []string{"a", "b", "c", "d"}
	for i := 4; i < n; i++ {
		widths = append(widths, 6+float64(i/1000)) // four runs
		headers = append(headers, fmt.Sprint(i))
	}
	widths[n-1] = 300 // wider than a column can be
	for _, splice := range []bool{true, false} {
		t.Run(fmt.Sprintf("splice %v", splice), func(t *testing.T) {
			b := New()
			defer b.Close()
			b.Splice = splice
			ss := b.Stream("Streamed", headers, widths, 1, 0, PrintSetup{})
			ss.DeferRows(2, func(add func(...any) error) error {
				if err := add("x", 1); err != nil {
					return err
				}
				return add("y", 2)
			})
			ss.Close()
			b.Sheet("Ordinary")
			b.DeferWidths("Ordinary")
			b.Widths("Ordinary", widths[:10]...)
			b.Widths("Ordinary", append(make([]float64, 10), widths[10:]...)...)
			for i, h := range headers {
				b.Set("Ordinary", i+1, 1, h)
			}
			if got := b.ColWidth("Ordinary", 1); got != 20 {
				t.Errorf("ColWidth of a deferred sheet's column A is %v, want 20", got)
			}
			var buf bytes.Buffer
			start := time.Now()
			if err := b.SaveTo(&buf); err != nil {
				t.Fatal(err)
			}
			t.Logf("saved in %v", time.Since(start))
			f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			for sheet, part := range map[string]string{"Streamed": "xl/worksheets/sheet1.xml", "Ordinary": "xl/worksheets/sheet2.xml"} {
				for _, col := range []int{1, 2, 3, 4, 5, 999, 1000, 2500, n - 1, n} {
					want := widths[col-1]
					switch {
					case sheet == "Streamed":
						want = max(want, TextWidth(headers[col-1], true)) // fitted to the header
					case want == 0:
						want = defaultColWidth
					}
					want = min(want, excelize.MaxColumnWidth)
					if got, _ := f.GetColWidth(sheet, ColName(col)); math.Abs(got-want) > 1e-9 {
						t.Errorf("%s: column %d is %v wide, want %v", sheet, col, got, want)
					}
				}
				xml := partText(t, buf.Bytes(), part)
				if cols := regexp.MustCompile(`<col `).FindAllStringIndex(xml, -1); len(cols) > 8 {
					t.Errorf("%s: %d <col> elements", sheet, len(cols))
				}
				if strings.Count(xml, "<cols>") != 1 || strings.Index(xml, "<cols>") > strings.Index(xml, "<sheetData") {
					t.Errorf("%s: not one <cols> before <sheetData>", sheet)
				}
			}
			if rows, _ := f.GetRows("Streamed"); len(rows) != 3 || rows[2][0] != "y" {
				t.Errorf("the streamed sheet's rows: %q", rows)
			}
		})
	}
}

// partText is a part of a workbook archive.
func partText(t *testing.T, book []byte, part string) string {
	t.Helper()
	s, err := ReadSheets(book)
	if err != nil {
		t.Fatal(err)
	}
	zf := s.file(part)
	if zf == nil {
		t.Fatalf("no %s", part)
	}
	rc, err := zf.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	buf.ReadFrom(rc)
	return buf.String()
}
