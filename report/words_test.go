package report

import "testing"

// TestWordsInEveryLanguage checks that the reports' words exist in every
// language r3l offers.
func TestWordsInEveryLanguage(t *testing.T) {
	for _, m := range ui.Missing() {
		t.Errorf("no text for %s", m)
	}
}
