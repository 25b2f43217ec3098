package framework

import (
	"math"
	"strings"
	"testing"
)

// withScale is minimal with its boolean scale replaced by scale, a flow
// mapping on line 5 from column 5.
func withScale(scale string) string {
	return strings.Replace(minimal, "{id: s, kind: boolean}", scale, 1)
}

// withWeight is minimal with weight on its indicator (line 14).
func withWeight(w string) string {
	return strings.Replace(minimal, "{id: A1.a, text: Statement}", "{id: A1.a, text: Statement, weight: "+w+"}", 1)
}

// TestLoadRejectsIncomputableNumbers: numbers no score can be computed
// from — not finite, or so large that differences and sums overflow —
// are errors with their position, not NaN in the reports.
func TestLoadRejectsIncomputableNumbers(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"numeric scale at ±9e307", withScale("{id: s, kind: numeric, worst: -9e307, best: 9e307}"), []string{
			`fw.yaml:5:35: scale s worst must be a number from -1e15 to 1e15, not -9e307`,
			`fw.yaml:5:49: scale s best must be a number from -1e15 to 1e15, not 9e307`,
		}},
		{"numeric scale min and max", withScale("{id: s, kind: numeric, min: -1e300, max: 1e16, worst: 0, best: 1}"), []string{
			`fw.yaml:5:33: scale s min must be a number from -1e15 to 1e15, not -1e300`,
			`fw.yaml:5:46: scale s max must be a number from -1e15 to 1e15, not 1e16`,
		}},
		{"numeric scale infinite and not a number", withScale("{id: s, kind: numeric, worst: .inf, best: .nan}"), []string{
			`fw.yaml:5:35: scale s worst must be a number from -1e15 to 1e15, not .inf`,
			`fw.yaml:5:47: scale s best must be a number from -1e15 to 1e15, not .nan`,
		}},
		{"ordinal points", withScale("{id: s, kind: ordinal, points: [{value: -9e307, code: a}, {value: 9e307, code: b}, {value: -.inf, code: c}]}"), []string{
			`fw.yaml:5:45: scale s point value must be a number from -1e15 to 1e15, not -9e307`,
			`fw.yaml:5:71: scale s point value must be a number from -1e15 to 1e15, not 9e307`,
			`fw.yaml:5:96: scale s point value must be a number from -1e15 to 1e15, not -.inf`,
		}},
		{"weight too large", withWeight("1e308"), []string{
			`fw.yaml:14:49: indicator A1.a: weight must be above 0 and at most 1e6, not 1e308`,
		}},
		{"weight infinite", withWeight(".inf"), []string{
			`fw.yaml:14:49: indicator A1.a: weight must be above 0 and at most 1e6, not .inf`,
		}},
		{"weight just above the bound", withWeight("1000000.5"), []string{
			`fw.yaml:14:49: indicator A1.a: weight must be above 0 and at most 1e6, not 1000000.5`,
		}},
		{"weight zero", withWeight("0"), []string{
			`fw.yaml:14:49: indicator A1.a: weight must be above 0 and at most 1e6, not 0`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sameLines(t, loadErrs(t, tc.src), tc.want)
		})
	}
}

// TestLoadAcceptsNumbersAtTheBounds: the largest numbers allowed load and
// score without overflow.
func TestLoadAcceptsNumbersAtTheBounds(t *testing.T) {
	f := loadOK(t, withWeight("1e6"))
	if w := f.Indicator("A1.a").Weight; w != 1e6 {
		t.Errorf("weight %v, want 1e6", w)
	}
	f = loadOK(t, withScale("{id: s, kind: numeric, min: -1e15, max: 1e15, worst: -1e15, best: 1e15}"))
	s := f.Scale("s")
	for _, c := range []struct{ v, want float64 }{{-1e15, 0}, {0, 50}, {5e14, 75}, {1e15, 100}} {
		if got := s.Score(c.v); got != c.want {
			t.Errorf("Score(%v) = %v, want %v", c.v, got, c.want)
		}
	}
	f = loadOK(t, withScale("{id: s, kind: ordinal, points: [{value: -1e15, code: a}, {value: 0, code: b}, {value: 1e15, code: c}]}"))
	if got := f.Scale("s").Score(0); got != 50 {
		t.Errorf("ordinal Score(0) = %v, want 50", got)
	}
}

// TestScoreDoesNotOverflow: best − worst of a scale spanning more than
// the largest float overflows; Score must still place the midpoint at
// 50. By hand: (0 − (−9e307)) / (9e307 − (−9e307)) = 9e307 / 1.8e308 = ½.
func TestScoreDoesNotOverflow(t *testing.T) {
	num := &Scale{Kind: Numeric, Worst: -9e307, Best: 9e307}
	rev := &Scale{Kind: Numeric, Worst: 9e307, Best: -9e307}
	ord := &Scale{Kind: Ordinal, Points: []Point{{Value: -9e307}, {Value: 0}, {Value: 9e307}}}
	for _, c := range []struct {
		name string
		s    *Scale
		v    float64
		want float64
	}{
		{"numeric midpoint", num, 0, 50},
		{"numeric three quarters", num, 4.5e307, 75},
		{"numeric worst", num, -9e307, 0},
		{"numeric best", num, 9e307, 100},
		{"numeric beyond best", num, math.MaxFloat64, 100},
		{"numeric beyond worst", num, -math.MaxFloat64, 0},
		{"lower is better, midpoint", rev, 0, 50},
		{"lower is better, quarter", rev, 4.5e307, 25},
		{"ordinal midpoint", ord, 0, 50},
		{"ordinal top", ord, 9e307, 100},
	} {
		if got := c.s.Score(c.v); got != c.want {
			t.Errorf("%s: Score(%v) = %v, want %v", c.name, c.v, got, c.want)
		}
	}
}
