package yamlx

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// sameNode compares what fastParse made with what yaml.v3 made, but for
// comments, and says where they differ.
func sameNode(fast, slow *yaml.Node) string {
	if fast.Kind != slow.Kind || fast.Tag != slow.Tag || fast.Value != slow.Value || fast.Style != slow.Style ||
		fast.Line != slow.Line || fast.Column != slow.Column || len(fast.Content) != len(slow.Content) || fast.Anchor != "" {
		return fmt.Sprintf("fast %d:%d kind %d tag %s style %d %q (%d items), yaml.v3 %d:%d kind %d tag %s style %d %q (%d items)",
			fast.Line, fast.Column, fast.Kind, fast.Tag, fast.Style, fast.Value, len(fast.Content),
			slow.Line, slow.Column, slow.Kind, slow.Tag, slow.Style, slow.Value, len(slow.Content))
	}
	for i := range fast.Content {
		if d := sameNode(fast.Content[i], slow.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// yamlV3Root is Parse's root through yaml.v3, or nil when yaml.v3 takes
// data for no single document.
func yamlV3Root(data []byte) *yaml.Node {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if dec.Decode(&doc) != nil || len(doc.Content) == 0 {
		return nil
	}
	var extra yaml.Node
	if dec.Decode(&extra) == nil {
		return nil
	}
	return doc.Content[0]
}

// checkFast fails when fastParse reads data differently from yaml.v3; it
// reports whether fastParse took it.
func checkFast(t *testing.T, name string, data []byte) bool {
	t.Helper()
	fast := fastParse(data)
	if fast == nil {
		return false
	}
	slow := yamlV3Root(data)
	if slow == nil {
		t.Fatalf("%s: fastParse read what yaml.v3 refuses:\n%s", name, data)
	}
	if d := sameNode(fast, slow); d != "" {
		t.Fatalf("%s: %s\n%s", name, d, data)
	}
	return true
}

func TestFastParseSameNodes(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../../testdata/*/*/*.yaml", "../../testdata/*/*.yaml", "../../framework/bundled/*.yaml", "../../*/testdata/*/*.yaml"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	taken := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if checkFast(t, f, data) {
			taken++
		} else if strings.Contains(f, "framework/bundled/") {
			// `assess` parses a bundled framework at every start.
			t.Errorf("%s: a bundled framework outside the fast subset", f)
		}
	}
	// The sample questionnaires and the bundled frameworks are in the
	// subset.
	if taken < 40 || len(files) < 40 {
		t.Errorf("fastParse took %d of %d files", taken, len(files))
	}
	for _, c := range []struct {
		in   string
		fast bool
	}{
		{"a: 1\nb: -2\nc: 0.5\nd: text with spaces\ne: \"q\\\"uo\\u00e9\\n\"\nf: 'it''s'\n", true},
		{"a: true\nb: Null\nc: yes\nd: y\ne: [A1, b.2, 3]\nf: []\n", true},
		{"# head\nx:   # note\n  y: 1 # one\n\n  z:\n    w: \"v\" # c\n", true},
		{"\"quoted key\": 1\n'single': 2\n", true},
		{"k: Größe 3 – fünf\nl: \"Ünïcödé\"\n", true},
		{"f: bench@1\ng: it's \"so\" & more!\n", true},
		{"dup: 1\ndup: 2\n", true},
		{"a: 2024-03-01\n", false}, // a timestamp
		{"a: 012\n", false},        // octal
		{"a: 0x1F\n", false},       // hexadecimal
		{"a: 1e5\n", false},        // exponent
		{"a: .5\n", false},         // fraction without a whole
		{"a: b: c\n", false},       // not YAML
		{"a: x\n  y\n", false},     // a scalar on two lines
		{"a:\n  - 1\n", true},      // a block list
		{"a:\n- x\n- 'y'\nb: 1\n", true},
		{"a:\n  - id: x\n    k: [p, q]\n  -   id: y\n      k: v\n  - z\nb:\n  - c:\n    - 1\n    d: 2\n", true},
		{"a:\n  - n: 1 # c\n    # note\n\n  - \"q: r\"\n", true},
		{"a:\n  -\n    b: 1\n", false}, // an item below its dash
		{"a:\n  - - 1\n", false},       // a list in a list
		{"a:\n  -1\n", false},
		{"a:\n  - b: 1\n   c: 2\n", false},
		{"a:\n  - 1\n   - 2\n", false},
		{"a:\n  - b\n    c\n", false}, // an item on two lines
		{"a:\n  - b: c: d\n", false},
		{"- 1\n", false},            // a list at the top
		{"a:\nb: 1\n", false},       // an empty value
		{"a: &x 1\nb: *x\n", false}, // anchor and alias
		{"a: {b: 1}\n", false},      // flow mapping
		{"a: |\n  text\n", true},    // block scalars
		{"a: >-\n  one\n  two\n\n  three\n\n\n  four\nb: 1\n", true},
		{"a: >\n  one\n  # two\n\n\nb: |-\n  x\n\n  y\n# c\nc: | # note\n  z\n", true},
		{"a:\n  en: >-\n    Deeper, text: here\n  de: x\n", true},
		{"a: >2\n  text\n", false},   // indentation indicator
		{"a: >+\n  text\n\n", false}, // keep
		{"a: >-\n  one\n    more\n", false},
		{"a: >-\n  one \n", false},
		{"a: >-\n\n  one\n", false},
		{"a: >-\n  one", false},
		{"a: >-\nb: 1\n", false},
		{"a: >-\n    one\n  two\n", false},
		{"a: >-x\n  one\n", false},
		{"a: >- x\n  one\n", false},
		{"a: plain, with [flow] {chars} and a:colon, C#\nb: Über (x)\nc: (p)\n", true},
		{"1.1.a: 1.2.3\n10.2.b: 0.0.0\nc: 1.1.1e5\nd: 01.2.3-4\ne: 1..2\n", true},
		{"a: [\"1.1\", 'x, ]', b]\nb: [\"\"]\n", true},
		{"a: [\"x\" y]\n", false},
		{"a: ends:\n", false},
		{strings.Repeat("k", 1100) + ": 1\n", false}, // a key beyond YAML's 1,024 characters
		{"a: ~\n", false},
		{"a: .inf\n", false},
		{"a: +1\n", false},
		{"a: <<\n", false},
		{"a: @x\n", false},
		{"a: `x\n", false},
		{"a: %x\n", false},
		{"a: !x\n", false},
		{"a: \"two\n  lines\"\n", false},
		{"a: 1\r\nb: 2\r\n", false},
		{"\ufeffa: 1\n", false},
		{"a:\t1\n", false},
		{"---\na: 1\n", false},
		{"  a: 1\n", false},
		{"a: 1\n b: 2\n", false},
		{"a: \"x\"#c\n", false},
		{"a: [b, ]\n", false},
		{"a: 1\n...\n", false},
		{"", false},
		{"# only a comment\n", false},
		{"a: \"\\ud800\"\n", false},
		{"a: \"\\x41\"\n", false},
		{"a: \"\\/\"\n", false}, // YAML 1.2 only: yaml.v3 refuses it
	} {
		if got := checkFast(t, c.in, []byte(c.in)); got != c.fast {
			t.Errorf("fastParse(%q) took it: %v, want %v", c.in, got, c.fast)
		}
	}
}

// Parse reads a questionnaire the same with and without the fast path,
// problems included.
func TestParseFastAndSlowSame(t *testing.T) {
	data, err := os.ReadFile("../../testdata/regions/lake-constance/r01-lead-partner.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if fastParse(data) == nil {
		t.Fatal("the sample questionnaire is not in the fast subset")
	}
	root, err := Parse("q.yaml", data, Limits{NoAliases: true, MaxNodes: MaxQuestionnaireNodes})
	if err != nil {
		t.Fatal(err)
	}
	if d := sameNode(root, yamlV3Root(data)); d != "" {
		t.Error(d)
	}
}

func FuzzFastParse(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/regions/*/*.yaml")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("a: 1\nb:\n  c: \"x\\u00e9\"\n  d: [e, f]\n"))
	f.Add([]byte("a:\n- id: x\n  t: >-\n    one,\n    two\n\n    three\n  l: [\"1.1\", b]\n- (y)\nb: |\n  z\n"))
	f.Add([]byte("1.1.a:\n  answer: 4\n  evidence: \"x\"\nc:\n  - - 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 || strings.Count(string(data), "\n") > 2000 {
			return
		}
		checkFast(t, "fuzz", data)
	})
}
