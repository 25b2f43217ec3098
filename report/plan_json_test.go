package report

import (
	"encoding/json"
	"math"
	"testing"
)

// TestGoldenPlannedJSON: the 2024 report against the 2022 baseline and the
// plan, with the fields docs/reference.md §5.1 adds for them.
func TestGoldenPlannedJSON(t *testing.T) {
	out := render(t, "json", Options{}, samplePlanned(t))
	golden(t, "lake-constance-planned.json", out, jsonEqual)

	type change struct {
		Period           string
		Score, Delta, SE *float64
		Noise            bool
	}
	type target struct {
		Score   float64
		Level   *string
		Gap     *float64
		Met     bool
		Actions []string
	}
	var doc struct {
		Score    *float64
		Baseline *struct {
			change
			Respondents int
		}
		Spread struct {
			N  int
			SD *float64
		}
		Plan struct {
			Status  string
			Date    string
			Overdue []string
			Actions []struct {
				ID      string
				Overdue bool
			}
		}
		Areas []struct {
			ID       string
			Target   *target
			Baseline *change
			Criteria []struct {
				ID       string
				Score    *float64
				Target   *target
				Baseline *change
			}
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	near := func(what string, got *float64, want float64) {
		t.Helper()
		if got == nil || math.Abs(*got-want) > 0.05 {
			t.Errorf("%s = %v, want %.1f", what, got, want)
		}
	}
	// Overall 55.1 in 2024 (6 respondents) against 42.7 in 2022 (3).
	if doc.Baseline == nil || doc.Baseline.Period != "2022" || doc.Baseline.Respondents != 3 {
		t.Fatalf("baseline %+v", doc.Baseline)
	}
	near("baseline score", doc.Baseline.Score, 42.7)
	near("delta", doc.Baseline.Delta, 55.1-42.7)
	if doc.Spread.N != 6 || doc.Spread.SD == nil {
		t.Errorf("spread %+v", doc.Spread)
	}
	c := doc.Areas[2]
	// Area C: target 35 against 33.2, not met; actions of C1, C2, C9, C4, C7.
	if c.ID != "C" || c.Target == nil || c.Target.Met || c.Target.Score != 35 {
		t.Fatalf("area C target %+v", c.Target)
	}
	near("C gap", c.Target.Gap, 35-33.2)
	if got := c.Target.Actions; len(got) != 3 || got[0] != "M1" || got[1] != "M2" || got[2] != "R1" {
		t.Errorf("area C actions %v", got)
	}
	// C1: level implementing (30) against 26.4 (19.4 in 2022).
	c1 := c.Criteria[0]
	if c1.Target == nil || c1.Target.Score != 30 || *c1.Target.Level != "implementing" || c1.Target.Met {
		t.Errorf("C1 target %+v", c1.Target)
	}
	near("C1 gap", c1.Target.Gap, 30-26.4)
	near("C1 delta", c1.Baseline.Delta, 6.94) // 26.39 − 19.44
	// C9: score 25 against 27.8: met, the gap negative.
	c9 := c.Criteria[8]
	if c9.ID != "C9" || c9.Target == nil || !c9.Target.Met {
		t.Errorf("C9 target %+v", c9.Target)
	}
	near("C9 gap", c9.Target.Gap, 25-27.8)
	if doc.Plan.Status != "agreed" || doc.Plan.Date != "2025-03-01" || len(doc.Plan.Overdue) != 2 {
		t.Errorf("plan %+v", doc.Plan)
	}
}
