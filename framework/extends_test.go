package framework

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestExtendsScoring loads testdata/frameworks/scoring-extended.yaml, which
// extends scoring.yaml: it adds indicator A1.c and criterion B4 (with
// B4.a), drops A2.c, gives area A weight 1 instead of 3 and rewords the
// title of B1.
func TestExtendsScoring(t *testing.T) {
	f, err := LoadFile("../testdata/frameworks/scoring-extended.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var tree []string
	for _, a := range f.Areas {
		var crits []string
		for _, c := range a.Criteria {
			var inds []string
			for _, ind := range c.Indicators {
				inds = append(inds, ind.ID)
			}
			crits = append(crits, c.ID+"("+strings.Join(inds, " ")+")")
		}
		tree = append(tree, fmt.Sprintf("%s w%v: %s", a.ID, a.Weight, strings.Join(crits, " ")))
	}
	sameLines(t, tree, []string{
		"A w1: A1(A1.a A1.b A1.c) A2(A2.a A2.b)",
		"B w1: B1(B1.a B1.b) B2(B2.a) B3(B3.a) B4(B4.a)",
	})
	for i, ind := range f.Indicators {
		if ind.Index != i || f.Indicator(ind.ID) != ind {
			t.Errorf("indicator %s: index %d at %d", ind.ID, ind.Index, i)
		}
	}
	if f.ID != "scoring-extended" || f.Version != "1" || f.Extends != "scoring" || f.Base == nil || f.Base.ID != "scoring" {
		t.Fatalf("id %q version %q extends %q", f.ID, f.Version, f.Extends)
	}
	if got := f.Title.Get("en"); got != "Scoring test framework, extended" {
		t.Errorf("title %q", got)
	}
	if got := f.Criterion("B1").Title.Get("en"); got != "Criterion B1, reworded" {
		t.Errorf("B1 title %q", got)
	}
	// What the base gives is kept: scales, bands, weights, clusters.
	if f.Indicator("A1.b").Weight != 3 || f.Criterion("A1").Weight != 2 || f.Indicator("A2.b").Scale.ID != "share" ||
		f.Criterion("B1").Cluster.Get("en") != "Evaluation" || len(f.Maturity) != 3 || f.Indicator("B4.a").Scale.ID != "yesno" {
		t.Errorf("the base's parts changed")
	}
	if f.Base.Area("A").Weight != 3 || f.Base.Indicator("A2.c") == nil || f.Base.Criterion("B1").Title.Get("en") != "Criterion B1" {
		t.Errorf("the base itself changed")
	}
	var marks []string
	for _, a := range f.Areas {
		marks = append(marks, fmt.Sprintf("%s %d", a.ID, a.Change))
		for _, c := range a.Criteria {
			marks = append(marks, fmt.Sprintf("%s %d", c.ID, c.Change))
			for _, ind := range c.Indicators {
				marks = append(marks, fmt.Sprintf("%s %d", ind.ID, ind.Change))
			}
		}
	}
	// 0 inherited, 1 added, 2 changed: A (weight) and B1 (title) are
	// changed; A1 and B, which only hold what changed, are not.
	sameLines(t, marks, []string{
		"A 2", "A1 0", "A1.a 0", "A1.b 0", "A1.c 1", "A2 0", "A2.a 0", "A2.b 0",
		"B 0", "B1 2", "B1.a 0", "B1.b 0", "B2 0", "B2.a 0", "B3 0", "B3.a 0", "B4 1", "B4.a 1",
	})
	if strings.Join(f.Dropped, " ") != "A2.c" {
		t.Errorf("dropped %v", f.Dropped)
	}
	if !f.DroppedIndicator("scoring", "A2.c") || f.DroppedIndicator("scoring", "A1.a") ||
		f.DroppedIndicator("scoring-extended", "A2.c") || f.DroppedIndicator("other", "A2.c") {
		t.Errorf("DroppedIndicator")
	}
	if f.Ancestor("scoring") != f.Base || f.Ancestor("scoring-extended") != f || f.Ancestor("other") != nil {
		t.Errorf("Ancestor")
	}
	if len(f.SHA256) != 64 || f.SHA256 == f.Base.SHA256 {
		t.Errorf("sha256 %q", f.SHA256)
	}
}

// extBase is the base of the extension tests, as base.yaml.
const extBase = `schema: r3l.framework/v1
id: base
version: "1"
levels: {area: Field, criterion: Criterion}
scales:
  - {id: s, kind: boolean}
  - {id: n, kind: numeric, worst: 0, best: 10}
default_scale: s
roles:
  - {id: school, label: School}
areas:
  - id: A
    title: Area A
    criteria:
      - id: A1
        title: Criterion A1
        indicators:
          - {id: A1.a, text: Statement}
          - {id: A1.b, text: Statement}
  - id: B
    title: Area B
    criteria:
      - id: B1
        title: Criterion B1
        indicators:
          - {id: B1.a, text: Statement}
`

// extHead starts an extension of base.yaml; its line 5 is the next.
const extHead = `schema: r3l.framework/v1
id: ext
version: "1"
extends: base.yaml
`

// loadIn writes files into a new folder, makes it the working folder and
// loads path there.
func loadIn(t *testing.T, files map[string]string, path string) (*Framework, error) {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return LoadFile(path)
}

// TestExtendsMerges checks how the parts other than the tree merge: top-level
// fields replace the base's, level names merge by key, scales by id
// (whole), roles by id (the label).
func TestExtendsMerges(t *testing.T) {
	f, err := loadIn(t, map[string]string{"base.yaml": extBase, "ext.yaml": extHead + `min_coverage: 0.8
levels: {criterion: Quality}
scales:
  - {id: n, kind: numeric, worst: 10, best: 0}
  - {id: yn, kind: boolean, allow: [na]}
roles:
  - {id: school, label: Schools}
  - {id: employer}
areas:
  - id: A
    criteria:
      - id: A1
        indicators:
          - {id: A1.b, scale: n, weight: 2}
`}, "ext.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{
		fmt.Sprintf("min_coverage %v, default scale %s", f.MinCoverage, f.DefaultScale),
		fmt.Sprintf("levels %s/%s/%s", f.LevelName("area", "en"), f.LevelName("criterion", "en"), f.LevelName("indicator", "en")),
	}
	for _, s := range f.Scales {
		got = append(got, fmt.Sprintf("scale %s %s worst %v best %v allow %v", s.ID, s.Kind, s.Worst, s.Best, s.Allow))
	}
	for _, r := range f.Roles {
		got = append(got, fmt.Sprintf("role %s %s", r.ID, r.Label.Get("en")))
	}
	ind := f.Indicator("A1.b")
	got = append(got, fmt.Sprintf("A1.b %s weight %v text %s change %d", ind.Scale.ID, ind.Weight, ind.Text.Get("en"), ind.Change))
	sameLines(t, got, []string{
		"min_coverage 0.8, default scale s",
		"levels Field/Quality/Indicator",
		"scale s boolean worst 0 best 0 allow []",
		"scale n numeric worst 10 best 0 allow []",
		"scale yn boolean worst 0 best 0 allow [na]",
		"role school Schools",
		"role employer employer",
		"A1.b n weight 2 text Statement change 2",
	})
}

// TestExtendsErrors checks the problems only an extension has, each at
// its position in the extension, and that problems with what comes from
// the base print without a line.
func TestExtendsErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"unknown drop id", map[string]string{"ext.yaml": extHead + "drop: [A1.a, A1.z, A1.a]\n"}, []string{
			`ext.yaml:5:14: drop: "A1.z" is not an area, criterion or indicator of framework base`,
			`ext.yaml:5:20: drop: A1.a is listed twice`,
		}},
		{"moved criterion and indicator", map[string]string{"ext.yaml": extHead + `areas:
  - id: B
    criteria:
      - id: A1
      - id: B1
        indicators:
          - {id: A1.a}
`}, []string{
			`ext.yaml:8:13: criterion A1 is in area A of the base framework: an extension cannot move it (drop it and add one with a new id)`,
			`ext.yaml:11:18: indicator A1.a is in criterion A1 of the base framework: an extension cannot move it (drop it and add one with a new id)`,
		}},
		{"moved into a new area", map[string]string{"ext.yaml": extHead + `areas:
  - id: C
    title: Area C
    criteria:
      - id: B1
        title: Criterion B1
        indicators: [{id: C1.a, text: Statement}]
      - id: C1
        title: Criterion C1
        indicators: [{id: C1.b, text: Statement}]
`}, []string{
			`ext.yaml:9:13: criterion B1 is in area B of the base framework: an extension cannot move it (drop it and add one with a new id)`,
		}},
		{"another kind", map[string]string{"ext.yaml": extHead + `areas:
  - id: A
    criteria:
      - {id: B, title: T, indicators: [{id: A1, text: T}]}
`}, []string{
			`ext.yaml:8:14: B is an area of the base framework, not a criterion`,
		}},
		{"dropped and given again, given twice", map[string]string{"ext.yaml": extHead + `drop: [A1.a]
areas:
  - id: A
    criteria:
      - id: A1
        indicators:
          - {id: A1.a, text: Again}
  - id: A
    weight: 2
`}, []string{
			`ext.yaml:11:18: indicator A1.a is dropped (drop:): an extension cannot drop an id and give it again`,
			`ext.yaml:12:9: id "A" is already used at line 7`,
		}},
		{"an id of its own and a version", map[string]string{"ext.yaml": "schema: r3l.framework/v1\nid: base\nextends: base.yaml\n"}, []string{
			`ext.yaml:1:1: framework is missing "version"`,
			`ext.yaml:2:5: id "base" is that of the framework it extends; an extension needs an id of its own`,
		}},
		{"the extension's own problems at their lines", map[string]string{"ext.yaml": extHead + `areas:
  - id: A
    wieght: 2
    criteria:
      - id: A1
        indicators:
          - {id: A1.c, text: New, scale: nope}
`}, []string{
			`ext.yaml:7:5: unknown key "wieght" in area A (did you mean "weight"?)`,
			`ext.yaml:11:42: indicator A1.c: scale "nope" is not defined`,
		}},
		{"the base's parts without a line", map[string]string{"ext.yaml": extHead + "default_scale: n\ndrop: [B1]\n"}, []string{
			`ext.yaml: area B must list at least one criterion`,
		}},
		{"missing base file", map[string]string{"ext.yaml": strings.Replace(extHead, "base.yaml", "nosuch.yaml", 1)}, []string{
			`ext.yaml:4:10: base framework file nosuch.yaml not found`,
		}},
		{"base is no framework", map[string]string{"ext.yaml": strings.Replace(extHead, "base.yaml", "q.yaml", 1),
			"q.yaml": "schema: r3l.questionnaire/v1\nframework: base\n"}, []string{
			`ext.yaml:4:10: q.yaml is not a framework file (a framework has schema: r3l.framework/v1)`,
		}},
		{"base with problems", map[string]string{"ext.yaml": extHead,
			"base.yaml": strings.Replace(extBase, "title: Area B", "titel: Area B", 1)}, []string{
			`ext.yaml:4:10: in the base: base.yaml:20:5: area B is missing "title"`,
			`ext.yaml:4:10: in the base: base.yaml:21:5: unknown key "titel" in area (did you mean "title"?)`,
		}},
		{"cycle", map[string]string{
			"a.yaml": "schema: r3l.framework/v1\nid: a\nversion: \"1\"\nextends: b.yaml\n",
			"b.yaml": "schema: r3l.framework/v1\nid: b\nversion: \"1\"\nextends: ./a.yaml\n"}, []string{
			`a.yaml:4:10: extends makes a cycle: a.yaml → b.yaml → a.yaml`,
		}},
		{"extends itself", map[string]string{"a.yaml": "schema: r3l.framework/v1\nid: a\nversion: \"1\"\nextends: a.yaml\n"}, []string{
			`a.yaml:4:10: extends makes a cycle: a.yaml → a.yaml`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"base.yaml": extBase}
			for k, v := range tc.files {
				files[k] = v
			}
			path := "ext.yaml"
			if _, ok := files["a.yaml"]; ok {
				path = "a.yaml"
			}
			f, err := loadIn(t, files, path)
			if err == nil {
				t.Fatalf("loaded %s without error", f.ID)
			}
			sameLines(t, strings.Split(err.Error(), "\n"), tc.want)
		})
	}
}

// TestExtendsUnknownBundled names the bundled frameworks when extends
// names none of them and no file.
func TestExtendsUnknownBundled(t *testing.T) {
	_, err := loadIn(t, map[string]string{"ext.yaml": strings.Replace(extHead, "base.yaml", "nosuch", 1)}, "ext.yaml")
	want := `ext.yaml:4:10: unknown framework "nosuch": bundled are r3lplus`
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), "; or give the path of a framework file") {
		t.Errorf("got %v, want %s…", err, want)
	}
}

// TestExtendsDepth refuses a chain of more than MaxExtendsDepth
// frameworks: f0 extends f1 … extends f8.
func TestExtendsDepth(t *testing.T) {
	files := map[string]string{"f8.yaml": strings.Replace(extBase, "id: base", "id: f8", 1)}
	var chain []string
	for i := range 9 {
		chain = append(chain, fmt.Sprintf("f%d.yaml", i))
		if i < 8 {
			files[chain[i]] = fmt.Sprintf("schema: r3l.framework/v1\nid: f%d\nversion: \"1\"\nextends: f%d.yaml\n", i, i+1)
		}
	}
	_, err := loadIn(t, files, "f0.yaml")
	want := "f0.yaml:4:10: extends goes more than 8 frameworks deep: " + strings.Join(chain, " → ")
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	delete(files, "f0.yaml") // f1 … f8: eight, allowed
	if f, err := loadIn(t, files, "f1.yaml"); err != nil || f.Ancestor("f8") == nil || f.Base.Base.ID != "f3" {
		t.Errorf("a chain of eight: %v", err)
	}
}

// TestExtendsChain: an extension of an extension marks only what it does
// itself, and knows what was dropped on the way down.
func TestExtendsChain(t *testing.T) {
	f, err := loadIn(t, map[string]string{
		"base.yaml": extBase,
		"mid.yaml":  strings.Replace(extHead, "id: ext", "id: mid", 1) + "drop: [A1.b]\nareas: [{id: B, weight: 2}]\n",
		"top.yaml":  "schema: r3l.framework/v1\nid: top\nversion: \"2\"\nextends: mid.yaml\nareas: [{id: A, criteria: [{id: A1, indicators: [{id: A1.c, text: New}]}]}]\n",
	}, "top.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if f.Extends != "mid" || f.Base.Extends != "base" || len(f.Dropped) != 0 {
		t.Errorf("extends %s, then %s; dropped %v", f.Extends, f.Base.Extends, f.Dropped)
	}
	if f.Area("B").Weight != 2 || f.Area("B").Change != Inherited || f.Indicator("A1.c").Change != Added {
		t.Errorf("area B weight %v change %d", f.Area("B").Weight, f.Area("B").Change)
	}
	if !f.DroppedIndicator("base", "A1.b") || f.DroppedIndicator("mid", "A1.b") {
		t.Errorf("A1.b was dropped by mid, for questionnaires of base")
	}
}

// TestExtendsBundled extends the bundled R3L+ by its id.
func TestExtendsBundled(t *testing.T) {
	f, err := LoadFile("../testdata/frameworks/r3lplus-lake-constance.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if f.Base != r3lplus(t) || len(f.Indicators) != 65 || f.Indicator("C4.b") != nil || f.Criterion("A9").Change != Added ||
		f.Criterion("A1").Change != Changed || f.Criterion("A1").Weight != 2 || f.Role("cross-border") == nil || len(f.Roles) != 12 {
		t.Errorf("base %s, %d indicators, %d roles", f.Base.Path, len(f.Indicators), len(f.Roles))
	}
	if len(f.Warnings) != 0 {
		t.Errorf("warnings %v", f.Warnings)
	}
}

// TestLoadBundledExtends: a bundled framework may extend another bundled
// one, whatever order the files come in, but no file.
func TestLoadBundledExtends(t *testing.T) {
	ext := &fstest.MapFile{Data: []byte("schema: r3l.framework/v1\nid: a-ext\nversion: \"2\"\nextends: mini\ndrop: [A1]\n" +
		"areas: [{id: A, criteria: [{id: A2, title: {en: Two}, indicators: [{id: A2.a, text: {en: Two}, origin: project}]}]}]\n")}
	m, err := loadBundled(fstest.MapFS{"a.yaml": ext, "z.yaml": miniFramework("mini")})
	if err != nil {
		t.Fatal(err)
	}
	if f := m["a-ext"].fw; f.Base != m["mini"].fw || !f.Bundled() || f.Path != "bundled:a-ext" || f.Indicator("A2.a") == nil {
		t.Errorf("a-ext: base %v, path %s", f.Base, f.Path)
	}
	ext.Data = []byte(strings.Replace(string(ext.Data), "extends: mini", "extends: mini.yaml", 1))
	_, err = loadBundled(fstest.MapFS{"a.yaml": ext, "mini.yaml": miniFramework("mini")})
	if want := `bundled:a.yaml:4:10: no bundled framework "mini.yaml": a bundled framework extends only bundled ones`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestDropWithoutExtends: only an extension drops.
func TestDropWithoutExtends(t *testing.T) {
	sameLines(t, loadErrs(t, minimal+"drop: [A1]\n"), []string{
		`fw.yaml:15:1: only a framework that extends another drops parts of it (add extends: BASE)`,
	})
}
