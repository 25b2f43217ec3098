package instrument

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/framework"
)

// xfNode is a question or group of an XLSForm's survey sheet.
type xfNode struct {
	typ, name string
	list      string            // of a select_one
	cells     map[string]string // by column header
	parent    *xfNode
	children  []*xfNode
	depth     int // 0 at the top level
}

// xfForm is an XLSForm read back.
type xfForm struct {
	langs    []string // the language names of the survey's label:: columns
	root     *xfNode
	nodes    []*xfNode                      // every question and group, in order
	lists    map[string][]map[string]string // list name -> choice rows
	settings map[string]string
}

// xfNameRE is XLSForm's rule for names, as checkXLSFormNames has it; a
// list name is stricter (it becomes an instance id).
var (
	xfNameRE    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]*$`)
	xfListName  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	xfConstrRE  = regexp.MustCompile(`^\. >= -?[0-9.]+( and \. <= -?[0-9.]+)?$|^\. <= -?[0-9.]+$`)
	xfLangColRE = regexp.MustCompile(`^(label|hint)::(.+ \([A-Za-z0-9-]+\))$`)
)

// xfWrite writes fw's XLSForm.
func xfWrite(t *testing.T, fw *framework.Framework, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := TemplateXLSForm(&buf, fw, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// xfOpen opens an XLSForm and checks it as pyxform would (the rules that
// bear on r3l's forms), failing t for each problem.
func xfOpen(t *testing.T, data []byte) (*excelize.File, *xfForm) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	for _, sheet := range []string{"survey", "choices", "settings"} {
		if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
			t.Fatalf("no sheet %s (sheets %v)", sheet, f.GetSheetList())
		}
	}
	x := &xfForm{root: &xfNode{depth: -1}, lists: map[string][]map[string]string{}, settings: map[string]string{}}
	x.readSettings(t, f)
	x.readChoices(t, f)
	x.readSurvey(t, f)
	xfNoFormulas(t, f)
	return f, x
}

// xfTable reads a sheet as its header and rows keyed by it.
func xfTable(t *testing.T, f *excelize.File, sheet string) ([]string, []map[string]string) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("sheet %s: %v, %d rows", sheet, err, len(rows))
	}
	header := rows[0]
	var out []map[string]string
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, v := range row {
			if v != "" {
				if i >= len(header) || header[i] == "" {
					t.Errorf("sheet %s: %q under no column", sheet, v)
					continue
				}
				m[header[i]] = v
			}
		}
		out = append(out, m)
	}
	return header, out
}

// xfLangs are the languages of a sheet's translated column (label or
// hint), in column order.
func xfLangs(header []string, col string) []string {
	var langs []string
	for _, h := range header {
		if m := xfLangColRE.FindStringSubmatch(h); m != nil && m[1] == col {
			langs = append(langs, m[2])
		}
	}
	return langs
}

func (x *xfForm) readSettings(t *testing.T, f *excelize.File) {
	header, rows := xfTable(t, f, "settings")
	if len(rows) != 1 {
		t.Fatalf("settings: %d rows of values", len(rows))
	}
	for _, h := range header {
		x.settings[h] = rows[0][h]
	}
	if !xfNameRE.MatchString(x.settings["form_id"]) || strings.ContainsAny(x.settings["form_id"], ".-") {
		t.Errorf("form_id %q is not a plain XML name", x.settings["form_id"])
	}
}

func (x *xfForm) readChoices(t *testing.T, f *excelize.File) {
	header, rows := xfTable(t, f, "choices")
	if len(header) < 3 || header[0] != "list_name" || header[1] != "name" {
		t.Fatalf("choices header %q", header)
	}
	langs := xfLangs(header, "label")
	for _, row := range rows {
		list := row["list_name"]
		if !xfListName.MatchString(list) {
			t.Errorf("choices: list name %q", list)
		}
		if row["name"] == "" || slices.ContainsFunc(x.lists[list], func(c map[string]string) bool { return c["name"] == row["name"] }) {
			t.Errorf("choices: list %s: name %q empty or twice", list, row["name"])
		}
		for _, l := range langs {
			if row["label::"+l] == "" {
				t.Errorf("choices: %s/%s has no label in %s", list, row["name"], l)
			}
		}
		x.lists[list] = append(x.lists[list], row)
	}
	if !slices.Equal(langs, x.langsOf(t, f)) {
		t.Errorf("choices in %q, survey in %q", langs, x.langs)
	}
}

// langsOf reads the survey's languages and checks that label and hint
// columns come in the same ones, the default language among them.
func (x *xfForm) langsOf(t *testing.T, f *excelize.File) []string {
	if x.langs == nil {
		header, _ := xfTable(t, f, "survey")
		x.langs = xfLangs(header, "label")
		if hints := xfLangs(header, "hint"); !slices.Equal(hints, x.langs) {
			t.Errorf("survey: hints in %q, labels in %q", hints, x.langs)
		}
		if !slices.Contains(x.langs, x.settings["default_language"]) {
			t.Errorf("default_language %q is none of %q", x.settings["default_language"], x.langs)
		}
	}
	return x.langs
}

func (x *xfForm) readSurvey(t *testing.T, f *excelize.File) {
	header, rows := xfTable(t, f, "survey")
	if header[0] != "type" || header[1] != "name" {
		t.Fatalf("survey header %q", header)
	}
	open := x.root
	names := map[*xfNode]map[string]bool{}
	for i, row := range rows {
		at := fmt.Sprintf("survey row %d", i+2)
		typ, name := row["type"], row["name"]
		if typ == "end_group" {
			if open == x.root || name != open.name {
				t.Fatalf("%s: end_group %q closes %q", at, name, open.name)
			}
			x.checkTable(t, open)
			open = open.parent
			continue
		}
		n := &xfNode{typ: typ, name: name, cells: row, parent: open, depth: open.depth + 1}
		if list, ok := strings.CutPrefix(typ, "select_one "); ok {
			n.list = list
			if len(x.lists[list]) == 0 {
				t.Errorf("%s: %s: list %q has no choices", at, name, list)
			}
		}
		if names[open] == nil {
			names[open] = map[string]bool{"meta": open == x.root}
		}
		if !xfNameRE.MatchString(name) || names[open][strings.ToLower(name)] {
			t.Errorf("%s: name %q invalid, reserved or not unique in its group", at, name)
		}
		names[open][strings.ToLower(name)] = true
		x.checkCells(t, at, n)
		open.children = append(open.children, n)
		x.nodes = append(x.nodes, n)
		if typ == "begin_group" {
			open = n
		}
	}
	if open != x.root {
		t.Errorf("group %s is never closed", open.name)
	}
}

// checkCells checks a row's texts, constraint and default.
func (x *xfForm) checkCells(t *testing.T, at string, n *xfNode) {
	for _, l := range x.langs {
		if n.typ != "start" && n.typ != "end" && n.cells["label::"+l] == "" {
			t.Errorf("%s: %s has no label in %s", at, n.name, l)
		}
	}
	for col, v := range n.cells {
		if strings.Contains(v, "${") {
			t.Errorf("%s: %s %q refers to a question", at, col, v)
		}
	}
	if c := n.cells["constraint"]; c != "" && !xfConstrRE.MatchString(c) {
		t.Errorf("%s: constraint %q", at, c)
	}
	if d := n.cells["default"]; d != "" && !xfPlainRE.MatchString(d) && !strings.HasPrefix(d, "concat(") {
		t.Errorf("%s: default %q may read as an expression", at, d)
	}
	if n.list != "" && n.cells["default"] != "" &&
		!slices.ContainsFunc(x.lists[n.list], func(c map[string]string) bool { return c["name"] == n.cells["default"] }) {
		t.Errorf("%s: default %q is none of list %s", at, n.cells["default"], n.list)
	}
}

// checkTable checks pyxform's rule for a table-list group: its questions
// are all select_one of one list, and it holds no group.
func (x *xfForm) checkTable(t *testing.T, g *xfNode) {
	if g.cells["appearance"] != "table-list" {
		return
	}
	for _, c := range g.children {
		if c.list == "" || c.list != g.children[0].list {
			t.Errorf("table-list %s holds %s %s", g.name, c.typ, c.name)
		}
	}
}

// xfNoFormulas checks that no cell of the workbook holds a formula.
func xfNoFormulas(t *testing.T, f *excelize.File) {
	t.Helper()
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for r, row := range rows {
			for c := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
					t.Errorf("%s!%s holds the formula %q", sheet, cell, fm)
				}
			}
		}
	}
}

// groups are the groups of a depth, by name.
func (x *xfForm) groups(depth int) []*xfNode {
	var out []*xfNode
	for _, n := range x.nodes {
		if n.typ == "begin_group" && n.depth == depth {
			out = append(out, n)
		}
	}
	return out
}

func (x *xfForm) node(name string) *xfNode {
	for _, n := range x.nodes {
		if n.name == name {
			return n
		}
	}
	return nil
}

func (x *xfForm) choiceNames(list string) []string {
	var names []string
	for _, c := range x.lists[list] {
		names = append(names, c["name"])
	}
	return names
}

func TestXLSFormR3LPlus(t *testing.T) {
	fw := r3lplus(t)
	_, x := xfOpen(t, xfWrite(t, fw, Options{}))
	langs := []string{"English (en)", "Deutsch (de)", "Svenska (sv)"}
	if !slices.Equal(x.langs, langs) {
		t.Errorf("languages %q, want %q", x.langs, langs)
	}
	want := map[string]string{"form_title": fw.Title["en"], "form_id": "r3l_r3lplus_2012", "default_language": "English (en)"}
	for k, v := range want {
		if x.settings[k] != v {
			t.Errorf("settings %s = %q, want %q", k, x.settings[k], v)
		}
	}
	if !regexp.MustCompile(`^2012-[0-9a-f]{8}$`).MatchString(x.settings["version"]) {
		t.Errorf("version %q", x.settings["version"])
	}

	// The about group, then the areas holding the criteria holding the
	// indicators, each named by its id.
	var top []string
	for _, g := range x.root.children {
		top = append(top, g.typ+" "+g.name)
	}
	wantTop := []string{"start start", "end end", "begin_group about", "begin_group A", "begin_group B", "begin_group C", "begin_group D"}
	if !slices.Equal(top, wantTop) {
		t.Errorf("top level %q, want %q", top, wantTop)
	}
	var about []string
	for _, q := range x.node("about").children {
		about = append(about, q.typ+" "+q.name)
	}
	if want := []string{"text region", "text period", "select_one role role"}; !slices.Equal(about, want) {
		t.Errorf("about group %q, want %q", about, want)
	}
	if got := x.choiceNames("role"); !slices.Equal(got, xfRoleIDs(fw)) {
		t.Errorf("roles %q", got)
	}
	criteria := x.groups(1)
	if len(criteria) != 24 {
		t.Fatalf("%d criterion groups", len(criteria))
	}
	var indicators []string
	for i, g := range criteria {
		cr := fw.Criteria[i]
		if g.name != cr.ID || g.parent.name != cr.Area.ID || g.cells["appearance"] != "table-list" {
			t.Errorf("criterion group %s in %s, appearance %q", g.name, g.parent.name, g.cells["appearance"])
		}
		if g.cells["label::Deutsch (de)"] != cr.ID+" "+cr.Title["de"] || g.cells["hint::Svenska (sv)"] != cr.Question["sv"] {
			t.Errorf("criterion group %s: %q", g.name, g.cells)
		}
		for _, q := range g.children {
			if q.typ != "select_one agree5" {
				t.Errorf("%s: %s", q.name, q.typ)
			}
			indicators = append(indicators, q.name)
		}
	}
	var ids []string
	for _, ind := range fw.Indicators {
		ids = append(ids, ind.ID)
	}
	if !slices.Equal(indicators, ids) {
		t.Errorf("indicator questions %q\nwant %q", indicators, ids)
	}
	a1a := x.node("A1.a")
	if a1a.cells["label::English (en)"] != fw.Indicators[0].Text["en"] ||
		a1a.cells["hint::Deutsch (de)"] != "Nachweise: Protokolle oder Fotodokumentation von Visionswerkstätten" {
		t.Errorf("A1.a: %q", a1a.cells)
	}
	if got := x.choiceNames("agree5"); !slices.Equal(got, []string{"absent", "first-steps", "partly", "largely", "fully", "na", "dk"}) {
		t.Errorf("agree5 choices %q", got)
	}
	if c := x.lists["agree5"][0]; c["label::English (en)"] != "1 – Not in place" || c["label::Svenska (sv)"] != "1 – Inte på plats" {
		t.Errorf("agree5 absent: %q", c)
	}
	if c := x.lists["agree5"][6]; c["label::Deutsch (de)"] != "Weiß nicht" {
		t.Errorf("agree5 dk: %q", c)
	}
}

// TestXLSFormPrefilled checks the defaults: as they are where pyxform
// takes them so, an expression otherwise; the role as the framework's
// role it names.
func TestXLSFormPrefilled(t *testing.T) {
	fw := r3lplus(t)
	plain := xfWrite(t, fw, Options{})
	data := xfWrite(t, fw, Options{Region: "lake-constance", Period: "2024-H1", Role: "Adult Education"})
	_, x := xfOpen(t, data)
	for name, want := range map[string]string{"region": "lake-constance", "period": "concat('2024-H1', '')", "role": "adult-education"} {
		if got := x.node(name).cells["default"]; got != want {
			t.Errorf("%s default %q, want %q", name, got, want)
		}
	}
	// The version follows the content; the same form is the same file.
	_, xp := xfOpen(t, plain)
	if x.settings["version"] == xp.settings["version"] {
		t.Errorf("version %q for both forms", x.settings["version"])
	}
	if again := xfWrite(t, fw, Options{}); !bytes.Equal(again, plain) {
		t.Error("the same form written twice differs")
	}
	var buf bytes.Buffer
	err := TemplateXLSForm(&buf, fw, Options{Role: "astronaut"})
	if err == nil || !strings.Contains(err.Error(), `role "astronaut" is not one of framework r3lplus's roles (lead-partner, adult-education,`) || buf.Len() > 0 {
		t.Errorf("unknown role: %v, %d bytes written", err, buf.Len())
	}
}

func TestXLSFormDefault(t *testing.T) {
	for _, tt := range []struct{ in, want, err string }{
		{"", "", ""},
		{"lake-constance", "lake-constance", ""},
		{"2024", "2024", ""},
		{"2024-H1", "concat('2024-H1', '')", ""},
		{"model-region", "concat('model-region', '')", ""},
		{"Lake Constance (DE)", "concat('Lake Constance (DE)', '')", ""},
		{"Ober'land", `concat("Ober'land", '')`, ""},
		{`a'b"c`, "", "both kinds of quotes"},
		{"${region}", "", "cannot be an XLSForm default"},
	} {
		got, err := xfDefault(tt.in)
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("xfDefault(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// xfFullFramework is the survey samples' fuller framework, with the roles
// its header comment lists when roles is true.
func xfFullFramework(t *testing.T, roles bool) *framework.Framework {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "survey", "framework-full.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if roles {
		data = append(data, `roles:
  - {id: lead, label: {en: Lead partner, de: Federführender Partner, sv: Huvudpartner}}
  - {id: adult, label: {en: Adult education, de: Erwachsenenbildung, sv: Vuxenutbildning}}
  - {id: school, label: {en: School, de: Schule, sv: Skola}}
  - {id: employer, label: {en: Employer, de: Arbeitgeber, sv: Arbetsgivare}}
`...)
	}
	fw, err := framework.Load("framework-full.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

// xfSkeleton is a form's questions and groups, indented by depth, each
// select_one with its list's choice names rather than the list's name.
func xfSkeleton(x *xfForm) []string {
	var out []string
	for _, n := range x.nodes {
		typ := n.typ
		if n.list != "" {
			typ = "select_one[" + strings.Join(x.choiceNames(n.list), " ") + "]"
		}
		out = append(out, strings.Repeat("  ", n.depth)+typ+" "+n.name)
	}
	return out
}

// TestXLSFormLikeSample compares the form of the survey samples' fuller
// framework with r3l_full.xlsx, which pyxform 4.5.0 and ODK Validate
// accepted without warnings: the same questions and groups, nested alike,
// of the same types with the same choices, texts and constraint.
func TestXLSFormLikeSample(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join("testdata", "survey", "r3l_full.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	_, want := xfOpen(t, sample)
	_, got := xfOpen(t, xfWrite(t, xfFullFramework(t, true), Options{}))
	if g, w := xfSkeleton(got), xfSkeleton(want); !slices.Equal(g, w) {
		t.Errorf("questions and groups\n%s\nwant\n%s", strings.Join(g, "\n"), strings.Join(w, "\n"))
	}
	if !slices.Equal(got.langs, want.langs) || got.settings["default_language"] != want.settings["default_language"] ||
		got.settings["form_title"] != want.settings["form_title"] {
		t.Errorf("languages %q, settings %q; want %q, %q", got.langs, got.settings, want.langs, want.settings)
	}
	if c := got.node("A2b").cells["constraint"]; c != ". >= 0 and . <= 100" || c != want.node("A2b").cells["constraint"] {
		t.Errorf("A2b constraint %q", c)
	}
	// A1 is a table in both; A2, which mixes scales, is a field-list
	// here and has no appearance in the sample.
	if a := got.node("A1").cells["appearance"]; a != "table-list" {
		t.Errorf("A1 appearance %q", a)
	}
	if a := got.node("A2").cells["appearance"]; a != "field-list" {
		t.Errorf("A2 appearance %q", a)
	}
	for _, name := range []string{"A1a", "A1b", "A2a", "A2b", "A2c", "role"} {
		for _, l := range want.langs {
			if g, w := got.node(name).cells["label::"+l], want.node(name).cells["label::"+l]; g != w {
				t.Errorf("%s label in %s %q, want %q", name, l, g, w)
			}
		}
	}
	// Choice labels: yes/no and the roles as in the sample.
	for gl, wl := range map[string]string{got.node("A2c").list: want.node("A2c").list, got.node("role").list: want.node("role").list} {
		for i, c := range got.lists[gl] {
			for _, l := range want.langs {
				if w := want.lists[wl][i]["label::"+l]; c["label::"+l] != w {
					t.Errorf("list %s: %s in %s %q, want %q", gl, c["name"], l, c["label::"+l], w)
				}
			}
		}
	}
}

// xfDump is a workbook's cells, sheet by sheet and row by row,
// tab-separated.
func xfDump(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "== %s\n", sheet)
		for _, row := range rows {
			b.WriteString(strings.Join(row, "\t") + "\n")
		}
	}
	return b.Bytes()
}

func TestGoldenXLSForm(t *testing.T) {
	f, _ := xfOpen(t, xfWrite(t, xfFullFramework(t, false), Options{Region: "lake-constance", Period: "2024"}))
	golden(t, "template.full.xlsform.txt", xfDump(t, f))
}

func TestXLSFormLanguages(t *testing.T) {
	fw := r3lplus(t)
	_, x := xfOpen(t, xfWrite(t, fw, Options{Langs: []string{"de"}}))
	if !slices.Equal(x.langs, []string{"Deutsch (de)"}) || x.settings["default_language"] != "Deutsch (de)" ||
		x.settings["form_title"] != fw.Title["de"] {
		t.Errorf("--lang de: languages %q, settings %q", x.langs, x.settings)
	}
	_, x = xfOpen(t, xfWrite(t, fw, Options{Langs: []string{"sv", "en", "sv"}}))
	if !slices.Equal(x.langs, []string{"Svenska (sv)", "English (en)"}) || x.settings["default_language"] != "Svenska (sv)" {
		t.Errorf("--lang sv,en,sv: languages %q, settings %q", x.langs, x.settings)
	}
	var buf bytes.Buffer
	if err := TemplateXLSForm(&buf, fw, Options{Langs: []string{"en", "fr"}}); err == nil || !strings.Contains(err.Error(), `"fr"`) || buf.Len() > 0 {
		t.Errorf("--lang en,fr: %v, %d bytes written", err, buf.Len())
	}
	for code, want := range map[string]string{"en": "English (en)", "sv": "Svenska (sv)", "pt-BR": "Português (pt-BR)", "tlh": "tlh (tlh)"} {
		if got := xfLanguage(code); got != want {
			t.Errorf("xfLanguage(%q) = %q, want %q", code, got, want)
		}
	}
}

// xfOddFramework has texts that look like formulas and references, a
// yes/no scale that allows na, a number with only a minimum, and a
// language that r3l has no words in.
const xfOddFramework = `schema: r3l.framework/v1
id: odd.one
version: "2.0-beta"
title: {en: "=HYPERLINK(\"http://example.org\")", fr: Bizarre}
languages: [en, fr]
scales:
  - id: 5-point
    kind: ordinal
    points:
      - {value: 0, code: none, label: {en: Not at all, fr: Aucun}}
      - {value: 1, code: some, label: {en: Somewhat, fr: Un peu}}
  - {id: yesno, kind: boolean, allow: [na]}
  - {id: count, kind: numeric, unit: partners, min: 0, worst: 0, best: 10}
default_scale: 5-point
areas:
  - id: A
    title: {en: "+Area", fr: "+Domaine"}
    criteria:
      - id: A1
        title: {en: "@Criterion", fr: "@Critère"}
        indicators:
          - {id: A1.a, text: {en: "=1+1", fr: "=1+1"}, scale: 5-point}
          - {id: A1.b, text: {en: "Costs ${budget}", fr: "Coûts ${budget}"}, scale: 5-point}
      - id: A2
        title: {en: Mixed, fr: Mixte}
        indicators:
          - {id: A2.a, text: {en: Charter, fr: Charte}, scale: yesno}
          - {id: A2.b, text: {en: Partners, fr: Partenaires}, scale: count}
`

func TestXLSFormOdd(t *testing.T) {
	fw, err := framework.Load("odd.yaml", []byte(xfOddFramework))
	if err != nil {
		t.Fatal(err)
	}
	f, x := xfOpen(t, xfWrite(t, fw, Options{}))
	if x.settings["form_title"] != `=HYPERLINK("http://example.org")` || x.settings["form_id"] != "r3l_odd_one_2_0_beta" {
		t.Errorf("settings %q", x.settings)
	}
	// Texts that look like formulas are text (and xfOpen found no formula).
	cells, err := f.SearchSheet("survey", "=1+1")
	if err != nil || len(cells) != 2 {
		t.Fatalf("=1+1 in %q, %v", cells, err)
	}
	for _, cell := range cells {
		if typ, _ := f.GetCellType("survey", cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("survey!%s is of type %v", cell, typ)
		}
	}
	if got := x.node("A1.b").cells["label::Français (fr)"]; got != "Coûts $ {budget}" {
		t.Errorf("A1.b label %q", got)
	}
	// A scale id that is no XML name makes a list name that is; the
	// criterion of one scale is a table.
	if q := x.node("A1.a"); q.list != "list_5_point" || x.node("A1").cells["appearance"] != "table-list" {
		t.Errorf("A1.a %s in %q", q.typ, x.node("A1").cells)
	}
	if got := x.choiceNames(x.node("A2.a").list); !slices.Equal(got, []string{"yes", "no", "na"}) {
		t.Errorf("A2.a choices %q", got)
	}
	if c := x.lists[x.node("A2.a").list][2]["label::Français (fr)"]; c != "Not applicable" {
		t.Errorf("na in French %q (r3l has no French words: English)", c)
	}
	b := x.node("A2.b")
	if b.typ != "decimal" || b.cells["constraint"] != ". >= 0" || b.cells["hint::English (en)"] != "partners (≥ 0)" {
		t.Errorf("A2.b: %q", b.cells)
	}
}

// TestXLSFormDigitIDs: ids that start with a digit are named with Q
// before them (1 → Q1, 1.1.a → Q1.1.a), the others as they are; labels
// keep the ids.
func TestXLSFormDigitIDs(t *testing.T) {
	fw := surveyFramework(t, "framework-digits.yaml")
	_, x := xfOpen(t, xfWrite(t, fw, Options{}))
	var got []string
	for _, n := range x.nodes {
		if n.name != "start" && n.name != "end" && n.name != surveyAbout && n.parent.name != surveyAbout {
			got = append(got, n.name)
		}
	}
	want := []string{"Q1", "Q1.1", "Q1.1.a", "Q1.1.b", "Q1.2", "Q1.2.a", "Q1.2.b", "Q1.2.c", "Q1.2.d",
		"Q2", "Q2.1", "Q2.1.a", "Q2.1.b", "B", "B1", "B1.a"}
	if !slices.Equal(got, want) {
		t.Errorf("names %q\nwant %q", got, want)
	}
	if g := x.node("Q1.1"); g.cells["label::Deutsch (de)"] != "1.1 Befähigung" || g.parent.name != "Q1" {
		t.Errorf("Q1.1: %q in %s", g.cells, g.parent.name)
	}
}

func TestXLSFormRefusedNames(t *testing.T) {
	for _, tt := range []struct {
		edits []string // pairs: from, to
		want  string
	}{
		{[]string{"id: A2.b,", "id: role,"}, "indicator role has the name of r3l's question role"},
		{[]string{"id: A2.b,", "id: a1.A,"}, "indicator a1.A has the name of indicator A1.a"},
		// An id starting with a digit is named with Q before it, which
		// may be another id's name.
		{[]string{"id: A1.a,", "id: Q1.a,", "id: A2.b,", "id: 1.a,"}, "indicator 1.a (named Q1.a) has the name of indicator Q1.a"},
		{[]string{"id: A1\n", "id: q1\n", "id: A2\n", "id: \"1\"\n"}, "criterion 1 (named Q1) has the name of criterion q1"},
		{[]string{"  - id: A\n", "  - id: meta\n"}, "area meta has the name of the form's meta"},
		{[]string{"  - id: A\n", "  - id: End\n"}, "area End has the name of the form's end"},
	} {
		src := xfOddFramework
		for i := 0; i < len(tt.edits); i += 2 {
			src = strings.Replace(src, tt.edits[i], tt.edits[i+1], 1)
		}
		fw, err := framework.Load("odd.yaml", []byte(src))
		if err != nil {
			t.Fatalf("%s: %v", tt.edits, err)
		}
		var buf bytes.Buffer
		err = TemplateXLSForm(&buf, fw, Options{})
		if err == nil || !strings.Contains(err.Error(), tt.want) || buf.Len() > 0 {
			t.Errorf("%s: %v (%d bytes written), want %q", tt.edits, err, buf.Len(), tt.want)
		}
	}
}
