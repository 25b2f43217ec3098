package instrument

import (
	"strings"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

// TestWorkbookForBaseWithExtension reads a workbook for scoring.yaml
// against its extension scoring-extended.yaml (docs/reference.md §1.2):
// the answer to A2.c, which the extension drops, is left out, not an
// error; the others count.
func TestWorkbookForBaseWithExtension(t *testing.T) {
	ext, err := framework.LoadFile("../testdata/frameworks/scoring-extended.yaml")
	if err != nil {
		t.Fatal(err)
	}
	opts := LoadOptions{Pick: FixedFramework(ext)}
	// Rows: A1.a 2, A1.b 3, A2.a 4, A2.b 5, A2.c 6, … (scoringRows).
	q, err := loadWB(t, scoringBook(t, nil, map[string]any{"E2": 4, "E6": 6}, nil), opts)
	if err != nil {
		t.Fatal(err)
	}
	if q.Framework != ext || strings.Join(q.LeftOut, " ") != "A2.c" || len(q.Answers) != len(ext.Indicators) {
		t.Fatalf("framework %s, left out %v, %d answers", q.Framework.ID, q.LeftOut, len(q.Answers))
	}
	ind := ext.Indicator("A1.a")
	if a := q.Answers[ind.Index]; a.Kind != assess.Valued || ind.Scale.Score(a.Value) != 75 {
		t.Errorf("A1.a scores %v, want 75", ind.Scale.Score(a.Value))
	}
	// Left empty, a dropped indicator is no answer to leave out.
	if q, err := loadWB(t, scoringBook(t, nil, map[string]any{"E2": 4}, nil), opts); err != nil || len(q.LeftOut) != 0 {
		t.Errorf("left out %v (%v)", q.LeftOut, err)
	}
	// --strict still wants what the extension adds.
	opts.Strict = true
	_, err = loadWB(t, scoringBook(t, nil, map[string]any{"E2": 4}, nil), opts)
	if err == nil || !strings.Contains(err.Error(), "unanswered (--strict): A1.b, A1.c,") {
		t.Errorf("strict: %v", err)
	}
}
