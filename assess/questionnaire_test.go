package assess_test

import (
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

// formsFramework has a scale of each kind, the ordinal one labelled in two
// languages; the label of first-steps holds a dash, as a label may.
const formsFramework = `schema: r3l.framework/v1
id: forms
version: "1"
scales:
  - id: agree5
    kind: ordinal
    points:
      - {value: 1, code: absent, label: {en: Not in place, de: Nicht vorhanden}}
      - {value: 2, code: first-steps, label: {en: Started - not yet in use, de: Erste Schritte}}
      - {value: 3, code: partly, label: {en: Partly in place, de: Teilweise umgesetzt}}
      - {value: 4, code: largely, label: {en: Largely in place, de: Weitgehend umgesetzt}}
      - {value: 5, code: fully, label: {en: Fully in place, de: Vollständig umgesetzt}}
    allow: [na, dk]
  - {id: yesno, kind: boolean, allow: [na]}
  - {id: share, kind: numeric, unit: "%", min: 0, max: 100, worst: 0, best: 100, allow: [dk]}
default_scale: agree5
areas:
  - id: A
    title: Area
    criteria:
      - id: A1
        title: Criterion
        indicators:
          - {id: A1.a, text: Ordinal}
`

// TestParseAnswerForms lists every form an answer may take, with the
// answer each gives, written out by hand.
func TestParseAnswerForms(t *testing.T) {
	fw, err := framework.Load("forms.yaml", []byte(formsFramework))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		scale, text string
		kind        assess.AnswerKind
		value       float64
	}{
		{"agree5", "4", assess.Valued, 4},                        // a value
		{"agree5", " 4.0 ", assess.Valued, 4},                    // a value written otherwise
		{"agree5", "largely", assess.Valued, 4},                  // a code
		{"agree5", "LARGELY", assess.Valued, 4},                  // in any case
		{"agree5", "First-Steps", assess.Valued, 2},              // a code with a hyphen
		{"agree5", "Largely in place", assess.Valued, 4},         // a label
		{"agree5", "largely IN PLACE", assess.Valued, 4},         // in any case
		{"agree5", "Weitgehend umgesetzt", assess.Valued, 4},     // in another language
		{"agree5", "started - not yet in use", assess.Valued, 2}, // a label holding a dash
		{"agree5", "4 – Largely in place", assess.Valued, 4},     // the drop-down text
		{"agree5", "4 – Weitgehend umgesetzt", assess.Valued, 4}, // in another language
		{"agree5", "4 – anything", assess.Valued, 4},             // only the part before the dash counts
		{"agree5", "4 - Largely in place", assess.Valued, 4},     // a hyphen typed by hand
		{"agree5", "4 — Largely in place", assess.Valued, 4},     // an em dash
		{"agree5", "Largely – Largely in place", assess.Valued, 4},
		{"agree5", "1 – Nicht vorhanden", assess.Valued, 1},
		{"agree5", "na", assess.NotApplicable, 0},
		{"agree5", " NA ", assess.NotApplicable, 0},
		{"agree5", "na – not applicable", assess.NotApplicable, 0},
		{"agree5", "Dk – weiß nicht", assess.DontKnow, 0},
		{"yesno", "yes", assess.Valued, 1},
		{"yesno", "YES", assess.Valued, 1},
		{"yesno", "True", assess.Valued, 1},
		{"yesno", "no", assess.Valued, 0},
		{"yesno", "FALSE", assess.Valued, 0},
		{"yesno", "yes – ja", assess.Valued, 1},
		{"yesno", "no – nein", assess.Valued, 0},
		{"yesno", "na – nicht zutreffend", assess.NotApplicable, 0},
		{"share", "42.5", assess.Valued, 42.5},
		{"share", "1_0", assess.Valued, 10},
		{"share", "dk", assess.DontKnow, 0},
		{"share", "DK – don't know", assess.DontKnow, 0},
	}
	for _, tt := range tests {
		kind, v, msg := assess.ParseAnswer(fw.Scale(tt.scale), tt.text)
		if msg != "" || kind != tt.kind || v != tt.value {
			t.Errorf("%s %q: kind %v value %v message %q, want kind %v value %v", tt.scale, tt.text, kind, v, msg, tt.kind, tt.value)
		}
	}
}

// TestParseAnswerFormErrors checks the messages for answers that are none
// of the forms; of a drop-down item, the part before the dash is named.
func TestParseAnswerFormErrors(t *testing.T) {
	fw, err := framework.Load("forms.yaml", []byte(formsFramework))
	if err != nil {
		t.Fatal(err)
	}
	const agree5 = "(expected 1, 2, 3, 4, 5; absent, first-steps, partly, largely, fully; na; dk)"
	tests := []struct{ scale, text, msg string }{
		{"agree5", "7 – Excellent", `"7" is not on scale agree5 ` + agree5},
		{"agree5", "Started", `"Started" is not on scale agree5 ` + agree5},
		{"agree5", "Mostly in place", `"Mostly in place" is not on scale agree5 ` + agree5},
		{"agree5", "largely in", `"largely in" is not on scale agree5 ` + agree5},
		{"yesno", "ja", `"ja" is not a yes/no answer (expected yes, no; na)`},
		{"yesno", "1", `"1" is not a yes/no answer (expected yes, no; na)`},
		{"yesno", "dk – don't know", `"dk" is not allowed on scale yesno (expected yes, no; na)`},
		{"share", "1 - 5", `"1 - 5" is not a number (expected a number from 0 to 100 %; dk)`}, // a range, not 1
		{"share", "50 – half", `"50 – half" is not a number (expected a number from 0 to 100 %; dk)`},
		{"share", "na – not applicable", `"na" is not allowed on scale share (expected a number from 0 to 100 %; dk)`},
	}
	for _, tt := range tests {
		kind, _, msg := assess.ParseAnswer(fw.Scale(tt.scale), tt.text)
		if msg != tt.msg || kind != assess.Missing {
			t.Errorf("%s %q: kind %v message\n\t%s\nwant\n\t%s", tt.scale, tt.text, kind, msg, tt.msg)
		}
	}
}

func TestCutListItem(t *testing.T) {
	tests := []struct{ text, code, label string }{
		{"4 – Largely in place", "4", "Largely in place"},
		{"A3 – Objectives – and targets", "A3", "Objectives – and targets"},
		{"4–largely", "4", "largely"},
		{"4 - largely", "4", "largely"},
		{"4 — largely", "4", "largely"},
		{"first-steps", "first-steps", ""}, // a hyphen without spaces is part of the code
		{"– 4", "– 4", ""},                 // nothing before the dash
		{"-3", "-3", ""},
	}
	for _, tt := range tests {
		code, label, ok := assess.CutListItem(tt.text)
		if code != tt.code || label != tt.label || ok != (tt.label != "") {
			t.Errorf("CutListItem(%q) = %q, %q, %v; want %q, %q", tt.text, code, label, ok, tt.code, tt.label)
		}
	}
}
