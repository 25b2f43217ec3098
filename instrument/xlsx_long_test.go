package instrument

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/framework"
)

var rowHeightAttr = regexp.MustCompile(`<row [^>]*\bht="([^"]+)"`)

// tallestRows returns the tallest row of each sheet of a workbook, in
// points, read from the sheets' XML.
func tallestRows(t *testing.T, data []byte) map[string]float64 {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	tallest := map[string]float64{}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		xml, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range rowHeightAttr.FindAllSubmatch(xml, -1) {
			h, err := strconv.ParseFloat(string(m[1]), 64)
			if err != nil {
				t.Fatalf("%s: row height %q", zf.Name, m[1])
			}
			tallest[zf.Name] = max(tallest[zf.Name], h)
		}
	}
	return tallest
}

// TestTemplateXLSXLongTexts writes the questionnaire of a framework whose
// indicator text is 3,000 characters long and whose area title is 1,000:
// the workbook is written, no row is taller than Excel's 409 points, the
// texts are whole in their cells, and the questionnaire reads back.
func TestTemplateXLSXLongTexts(t *testing.T) {
	indicator := strings.TrimSpace(strings.Repeat("The partners agree on the region's goals and review them every year. ", 44))
	area := strings.TrimSpace(strings.Repeat("Governance and partnerships ", 36))
	src := `schema: r3l.framework/v1
id: long
version: "1"
scales:
  - {id: s, kind: boolean}
default_scale: s
areas:
  - id: A
    title: "` + area + `"
    criteria:
      - id: A1
        title: Criterion A1
        indicators:
          - id: A1.a
            text: "` + indicator + `"
          - {id: A1.b, text: Short}
`
	if len(indicator) < 3000 || len(area) < 1000 {
		t.Fatalf("texts of %d and %d characters", len(indicator), len(area))
	}
	fw, err := framework.Load("long.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	data := templateBook(t, fw, Options{Region: "r", Period: "2024"})
	capped := false
	for sheet, h := range tallestRows(t, data) {
		if h > excelize.MaxRowHeight {
			t.Errorf("%s has a row %v points tall, more than %d", sheet, h, excelize.MaxRowHeight)
		}
		capped = capped || h == excelize.MaxRowHeight
	}
	if !capped {
		t.Errorf("no row is %d points tall: the long text's row was not made as tall as it can be", excelize.MaxRowHeight)
	}
	f := openBook(t, data)
	if got, _ := f.GetCellValue(SheetAnswers, "D2"); got != indicator {
		t.Errorf("Answers!D2 holds %d characters of the indicator's %d", len(got), len(indicator))
	}
	if got, _ := f.GetCellValue(SheetPriorities, "B2"); got != area {
		t.Errorf("Priorities!B2 holds %d characters of the area's title's %d", len(got), len(area))
	}
	if _, err := LoadWorkbook("q.xlsx", data, LoadOptions{Pick: FixedFramework(fw)}); err != nil {
		t.Errorf("the questionnaire does not read back: %v", err)
	}
}
