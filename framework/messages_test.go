package framework

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLoadShortensEchoedValues: a message repeats at most a short piece
// of what the file holds, however long that is.
func TestLoadShortensEchoedValues(t *testing.T) {
	huge := strings.Repeat("k", 4<<20)
	for _, c := range []struct {
		name, src, prefix string
	}{
		{"unknown key", strings.Replace(minimal, "id: t\n", "id: t\n? "+huge+"\n: 1\n", 1),
			`fw.yaml:3:3: unknown key "kkkkkkkk`},
		{"framework id", strings.Replace(minimal, "id: t\n", "id: "+strings.ToUpper(huge)+"\n", 1),
			`fw.yaml:2:5: framework id "KKKKKKKK`},
		{"indicator id", strings.Replace(minimal, "{id: A1.a, text: Statement}", "{id: \"A1.a "+huge+"\", text: Statement}", 1),
			`fw.yaml:14:18: indicator id "A1.a kkkkkkkk`},
		{"scale id and its missing keys", strings.Replace(minimal, "{id: s, kind: boolean}", "{id: \"s "+huge+"\"}", 1),
			`fw.yaml:5:5: scale s kkkkkkkk`},
		{"schema", strings.Replace(minimal, "r3l.framework/v1", huge, 1),
			`fw.yaml:1:9: schema must be "r3l.framework/v1", not "kkkkkkkk`},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines := loadErrs(t, c.src)
			found := false
			for _, l := range lines {
				if n := utf8.RuneCountInString(l); n > 300 {
					t.Errorf("a message of %d characters: %.120s…", n, l)
				}
				found = found || strings.HasPrefix(l, c.prefix)
			}
			if !found {
				t.Errorf("no message starts with %s; got:\n%.2000s", c.prefix, strings.Join(lines, "\n"))
			}
		})
	}
}

// TestLoadSyntaxErrorsHaveALine: YAML errors that yaml.v3 reports without
// a line — bytes that are not UTF-8, control characters, nesting too deep
// from the first line — still name the line.
func TestLoadSyntaxErrorsHaveALine(t *testing.T) {
	for _, c := range []struct {
		name, src, want string
	}{
		{"invalid UTF-8", "schema: r3l.framework/v1\nid: t\n\ntitle: \"ab\xffc\"\n",
			"fw.yaml:4:11: YAML syntax: invalid leading UTF-8 octet"},
		{"invalid UTF-8 in a comment", "schema: r3l.framework/v1\n# caf\xe9\nid: t\n",
			"fw.yaml:2:6: YAML syntax: invalid trailing UTF-8 octet"},
		{"control character", "schema: r3l.framework/v1\nid: \"t\x1b[2J\"\n",
			"fw.yaml:2:7: YAML syntax: control characters are not allowed"},
		{"C1 control character", "schema: r3l.framework/v1\nversion: x\u009by\n",
			"fw.yaml:2:11: YAML syntax: control characters are not allowed"},
		{"nesting from the first line", strings.Repeat("[", 10001),
			"fw.yaml:1: YAML syntax: exceeded max depth of 10000"},
		{"nesting on a later line", "schema: r3l.framework/v1\nareas: " + strings.Repeat("[", 10001),
			"fw.yaml:2: YAML syntax: exceeded max depth of 10000"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sameLines(t, loadErrs(t, c.src), []string{c.want})
		})
	}
}
