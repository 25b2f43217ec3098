// Package i18n holds what r3l's own texts need in every language: tables of
// words, the languages they exist in, matching a requested language tag,
// and laying text out in lines.
package i18n

import (
	"fmt"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"golang.org/x/text/language"
)

// Languages are the languages r3l's reports and questionnaires are written
// in, sorted. Every table of words has each of them (tests check).
var Languages = []string{"de", "en", "sv"}

// Words maps a key to its text in each language.
type Words map[string]map[string]string

// Get returns the text of key in lang, falling back to English, and to the
// key itself when the table does not have it.
func (w Words) Get(lang, key string) string {
	if m, ok := w[key]; ok {
		if v, ok := m[lang]; ok {
			return v
		}
		return m["en"]
	}
	return key
}

// Match turns a language tag such as "de-AT" into the closest of Languages.
func Match(tag string) (string, error) {
	t, err := language.Parse(tag)
	if err != nil {
		return "", fmt.Errorf("--lang %q: unknown language (one of: %s)", tag, strings.Join(Languages, ", "))
	}
	tags := make([]language.Tag, len(Languages))
	for i, l := range Languages {
		tags[i] = language.Make(l)
	}
	_, idx, conf := language.NewMatcher(tags).Match(t)
	if conf < language.High {
		return "", fmt.Errorf("--lang %q: r3l has no texts in that language (one of: %s)", tag, strings.Join(Languages, ", "))
	}
	return Languages[idx], nil
}

// Wrap breaks text into lines of at most width columns at spaces.
func Wrap(text string, width int) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(text) {
		wl := twwidth.Width(word)
		if i > 0 {
			if col+1+wl > width {
				b.WriteString("\n")
				col = 0
			} else {
				b.WriteString(" ")
				col++
			}
		}
		b.WriteString(word)
		col += wl
	}
	return b.String()
}

// Plural picks the English noun for a count: "1 file", "2 files".
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Missing lists the words of the table that lack a text in one of
// Languages, as "key (lang)".
func (w Words) Missing() []string {
	var out []string
	for key, texts := range w {
		for _, lang := range Languages {
			if texts[lang] == "" {
				out = append(out, key+" ("+lang+")")
			}
		}
	}
	slices.Sort(out)
	return out
}

// With returns a table of the words of w and more; more wins.
func (w Words) With(more Words) Words {
	out := make(Words, len(w)+len(more))
	for k, v := range w {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// Common are the words reports and questionnaires share: what the special
// answers mean.
var Common = Words{
	"special.na": {"en": "not applicable: the statement does not apply to this region", "de": "nicht zutreffend: die Aussage trifft auf diese Region nicht zu", "sv": "ej tillämplig: påståendet gäller inte denna region"},
	"special.dk": {"en": "don't know, or no evidence either way", "de": "weiß nicht, oder keine Nachweise", "sv": "vet inte, eller inga belägg"},
}
