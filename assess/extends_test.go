package assess_test

import (
	"strings"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/instrument"
)

// baseQuestionnaire reads a questionnaire for the framework named (the
// base, or another) against fw, as -F fw does.
func baseQuestionnaire(t *testing.T, fw *framework.Framework, named, answers string) (*assess.Questionnaire, error) {
	t.Helper()
	src := "schema: r3l.questionnaire/v1\nframework: " + named + "\nregion: {id: r, name: R}\nperiod: \"2024\"\n" +
		"respondent: {id: r1}\nanswers:\n" + answers
	return instrument.LoadQuestionnaire("q.yaml", []byte(src), instrument.LoadOptions{Pick: instrument.FixedFramework(fw)})
}

// TestScoreBaseQuestionnaireWithExtension scores a questionnaire for
// scoring.yaml against its extension scoring-extended.yaml
// (docs/reference.md §1.2), which adds A1.c and B4 (B4.a), drops A2.c,
// weighs area A 1 instead of 3 and rewords B1.
func TestScoreBaseQuestionnaireWithExtension(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring-extended.yaml")
	q, err := baseQuestionnaire(t, fw, "scoring@1", `  A1.a: 4
  A1.b: 2
  A2.a: yes
  A2.b: 40
  A2.c: 6
  B1.a: 5
  B1.b: 3
  B2.a: 1
  B3.a: fully
`)
	if err != nil {
		t.Fatal(err)
	}
	if q.Framework != fw || strings.Join(q.LeftOut, " ") != "A2.c" {
		t.Fatalf("framework %s, left out %v", q.Framework.ID, q.LeftOut)
	}
	r := scoreAll(t, fw, assess.Options{}, q)
	// On agree5 (1–5): 4 → 75, 2 → 25, 5 → 100, 3 → 50, 1 → 0, fully → 100.
	// A1 = (1×75 + 3×25) / 4 = 37.5 over A1.a and A1.b; A1.c (weight 1,
	// added) is unanswered: coverage 4/5.
	checkNode(t, "A1", r.Areas[0].Criteria[0].Node, assess.Scored, 37.5, 0.8)
	// A2 = (100 + 40) / 2 = 70: the answer to A2.c (6 days, 80 in the
	// base) is left out with the indicator.
	checkNode(t, "A2", r.Areas[0].Criteria[1].Node, assess.Scored, 70, 1)
	// A = (2×37.5 + 1×70) / 3 = 48.333.
	checkNode(t, "A", r.Areas[0].Node, assess.Scored, 145.0/3, 1)
	checkNode(t, "B1", r.Areas[1].Criteria[0].Node, assess.Scored, 75, 1)
	checkNode(t, "B4", r.Areas[1].Criteria[3].Node, assess.Insufficient, 0, 0)
	// B = (75 + 0 + 100) / 3 = 58.333 over B1–B3; B4 unscored: coverage 3/4.
	checkNode(t, "B", r.Areas[1].Node, assess.Scored, 175.0/3, 0.75)
	// Overall = (1×48.333 + 1×58.333) / 2 = 53.333, A now weighing 1
	// (with the base's weight 3 it would be 50.833).
	checkNode(t, "overall", r.Node, assess.Scored, 160.0/3, 1)
	want := []string{
		"q.yaml: 2 of 10 indicators unanswered: A1.c, B4.a",
		"q.yaml: indicator A2.c is not in framework scoring-extended (dropped by the extension); its answer is left out",
	}
	if got := strings.Join(r.Warnings, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

// TestExtensionKeepsOtherChecks: only answers to dropped indicators of a
// base questionnaire are forgiven.
func TestExtensionKeepsOtherChecks(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring-extended.yaml")
	tests := []struct{ named, answers, want string }{
		// The extension's own questionnaires cannot answer what it dropped.
		{"scoring-extended", "  A2.c: 6\n", `q.yaml:7:3: unknown indicator "A2.c"`},
		{"scoring", "  A2.x: 6\n", `q.yaml:7:3: unknown indicator "A2.x"`},
		{"other", "  A1.a: 4\n", `q.yaml:2:12: questionnaire is for framework "other", but the framework in use is "scoring-extended"`},
		{"scoring", "  A2.c: 99 days\n  A2.c: 6\n", ``}, // not read at all, twice or not
	}
	for _, tt := range tests {
		q, err := baseQuestionnaire(t, fw, tt.named, tt.answers)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s %q: %v", tt.named, tt.answers, err)
		case tt.want == "":
			if len(q.LeftOut) != 2 {
				t.Errorf("left out %v", q.LeftOut)
			}
		case err == nil || !strings.HasPrefix(err.Error(), tt.want):
			t.Errorf("%s %q: got %v, want %s", tt.named, tt.answers, err, tt.want)
		}
	}
	// Unanswered, a dropped indicator is no warning.
	q, err := baseQuestionnaire(t, fw, "scoring", "  A2.c:\n  A1.a: {comment: later}\n")
	if err != nil || len(q.LeftOut) != 0 {
		t.Errorf("left out %v (%v)", q.LeftOut, err)
	}
}

// TestExtensionVersionWarning compares the version a questionnaire names
// with that of the framework it names, not the extension's.
func TestExtensionVersionWarning(t *testing.T) {
	fw := loadFramework(t, "../testdata/frameworks/scoring-extended.yaml")
	for named, want := range map[string]string{
		"scoring@1":            "",
		"scoring-extended@1":   "",
		"scoring@0":            "q.yaml: written for scoring@0, scored with version 1",
		"scoring-extended@0.9": "q.yaml: written for scoring-extended@0.9, scored with version 1",
	} {
		q, err := baseQuestionnaire(t, fw, named, "  A1.a: 4\n")
		if err != nil {
			t.Fatal(err)
		}
		as, err := assess.Group([]*assess.Questionnaire{q})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, w := range as[0].Warnings {
			if w.Kind == assess.WarnVersion {
				got = append(got, w.Msg)
			}
		}
		if strings.Join(got, "\n") != want {
			t.Errorf("%s: warnings %q, want %q", named, got, want)
		}
	}
}
