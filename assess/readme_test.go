package assess_test

import (
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

// TestReadmeWorkedExample checks the numbers of the README's worked example.
func TestReadmeWorkedExample(t *testing.T) {
	fw, err := framework.Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	r1 := questionnaire(t, fw, "respondent: {id: r1}", "answers: {A3.a: 4, A3.b: 2, A3.c: na}")
	r2 := questionnaire(t, fw, "respondent: {id: r2}", "answers: {A3.a: 5, A3.b: dk, A3.c: na}")
	res := scoreAll(t, fw, assess.Options{}, r1, r2)
	a3 := res.Areas[0].Criteria[2]
	if a3.Criterion.ID != "A3" {
		t.Fatalf("criterion %s", a3.Criterion.ID)
	}
	checkScore(t, "A3.a", a3.Indicators[0].Score, 87.5)
	if sd := *a3.Indicators[0].SD; sd != 12.5 {
		t.Errorf("A3.a sd %v, want 12.5", sd)
	}
	checkScore(t, "A3.b", a3.Indicators[1].Score, 25)
	if a3.Indicators[2].Status != assess.NA {
		t.Errorf("A3.c status %s", a3.Indicators[2].Status)
	}
	checkNode(t, "A3", a3.Node, assess.Scored, 56.25, 1)
	if a3.Level == nil || a3.Level.ID != "reviewing" {
		t.Errorf("A3 level %v", a3.Level)
	}

	r1 = questionnaire(t, fw, "respondent: {id: r1}", "answers: {A3.a: 4, A3.b: dk, A3.c: na}")
	res = scoreAll(t, fw, assess.Options{}, r1, r2)
	checkNode(t, "A3 with A3.b unscored", res.Areas[0].Criteria[2].Node, assess.Scored, 87.5, 0.5)
}
