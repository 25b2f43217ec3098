package assess_test

import (
	"math"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

// boundsFramework has every number at the bound the loader allows
// (docs/reference.md §1, §1.1): a numeric scale from -1e15 to 1e15,
// ordinal points as far apart, and weights of 1e6 beside tiny ones.
const boundsFramework = `schema: r3l.framework/v1
id: bounds
version: "1"
scales:
  - {id: n, kind: numeric, worst: -1e15, best: 1e15}
  - {id: o, kind: ordinal, points: [{value: -1e15, code: lo}, {value: 0, code: mid}, {value: 1e15, code: hi}]}
default_scale: n
areas:
  - id: A
    title: A
    weight: 1e6
    criteria:
      - id: A1
        title: A1
        weight: 1e-300
        indicators:
          - {id: A1.a, text: T, weight: 1e6}
          - {id: A1.b, text: T, scale: o, weight: 1e-300}
  - id: B
    title: B
    weight: 1e-300
    criteria:
      - id: B1
        title: B1
        indicators:
          - {id: B1.a, text: T, weight: 1e6}
`

// TestScoresAtTheBoundsAreFinite: at the largest numbers a framework may
// hold and the largest answers a questionnaire may give, every score is
// a finite number between 0 and 100, computed by hand.
func TestScoresAtTheBoundsAreFinite(t *testing.T) {
	fw, err := framework.Load("bounds.yaml", []byte(boundsFramework))
	if err != nil {
		t.Fatal(err)
	}
	n := fw.Scale("n")
	for _, c := range []struct {
		answer string
		score  float64 // -1: refused
	}{
		{"0", 50}, {"5e14", 75}, {"-1e15", 0}, {"1e15", 100},
		// Answers beyond worst and best clamp; up to ±1e300 they are numbers.
		{"1e300", 100}, {"-1e300", 0},
		{"1e301", -1}, {"inf", -1}, {"-Inf", -1}, {"NaN", -1}, {"1e999", -1},
	} {
		kind, v, msg := assess.ParseAnswer(n, c.answer)
		switch {
		case c.score < 0 && kind != assess.Missing:
			t.Errorf("answer %s: read as %v, want refused", c.answer, v)
		case c.score < 0:
		case kind != assess.Valued || msg != "":
			t.Errorf("answer %s: refused: %s", c.answer, msg)
		case n.Score(v) != c.score:
			t.Errorf("answer %s scores %v, want %v", c.answer, n.Score(v), c.score)
		}
	}

	q := func(id, a, b, c string) *assess.Questionnaire {
		return questionnaire(t, fw, "respondent: {id: "+id+"}", "answers:\n  A1.a: "+a+"\n  A1.b: "+b+"\n  B1.a: "+c+"\n")
	}
	r := scoreAll(t, fw, assess.Options{}, q("r1", "1e300", "hi", "-1e15"), q("r2", "0", "mid", "1e15"))
	// A1.a: mean(100, 50) = 75; A1.b: mean(100, 50) = 75; B1.a: mean(0, 100) = 50.
	// A1 = 75 (both 75), A = 75, overall = (1e6×75 + 1e-300×50) / (1e6 + 1e-300) = 75.
	for _, c := range []struct {
		what string
		got  *float64
		want float64
	}{
		{"A1.a", find(r, "A1.a").Score, 75}, {"A1.b", find(r, "A1.b").Score, 75}, {"B1.a", find(r, "B1.a").Score, 50},
		{"A1.a sd", find(r, "A1.a").SD, 25}, {"overall", r.Score, 75},
	} {
		if c.got == nil || math.IsNaN(*c.got) || math.IsInf(*c.got, 0) || *c.got != c.want {
			t.Errorf("%s: %v, want %v", c.what, ptr(c.got), c.want)
		}
	}
}

func ptr(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
