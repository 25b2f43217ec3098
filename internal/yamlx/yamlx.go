// Package yamlx walks parsed YAML nodes and collects every problem with its
// position. yaml.v3's strict decoding reports unknown keys by line only and
// stops type checks at the first custom unmarshaler, so the loaders read the
// node tree themselves and keep going after each error.
package yamlx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/r3l/r3l/internal/textsafe"
)

// Problem is one thing wrong in an input file. A problem in a spreadsheet
// names its cell ("Answers!E12") or sheet ("Region") in Cell instead of a
// line and column, and prints as "PATH: Answers!E12: message"; one in a
// row of a table export has the row as Line and the column in Cell
// (`column "A1"`), and prints as `PATH:7: column "A1": message`.
type Problem struct {
	Path      string
	Line, Col int
	Cell      string
	Msg       string
}

// Error is the problem on one line, whatever its path or message hold (a
// library's message may quote the file with its line breaks).
func (p Problem) Error() string { return textsafe.Line(p.format()) }

func (p Problem) format() string {
	switch {
	case p.Cell != "" && p.Line > 0:
		return fmt.Sprintf("%s:%d: %s: %s", p.Path, p.Line, p.Cell, p.Msg)
	case p.Cell != "":
		return fmt.Sprintf("%s: %s: %s", p.Path, p.Cell, p.Msg)
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", p.Path, p.Line, p.Col, p.Msg)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Msg)
	default:
		return fmt.Sprintf("%s: %s", p.Path, p.Msg)
	}
}

// Pos is where something is in an input file, as a Problem names it.
type Pos struct {
	Path      string
	Line, Col int
	Cell      string
}

// Problem returns a problem at p.
func (p Pos) Problem(msg string) Problem {
	return Problem{Path: p.Path, Line: p.Line, Col: p.Col, Cell: p.Cell, Msg: msg}
}

// Problems is every problem found in one or more files; as an error it
// prints one per line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns ps as an error, or nil when it is empty. Problems are put in
// file order (line, then column) within each file, whatever order the
// checks found them in. Spreadsheet problems (Cell set, no line) keep the
// order they were reported in, which a workbook reader makes sheet by
// sheet and row by row.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	fileIndex := map[string]int{}
	for _, p := range ps {
		if _, ok := fileIndex[p.Path]; !ok {
			fileIndex[p.Path] = len(fileIndex)
		}
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Path != b.Path {
			return fileIndex[a.Path] < fileIndex[b.Path]
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return ps
}

// Lookup returns the value of key in mapping n, or nil.
func Lookup(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// ReadFile reads at most limit bytes; a larger file is a problem rather than
// a memory hazard.
func ReadFile(path string, limit int64) ([]byte, error) {
	data, err := ReadHead(path, limit)
	if err == nil && int64(len(data)) > limit {
		return nil, TooLarge(path, limit)
	}
	return data, err
}

// TooLarge is the problem of a file over limit bytes.
func TooLarge(path string, limit int64) Problem {
	return Problem{Path: path, Msg: fmt.Sprintf("file is larger than %d MiB", limit>>20)}
}

// ReadHead reads a file, but no more than limit+1 bytes: a result longer
// than limit means the file is larger.
func ReadHead(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileProblem(path, err)
	}
	defer f.Close()
	size := int64(0)
	if st, err := f.Stat(); err == nil {
		if st.IsDir() {
			return nil, Problem{Path: path, Msg: "is a folder, not a file (give the files in it, e.g. " + filepath.Join(path, "*.yaml") + ")"}
		}
		size = st.Size()
	}
	// Read as os.ReadFile does, into a buffer of the file's size (one
	// allocation), but never more than limit+1 bytes.
	data := make([]byte, 0, max(min(size, limit)+1, 512))
	for int64(len(data)) <= limit {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):min(int64(cap(data)), limit+1)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return data, nil
}

// fileProblem words an error opening a file for the person who named it.
func fileProblem(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Problem{Path: path, Msg: "no such file"}
	case errors.Is(err, fs.ErrPermission):
		return Problem{Path: path, Msg: "permission denied"}
	}
	return err
}

var syntaxLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// Parse parses one YAML document within limits. Syntax errors come back as
// a Problem carrying the line the parser reported.
func Parse(path string, data []byte, limits Limits) (*yaml.Node, error) {
	if line := tooManyNodes(data, limits.MaxNodes); line > 0 {
		return nil, nodesProblem(path, line, limits.MaxNodes)
	}
	if root := fastParse(data); root != nil {
		return root, nil
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, Problem{Path: path, Line: 1, Msg: "file is empty"}
		}
		return nil, syntaxProblem(path, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		if err != nil {
			return nil, syntaxProblem(path, data, err)
		}
		return nil, Problem{Path: path, Line: extra.Line, Col: extra.Column, Msg: "more than one YAML document in the file"}
	}
	if len(doc.Content) == 0 {
		return nil, Problem{Path: path, Line: 1, Msg: "file is empty"}
	}
	root := doc.Content[0]
	if limits.NoAliases {
		if n := findAlias(root); n != nil {
			return nil, Problem{Path: path, Line: n.Line, Col: n.Column, Msg: "YAML anchors and aliases are not allowed here"}
		}
	}
	return root, nil
}

// parserProblems are the messages of yaml.v3's parser errors, whose line
// it reports counted from 0 (and leaves out when that is 0).
var parserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected key":              true,
	"did not find expected '-' indicator":    true,
	"did not find expected node content":     true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found duplicate %TAG directive":         true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

func syntaxProblem(path string, data []byte, err error) Problem {
	msg := err.Error()
	if m := syntaxLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		p := Problem{Path: path, Line: line, Msg: "YAML syntax: " + m[2]}
		switch {
		case parserProblems[m[2]]:
			p.Line++ // yaml.v3 counts the lines of parser (not scanner) errors from 0
		case m[1] != "":
		case readerProblems[m[2]]:
			// The reader reports an offset, which the message leaves out:
			// find the character it stopped at.
			p.Line, p.Col = unreadable(data)
		case strings.HasPrefix(m[2], "exceeded max depth"):
			p.Line = 1 // the scanner leaves out line 1 only
		}
		return p
	}
	return Problem{Path: path, Msg: "YAML syntax: " + strings.TrimPrefix(msg, "yaml: ")}
}

// readerProblems are the messages of yaml.v3's errors in decoding the
// characters of a file, which name no line.
var readerProblems = map[string]bool{
	"invalid leading UTF-8 octet":        true,
	"invalid trailing UTF-8 octet":       true,
	"incomplete UTF-8 octet sequence":    true,
	"invalid length of a UTF-8 sequence": true,
	"invalid Unicode character":          true,
	"control characters are not allowed": true,
}

// unreadable returns the line and column of the first character of data
// that YAML does not read: a byte that is not UTF-8, or a control
// character outside YAML's printable set. It returns 0, 0 when there is
// none, as in a file in UTF-16.
func unreadable(data []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1, !yamlPrintable(r):
			return line, col
		case r == '\n':
			line, col = line+1, 1
		default:
			col++
		}
		i += size
	}
	return 0, 0
}

// yamlPrintable reports whether YAML 1.1 allows r in a file.
func yamlPrintable(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0x7e || r == 0x85 ||
		r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff
}

func findAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if a := findAlias(c); a != nil {
			return a
		}
	}
	return nil
}

// Reader collects the problems of one file while its nodes are read.
type Reader struct {
	Path     string
	Problems Problems
	more     int // problems past MaxProblems, counted only
}

// MaxProblems is how many problems of one file are listed: a file with
// more is likely not the file meant, and a list of millions would take
// the memory and the screen.
const MaxProblems = 100

// Err returns the problems recorded, in file order, with a last line
// saying how many more there were; nil when there are none.
func (r *Reader) Err() error {
	return r.Problems.Capped(r.Path, r.more)
}

// Capped is Err with a last line for more problems left unlisted.
func (ps Problems) Capped(path string, more int) error {
	err := ps.Err()
	if err == nil || more == 0 {
		return err
	}
	return append(ps, Problem{Path: path, Msg: fmt.Sprintf("and %d more problems (the first %d are listed)", more, len(ps))})
}

// Errorf records a problem at node n.
func (r *Reader) Errorf(n *yaml.Node, format string, args ...any) {
	if len(r.Problems) >= MaxProblems {
		r.more++
		return
	}
	p := Problem{Path: r.Path, Msg: oneLine(fmt.Sprintf(format, args...))}
	if n != nil {
		p.Line, p.Col = n.Line, n.Column
	}
	r.Problems = append(r.Problems, p)
}

// oneLine escapes control characters, such as a line break in an invalid id
// that a message repeats, so that each problem stays on one line and
// nothing of it acts on the terminal (textsafe.Line).
func oneLine(s string) string { return textsafe.Line(s) }

// Field is one key of a mapping with its value.
type Field struct {
	Key, Value *yaml.Node
}

// Map reads a mapping whose keys must be among known; unknown and repeated
// keys are reported. what names the mapping in messages ("criterion A1").
// It returns nil when n is not a mapping.
func (r *Reader) Map(n *yaml.Node, what string, known ...string) map[string]Field {
	if n.Kind != yaml.MappingNode {
		r.Errorf(n, "%s must be a mapping, not %s", what, Describe(n))
		return nil
	}
	fields := make(map[string]Field, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			r.Errorf(k, "%s: keys must be plain words", what)
			continue
		}
		if !slices.Contains(known, k.Value) {
			r.Errorf(k, "unknown key %q in %s%s", Shorten(k.Value, 40), what, suggest(k.Value, known))
			continue
		}
		if _, dup := fields[k.Value]; dup {
			r.Errorf(k, "key %q appears twice in %s", k.Value, what)
			continue
		}
		fields[k.Value] = Field{k, v}
	}
	return fields
}

// Require reports the keys missing from fields; parent is the mapping node.
func (r *Reader) Require(parent *yaml.Node, fields map[string]Field, what string, keys ...string) {
	if fields == nil {
		return
	}
	for _, k := range keys {
		if _, ok := fields[k]; !ok {
			r.Errorf(parent, "%s is missing %q", what, k)
		}
	}
}

// IsNull reports whether n is an explicit null (`key:` or `key: null`).
func IsNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// String reads a scalar as text. Numbers are taken as written, so
// `period: 2024` reads as "2024".
func (r *Reader) String(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || IsNull(n) {
		r.Errorf(n, "%s must be a text, not %s", what, Describe(n))
		return "", false
	}
	return n.Value, true
}

// Float reads a number.
func (r *Reader) Float(n *yaml.Node, what string) (float64, bool) {
	if v, ok := Number(n); ok {
		return v, true
	}
	r.Errorf(n, "%s must be a number, not %s", what, Describe(n))
	return 0, false
}

// Number returns the value of an int or float scalar.
func Number(n *yaml.Node) (float64, bool) {
	if n.Kind != yaml.ScalarNode {
		return 0, false
	}
	switch n.ShortTag() {
	case "!!int":
		if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
			return float64(i), true
		}
		var i int64
		if err := n.Decode(&i); err == nil {
			return float64(i), true
		}
	case "!!float":
		var f float64
		if err := n.Decode(&f); err == nil && f == f && f < 1e308 && f > -1e308 {
			return f, true
		}
	}
	return 0, false
}

// Int reads an integer.
func (r *Reader) Int(n *yaml.Node, what string) (int, bool) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		if v, ok := Number(n); ok && v >= -1<<31 && v < 1<<31 {
			return int(v), true
		}
	}
	r.Errorf(n, "%s must be a whole number, not %s", what, Describe(n))
	return 0, false
}

// Seq reads a sequence; nil when n is not one.
func (r *Reader) Seq(n *yaml.Node, what string) []*yaml.Node {
	if n.Kind != yaml.SequenceNode {
		r.Errorf(n, "%s must be a list, not %s", what, Describe(n))
		return nil
	}
	if n.Content == nil {
		return []*yaml.Node{} // empty, but a list: callers check len == 0
	}
	return n.Content
}

// Strings reads a list of texts.
func (r *Reader) Strings(n *yaml.Node, what string) []string {
	items := r.Seq(n, what)
	out := make([]string, 0, len(items))
	for _, it := range items {
		if s, ok := r.String(it, what+" item"); ok {
			out = append(out, s)
		}
	}
	return out
}

// Describe names what kind of value n is, for messages.
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "empty"
		case "!!int", "!!float":
			return "the number " + n.Value
		case "!!bool":
			return "the boolean " + n.Value
		}
		return strconv.Quote(Shorten(n.Value, 40))
	}
	return "an unexpected value"
}

// Shorten cuts s to at most max runes for messages.
func Shorten(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}

// Closest returns the candidate nearest to word within two edits
// (ignoring case), or "" when none is that close.
func Closest(word string, candidates []string) string {
	best, bestDist := "", 3
	lower := strings.ToLower(word)
	n := utf8.RuneCountInString(lower)
	for _, c := range candidates {
		// The distance is at least the difference in length: a 4 MB key
		// is not compared rune by rune with each candidate.
		lc := strings.ToLower(c)
		if m := utf8.RuneCountInString(lc); n-m >= bestDist || m-n >= bestDist {
			continue
		}
		if d := distance(lower, lc); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// suggest proposes the closest known key for a typo.
func suggest(key string, known []string) string {
	if best := Closest(key, known); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	return " (expected one of: " + strings.Join(sorted, ", ") + ")"
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
