package report

import (
	"testing"

	"github.com/r3l/r3l/assess"
)

// TestWordsInEveryLanguage checks that the reports' words exist in every
// language r3l offers: the reports', the proposal's and the crosswalk
// notes'.
func TestWordsInEveryLanguage(t *testing.T) {
	for _, m := range ui.Missing() {
		t.Errorf("no text for %s", m)
	}
	for _, m := range proposalWords.Missing() {
		t.Errorf("no text for %s", m)
	}
	for _, m := range crosswalkWords.Missing() {
		t.Errorf("no text for %s", m)
	}
}

// TestReasonText: each reason of the proposal in each language, with its
// numbers where that language's word order puts them.
func TestReasonText(t *testing.T) {
	overall := 42.7
	tests := []struct {
		r    assess.Reason
		lang string
		want string
	}{
		{assess.Reason{Kind: assess.ReasonLowScore, Value: 8.33, Count: 1, Of: 24, Overall: &overall}, "en",
			"low score: 8.3 against 42.7 overall (place 1 from the bottom of 24 scored criteria)"},
		{assess.Reason{Kind: assess.ReasonPriority, Value: 6, Count: 1, Of: 15}, "sv",
			"en prioritet för partnerna: 6 poäng (plats 1 av 15 rangordnade kriterier)"},
		{assess.Reason{Kind: assess.ReasonDisagreement, Count: 1, Of: 4}, "de",
			"die Befragten sind sich bei 1 von 4 Indikatoren uneinig"},
		{assess.Reason{Kind: assess.ReasonCoverage, Count: 2, Of: 5}, "en",
			"little evidence: 2 of 5 applicable indicators answered"},
		{assess.Reason{Kind: assess.ReasonFall, Value: -9.46, Period: "2022"}, "de",
			"seit 2022 um 9,5 Punkte gefallen, mehr als die Streuung der Antworten erklärt"},
		{assess.Reason{Kind: assess.ReasonFall, Value: -9.46, Period: "2022"}, "en",
			"fell 9.5 points since 2022, more than the spread of answers explains"},
	}
	for _, tt := range tests {
		if got := ReasonText(tt.r, tt.lang); got != tt.want {
			t.Errorf("%s %s: %q, want %q", tt.r.Kind, tt.lang, got, tt.want)
		}
	}
}
