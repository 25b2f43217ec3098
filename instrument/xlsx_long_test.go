package instrument

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/officetest"
)

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
	for sheet, h := range officetest.TallestRows(t, data) {
		if h > excelize.MaxRowHeight {
			t.Errorf("%s has a row %v points tall, more than %d", sheet, h, excelize.MaxRowHeight)
		}
		capped = capped || h == excelize.MaxRowHeight
	}
	if !capped {
		t.Errorf("no row is %d points tall: the long text's row was not made as tall as it can be", excelize.MaxRowHeight)
	}
	f := officetest.OpenBook(t, data)
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
