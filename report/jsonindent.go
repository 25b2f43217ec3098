package report

import "bytes"

// appendIndent appends compact JSON (as encoding/json's Marshal and
// Encoder write it: no space outside strings) indented as json.Indent
// indents it, byte for byte. json.Indent runs its validating scanner over
// every byte, which took two thirds of the time of writing a report; JSON
// r3l made itself needs no validating.
func appendIndent(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	// line is a newline, the prefix and the indent of the deepest level
	// so far, of which a line break takes what its depth needs.
	line := append([]byte{'\n'}, prefix...)
	newline := func() {
		n := 1 + len(prefix) + max(depth, 0)*len(indent)
		for len(line) < n {
			line = append(line, indent...)
		}
		dst = append(dst, line[:n]...)
	}
	for i := 0; i < len(src); i++ {
		// Numbers, literals and the newline at the end go as they are.
		if run := plainRun(src[i:]); run > 0 {
			dst = append(dst, src[i:i+run]...)
			i += run - 1
			continue
		}
		switch c := src[i]; c {
		case '"':
			end := stringEnd(src, i)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, c, src[i+1]) // empty: as json.Indent leaves it
				i++
				continue
			}
			dst = append(dst, c)
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		}
	}
	return dst
}

// structural are the bytes appendIndent acts on.
var structural = [256]bool{'"': true, '{': true, '[': true, '}': true, ']': true, ',': true, ':': true}

// plainRun is how many bytes at the start of p are not structural.
func plainRun(p []byte) int {
	for i, c := range p {
		if structural[c] {
			return i
		}
	}
	return len(p)
}

// stringEnd returns the index after the closing quote of the string that
// starts at src[start].
func stringEnd(src []byte, start int) int {
	i := start + 1
	for {
		// Two byte scans: IndexAny of the two was half of indenting.
		k := bytes.IndexByte(src[i:], '"')
		if k < 0 {
			k = len(src) - i
		}
		if b := bytes.IndexByte(src[i:i+k], '\\'); b >= 0 {
			k = b
		} else if i+k == len(src) {
			return len(src)
		}
		i += k
		if src[i] == '"' {
			return i + 1
		}
		i += 2 // a backslash and the character it escapes
		if i >= len(src) {
			return len(src)
		}
	}
}
