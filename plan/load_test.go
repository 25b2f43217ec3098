package plan_test

import (
	"strings"
	"testing"

	"github.com/r3l/r3l/plan"
)

// TestParseProblems lists every problem of a plan file with mistakes of
// each kind, at its line and column, with the messages the workbook form
// shares (package instrument).
func TestParseProblems(t *testing.T) {
	src := `schema: r3l.plan/v2
status: final
framework: r3lplus
region: {id: lake-constance}
baseline_period: "2022"
target_period: "2022"
targets:
  - {id: C1, level: implementing}
  - {id: C1, score: 150}
  - {id: C2}
  - {id: C3, score: 20, level: planning}
  - {id: C4, score: abc}
actions:
  - {id: M1, title: A, criteria: [C1, C1], start: "2024-06", due: "2024-05"}
  - {id: M1, title: " ", criteria: [], status: finished, start: "2024-13"}
  - {id: M2, title: B, criteria: C1, due: "June"}
`
	_, err := plan.Parse("p.yaml", []byte(src))
	want := []string{
		`p.yaml:1:9: schema must be "r3l.plan/v1", not "r3l.plan/v2"`,
		`p.yaml:2:9: status must be one of draft, agreed, not "final"`,
		`p.yaml:6:16: target_period is the baseline period "2022": a plan looks ahead`,
		`p.yaml:9:10: a target for C1 is given twice`,
		`p.yaml:9:21: target score must be between 0 and 100, not 150`,
		`p.yaml:10:5: target C2 takes a score (0–100) or a level (a maturity level's id), one of the two`,
		`p.yaml:11:5: target C3 takes a score (0–100) or a level (a maturity level's id), one of the two`,
		`p.yaml:12:21: target score must be a number, not "abc"`,
		`p.yaml:14:34: action M1 names criterion C1 twice`,
		`p.yaml:14:67: action M1 is due (2024-05) before it starts (2024-06)`,
		`p.yaml:15:10: action id M1 is used twice`,
		`p.yaml:15:21: action title is empty`,
		`p.yaml:15:36: action M1 serves no criterion: name at least one`,
		`p.yaml:15:48: action status must be one of planned, running, done, dropped, not "finished"`,
		`p.yaml:15:65: start: "2024-13" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY`,
		`p.yaml:16:43: due: "June" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got\n%v\nwant\n%s", err, strings.Join(want, "\n"))
	}
}
