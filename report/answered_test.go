package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/pipeline"
)

// partial scores one questionnaire that rates the first 24 indicators of
// R3L+, says na to the next 8 and leaves the other 32 unanswered.
func partial(t *testing.T) []byte {
	t.Helper()
	fw, err := framework.Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("schema: r3l.questionnaire/v1\nframework: r3lplus\nregion: {id: town}\nperiod: \"2024\"\nanswers:\n")
	for i, ind := range fw.Indicators[:32] {
		answer := "4"
		if i >= 24 {
			answer = "na"
		}
		fmt.Fprintf(&b, "  %s: %s\n", ind.ID, answer)
	}
	return []byte(b.String())
}

// TestHeadlineAnswered checks that every format's headline says how many
// applicable indicators were answered — not a coverage of 100% for a set
// with half its indicators open — and that the JSON carries the count on
// every node.
func TestHeadlineAnswered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.yaml")
	if err := os.WriteFile(path, partial(t), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	results, err := p.Run([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	r := results[0]
	want := map[string]string{"en": "24 of 56 applicable indicators answered", "de": "24 von 56 zutreffenden Indikatoren bewertet",
		"sv": "24 av 56 tillämpliga indikatorer besvarade"}
	for lang, line := range want {
		for _, format := range []string{"table", "markdown", "html"} {
			out := string(render(t, format, Options{Lang: lang, Width: 120}, r))
			if !strings.Contains(out, line) {
				t.Errorf("%s %s: no %q", format, lang, line)
			}
		}
		f, err := excelize.OpenReader(bytes.NewReader(render(t, "xlsx", Options{Lang: lang}, r)))
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := f.GetCellValue(sheetSummary, "B13"); v != line {
			t.Errorf("xlsx %s: Summary!B13 %q, want %q", lang, v, line)
		}
		f.Close()
	}
	var doc struct {
		Answered struct{ Scored, Applicable int }
		Areas    []struct {
			ID       string
			Answered struct{ Scored, Applicable int }
		}
	}
	if err := json.Unmarshal(render(t, "json", Options{}, r), &doc); err != nil {
		t.Fatal(err)
	}
	// Area A holds the first 25 indicators: A1.a–A8.b rated, A8.c na.
	// B's 5 are na, C's 20 and D's 12 open: 24 of 24+0+20+12 = 56.
	if doc.Answered.Scored != 24 || doc.Answered.Applicable != 56 {
		t.Errorf("JSON answered %+v, want 24 of 56", doc.Answered)
	}
	wantAreas := map[string][2]int{"A": {24, 24}, "B": {0, 0}, "C": {0, 20}, "D": {0, 12}}
	for _, a := range doc.Areas {
		if w := wantAreas[a.ID]; a.Answered.Scored != w[0] || a.Answered.Applicable != w[1] {
			t.Errorf("area %s: answered %+v, want %d of %d", a.ID, a.Answered, w[0], w[1])
		}
	}
}
