package report

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/pipeline"
)

// TestAnonymousOutputs writes an anonymous report of Lake Constance in
// every format: no respondent id, no file name and no answer by respondent
// is left; groups below the minimum (2) are merged into "other".
func TestAnonymousOutputs(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "regions", "lake-constance", "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Options{Scoring: assess.Options{Anonymous: true, MinRole: 2}})
	if err != nil {
		t.Fatal(err)
	}
	results, err := p.Run(paths)
	if err != nil {
		t.Fatal(err)
	}
	r := results[0]
	for _, format := range []string{"table", "markdown", "json", "csv", "html", "xlsx"} {
		out := render(t, format, Options{Width: 120}, r)
		text := string(out)
		if format == "xlsx" {
			text = dumpWorkbook(t, out)
		}
		for _, leak := range []string{"r01", "r04", "lead-partner", "regional-development", ".yaml"} {
			if strings.Contains(text, leak) {
				t.Errorf("%s shows %q", format, leak)
			}
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(render(t, "xlsx", Options{}, r)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(sheetIndicators)
	header := strings.Join(rows[0], "|")
	if strings.Contains(header, "other") || strings.Contains(header, "employer") {
		t.Errorf("the Indicators sheet has answers by respondent: %s", header)
	}
	md := string(render(t, "markdown", Options{}, r))
	if !strings.Contains(md, "| employer | 2 |") || !strings.Contains(md, "| other    | 4 |") {
		t.Errorf("groups: %s", md[strings.Index(md, "## Stakeholder"):])
	}
}
