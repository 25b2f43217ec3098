package yamlx

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// A fast path for the plain YAML questionnaires are written in. yaml.v3
// reads about 10 MB/s per core, so that parsing was most of the time of a
// batch over thousands of files. fastParse reads a subset of YAML into the
// same nodes yaml.v3 makes (kind, tag, value, style, line and column; no
// comments, which no loader reads): block mappings of simple keys, block
// lists, plain scalars on one line that are plainly text or a decimal
// number, quoted scalars on one line, folded and literal texts of evenly
// indented lines, and flow lists of simple items. Frameworks are written
// in it too. For anything else, or anything it
// is unsure of, it returns nil and Parse asks yaml.v3, which also words
// every error: a file is never read differently, only faster.
// TestFastParseSameNodes and FuzzFastParse check that against yaml.v3.

// fastParse returns the root node of data, or nil when data is not in the
// subset.
func fastParse(data []byte) *yaml.Node {
	if !fastBytes(data) {
		return nil
	}
	p := &fastParser{data: data}
	// A line holds at most a key and its value, and most lines do.
	p.slab = make([]yaml.Node, min(2*bytes.Count(data, []byte("\n"))+2, 4096))
	p.next()
	if p.eof || p.indent != 0 {
		return nil
	}
	root := p.mapping(0)
	if root == nil || !p.eof {
		return nil
	}
	return root
}

// fastBytes reports whether data holds only what fastParse reads: UTF-8
// of printable characters, lines ending in \n alone, no tabs and no byte
// order mark, and none of the characters YAML 1.1 takes as line breaks.
func fastBytes(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff || !yamlPrintable(r) {
			return false
		}
		i += size
	}
	return true
}

type fastParser struct {
	data []byte
	at   int // start of the line after the current one
	// The current content line: its number (from 1), its text without
	// the newline, and its indentation.
	line   int
	text   []byte
	indent int
	eof    bool
	lineNo int // lines read so far
	// slab holds nodes not yet used: allocated a chunk at a time, they
	// cost the collector one object per chunk rather than one per node.
	slab []yaml.Node
}

// node returns n in a node of the slab.
func (p *fastParser) node(n yaml.Node) *yaml.Node {
	if len(p.slab) == 0 {
		p.slab = make([]yaml.Node, 128)
	}
	out := &p.slab[0]
	p.slab = p.slab[1:]
	*out = n
	return out
}

// next moves to the next line with content, skipping blank lines and
// comment lines.
func (p *fastParser) next() {
	for p.at < len(p.data) {
		end := bytes.IndexByte(p.data[p.at:], '\n')
		var text []byte
		if end < 0 {
			text, p.at = p.data[p.at:], len(p.data)
		} else {
			text, p.at = p.data[p.at:p.at+end], p.at+end+1
		}
		p.lineNo++
		indent := 0
		for indent < len(text) && text[indent] == ' ' {
			indent++
		}
		if indent == len(text) || text[indent] == '#' {
			continue
		}
		p.line, p.text, p.indent = p.lineNo, text, indent
		return
	}
	p.eof, p.text = true, nil
}

// column is the column (from 1, in characters, as yaml.v3 counts) of the
// byte at offset i of the current line.
func (p *fastParser) column(i int) int {
	return utf8.RuneCount(p.text[:i]) + 1
}

// mapping reads a block mapping whose keys start in column indent+1.
func (p *fastParser) mapping(indent int) *yaml.Node {
	m := p.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: p.line, Column: indent + 1})
	for !p.eof && p.indent == indent {
		key, rest := p.key(p.indent)
		if key == nil {
			return nil
		}
		var value *yaml.Node
		if rest < 0 { // nothing after "key:": a nested mapping or a list
			p.next()
			switch {
			case p.eof || p.indent < indent:
				return nil // an empty value
			case p.text[p.indent] == '-':
				// A list may start where its key does.
				if value = p.sequence(p.indent); value == nil {
					return nil
				}
			case p.indent == indent:
				return nil // an empty value
			default:
				if value = p.mapping(p.indent); value == nil {
					return nil
				}
			}
		} else if c := p.text[rest]; c == '>' || c == '|' {
			if value = p.blockText(rest, indent); value == nil {
				return nil
			}
			if !p.eof && p.indent > indent {
				return nil
			}
		} else {
			if value = p.value(rest); value == nil {
				return nil
			}
			p.next()
			if !p.eof && p.indent > indent {
				return nil // a value that goes on on the next line
			}
		}
		m.Content = append(m.Content, key, value)
	}
	if !p.eof && p.indent > indent {
		return nil
	}
	return m
}

// sequence reads a block list whose dashes are in column indent+1. An
// item is a mapping starting on the dash's line or a value on one line.
func (p *fastParser) sequence(indent int) *yaml.Node {
	s := p.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: p.line, Column: indent + 1})
	for !p.eof && p.indent == indent && p.text[indent] == '-' {
		t := p.text
		if len(t) < indent+3 || t[indent+1] != ' ' {
			return nil // an item on the lines below, or "-1"
		}
		i := indent + 2
		for i < len(t) && t[i] == ' ' {
			i++
		}
		if i == len(t) || t[i] == '#' || t[i] == '-' {
			return nil // an empty item, or a list in a list
		}
		var item *yaml.Node
		if key, _ := p.key(i); key != nil {
			// The item's mapping: its first key on the dash's line, the
			// others below it.
			p.indent = i
			item = p.mapping(i)
		} else {
			item = p.value(i)
			if item != nil {
				p.next()
			}
		}
		if item == nil {
			return nil
		}
		s.Content = append(s.Content, item)
	}
	if !p.eof && p.indent > indent {
		return nil
	}
	return s
}

// maxSimpleKey is how far, in bytes, the ':' after a key may be from its
// start: YAML allows 1,024 characters, counted here in bytes to be sure.
const maxSimpleKey = 1000

// blockText reads a folded (>) or literal (|) text whose indicator is at
// offset i of the current line, the value of a key indented by indent: the
// lines below, all indented alike and more than the key, with strip (-) or
// clip chomping. Anything else (an indentation indicator, keep chomping,
// lines indented further, trailing spaces, leading blank lines) is left to
// yaml.v3. It leaves the parser on the next line with content.
func (p *fastParser) blockText(i, indent int) *yaml.Node {
	t := p.text
	n := p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.FoldedStyle, Line: p.line, Column: p.column(i)})
	literal := t[i] == '|'
	if literal {
		n.Style = yaml.LiteralStyle
	}
	j := i + 1
	strip := j < len(t) && t[j] == '-'
	if strip {
		j++
	}
	k := j
	for k < len(t) && t[k] == ' ' {
		k++
	}
	if k < len(t) && (t[k] != '#' || k == j) {
		return nil
	}
	var b []byte
	at, lineNo := p.at, p.lineNo
	textIndent, blank := -1, 0 // blank: empty lines since the last line of text
	for at < len(p.data) {
		end := bytes.IndexByte(p.data[at:], '\n')
		if end < 0 {
			return nil // the file ends within the text
		}
		line := p.data[at : at+end]
		sp := 0
		for sp < len(line) && line[sp] == ' ' {
			sp++
		}
		switch {
		case len(line) == 0:
			if textIndent < 0 {
				return nil
			}
			blank++
			at, lineNo = at+end+1, lineNo+1
			continue
		case sp == len(line):
			return nil // spaces alone
		case textIndent < 0:
			if sp <= indent {
				return nil // an empty text
			}
			textIndent = sp
		case sp < textIndent:
			// The text has ended; the parser sees to what follows.
			p.at, p.lineNo = at, lineNo
			return p.endBlockText(n, b, strip)
		}
		if sp > textIndent || line[len(line)-1] == ' ' {
			return nil
		}
		if len(b) > 0 {
			switch {
			case literal:
				b = append(b, '\n')
				b = append(b, bytes.Repeat([]byte{'\n'}, blank)...)
			case blank > 0:
				b = append(b, bytes.Repeat([]byte{'\n'}, blank)...)
			default:
				b = append(b, ' ')
			}
		}
		b = append(b, line[sp:]...)
		blank = 0
		at, lineNo = at+end+1, lineNo+1
	}
	if textIndent < 0 {
		return nil
	}
	p.at, p.lineNo = at, lineNo
	return p.endBlockText(n, b, strip)
}

// endBlockText gives n its text, chomped, and moves to the next line with
// content.
func (p *fastParser) endBlockText(n *yaml.Node, b []byte, strip bool) *yaml.Node {
	if !strip {
		b = append(b, '\n')
	}
	n.Value = string(b)
	p.next()
	return n
}

// key reads the key at offset i of the current line, and returns it with
// the offset of the value after it, or -1 when nothing but a comment
// follows; nil when there is no key.
func (p *fastParser) key(i int) (*yaml.Node, int) {
	t := p.text
	start := i
	var key *yaml.Node
	if t[i] == '"' || t[i] == '\'' {
		key, i = p.quoted(i)
	} else {
		key, i = p.simple(i)
	}
	if key == nil {
		return nil, 0
	}
	if i >= len(t) || t[i] != ':' {
		return nil, 0
	}
	if i-start > maxSimpleKey {
		return nil, 0 // yaml.v3 finds no ':' that far from a key's start
	}
	i++
	if i < len(t) && t[i] != ' ' {
		return nil, 0
	}
	for i < len(t) && t[i] == ' ' {
		i++
	}
	if i == len(t) || t[i] == '#' {
		return key, -1
	}
	return key, i
}

// value reads the scalar or flow list at offset i of the current line,
// which must end after it (but for a comment).
func (p *fastParser) value(i int) *yaml.Node {
	t := p.text
	var n *yaml.Node
	switch c := t[i]; {
	case c == '"' || c == '\'':
		n, i = p.quoted(i)
		if n == nil {
			return nil
		}
	case c == '[':
		n, i = p.flowList(i)
		if n == nil {
			return nil
		}
	default:
		end := len(t)
		if k := bytes.Index(t[i:], []byte(" #")); k >= 0 {
			end = i + k
		}
		for end > i && t[end-1] == ' ' {
			end--
		}
		v := t[i:end]
		if !plainText(v) {
			return nil
		}
		tag := plainTag(v)
		if tag == "" {
			return nil
		}
		return p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(v), Line: p.line, Column: p.column(i)})
	}
	// After a quoted scalar or a list: spaces, then the end or a comment.
	j := i
	for j < len(t) && t[j] == ' ' {
		j++
	}
	if j < len(t) && (t[j] != '#' || j == i) {
		return nil
	}
	return n
}

// flowList reads a list of simple or quoted items on one line, such as
// [A2, A1] or ["1.1", "1.3"], from the bracket at offset i; it returns the
// offset after the closing one.
func (p *fastParser) flowList(i int) (*yaml.Node, int) {
	t := p.text
	n := p.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: p.line, Column: p.column(i)})
	i++
	for {
		for i < len(t) && t[i] == ' ' {
			i++
		}
		if i < len(t) && t[i] == ']' && len(n.Content) == 0 {
			return n, i + 1
		}
		var item *yaml.Node
		var end int
		if i < len(t) && (t[i] == '"' || t[i] == '\'') {
			item, end = p.quoted(i)
		} else {
			item, end = p.simple(i)
		}
		if item == nil {
			return nil, 0
		}
		n.Content = append(n.Content, item)
		i = end
		for i < len(t) && t[i] == ' ' {
			i++
		}
		switch {
		case i < len(t) && t[i] == ',':
			i++
		case i < len(t) && t[i] == ']':
			return n, i + 1
		default:
			return nil, 0
		}
	}
}

// simple reads a simple key or list item (simpleKeyByte) from offset i;
// it returns the offset after it.
func (p *fastParser) simple(i int) (*yaml.Node, int) {
	t := p.text
	start := i
	for i < len(t) && simpleKeyByte(t[i]) {
		i++
	}
	if i == start || !alnum(t[start]) {
		return nil, 0
	}
	tag := plainTag(t[start:i])
	if tag == "" {
		return nil, 0
	}
	return p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(t[start:i]), Line: p.line, Column: p.column(start)}), i
}

// quoted reads a quoted scalar that ends on its line, from the quote at
// offset i; it returns the offset after the closing quote.
func (p *fastParser) quoted(i int) (*yaml.Node, int) {
	t := p.text
	q := t[i]
	n := p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Line: p.line, Column: p.column(i)})
	var b []byte
	j := i + 1
	if q == '\'' {
		n.Style = yaml.SingleQuotedStyle
		for {
			k := bytes.IndexByte(t[j:], '\'')
			if k < 0 {
				return nil, 0
			}
			b = append(b, t[j:j+k]...)
			j += k + 1
			if j < len(t) && t[j] == '\'' {
				b = append(b, '\'')
				j++
				continue
			}
			break
		}
	} else {
		n.Style = yaml.DoubleQuotedStyle
		for {
			k := bytes.IndexAny(t[j:], `"\`)
			if k < 0 {
				return nil, 0
			}
			b = append(b, t[j:j+k]...)
			j += k
			if t[j] == '"' {
				j++
				break
			}
			if j+1 >= len(t) {
				return nil, 0
			}
			switch e := t[j+1]; e {
			case '\\', '"':
				b = append(b, e)
				j += 2
			case 'n':
				b = append(b, '\n')
				j += 2
			case 't':
				b = append(b, '\t')
				j += 2
			case 'u':
				if j+6 > len(t) {
					return nil, 0
				}
				r, err := strconv.ParseUint(string(t[j+2:j+6]), 16, 32)
				if err != nil || r >= 0xd800 && r <= 0xdfff || !yamlPrintable(rune(r)) {
					return nil, 0
				}
				b = utf8.AppendRune(b, rune(r))
				j += 6
			default:
				return nil, 0
			}
		}
	}
	n.Value = string(b)
	return n, j
}

// simpleKeyByte reports whether c may be part of a simple key or list
// item: letters, digits, '.', '_' and '-'.
func simpleKeyByte(c byte) bool {
	return alnum(c) || c == '.' || c == '_' || c == '-'
}

func alnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// plainText reports whether v is a plain scalar fastParse takes as a
// value in a block: it starts with a letter, a digit ('-' and a digit), a
// character beyond ASCII or '(', so that no indicator starts it, and holds
// no ": " or " #" and does not end in ':', which would end it. (Flow
// indicators are text in a block.)
func plainText(v []byte) bool {
	if len(v) == 0 {
		return false
	}
	if c := v[0]; !alnum(c) && c < utf8.RuneSelf && c != '(' && !(c == '-' && len(v) > 1 && v[1] >= '0' && v[1] <= '9') {
		return false
	}
	return !bytes.Contains(v, []byte(": ")) && !bytes.Contains(v, []byte(" #")) && v[len(v)-1] != ':'
}

// plainTag is the tag yaml.v3 resolves a plain scalar to, for the ones
// fastParse takes: text starting with a letter, a boolean, null, or a
// decimal integer or fraction; "" for any other (a date, an octal or
// hexadecimal number, an exponent), which fastParse leaves to yaml.v3.
func plainTag(v []byte) string {
	switch string(v) {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "null", "Null", "NULL":
		return "!!null"
	}
	c := v[0]
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf || c == '(' {
		return "!!str"
	}
	digits := v
	if digits[0] == '-' {
		digits = digits[1:]
	}
	whole, frac, isFrac := bytes.Cut(digits, []byte("."))
	if c >= '0' && c <= '9' && bytes.IndexByte(frac, '.') >= 0 {
		return "!!str" // two dots make no number: an id such as 1.1.a
	}
	if len(whole) == 0 || len(whole) > 15 || whole[0] == '0' && len(whole) > 1 || !allDigits(whole) {
		return ""
	}
	if !isFrac {
		return "!!int"
	}
	if len(frac) == 0 || len(frac) > 15 || !allDigits(frac) {
		return ""
	}
	return "!!float"
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
