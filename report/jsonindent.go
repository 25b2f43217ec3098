package report

import "bytes"

// appendIndent appends compact JSON (as encoding/json's Marshal and
// Encoder write it: no space outside strings) indented as json.Indent
// indents it, byte for byte. json.Indent runs its validating scanner over
// every byte, which took two thirds of the time of writing a report; JSON
// r3l made itself needs no validating.
func appendIndent(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, indent...)
		}
	}
	for i := 0; i < len(src); i++ {
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
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd returns the index after the closing quote of the string that
// starts at src[start].
func stringEnd(src []byte, start int) int {
	i := start + 1
	for {
		k := bytes.IndexAny(src[i:], `"\`)
		if k < 0 {
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
