// Package textsafe neutralises the characters of untrusted text that act
// on a terminal rather than show on it, before the text is written to
// standard output, standard error or a text report (docs/reference.md
// §5.6). Questionnaire and framework text may hold escape sequences (ESC
// [2J clears the screen, OSC 0 sets the window title, OSC 8 makes a
// hidden link), C1 controls such as U+009B (CSI, ESC [ in one character),
// or bidirectional overrides that reorder the rest of a terminal line.
//
// Each such character is replaced by a visible escape in Go's notation —
// \x1b, \r, \u009b, \u202e, and \xff for a byte that is not UTF-8 — so
// that nothing of the text is lost and nothing of it acts. (A backslash
// the text itself holds is left as it is: the escapes are for people to
// read, not to be decoded.)
//
// The package depends on the standard library only, so that every layer
// may use it.
package textsafe

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Text escapes the unsafe characters of s (see Unsafe) but keeps tabs and
// line breaks, for formats in which a text may span lines.
func Text(s string) string { return escape(s, false) }

// Line escapes the unsafe characters of s and tabs and line breaks too,
// so that s stays on one line, as a message or a heading must.
func Line(s string) string { return escape(s, true) }

// Unsafe reports whether r acts on a terminal instead of showing: a C0
// control (U+0000–U+001F) or DEL, a C1 control (U+0080–U+009F), or a
// bidirectional embedding, override or isolate (U+202A–U+202E,
// U+2066–U+2069). Tab and line feed count only when keepLines is false.
func Unsafe(r rune, keepLines bool) bool {
	switch {
	case r == '\t' || r == '\n':
		return !keepLines
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// escape rewrites s, or returns it as it is when nothing needs escaping
// (the common case costs no allocation).
func escape(s string, oneLine bool) string {
	i := 0
	for i < len(s) {
		// ASCII, most of every text, byte by byte: an HTML page is
		// tens of kilobytes scanned whole.
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f || (c == '\t' || c == '\n') && !oneLine {
				i++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || Unsafe(r, !oneLine) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])|0x100, 16)[1:]) // two hex digits
		case Unsafe(r, !oneLine):
			q := strconv.QuoteRune(r) // '\x1b', '\u009b', '\u202e', '\n'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Writer writes what is written through it escaped as Text escapes it,
// so that a long output need not be whole in memory to be escaped. A
// character split between two writes is held back until it is whole;
// Close writes what is held. Write escapes what it is given at once: give
// it large pieces (through a bufio.Writer) rather than many small ones.
type Writer struct {
	w    io.Writer
	held []byte // the start of a character the next write completes
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

func (t *Writer) Write(p []byte) (int, error) {
	data := p
	if len(t.held) > 0 {
		data = append(t.held, p...)
		t.held = nil
	}
	cut := len(data)
	for k := 1; k < utf8.UTFMax && k <= len(data); k++ {
		if utf8.RuneStart(data[len(data)-k]) {
			if !utf8.FullRune(data[len(data)-k:]) {
				cut = len(data) - k
			}
			break
		}
	}
	t.held = append(t.held, data[cut:]...)
	if _, err := io.WriteString(t.w, Text(string(data[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Close writes what is held back, escaped: the start of a character the
// output ends without.
func (t *Writer) Close() error {
	if len(t.held) == 0 {
		return nil
	}
	_, err := io.WriteString(t.w, Text(string(t.held)))
	t.held = nil
	return err
}
