package report

import (
	"math"
	"testing"
)

// fixed gives what the language's printer gives, the first time and from
// its cache, in every language.
func TestFixedCachedAsPrinted(t *testing.T) {
	for _, lang := range []string{"en", "de", "sv", "fr", "es"} {
		s := newStyle(Options{Lang: lang})
		for _, v := range []float64{0.04, -0.04, math.Copysign(0, -1), 0, 62.45, -12.35, 1234.5, 100} {
			for _, d := range []int{0, 1} {
				want := s.p.Sprintf("%.*f", d, RoundHalfAway(v, d))
				for range 2 {
					if got := s.fixed(v, d); got != want {
						t.Errorf("%s: fixed(%v, %d) = %q, want %q", lang, v, d, got, want)
					}
				}
			}
		}
	}
	de, en := newStyle(Options{Lang: "de"}), newStyle(Options{Lang: "en"})
	if de.fixed(62.5, 1) == en.fixed(62.5, 1) {
		t.Errorf("de and en both %q", de.fixed(62.5, 1))
	}
}
