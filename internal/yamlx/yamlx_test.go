package yamlx

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Path: "a.yaml", Line: 3, Col: 7, Msg: "bad"}, "a.yaml:3:7: bad"},
		{Problem{Path: "a.yaml", Line: 3, Msg: "bad"}, "a.yaml:3: bad"},
		{Problem{Path: "a.yaml", Msg: "bad"}, "a.yaml: bad"},
		{Problem{Path: "a.yaml", Col: 4, Msg: "bad"}, "a.yaml: bad"}, // a column without a line means nothing
		{Problem{Path: "q.xlsx", Cell: "Answers!E12", Msg: "bad"}, "q.xlsx: Answers!E12: bad"},
		{Problem{Path: "q.xlsx", Cell: "Region", Msg: "bad"}, "q.xlsx: Region: bad"},
		{Problem{Path: "r.csv", Line: 7, Cell: `column "A1"`, Msg: "bad"}, `r.csv:7: column "A1": bad`},
		{Pos{Path: "a.yaml", Line: 2, Col: 5}.Problem("bad"), "a.yaml:2:5: bad"},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("%#v: %q, want %q", tt.p, got, tt.want)
		}
	}
	ps := Problems{tests[0].p, tests[2].p}
	if got := ps.Error(); got != "a.yaml:3:7: bad\na.yaml: bad" {
		t.Errorf("Problems.Error: %q", got)
	}
	if ps.Err() == nil || Problems(nil).Err() != nil {
		t.Errorf("Err: %v, %v", ps.Err(), Problems(nil).Err())
	}
	// Spreadsheet problems keep the order they were reported in.
	cells := Problems{
		{Path: "q.xlsx", Cell: "Region!B3", Msg: "a"},
		{Path: "q.xlsx", Cell: "Answers!E2", Msg: "b"},
		{Path: "q.xlsx", Cell: "Answers", Msg: "c"},
	}
	if got := cells.Err().Error(); got != "q.xlsx: Region!B3: a\nq.xlsx: Answers!E2: b\nq.xlsx: Answers: c" {
		t.Errorf("cell problems: %q", got)
	}
}

func parseErr(t *testing.T, src string, noAliases bool) string {
	t.Helper()
	n, err := Parse("in.yaml", []byte(src), Limits{NoAliases: noAliases})
	if err == nil {
		t.Fatalf("parsed %q to %v, want an error", src, n)
	}
	if _, ok := err.(Problem); !ok {
		t.Errorf("error %T, want Problem", err)
	}
	return err.Error()
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, src string
		noAliases bool
		want      string
	}{
		{"empty", "", false, "in.yaml:1: file is empty"},
		{"blank", "\n\n   \n", false, "in.yaml:1: file is empty"},
		{"comments only", "# a\n# b\n", true, "in.yaml:1: file is empty"},
		{"two documents", "a: 1\n---\nb: 2\n", false, "in.yaml:2:1: more than one YAML document in the file"},
		{"empty second document", "a: 1\n---\n", false, "in.yaml:2:1: more than one YAML document in the file"},
		{"syntax in second document", "a: 1\n---\nb: [\n", false, "in.yaml:4: YAML syntax: did not find expected node content"},
		{"unclosed flow", "a: 1\nb: [1, 2\nc: 3\n", false, "in.yaml:2: YAML syntax: did not find expected ',' or ']'"},
		{"bad indentation", "a:\n  b: 1\n c: 2\n", false, "in.yaml:3: YAML syntax: did not find expected key"},
		{"stray list item", "x: 1\n- a\n", false, "in.yaml:2: YAML syntax: did not find expected key"},
		{"key inside a list", "a:\n  - b\n  c: 1\n", false, "in.yaml:2: YAML syntax: did not find expected '-' indicator"},
		{"undefined tag handle", "a: !x!b c\n", false, "in.yaml:1: YAML syntax: found undefined tag handle"},
		{"scanner error on line 1", "a: b: c\n", false, "in.yaml: YAML syntax: mapping values are not allowed in this context"},
		{"scanner error on line 2", "a: 1\nb: c: d\n", false, "in.yaml:2: YAML syntax: mapping values are not allowed in this context"},
		{"tab", "a:\n\tb: 1\n", false, "in.yaml:2: YAML syntax: found character that cannot start any token"},
		{"alias", "a: &x 1\nb: *x\n", true, "in.yaml:1:4: YAML anchors and aliases are not allowed here"},
		{"alias only", "a: 1\nb:\n  - *x\n", true, "in.yaml: YAML syntax: unknown anchor 'x' referenced"},
		{"anchor on a mapping", "a: 1\nb: &m\n  c: 2\n", true, "in.yaml:2:4: YAML anchors and aliases are not allowed here"},
		{"deep anchor", "a:\n  - b:\n      - [1, &y 2]\n", true, "in.yaml:3:13: YAML anchors and aliases are not allowed here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseErr(t, tt.src, tt.noAliases); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestParseOK(t *testing.T) {
	n, err := Parse("in.yaml", []byte("# c\na: &x 1\nb: *x\n"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if n.Kind != yaml.MappingNode || len(n.Content) != 4 || n.Line != 2 || n.Column != 1 {
		t.Errorf("root: kind %v, %d children at %d:%d", n.Kind, len(n.Content), n.Line, n.Column)
	}
	if n.Content[3].Kind != yaml.AliasNode {
		t.Errorf("alias kept: %v", n.Content[3].Kind)
	}
	if n, err := Parse("in.yaml", []byte("--- \nx\n...\n"), Limits{NoAliases: true}); err != nil || n.Value != "x" {
		t.Errorf("explicit document markers: %v, %v", n, err)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.yaml")
	if err := os.WriteFile(path, []byte(strings.Repeat("x", 2<<20)), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(path, 2<<20); err != nil || len(data) != 2<<20 {
		t.Errorf("at the limit: %d bytes, %v", len(data), err)
	}
	_, err := ReadFile(path, 2<<20-1)
	if want := path + ": file is larger than 1 MiB"; err == nil || err.Error() != want {
		t.Errorf("over the limit: %v, want %s", err, want)
	}
	if _, err := ReadFile(path, 1<<20); err == nil || err.Error() != path+": file is larger than 1 MiB" {
		t.Errorf("over the limit: %v", err)
	}
	missing := filepath.Join(dir, "none.yaml")
	if _, err := ReadFile(missing, 1<<20); err == nil || err.Error() != missing+": no such file" {
		t.Errorf("missing file: %v", err)
	}
	if _, err := ReadFile(dir, 1<<20); err == nil || !strings.HasPrefix(err.Error(), dir+": is a folder, not a file") {
		t.Errorf("directory: %v", err)
	}
}

func TestClosest(t *testing.T) {
	known := []string{"title", "description", "weight", "criteria"}
	tests := []struct{ word, want string }{
		{"titel", "title"},
		{"Title", "title"},
		{"TITLE", "title"},
		{"wieght", "weight"},
		{"weigth", "weight"},
		{"criterias", "criteria"},
		{"criterion", "criteria"}, // two edits
		{"crit", ""},              // four edits
		{"wait", ""},              // three edits
		{"xyz", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.word, known); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := Closest("A1.x", []string{"A1.a", "A1.b", "B1.x"}); got != "A1.a" {
		t.Errorf("ties go to the first: %q", got)
	}
	if got := suggest("titel", known); got != ` (did you mean "title"?)` {
		t.Errorf("suggest: %q", got)
	}
	if got := suggest("zzz", known); got != " (expected one of: criteria, description, title, weight)" {
		t.Errorf("suggest: %q", got)
	}
	if known[0] != "title" {
		t.Errorf("suggest sorted the caller's list: %v", known)
	}
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"", "abc", 3}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"ä", "a", 1}, {"same", "same", 0}} {
		if got := distance(tt.a, tt.b); got != tt.d {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}

func node(t *testing.T, src string) *yaml.Node {
	t.Helper()
	n, err := Parse("in.yaml", []byte(src), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestReader(t *testing.T) {
	n := node(t, `a: 1
a: 2
b: [x, 1, ~]
c: {d: 1}
? [k]
: v
colour: red
e: 1.5
f: 99999999999
g: 0x10
h: []
`)
	r := &Reader{Path: "in.yaml"}
	m := r.Map(n, "thing", "a", "b", "c", "e", "f", "g", "h", "color")
	r.Require(n, m, "thing", "a", "z")
	r.String(m["c"].Value, "c")
	if got := r.Strings(m["b"].Value, "b"); strings.Join(got, ",") != "x,1" {
		t.Errorf("Strings: %q", got)
	}
	if v, ok := r.Float(m["e"].Value, "e"); !ok || v != 1.5 {
		t.Errorf("Float: %v %v", v, ok)
	}
	r.Int(m["e"].Value, "e")
	r.Int(m["f"].Value, "f")
	if v, ok := r.Int(m["g"].Value, "g"); !ok || v != 16 {
		t.Errorf("Int 0x10: %v %v", v, ok)
	}
	if s := r.Seq(m["h"].Value, "h"); s == nil || len(s) != 0 {
		t.Errorf("Seq of []: %#v, want empty and not nil", s)
	}
	if s := r.Seq(m["c"].Value, "c"); s != nil {
		t.Errorf("Seq of a mapping: %#v", s)
	}
	r.Map(m["a"].Value, "a")
	var got []string
	for _, p := range r.Problems {
		got = append(got, p.Error())
	}
	want := []string{
		`in.yaml:2:1: key "a" appears twice in thing`,
		`in.yaml:5:3: thing: keys must be plain words`,
		`in.yaml:7:1: unknown key "colour" in thing (did you mean "color"?)`,
		`in.yaml:1:1: thing is missing "z"`,
		`in.yaml:4:4: c must be a text, not a mapping`,
		`in.yaml:3:11: b item must be a text, not empty`,
		`in.yaml:8:4: e must be a whole number, not the number 1.5`,
		`in.yaml:9:4: f must be a whole number, not the number 99999999999`,
		`in.yaml:4:4: c must be a list, not a mapping`,
		`in.yaml:1:4: a must be a mapping, not the number 1`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDescribe(t *testing.T) {
	n := node(t, `[{a: 1}, [1], ~, 3, 2.5, true, "text", "`+strings.Repeat("é", 50)+`", 'yes']`)
	want := []string{"a mapping", "a list", "empty", "the number 3", "the number 2.5", "the boolean true",
		`"text"`, `"` + strings.Repeat("é", 39) + `…"`, `"yes"`}
	for i, c := range n.Content {
		if got := Describe(c); got != want[i] {
			t.Errorf("Describe(%d) = %s, want %s", i, got, want[i])
		}
	}
	if got := Describe(&yaml.Node{Kind: yaml.AliasNode}); got != "an alias" {
		t.Errorf("alias: %s", got)
	}
	if !IsNull(n.Content[2]) || IsNull(n.Content[3]) {
		t.Errorf("IsNull")
	}
	if got := Shorten("abc", 3); got != "abc" {
		t.Errorf("Shorten: %q", got)
	}
	if got := Shorten("abcd", 3); got != "ab…" {
		t.Errorf("Shorten: %q", got)
	}
}

func TestNumber(t *testing.T) {
	n := node(t, `[1, -2, 1_000, 0o17, 0x1F, 2.5, 1e3, .inf, -.inf, .nan, 1e400, "3", abc, ~, true]`)
	want := []struct {
		v  float64
		ok bool
	}{{1, true}, {-2, true}, {1000, true}, {15, true}, {31, true}, {2.5, true}, {1000, true},
		{0, false}, {0, false}, {0, false}, {0, false}, {0, false}, {0, false}, {0, false}, {0, false}}
	for i, c := range n.Content {
		v, ok := Number(c)
		if v != want[i].v || ok != want[i].ok {
			t.Errorf("Number(%s) = %v, %v; want %v, %v", c.Value, v, ok, want[i].v, want[i].ok)
		}
	}
}

func TestErrorfOneLine(t *testing.T) {
	r := &Reader{Path: "in.yaml"}
	r.Errorf(nil, "area %s is missing %q", "A\nB\r\tC\x1b[31m", "title")
	r.Errorf(nil, "ünïcode — fine")
	got := r.Problems.Error()
	want := "in.yaml: area A\\nB\\r\\tC\\x1b[31m is missing \"title\"\nin.yaml: ünïcode — fine"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestParseDeepNesting(t *testing.T) {
	deep := "a: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n"
	for _, src := range []string{deep, strings.Repeat("- ", 20000) + "x\n"} {
		if _, err := Parse("in.yaml", []byte(src), Limits{NoAliases: true}); err == nil || err.Error() != "in.yaml:1: YAML syntax: exceeded max depth of 10000" {
			t.Errorf("20000 levels: %v", err)
		}
	}
	ok := "a: " + strings.Repeat("[", 500) + strings.Repeat("]", 500) + "\n"
	if _, err := Parse("in.yaml", []byte(ok), Limits{NoAliases: true}); err != nil {
		t.Errorf("500 nested lists: %v", err)
	}
}

// A file of more items than any r3l file holds is refused before yaml.v3
// builds them (4 MiB of one-character items would take 400 MB), at the
// line where the count passes the cap; quoted text and comments full of
// commas count as one item, and every sample file stays far below.
func TestMaxNodes(t *testing.T) {
	flow := "answers: [" + strings.Repeat("1,", 300) + "1]\n"
	_, err := Parse("in.yaml", []byte("a: 1\n"+flow), Limits{MaxNodes: 200})
	if want := "in.yaml:2: more than 200 YAML items by this line: far more than any r3l file holds, so the file is not read"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	quoted := "a: \"" + strings.Repeat("x, [y], {z}: - ", 100) + "\"  # " + strings.Repeat(", ", 500) + "\nb: 'it''s, [1]'\n"
	if _, err := Parse("in.yaml", []byte(quoted), Limits{MaxNodes: 10}); err != nil {
		t.Errorf("quoted text and comments: %v", err)
	}
	for _, tc := range []struct {
		glob string
		max  int
	}{{"../../testdata/regions/*/*.yaml", MaxQuestionnaireNodes / 100}, {"../../framework/bundled/*.yaml", MaxFrameworkNodes / 100}} {
		paths, _ := filepath.Glob(tc.glob)
		if len(paths) == 0 {
			t.Fatalf("no files %s", tc.glob)
		}
		for _, p := range paths {
			data, _ := os.ReadFile(p)
			if line := tooManyNodes(data, tc.max); line > 0 {
				t.Errorf("%s: more than %d items (a hundredth of the cap) by line %d", p, tc.max, line)
			}
		}
	}
}

// A file with thousands of problems lists the first MaxProblems and says
// how many more there are.
func TestProblemsCapped(t *testing.T) {
	r := &Reader{Path: "in.yaml"}
	for i := range 2500 {
		r.Errorf(&yaml.Node{Line: i + 1, Column: 1}, "bad %d", i)
	}
	lines := strings.Split(r.Err().Error(), "\n")
	if len(lines) != MaxProblems+1 || lines[0] != "in.yaml:1:1: bad 0" ||
		lines[MaxProblems] != "in.yaml: and 2400 more problems (the first 100 are listed)" {
		t.Errorf("%d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
}
