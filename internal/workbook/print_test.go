package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestLines(t *testing.T) {
	for _, c := range []struct {
		text  string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"short", 10, 1},
		{"two words", 6, 2},
		{"A common, shared vision is defined and promoted", 50, 1},
		{"A common, shared vision is defined and promoted", 20, 3},
		{"one\ntwo\n", 40, 3},
		{"(regional-development)", 14, 2}, // after the hyphen
		{strings.Repeat("x", 30), 11, 3},  // a word wider than the column is broken
	} {
		if got := Lines(c.text, c.width, false); got != c.want {
			t.Errorf("Lines(%q, %v) = %d, want %d", c.text, c.width, got, c.want)
		}
	}
}

func TestFitHeaders(t *testing.T) {
	headers := []string{"Disagreement", "r06 (regional-development)", "n"}
	widths := []float64{6, 5, 3}
	lines := FitHeaders(headers, widths)
	for i, h := range headers {
		for part, _, rest := nextPart(h); part != ""; part, _, rest = nextPart(rest) {
			if Lines(part, widths[i], true) != 1 {
				t.Errorf("%q: %q is broken in a column %v wide", h, part, widths[i])
			}
		}
	}
	if widths[2] != 3 || lines != 3 {
		t.Errorf("widths %v, %d lines; want n left at 3, and 3 lines for r06 (regional- development)", widths, lines)
	}
}

func TestPagesWide(t *testing.T) {
	for _, c := range []struct {
		widths    []float64
		titleCols int
		want      int
	}{
		{[]float64{100, 60}, 0, 1},
		{[]float64{20, 100, 100}, 1, 2},
		{append([]float64{24}, repeat(6, 64)...), 1, 3},
		{[]float64{100, 100}, 1, 1}, // labels too wide to repeat
	} {
		if got := PagesWide(c.widths, c.titleCols); got != c.want {
			t.Errorf("PagesWide(%v, %d) = %d, want %d", c.widths, c.titleCols, got, c.want)
		}
	}
}

func repeat(w float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = w
	}
	return out
}

// TestStreamedSheetPrints checks that a streamed sheet, with rows
// deferred or not, gets its page setup without being read back: fit to
// page in its sheet properties, A4 landscape fitted to its row count, the
// footer, and the header row and label column repeated.
func TestStreamedSheetPrints(t *testing.T) {
	for _, splice := range []bool{true, false} {
		b := New()
		b.Splice = splice
		ss := b.Stream("Grid", []string{"Assessment", "Disagreement", "A1"}, []float64{20, 5, 6}, 1, 0, PrintSetup{})
		ss.DeferRows(40, func(add func(...any) error) error {
			for i := range 40 {
				v := float64(i)
				if err := add("label", &excelize.Cell{Value: &v}, nil); err != nil {
					return err
				}
			}
			return nil
		})
		ss.Close()
		var out bytes.Buffer
		if err := b.SaveTo(&out); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
		if err != nil {
			t.Fatal(err)
		}
		read := func(name string) string {
			f, err := zr.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(f)
			return string(data)
		}
		sheet, book := read("xl/worksheets/sheet1.xml"), read("xl/workbook.xml")
		for _, want := range []string{
			`<sheetPr><pageSetUpPr fitToPage="true"></pageSetUpPr></sheetPr>`,
			`<pageSetup fitToHeight="41" fitToWidth="1" orientation="landscape" paperSize="9"></pageSetup>`,
			`<oddFooter>&amp;L&amp;8&amp;A&amp;R&amp;8&amp;P / &amp;N</oddFooter>`,
			`<c r="B41"><v>39</v></c>`,
		} {
			if !strings.Contains(sheet, want) {
				t.Errorf("splice %v: the sheet lacks %s", splice, want)
			}
		}
		if !strings.Contains(book, `name="_xlnm.Print_Titles">&#39;Grid&#39;!$A:$A,&#39;Grid&#39;!$1:$1<`) {
			t.Errorf("splice %v: no print titles in %s", splice, book)
		}
		// The header "Disagreement" is not broken: its column is widened.
		m := regexp.MustCompile(`<col min="2" max="2" width="([0-9.]+)"`).FindStringSubmatch(sheet)
		if m == nil || m[1] == "5" {
			t.Errorf("splice %v: column B is not widened for its header: %v", splice, m)
		}
	}
}
