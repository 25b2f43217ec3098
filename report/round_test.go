package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestRoundHalfAway checks the one rounding rule of every format on the
// cases where rounding rules differ: halves, and decimals whose binary
// value lies just below the half.
func TestRoundHalfAway(t *testing.T) {
	tests := []struct {
		v        float64
		decimals int
		want     float64
	}{
		{56.25, 1, 56.3}, // half to even would give 56.2
		{56.35, 1, 56.4},
		{0.15, 1, 0.2}, // the binary value is 0.1499999…
		{0.25, 1, 0.3},
		{2.45, 1, 2.5},
		{99.95, 1, 100},
		{-0.25, 1, -0.3}, // away from zero
		{-12.45, 1, -12.5},
		{-0.04, 1, 0}, // no negative zero
		{43.349999999, 1, 43.3},
		{62.5, 0, 63},
		{0.5, 0, 1},
		{1e-7, 1, 0},
		{100, 1, 100},
		{175.0 / 3, 1, 58.3},
	}
	for _, tt := range tests {
		if got := RoundHalfAway(tt.v, tt.decimals); got != tt.want {
			t.Errorf("RoundHalfAway(%v, %d) = %v, want %v", tt.v, tt.decimals, got, tt.want)
		}
	}
}

// TestOneRounding writes a score of 56.25 in every format: each shows
// 56.3, as the workbook does through its number format.
func TestOneRounding(t *testing.T) {
	en, de := newStyle(Options{Lang: "en"}), newStyle(Options{Lang: "de"})
	v := 56.25
	if en.score(&v) != "56.3" || de.score(&v) != "56,3" {
		t.Errorf("score: %q, %q", en.score(&v), de.score(&v))
	}
	cov, d := 0.625, -2.25
	if en.pct(&cov) != "63%" || en.delta(&d) != "-2.3" {
		t.Errorf("pct %q, delta %q", en.pct(&cov), en.delta(&d))
	}
	r := sample(t, "lake-constance")
	a3 := &r.Areas[0].Criteria[2]
	a3.Score = &v
	for _, format := range []string{"table", "markdown", "html"} {
		out := string(render(t, format, Options{}, r))
		if !strings.Contains(out, "56.3") || strings.Contains(out, "56.2") {
			t.Errorf("%s does not show 56.25 as 56.3", format)
		}
	}
	// The workbook keeps the full number and shows it with one decimal,
	// which spreadsheets round half away from zero.
	f, err := excelize.OpenReader(bytes.NewReader(render(t, "xlsx", Options{}, r)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(sheetCriteria)
	for _, row := range rows {
		if len(row) > 5 && row[1] == "A3" && row[5] != "56.3" {
			t.Errorf("the workbook shows A3 as %q", row[5])
		}
	}
}
