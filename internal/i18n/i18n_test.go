package i18n

import (
	"flag"
	"slices"
	"testing"
)

// The package has no golden files; the flag is accepted so that
// `go test ./... -update` runs across every package.
var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

func TestMatch(t *testing.T) {
	for tag, want := range map[string]string{"en": "en", "de-AT": "de", "sv-FI": "sv", "DE": "de"} {
		if got, err := Match(tag); err != nil || got != want {
			t.Errorf("Match(%q) = %q, %v; want %q", tag, got, err, want)
		}
	}
	if _, err := Match("fr"); err == nil || err.Error() != `--lang "fr": r3l has no texts in that language (one of: de, en, sv)` {
		t.Errorf("Match(fr): %v", err)
	}
	if _, err := Match("not a tag!"); err == nil || err.Error() != `--lang "not a tag!": unknown language (one of: de, en, sv)` {
		t.Errorf("Match(not a tag!): %v", err)
	}
}

func TestWrap(t *testing.T) {
	if got := Wrap("one two three four", 9); got != "one two\nthree\nfour" {
		t.Errorf("Wrap: %q", got)
	}
	// Width counts columns, not bytes: "Zürich" is six.
	if got := Wrap("Zürich ist", 10); got != "Zürich ist" {
		t.Errorf("Wrap umlaut: %q", got)
	}
	if got := Wrap("averyverylongword x", 5); got != "averyverylongword\nx" {
		t.Errorf("Wrap long word: %q", got)
	}
}

func TestWords(t *testing.T) {
	w := Words{"a": {"en": "A", "de": "Ä"}}.With(Words{"b": {"en": "B", "de": "B", "sv": "B"}})
	if w.Get("de", "a") != "Ä" || w.Get("sv", "a") != "A" || w.Get("sv", "zz") != "zz" {
		t.Errorf("Get: %q %q %q", w.Get("de", "a"), w.Get("sv", "a"), w.Get("sv", "zz"))
	}
	if got := w.Missing(); !slices.Equal(got, []string{"a (sv)"}) {
		t.Errorf("Missing: %q", got)
	}
	if got := Common.Missing(); len(got) > 0 {
		t.Errorf("common words missing: %q", got)
	}
	if Plural(1, "file", "files") != "file" || Plural(0, "file", "files") != "files" {
		t.Error("Plural")
	}
}
