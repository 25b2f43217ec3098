package textsafe

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// The package has no golden files; the flag is accepted so that
// `go test ./... -update` runs across every package.
var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

func TestText(t *testing.T) {
	for _, c := range []struct{ in, text, line string }{
		{"Lake Constance", "Lake Constance", "Lake Constance"},
		{"Åre – Östersund, 東京", "Åre – Östersund, 東京", "Åre – Östersund, 東京"},
		{"two\nlines\tand a tab", "two\nlines\tand a tab", `two\nlines\tand a tab`},
		{"clear \x1b[2J screen", `clear \x1b[2J screen`, `clear \x1b[2J screen`},
		{"title \x1b]0;pwned\a end", `title \x1b]0;pwned\a end`, `title \x1b]0;pwned\a end`},
		{"link \x1b]8;;http://x\x1b\\here\x1b]8;;\x1b\\", `link \x1b]8;;http://x\x1b\here\x1b]8;;\x1b\`, `link \x1b]8;;http://x\x1b\here\x1b]8;;\x1b\`},
		{"csi \u009b31m red", `csi \u009b31m red`, `csi \u009b31m red`},
		{"nel \u0085 del \x7f cr \r nul \x00", `nel \u0085 del \x7f cr \r nul \x00`, `nel \u0085 del \x7f cr \r nul \x00`},
		{"\u202egnp.exe\u202c", `\u202egnp.exe\u202c`, `\u202egnp.exe\u202c`},
		{"\u2066iso\u2069 \u202a\u202b\u202d", `\u2066iso\u2069 \u202a\u202b\u202d`, `\u2066iso\u2069 \u202a\u202b\u202d`},
		{"bad \xff\xfe byte", `bad \xff\xfe byte`, `bad \xff\xfe byte`},
		// Marks that do not override are text: Hebrew with a right-to-left mark.
		{"עברית\u200f", "עברית\u200f", "עברית\u200f"},
	} {
		if got := Text(c.in); got != c.text {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.text)
		}
		if got := Line(c.in); got != c.line {
			t.Errorf("Line(%q) = %q, want %q", c.in, got, c.line)
		}
	}
}

func TestUnsafe(t *testing.T) {
	for r := rune(0); r <= 0x10ffff; r++ {
		want := r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
		if got := Unsafe(r, true); got != want {
			t.Errorf("Unsafe(%U, true) = %v", r, got)
		}
	}
	if !Unsafe('\n', false) || !Unsafe('\t', false) || Unsafe('\n', true) {
		t.Error("tab and line feed are unsafe on one line only")
	}
}

func TestTextKeepsCleanString(t *testing.T) {
	s := "nothing to escape here"
	if n := testing.AllocsPerRun(100, func() { _ = Text(s) }); n != 0 {
		t.Errorf("%v allocations for a clean string", n)
	}
}

// TestWriterEscapesAsText writes texts through a Writer in pieces of
// every size, splitting characters of two to four bytes, invalid bytes
// and controls at every place: the output is Text of the whole.
func TestWriterEscapesAsText(t *testing.T) {
	texts := []string{"", "plain", "a\x1b[2Jb", "ä\u009bé\u202e€😀\xff\xe2\x82", "\xf0\x9f\x98", "x\xe2\x80\xaey", "tab\tnew\nline\r",
		strings.Repeat("Weitgehend umgesetzt – ✓ 😀\u0085", 40)}
	for _, s := range texts {
		want := Text(s)
		for size := 1; size <= len(s)+1; size++ {
			var b strings.Builder
			w := NewWriter(&b)
			for from := 0; from < len(s); from += size {
				if _, err := w.Write([]byte(s[from:min(from+size, len(s))])); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if b.String() != want {
				t.Fatalf("%q in pieces of %d: %q, want %q", s, size, b.String(), want)
			}
		}
	}
}

// referenceEscape is escape rune by rune, as it was before its ASCII
// fast path.
func referenceEscape(s string, oneLine bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case Unsafe(r, !oneLine):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// TestEscapeAsReference: Text and Line equal the rune-by-rune escape for
// every byte, and for random texts of ASCII, controls, C1 controls,
// bidirectional overrides, other runes and invalid bytes.
func TestEscapeAsReference(t *testing.T) {
	var cases []string
	for c := range 256 {
		cases = append(cases, string([]byte{byte(c)}), "ab"+string([]byte{byte(c)})+"cd")
	}
	pieces := []string{"a", "Zürich", " ", "\t", "\n", "\r", "\x1b[2J", "\x7f", "\u009b", "\u202e", "\u2066", "\u2069",
		"😀", "\xff", "\xe2\x80", "é", "<&>", "\x00", "\u2028"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := Text(s), referenceEscape(s, false); got != want {
			t.Fatalf("Text(%q) = %q, want %q", s, got, want)
		}
		if got, want := Line(s), referenceEscape(s, true); got != want {
			t.Fatalf("Line(%q) = %q, want %q", s, got, want)
		}
	}
}
