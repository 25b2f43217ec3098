package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/pipeline"
)

// hostile is text that acts on a terminal, as YAML writes it in double
// quotes: clear screen, a window title (OSC 0), a hidden link (OSC 8), a
// C1 CSI, a right-to-left override and isolate, a bell, SOH and DEL.
const hostile = `\e[2J \e]0;title\a \e]8;;http://x\e\\link\e]8;;\e\\ \x9b31m \u202egnp.exe\u202c \u2066iso\u2069 \x01 \x7f`

// hostileFramework has the hostile text in every kind of text the
// reports and `framework show` print; the visible words around it
// (Fwtitle, Areatitle, …) must still show.
var hostileFramework = strings.NewReplacer("H", hostile).Replace(`schema: r3l.framework/v1
id: hostile
version: "1 H"
title: "Fwtitle H"
description: "Fwdescription H"
scales:
  - id: s
    kind: ordinal
    label: "Scalelabel H"
    points:
      - {value: 0, code: low, label: "Pointlow H"}
      - {value: 1, code: high, label: "Pointhigh H"}
  - {id: n, kind: numeric, worst: 0, best: 10, unit: "Unitname H"}
default_scale: s
maturity:
  - {id: start, from: 0, label: "Bandlabel H"}
areas:
  - id: A
    title: "Areatitle H"
    criteria:
      - id: A1
        title: "Crittitle H"
        cluster: "Clustername H"
        indicators:
          - {id: A1.a, text: "Indtext H [click](javascript:alert(1)) <b>bold</b> ` + "`code`" + `"}
          - {id: A1.b, text: "Second indicator"}
`)

// hostileQuestionnaire is respondent i's answers in period, with the
// hostile text in the region's name, group and country, the role, the
// evidence and the comment.
func hostileQuestionnaire(i int, period string) string {
	return strings.NewReplacer("H", hostile).Replace(fmt.Sprintf(`schema: r3l.questionnaire/v1
framework: hostile
region:
  id: reg
  name: "Regionname H [click](javascript:alert(1))"
  group: "Groupname H"
  country: "Countryname H"
period: "%s"
respondent:
  id: r%d
  role: "Rolename H"
answers:
  A1.a:
    answer: %d
    evidence: "Evidencetext H [click](javascript:alert(1)) <script>x</script>"
    comment: "Commenttext H"
  A1.b: high
priorities:
  A: [A1]
`, period, i, i%2))
}

// hostileResults scores three respondents in each of two periods.
func hostileResults(t *testing.T) []*assess.Result {
	t.Helper()
	dir := t.TempDir()
	fwPath := filepath.Join(dir, "fw.yaml")
	if err := os.WriteFile(fwPath, []byte(hostileFramework), 0o644); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, period := range []string{"2023", "2024"} {
		for i := 1; i <= 3; i++ {
			p := filepath.Join(dir, fmt.Sprintf("q%s-%d.yaml", period, i))
			if err := os.WriteFile(p, []byte(hostileQuestionnaire(i, period)), 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
	}
	p, err := pipeline.New(pipeline.Options{Framework: fwPath, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	results, err := p.Run(paths)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 {
		t.Fatalf("%d results, want 2", len(results))
	}
	r := results[1]
	r.Missing = []string{"Missingfile " + strings.ReplaceAll(hostileGo, "\n", "") + ".yaml"}
	r.Warnings = append(r.Warnings, "Warningtext "+hostileGo)
	return results
}

// hostileGo is hostile as Go writes it, for fields set directly.
const hostileGo = "\x1b[2J \x1b]0;title\a \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \u009b31m \u202egnp.exe\u202c \u2066iso\u2069 \x01 \x7f"

// actingRunes lists what in out would act on a terminal instead of
// showing: any C0 control but line feed (and tab where allowTab), DEL,
// C1 controls, bidirectional overrides and isolates, and bytes that are
// not UTF-8.
func actingRunes(out []byte, allowTab bool) []string {
	var bad []string
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRune(out[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			bad = append(bad, fmt.Sprintf("byte %#x at %d", out[i], i))
		case r == '\n', r == '\t' && allowTab:
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			bad = append(bad, fmt.Sprintf("%U at %d", r, i))
		}
		i += size
	}
	return bad
}

func checkNeutral(t *testing.T, name string, out []byte, visible ...string) {
	t.Helper()
	if bytes.IndexByte(out, 0x1b) >= 0 {
		t.Errorf("%s: output holds ESC (0x1b)", name)
	}
	if bad := actingRunes(out, false); len(bad) > 0 {
		t.Errorf("%s: output holds characters that act on a terminal: %s", name, strings.Join(bad[:min(len(bad), 8)], ", "))
	}
	for _, v := range visible {
		if !bytes.Contains(out, []byte(v)) {
			t.Errorf("%s: output lacks %q", name, v)
		}
	}
	if t.Failed() {
		t.Logf("%s output:\n%s", name, out)
	}
}

// TestTextFormatsNeutraliseControls writes an assessment, a comparison
// and the framework whose texts hold terminal escape sequences in every
// text format: none of the sequences may reach the output, and the
// visible text around them must.
func TestTextFormatsNeutraliseControls(t *testing.T) {
	results := hostileResults(t)
	r := results[1]
	fw := r.Framework
	// Every format shows the region and indicator texts; table and
	// Markdown show the framework's and the roles' too.
	common := []string{"Regionname", "javascript:alert(1)", "2024"}
	texts := append(common, "Rolename", "Fwtitle", "Crittitle", "Indtext", "Bandlabel", "Clustername", "Missingfile")
	table := append(texts, "AREATITLE") // the table writes areas in capitals
	for _, c := range []struct {
		format  string
		opts    Options
		visible []string
	}{
		{"table", Options{}, table},
		{"table", Options{Color: true, Width: 120}, table},
		{"table", Options{Summary: true}, common},
		{"markdown", Options{}, append(texts, "Areatitle", "Evidencetext", "Commenttext", "Warningtext")},
		{"csv", Options{}, append(common, "Groupname", "Countryname")},
	} {
		name := fmt.Sprintf("%s %+v", c.format, c.opts)
		out := render(t, c.format, c.opts, r)
		if c.opts.Color { // the table's own bold headings are welcome
			out = bytes.ReplaceAll(bytes.ReplaceAll(out, []byte("\x1b[1m"), nil), []byte("\x1b[0m"), nil)
		}
		checkNeutral(t, name, out, c.visible...)
	}

	c := assess.Compare(fw, results, assess.CompareOptions{MinGroup: 1})
	for format, visible := range map[string][]string{
		"table":    {"Regionname", "Fwtitle", "Groupname"},
		"markdown": {"Regionname", "Fwtitle", "Groupname"},
		"csv":      {"Regionname", "Groupname", "Countryname"},
	} {
		checkNeutral(t, format+" comparison", renderComparison(t, format, Options{}, c), visible...)
	}

	var tree bytes.Buffer
	if err := FrameworkTree(&tree, fw, "en", 100); err != nil {
		t.Fatal(err)
	}
	checkNeutral(t, "framework show", tree.Bytes(), "Fwtitle", "Fwdescription", "Scalelabel", "Pointlow", "Unitname",
		"AREATITLE", "Crittitle", "Clustername", "Indtext", "Bandlabel", "javascript:alert(1)")
	var list bytes.Buffer
	if err := FrameworkList(&list, []*framework.Framework{fw}, "en"); err != nil {
		t.Fatal(err)
	}
	checkNeutral(t, "framework list", list.Bytes(), "Fwtitle")

	// JSON escapes them (encoding/json the C0 controls, the writer C1
	// and bidi); the text stays whole once parsed.
	out := render(t, "json", Options{}, r)
	checkNeutral(t, "json", out, "Regionname")
	// HTML shows them as visible escapes, as the text formats do.
	checkNeutral(t, "html", render(t, "html", Options{}, r), "Regionname", "Indtext", "Evidencetext")
	checkNeutral(t, "html comparison", renderComparison(t, "html", Options{}, c), "Regionname")
	var doc struct {
		Region struct{ Name string } `json:"region"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || !strings.Contains(doc.Region.Name, hostileGo) {
		t.Errorf("JSON region name %q (%v), want the text as written", doc.Region.Name, err)
	}
}

// TestMarkdownUserTextIsLiteral checks that questionnaire and framework
// text cannot become a link, an image or HTML in a Markdown report.
func TestMarkdownUserTextIsLiteral(t *testing.T) {
	r := hostileResults(t)[1]
	out := string(render(t, "markdown", Options{}, r))
	for _, bad := range []string{"[click]", "](", "<script", "<b>", "`code`"} {
		for i, rest := 0, out; ; {
			j := strings.Index(rest[i:], bad)
			if j < 0 {
				break
			}
			if i += j; i == 0 || rest[i-1] != '\\' {
				t.Errorf("Markdown holds %q unescaped at %d", bad, i)
				break
			}
			i++
		}
	}
	for _, want := range []string{`\[click\](javascript:alert(1))`, "&lt;script&gt;", "&lt;b&gt;bold&lt;/b&gt;", "\\`code\\`"} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks the escaped text %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
	for _, c := range []struct{ in, want string }{
		{"[click](javascript:alert(1))", `\[click\](javascript:alert(1))`},
		{"![img](http://x/y.png)", `!\[img\](http://x/y.png)`},
		{"<http://x> & <b>", "&lt;http://x&gt; &amp; &lt;b&gt;"},
		{`a \[b] | c`, `a \\\[b\] \| c`},
		{"`x`", "\\`x\\`"},
		{"two\nlines\r\nend", "two lines end"},
		{"esc \x1b[2J", `esc \\x1b\[2J`},
		{"Lake Constance (DE/CH/AT) – 2024", "Lake Constance (DE/CH/AT) – 2024"},
	} {
		if got := mdEscape(c.in); got != c.want {
			t.Errorf("mdEscape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
