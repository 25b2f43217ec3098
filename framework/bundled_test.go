package framework

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestBundledLoad loads every bundled framework file and checks what must
// hold for any of them; the conventions of one framework go in its own tests.
func TestBundledLoad(t *testing.T) {
	fws, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	entries, err := bundledFS.ReadDir("bundled")
	if err != nil {
		t.Fatal(err)
	}
	if len(fws) == 0 || len(fws) != len(entries) {
		t.Fatalf("%d frameworks from %d files", len(fws), len(entries))
	}
	for _, f := range fws {
		t.Run(f.ID, func(t *testing.T) {
			if f.Path != "bundled:"+f.ID {
				t.Errorf("path %q", f.Path)
			}
			src, err := BundledSource(f.ID)
			if err != nil {
				t.Fatal(err)
			}
			again, err := Load("again.yaml", src)
			if err != nil || again.SHA256 != f.SHA256 {
				t.Errorf("BundledSource does not load to the same framework: %v", err)
			}
			if g, err := Get(f.ID); err != nil || g != f {
				t.Errorf("Get(%q): %v", f.ID, err)
			}
			for _, w := range f.Warnings {
				t.Errorf("warning: %v", w)
			}
			if len(f.Languages) == 0 || f.Languages[0] != "en" {
				t.Errorf("languages %v", f.Languages)
			}
			for _, tx := range allTexts(f) {
				for _, lang := range f.Languages {
					if strings.TrimSpace(tx.text[lang]) == "" {
						t.Errorf("%s: no %s text", tx.what, lang)
					}
				}
			}
			if !f.Bundled() {
				t.Errorf("Bundled() is false")
			}
			// A bundled framework speaks for the tool, so it must say who
			// wrote each statement.
			for _, ind := range f.Indicators {
				if ind.Origin != "source" && ind.Origin != "project" {
					t.Errorf("indicator %s: origin %q", ind.ID, ind.Origin)
				}
				if ind.Scale == nil {
					t.Errorf("indicator %s has no scale", ind.ID)
				}
			}
			for i, ind := range f.Indicators {
				if ind.Index != i || f.Indicator(ind.ID) != ind {
					t.Errorf("indicator %s: index %d at %d", ind.ID, ind.Index, i)
				}
			}
			bundledInvariants(t, f)
		})
	}
}

type namedText struct {
	what string
	text Text
}

// allTexts walks the model and returns every text of the file.
func allTexts(f *Framework) []namedText {
	var out []namedText
	add := func(what string, t Text) {
		if t != nil {
			out = append(out, namedText{what, t})
		}
	}
	add("title", f.Title)
	add("description", f.Description)
	for _, k := range []string{"area", "criterion", "indicator"} {
		if _, ok := f.Levels[k]; !ok {
			out = append(out, namedText{"levels." + k, nil})
		}
		add("levels."+k, f.Levels[k])
	}
	for _, s := range f.Scales {
		add("scale "+s.ID+" label", s.Label)
		for _, p := range s.Points {
			add("scale "+s.ID+" point "+p.Code, p.Label)
		}
	}
	for _, b := range f.Maturity {
		add("maturity "+b.ID, b.Label)
	}
	for _, r := range f.Roles {
		add("role "+r.ID, r.Label)
	}
	for _, a := range f.Areas {
		add("area "+a.ID+" title", a.Title)
		add("area "+a.ID+" description", a.Description)
		for _, c := range a.Criteria {
			add("criterion "+c.ID+" title", c.Title)
			add("criterion "+c.ID+" description", c.Description)
			add("criterion "+c.ID+" question", c.Question)
			add("criterion "+c.ID+" cluster", c.Cluster)
			for _, ind := range c.Indicators {
				add("indicator "+ind.ID+" text", ind.Text)
				for i, e := range ind.Evidence {
					add(fmt.Sprintf("indicator %s evidence %d", ind.ID, i+1), e)
				}
			}
		}
	}
	return out
}

func r3lplus(t *testing.T) *Framework {
	t.Helper()
	f, err := Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestR3LPlusStructure(t *testing.T) {
	f := r3lplus(t)
	if f.Version != "2012" || DefaultID != "r3lplus" {
		t.Errorf("version %q, default id %q", f.Version, DefaultID)
	}
	if got := strings.Join(f.Languages, ","); got != "en,de,sv" {
		t.Errorf("languages %s", got)
	}
	var areas []string
	for _, a := range f.Areas {
		areas = append(areas, a.ID)
	}
	if got := strings.Join(areas, " "); got != "A B C D" {
		t.Errorf("areas %s", got)
	}
	var want []string
	for _, a := range []struct {
		id string
		n  int
	}{{"A", 8}, {"B", 2}, {"C", 9}, {"D", 5}} {
		for i := 1; i <= a.n; i++ {
			want = append(want, fmt.Sprintf("%s%d", a.id, i))
		}
	}
	var got []string
	for _, c := range f.Criteria {
		got = append(got, c.ID)
		if c.Area.ID != c.ID[:1] {
			t.Errorf("criterion %s is in area %s", c.ID, c.Area.ID)
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") || len(got) != 24 {
		t.Errorf("criteria\n%s\nwant\n%s", strings.Join(got, " "), strings.Join(want, " "))
	}
	idPattern := regexp.MustCompile(`^[A-D][1-9]\.[a-z]$`)
	for _, ind := range f.Indicators {
		if !idPattern.MatchString(ind.ID) {
			t.Errorf("indicator id %q", ind.ID)
		}
	}
	clusters := map[string]string{}
	for _, c := range f.Criteria {
		if c.Area.ID == "C" {
			clusters[c.ID] = c.Cluster.Get("en")
		}
	}
	for id, cl := range clusters {
		want := "Willingness and capacity to use results"
		if id <= "C4" {
			want = "Evaluation"
		}
		if cl != want {
			t.Errorf("criterion %s: cluster %q, want %q", id, cl, want)
		}
	}
	if len(clusters) != 9 {
		t.Errorf("%d criteria in area C", len(clusters))
	}
}

// TestR3LPlusConventions checks the shape R3L+ keeps throughout, which other
// frameworks need not share.
func TestR3LPlusConventions(t *testing.T) {
	f := r3lplus(t)
	for _, c := range f.Criteria {
		if len(c.Indicators) < 2 {
			t.Errorf("criterion %s has %d indicators, want at least 2", c.ID, len(c.Indicators))
		}
		if c.Cycle == "" || c.Question == nil {
			t.Errorf("criterion %s: cycle %q, question %v", c.ID, c.Cycle, c.Question)
		}
		for i, ind := range c.Indicators {
			if want := fmt.Sprintf("%s.%c", c.ID, 'a'+i); ind.ID != want {
				t.Errorf("indicator %d of %s is %s, want %s", i+1, c.ID, ind.ID, want)
			}
		}
	}
}

// TestR3LPlusSourceIndicators checks the indicators recovered from the R3L+
// publications are marked as such.
func TestR3LPlusSourceIndicators(t *testing.T) {
	f := r3lplus(t)
	for _, tt := range []struct {
		criterion string
		n         int
	}{{"A1", 6}, {"B1", 3}, {"B2", 2}, {"D2", 3}} {
		c := f.Criterion(tt.criterion)
		if c == nil {
			t.Fatalf("no criterion %s", tt.criterion)
		}
		source := 0
		for _, ind := range c.Indicators {
			if ind.Origin == "source" {
				source++
			}
		}
		if len(c.Indicators) != tt.n || source != tt.n {
			t.Errorf("criterion %s: %d of %d indicators from the source, want %d of %d",
				c.ID, source, len(c.Indicators), tt.n, tt.n)
		}
	}
}

func TestR3LPlusScaleAndMaturity(t *testing.T) {
	f := r3lplus(t)
	var bands []string
	for _, b := range f.Maturity {
		bands = append(bands, fmt.Sprintf("%s %v", b.ID, b.From))
	}
	sameLines(t, bands, []string{"not-started 0", "planning 10", "implementing 30", "reviewing 50", "improving 70", "embedded 90"})
	if f.DefaultScale != "agree5" {
		t.Fatalf("default scale %q", f.DefaultScale)
	}
	s := f.Scale("agree5")
	if s.Kind != Ordinal || !s.Allows(NA) || !s.Allows(DK) || len(s.Allow) != 2 {
		t.Errorf("agree5: kind %s, allow %v", s.Kind, s.Allow)
	}
	var points []string
	for _, p := range s.Points {
		points = append(points, fmt.Sprintf("%v %s", p.Value, p.Code))
	}
	sameLines(t, points, []string{"1 absent", "2 first-steps", "3 partly", "4 largely", "5 fully"})
	for _, ind := range f.Indicators {
		if ind.Scale != s {
			t.Errorf("indicator %s on scale %s", ind.ID, ind.ScaleID)
		}
	}
	if f.MinCoverage != 0.5 || fmt.Sprint(f.PriorityPoints) != "[3 2 1]" {
		t.Errorf("min_coverage %v, priority_points %v", f.MinCoverage, f.PriorityPoints)
	}
}

func TestResolve(t *testing.T) {
	f, err := Resolve("r3lplus")
	if err != nil || f.ID != "r3lplus" || f.Path != "bundled:r3lplus" {
		t.Fatalf("Resolve(r3lplus): %v, %v", f, err)
	}
	f, err = Resolve("testdata/small.yaml")
	if err != nil || f.ID != "small" || f.Path != "testdata/small.yaml" {
		t.Fatalf("Resolve(file): %v", err)
	}
	// The bundled frameworks are listed by id, whichever there are.
	known := bundledList()
	if !strings.HasPrefix(known, "r3lplus") {
		t.Errorf("bundled %s", known)
	}
	tests := []struct{ ref, want string }{
		{"x/none.yaml", "x/none.yaml: framework file not found"},
		{"none.yml", "none.yml: framework file not found"},
		{"testdata", `unknown framework "testdata": bundled are ` + known + `; or give a framework file with -F FILE`},
		{"r3l", `unknown framework "r3l": bundled are ` + known + `; or give a framework file with -F FILE`},
	}
	for _, tt := range tests {
		if _, err := Resolve(tt.ref); err == nil || err.Error() != tt.want {
			t.Errorf("Resolve(%q): %v, want %s", tt.ref, err, tt.want)
		}
	}
	if _, err := Resolve("testdata/bad-schema.yaml"); err == nil ||
		err.Error() != "testdata/bad-schema.yaml:1:9: this is a questionnaire, not a framework (a framework has schema: r3l.framework/v1)" {
		t.Errorf("Resolve(bad file): %v", err)
	}
	if _, err := BundledSource("none"); err == nil || err.Error() != `no bundled framework "none"` {
		t.Errorf("BundledSource(none): %v", err)
	}
}

// miniFramework is a framework file declaring id, for loadBundled tests.
func miniFramework(id string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(`schema: r3l.framework/v1
id: ` + id + `
version: "1"
title: {en: Mini}
scales:
  - {id: yesno, kind: boolean}
default_scale: yesno
areas:
  - id: A
    title: {en: Area}
    criteria:
      - id: A1
        title: {en: Criterion}
        indicators:
          - {id: A1.a, text: {en: One}, origin: project}
`)}
}

// TestLoadBundledIDFromContent checks a bundled framework is known by the id
// its file declares, whatever the file is called.
func TestLoadBundledIDFromContent(t *testing.T) {
	file := miniFramework("mini")
	m, err := loadBundled(fstest.MapFS{"other-name.yaml": file})
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 1 || m["mini"] == nil || m["other-name"] != nil {
		t.Fatalf("loaded %v, want just mini", m)
	}
	b := m["mini"]
	if b.fw.ID != "mini" || b.fw.Path != "bundled:mini" || !b.fw.Bundled() {
		t.Errorf("id %q, path %q, bundled %v", b.fw.ID, b.fw.Path, b.fw.Bundled())
	}
	if !bytes.Equal(b.src, file.Data) {
		t.Errorf("source under mini is not other-name.yaml's:\n%s", b.src)
	}
}

func TestLoadBundledDuplicateID(t *testing.T) {
	_, err := loadBundled(fstest.MapFS{
		"a.yaml": miniFramework("mini"),
		"b.yaml": miniFramework("mini"),
		"c.yaml": miniFramework("other"),
	})
	want := `bundled:a.yaml and bundled:b.yaml both declare framework id "mini"`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestFileFrameworkNotBundled checks a framework loaded from a file is not
// taken for a bundled one, even when its path looks like one.
func TestFileFrameworkNotBundled(t *testing.T) {
	data, err := os.ReadFile("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Load("bundled:small", data)
	if err != nil {
		t.Fatal(err)
	}
	if f.Bundled() {
		t.Errorf("framework from %s says it is bundled", f.Path)
	}
}

// bundledInvariants are what every bundled framework holds beyond what the
// loader checks: the same rating scale with na and dk, maturity bands from 0
// that cover the scale, stakeholder roles to choose from, and indicator ids
// that extend their criterion's, so that a respondent can tell where an id
// belongs.
func bundledInvariants(t *testing.T, f *Framework) {
	t.Helper()
	s := f.Scale(f.DefaultScale)
	if s == nil || s.Kind != Ordinal || !s.Allows(NA) || !s.Allows(DK) {
		t.Errorf("default scale %q: an ordinal scale with na and dk", f.DefaultScale)
	}
	if len(f.Maturity) < 3 || f.Maturity[0].From != 0 {
		t.Errorf("maturity bands %v: at least three, from 0", f.Maturity)
	}
	if len(f.Roles) < 3 {
		t.Errorf("%d roles: a respondent needs stakeholder groups to choose from", len(f.Roles))
	}
	for _, c := range f.Criteria {
		if !strings.HasPrefix(c.ID, c.Area.ID) {
			t.Errorf("criterion %s is not named after its area %s", c.ID, c.Area.ID)
		}
		if len(c.Indicators) < 2 {
			t.Errorf("criterion %s has %d indicators: too few to rate it", c.ID, len(c.Indicators))
		}
		for _, ind := range c.Indicators {
			if !strings.HasPrefix(ind.ID, c.ID+".") {
				t.Errorf("indicator %s is not named after its criterion %s", ind.ID, c.ID)
			}
		}
	}
	if f.MinCoverage != 0.5 || len(f.PriorityPoints) == 0 {
		t.Errorf("min_coverage %v, priority points %v", f.MinCoverage, f.PriorityPoints)
	}
}

// TestBundledLazy: a bundled framework is parsed when it is asked for, so
// one framework is got without parsing the others (a broken one here).
func TestBundledLazy(t *testing.T) {
	set, err := newBundledSet(fstest.MapFS{
		"a.yaml": miniFramework("mini"),
		"b.yaml": {Data: []byte("schema: r3l.framework/v1\nid: broken\nversion: [\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := set.get("mini"); err != nil || b == nil || b.fw.ID != "mini" {
		t.Fatalf("get(mini): %v, %v", b, err)
	}
	if len(set.loaded) != 1 {
		t.Errorf("%d frameworks parsed to get one", len(set.loaded))
	}
	if _, err := set.all(); err == nil {
		t.Error("the broken framework loaded")
	}
}
