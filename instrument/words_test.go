package instrument

import "testing"

// TestWordsInEveryLanguage checks that the questionnaires' words exist in
// every language r3l offers.
func TestWordsInEveryLanguage(t *testing.T) {
	for _, m := range words.Missing() {
		t.Errorf("no text for %s", m)
	}
}
