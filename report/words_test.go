package report

import (
	"testing"

	"github.com/r3l/r3l/internal/i18n"
)

// TestWordsInEveryLanguage checks that the reports' words exist in every
// language r3l offers.
func TestWordsInEveryLanguage(t *testing.T) {
	for key, texts := range ui {
		for _, lang := range i18n.Languages {
			if texts[lang] == "" {
				t.Errorf("word %q has no %s text", key, lang)
			}
		}
	}
}
