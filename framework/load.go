package framework

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/r3l/r3l/internal/yamlx"
)

// questionnaireSchema is recognised to explain a mix-up of the two kinds of file.
const questionnaireSchema = "r3l.questionnaire/v1"

// MaxFileSize caps a framework file before it is parsed.
const MaxFileSize = 32 << 20

// Bounds of a framework's numbers (docs/reference.md §1, §1.1). Within
// them every score is computed without overflow and every weighted sum
// stays finite: a number outside is refused where it is written, rather
// than turning into NaN or Inf in the reports.
const (
	// MaxValue bounds the magnitude of a scale's point values, min, max,
	// worst and best.
	MaxValue = 1e15
	// MaxWeight bounds the weights of areas, criteria and indicators.
	MaxWeight = 1e6
)

// Bounds as messages write them.
const (
	valueRange  = "a number from -1e15 to 1e15"
	weightRange = "above 0 and at most 1e6"
)

var (
	frameworkIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
	// IDPattern is what area, criterion, indicator, scale and region ids match.
	IDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
)

var (
	cycles  = []string{"plan", "do", "check", "act"}
	origins = []string{"source", "project"}
	kinds   = []string{Ordinal, Boolean, Numeric}
)

// LoadFile reads and validates a framework file.
func LoadFile(path string) (*Framework, error) {
	data, err := yamlx.ReadFile(path, MaxFileSize)
	if err != nil {
		return nil, err
	}
	return Load(path, data)
}

// Load validates a framework from YAML bytes. path is used in messages,
// and the base of an extension (extends: FILE) is looked for from its
// folder (docs/reference.md §1.2). The error, if any, is a yamlx.Problems
// listing every problem found.
func Load(path string, data []byte) (*Framework, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return newResolver().load(link{key: abs, name: path}, path, data)
}

type loader struct {
	yamlx.Reader
	ids      map[string]*yaml.Node // area, criterion and indicator ids seen
	langs    []string              // languages the file declares
	warnings []yamlx.Problem
}

// maxEcho is how much of a text from the file a message repeats, in
// characters.
const maxEcho = 60

// Errorf records a problem at node n, as yamlx.Reader.Errorf does, with
// each text it repeats from the file cut to maxEcho characters: a 4 MB id
// makes a message of one line, not of 4 MB.
func (l *loader) Errorf(n *yaml.Node, format string, args ...any) {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = yamlx.Shorten(s, maxEcho)
		}
	}
	l.Reader.Errorf(n, format, args...)
}

// named is what messages call a part with an id ("scale s", "area A"), the
// id cut short as Errorf cuts texts.
func named(kind, id string) string { return kind + " " + yamlx.Shorten(id, maxEcho) }

func (l *loader) framework(n *yaml.Node) *Framework {
	f := &Framework{MinCoverage: 0.5, PriorityPoints: []int{3, 2, 1}, byID: map[string]any{}}
	if v := yamlx.Lookup(n, "schema"); v != nil && v.Value == questionnaireSchema {
		// Say so once rather than list every key of the questionnaire as unknown.
		l.Errorf(v, "this is a questionnaire, not a framework (a framework has schema: %s)", Schema)
		return f
	}
	m := l.Map(n, "framework", frameworkKeys...)
	if m == nil {
		return f
	}
	if fl, ok := m["drop"]; ok { // an extension's is gone once merged
		l.Errorf(fl.Key, "only a framework that extends another drops parts of it (add extends: BASE)")
	}
	l.Require(n, m, "framework", "schema", "id", "version", "scales", "default_scale", "areas")
	if fl, ok := m["schema"]; ok {
		if s, ok := l.String(fl.Value, "schema"); ok && s != Schema {
			l.Errorf(fl.Value, "schema must be %q, not %q", Schema, s)
		}
	}
	if fl, ok := m["id"]; ok {
		if s, ok := l.String(fl.Value, "id"); ok {
			if !frameworkIDPattern.MatchString(s) {
				l.Errorf(fl.Value, "framework id %q must be lower-case letters, digits, '.', '_' or '-', starting with a letter or digit", s)
			}
			f.ID = s
		}
	}
	if fl, ok := m["version"]; ok {
		f.Version, _ = l.String(fl.Value, "version")
	}
	if fl, ok := m["languages"]; ok {
		f.Languages = l.languages(fl.Value)
		l.langs = f.Languages
	}
	f.Title = l.optText(m, "title", "framework title")
	if f.Title == nil {
		f.Title = Text{"en": f.ID}
	}
	f.Description = l.optText(m, "description", "framework description")
	if fl, ok := m["source"]; ok {
		f.Source = l.Strings(fl.Value, "source")
	}
	if fl, ok := m["levels"]; ok {
		lm := l.Map(fl.Value, "levels", "area", "criterion", "indicator")
		f.Levels = map[string]Text{}
		for _, k := range []string{"area", "criterion", "indicator"} { // file order of problems, not map order
			if v, ok := lm[k]; ok {
				f.Levels[k] = l.text(v.Value, "levels."+k)
			}
		}
	}
	if fl, ok := m["scales"]; ok {
		f.Scales = l.scales(fl.Value)
	}
	if fl, ok := m["default_scale"]; ok {
		if s, ok := l.String(fl.Value, "default_scale"); ok {
			f.DefaultScale = s
			if f.scale(s) == nil && len(f.Scales) > 0 {
				l.Errorf(fl.Value, "default_scale %q is not one of the scales", s)
			}
		}
	}
	if fl, ok := m["maturity"]; ok {
		f.Maturity = l.maturity(fl.Value)
	}
	if fl, ok := m["min_coverage"]; ok {
		if v, ok := l.Float(fl.Value, "min_coverage"); ok {
			if v <= 0 || v > 1 {
				l.Errorf(fl.Value, "min_coverage must be above 0 and at most 1, not %v", v)
			}
			f.MinCoverage = v
		}
	}
	if fl, ok := m["priority_points"]; ok {
		f.PriorityPoints = l.priorityPoints(fl.Value)
	}
	if fl, ok := m["roles"]; ok {
		f.Roles = l.roles(fl.Value)
	}
	if fl, ok := m["areas"]; ok {
		l.areas(f, fl.Value)
	}
	return f
}

func (f *Framework) scale(id string) *Scale {
	for _, s := range f.Scales {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Scale returns the scale with the given id.
func (f *Framework) Scale(id string) *Scale { return f.scale(id) }

func (l *loader) optText(m map[string]yamlx.Field, key, what string) Text {
	if fl, ok := m[key]; ok {
		return l.text(fl.Value, what)
	}
	return nil
}

// text reads a plain string or a language map that has "en".
func (l *loader) text(n *yaml.Node, what string) Text {
	if n.Kind == yaml.ScalarNode && !yamlx.IsNull(n) {
		t := Text{"en": n.Value}
		l.checkLanguages(n, t, what)
		return t
	}
	if n.Kind != yaml.MappingNode {
		l.Errorf(n, "%s must be a text or a map of languages to texts, not %s", what, yamlx.Describe(n))
		return nil
	}
	t := Text{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if _, err := language.Parse(k.Value); err != nil || k.Kind != yaml.ScalarNode {
			l.Errorf(k, "%s: %q is not a language code", what, k.Value)
			continue
		}
		if _, dup := t[k.Value]; dup {
			l.Errorf(k, "%s: language %q appears twice", what, k.Value)
			continue
		}
		if s, ok := l.String(v, what+" ("+k.Value+")"); ok {
			t[k.Value] = s
		}
	}
	if _, ok := t["en"]; !ok {
		l.Errorf(n, "%s has no English (en) text", what)
	}
	l.checkLanguages(n, t, what)
	return t
}

// checkLanguages warns about a text missing a language the file declares.
func (l *loader) checkLanguages(n *yaml.Node, t Text, what string) {
	for _, lang := range l.langs {
		if _, ok := t[lang]; !ok {
			l.warnings = append(l.warnings, yamlx.Problem{Path: l.Path, Line: n.Line, Col: n.Column,
				Msg: fmt.Sprintf("%s has no %s text (English is used)", what, lang)})
		}
	}
}

func (l *loader) languages(n *yaml.Node) []string {
	var out []string
	for i, it := range l.Seq(n, "languages") {
		s, ok := l.String(it, "language")
		if !ok {
			continue
		}
		if _, err := language.Parse(s); err != nil {
			l.Errorf(it, "%q is not a language code", s)
			continue
		}
		if slices.Contains(out, s) {
			l.Errorf(it, "language %q is listed twice", s)
			continue
		}
		if i == 0 && s != "en" {
			l.Errorf(it, "languages must start with en, the fallback language")
		}
		out = append(out, s)
	}
	return out
}

func (l *loader) scales(n *yaml.Node) []*Scale {
	items := l.list(n, "scales", "scales", "scale")
	var out []*Scale
	seen := map[string]bool{}
	for _, it := range items {
		s := l.scale(it)
		if s == nil {
			continue
		}
		if seen[s.ID] {
			l.Errorf(it, "scale %q is defined twice", s.ID)
		}
		seen[s.ID] = true
		out = append(out, s)
	}
	return out
}

func (l *loader) scale(n *yaml.Node) *Scale {
	m := l.Map(n, "scale", "id", "kind", "label", "points", "allow", "unit", "min", "max", "worst", "best")
	if m == nil {
		return nil
	}
	s := &Scale{}
	what := "scale"
	if fl, ok := m["id"]; ok {
		s.ID, _ = l.String(fl.Value, "scale id")
		if s.ID != "" && !IDPattern.MatchString(s.ID) {
			l.Errorf(fl.Value, "scale id %q must be letters, digits, '.', '_' or '-'", s.ID)
		}
		what = named("scale", s.ID)
	}
	l.Require(n, m, what, "id", "kind")
	if fl, ok := m["kind"]; ok {
		s.Kind = l.oneOf(fl.Value, what, "kind", kinds)
	}
	s.Label = l.optText(m, "label", what+" label")
	if fl, ok := m["allow"]; ok {
		for _, it := range l.Seq(fl.Value, what+" allow") {
			if a, ok := l.String(it, what+" allow item"); ok {
				switch {
				case a != NA && a != DK:
					l.Errorf(it, "%s: allow may list only na and dk, not %q", what, a)
				case slices.Contains(s.Allow, a):
					l.Errorf(it, "%s: %q is allowed twice", what, a)
				default:
					s.Allow = append(s.Allow, a)
				}
			}
		}
	}
	onlyFor := func(key, kind string) {
		if fl, ok := m[key]; ok && s.Kind != kind && s.Kind != "" {
			l.Errorf(fl.Key, "%s: %q applies only to %s scales", what, key, kind)
		}
	}
	onlyFor("points", Ordinal)
	for _, k := range []string{"unit", "min", "max", "worst", "best"} {
		onlyFor(k, Numeric)
	}
	switch s.Kind {
	case Ordinal:
		if fl, ok := m["points"]; ok {
			s.Points = l.points(fl.Value, what)
		} else {
			l.Errorf(n, "%s: an ordinal scale needs points", what)
		}
	case Numeric:
		l.Require(n, m, what, "worst", "best")
		num := func(key string) *float64 {
			if fl, ok := m[key]; ok {
				if v, ok := l.value(fl.Value, what+" "+key); ok {
					return &v
				}
			}
			return nil
		}
		if fl, ok := m["unit"]; ok {
			s.Unit, _ = l.String(fl.Value, what+" unit")
		}
		s.Min, s.Max = num("min"), num("max")
		worst, best := num("worst"), num("best")
		if s.Min != nil && s.Max != nil && *s.Min >= *s.Max {
			l.Errorf(m["min"].Value, "%s: min must be below max", what)
		}
		if worst != nil && best != nil {
			s.Worst, s.Best = *worst, *best
			if s.Worst == s.Best {
				l.Errorf(m["best"].Value, "%s: best and worst must differ", what)
			}
		}
	}
	s.labels = pointLabels(s.Points)
	return s
}

// points reads an ordinal scale's points. Answers name a point by its code
// or by a label in any language, ignoring case (see assess.ParseAnswer), so
// each of those must name one point only.
func (l *loader) points(n *yaml.Node, what string) []Point {
	items := l.Seq(n, what+" points")
	if items != nil && len(items) < 2 {
		l.Errorf(n, "%s: an ordinal scale needs at least two points", what)
	}
	var pts []Point
	values := map[float64]bool{}
	codes := map[string]string{} // lower case -> code as written
	forms := answerForms{}
	for i, it := range items {
		m := l.Map(it, what+" point", "value", "code", "label")
		if m == nil {
			continue
		}
		l.Require(it, m, what+" point", "value", "code")
		var p Point
		if fl, ok := m["value"]; ok {
			if v, ok := l.value(fl.Value, what+" point value"); ok {
				if values[v] {
					l.Errorf(fl.Value, "%s: point value %v appears twice", what, v)
				}
				values[v] = true
				p.Value = v
			}
		}
		if fl, ok := m["code"]; ok {
			if c, ok := l.String(fl.Value, what+" point code"); ok {
				lower := strings.ToLower(c)
				switch {
				case !IDPattern.MatchString(c):
					l.Errorf(fl.Value, "%s: point code %q must be letters, digits, '.', '_' or '-'", what, c)
				case lower == NA || lower == DK:
					l.Errorf(fl.Value, "%s: point code %q is reserved for the special answer", what, c)
				case codes[lower] == c:
					l.Errorf(fl.Value, "%s: point code %q appears twice", what, c)
				case codes[lower] != "":
					l.Errorf(fl.Value, "%s: point code %q differs from %q only in case (answers are read ignoring case)", what, c, codes[lower])
				default:
					if other, clash := forms.claim(c, i, c); clash {
						l.Errorf(fl.Value, "%s: point code %q is also a label of point %s", what, c, other)
					}
				}
				codes[lower] = c
				p.Code = c
			}
		}
		p.Label = l.optText(m, "label", what+" point label")
		if p.Label == nil {
			p.Label = Text{"en": p.Code}
		} else {
			l.pointLabel(m["label"].Value, p, i, forms, what)
		}
		pts = append(pts, p)
	}
	// Points may be written in any order; scoring and dropdowns use ascending values.
	sort.SliceStable(pts, func(i, j int) bool { return pts[i].Value < pts[j].Value })
	return pts
}

// answerForms are the codes and labels of a scale's points, in lower
// case, with the point each names.
type answerForms map[string]pointRef

// pointRef is a point by its index among the scale's items and its code.
type pointRef struct {
	item int
	code string
}

// claim records that form names the point of item i; if it already names
// another point, it returns that point's code.
func (af answerForms) claim(form string, i int, code string) (string, bool) {
	key := strings.ToLower(strings.TrimSpace(form))
	if prev, ok := af[key]; ok && prev.item != i {
		return prev.code, true
	}
	af[key] = pointRef{i, code}
	return "", false
}

// pointLabel checks that no label of point p (item i) names another point.
func (l *loader) pointLabel(n *yaml.Node, p Point, i int, forms answerForms, what string) {
	langs := make([]string, 0, len(p.Label))
	for lang := range p.Label {
		langs = append(langs, lang)
	}
	sort.Strings(langs) // one message, the same every run
	for _, lang := range langs {
		if other, clash := forms.claim(p.Label[lang], i, p.Code); clash {
			l.Errorf(n, "%s: point label %q is also the code or a label of point %s (answers are read by either, ignoring case)",
				what, p.Label[lang], other)
			return
		}
	}
}

func (l *loader) maturity(n *yaml.Node) []Band {
	var bands []Band
	ids := map[string]bool{}
	for i, it := range l.Seq(n, "maturity") {
		m := l.Map(it, "maturity band", "id", "from", "label")
		if m == nil {
			continue
		}
		l.Require(it, m, "maturity band", "id", "from")
		var b Band
		if fl, ok := m["id"]; ok {
			if b.ID, ok = l.String(fl.Value, "maturity band id"); ok {
				if !IDPattern.MatchString(b.ID) {
					l.Errorf(fl.Value, "maturity band id %q must be letters, digits, '.', '_' or '-'", b.ID)
				}
				if ids[b.ID] {
					l.Errorf(fl.Value, "maturity band %q is defined twice", b.ID)
				}
				ids[b.ID] = true
			}
		}
		if fl, ok := m["from"]; ok {
			if v, ok := l.Float(fl.Value, "maturity band from"); ok {
				switch {
				case i == 0 && v != 0:
					l.Errorf(fl.Value, "the first maturity band must start from 0, not %v", v)
				case v < 0 || v > 100:
					l.Errorf(fl.Value, "maturity band %s: from must be within 0–100, not %v", b.ID, v)
				case len(bands) > 0 && v <= bands[len(bands)-1].From:
					l.Errorf(fl.Value, "maturity bands must ascend: %s starts at %v, not above %s at %v",
						b.ID, v, bands[len(bands)-1].ID, bands[len(bands)-1].From)
				}
				b.From = v
			}
		}
		b.Label = l.optText(m, "label", "maturity band label")
		if b.Label == nil {
			b.Label = Text{"en": b.ID}
		}
		bands = append(bands, b)
	}
	return bands
}

// roles reads the stakeholder roles. Questionnaires name a role ignoring
// case, spaces, '_' and '-', so ids that differ only in those would be
// ambiguous and are refused like repeated ones.
func (l *loader) roles(n *yaml.Node) []Role {
	var roles []Role
	seen := map[string]*yaml.Node{} // RoleKey -> the id first giving it
	for _, it := range l.Seq(n, "roles") {
		m := l.Map(it, "role", "id", "label")
		if m == nil {
			continue
		}
		var r Role
		what := "role"
		if fl, ok := m["id"]; ok {
			if r.ID, ok = l.String(fl.Value, "role id"); ok {
				what = named("role", r.ID)
				first, dup := seen[RoleKey(r.ID)]
				switch {
				case !IDPattern.MatchString(r.ID):
					l.Errorf(fl.Value, "role id %q must be letters, digits, '.', '_' or '-', starting with a letter or digit", r.ID)
				case dup && first.Value == r.ID:
					l.Errorf(fl.Value, "role %q is listed twice (also %s)", r.ID, where(first))
				case dup:
					l.Errorf(fl.Value, "role %q is the same as %q %s: roles are matched ignoring case, '_' and '-'",
						r.ID, first.Value, where(first))
				default:
					seen[RoleKey(r.ID)] = fl.Value
				}
			}
		}
		l.Require(it, m, what, "id")
		r.Label = l.optText(m, "label", what+" label")
		if r.Label == nil {
			r.Label = Text{"en": r.ID}
		}
		roles = append(roles, r)
	}
	return roles
}

func (l *loader) priorityPoints(n *yaml.Node) []int {
	items := l.list(n, "priority_points", "priority_points", "number")
	var pts []int
	for _, it := range items {
		if v, ok := l.Int(it, "priority_points item"); ok {
			if v <= 0 {
				l.Errorf(it, "priority points must be above 0, not %d", v)
			}
			pts = append(pts, v)
		}
	}
	return pts
}

// list reads a sequence that must hold at least one item: key names it in
// messages ("area A criteria"), owner its holder ("area A"), noun an item.
func (l *loader) list(n *yaml.Node, key, owner, noun string) []*yaml.Node {
	items := l.Seq(n, key)
	if items != nil && len(items) == 0 {
		l.Errorf(n, "%s must list at least one %s", owner, noun)
	}
	return items
}

// oneOf reads a text that must be one of allowed.
func (l *loader) oneOf(n *yaml.Node, what, key string, allowed []string) string {
	s, ok := l.String(n, what+" "+key)
	if ok && !slices.Contains(allowed, s) {
		l.Errorf(n, "%s: %s must be %s, not %q", what, key, orList(allowed), s)
	}
	return s
}

// orList writes "a, b or c".
func orList(xs []string) string {
	if len(xs) == 1 {
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

// where says where node n is, for a message about another: "at line 7",
// or "in the base framework" for a node an extension has from its base,
// which has no position (docs/reference.md §1.2).
func where(n *yaml.Node) string {
	if n.Line == 0 {
		return "in the base framework"
	}
	return fmt.Sprintf("at line %d", n.Line)
}

// uniqueID checks an area, criterion or indicator id.
func (l *loader) uniqueID(n *yaml.Node, kind string) string {
	id, ok := l.String(n, kind+" id")
	if !ok {
		return ""
	}
	if !IDPattern.MatchString(id) {
		l.Errorf(n, "%s id %q must be letters, digits, '.', '_' or '-', starting with a letter or digit", kind, id)
	}
	if first, dup := l.ids[id]; dup {
		l.Errorf(n, "id %q is already used %s", id, where(first))
		return id
	}
	l.ids[id] = n
	return id
}

func (l *loader) weight(m map[string]yamlx.Field, what string) float64 {
	fl, ok := m["weight"]
	if !ok {
		return 1
	}
	v, ok := yamlx.Number(fl.Value)
	switch {
	case !ok && !isNumber(fl.Value):
		l.Float(fl.Value, what+" weight") // not a number at all: says so
	case !ok || !(v > 0 && v <= MaxWeight):
		l.Errorf(fl.Value, "%s: weight must be %s, not %s", what, weightRange, yamlx.Shorten(fl.Value.Value, 40))
	}
	return v
}

// value reads a scale's number: finite and within ±MaxValue.
func (l *loader) value(n *yaml.Node, what string) (float64, bool) {
	v, ok := yamlx.Number(n)
	switch {
	case !ok && !isNumber(n):
		return l.Float(n, what) // not a number at all: says so
	case !ok || math.Abs(v) > MaxValue:
		l.Errorf(n, "%s must be %s, not %s", what, valueRange, yamlx.Shorten(n.Value, 40))
		return 0, false
	}
	return v, true
}

// isNumber reports whether YAML reads n as a number, though perhaps one
// that cannot be computed with (.inf, .nan, 1e999).
func isNumber(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && (n.ShortTag() == "!!float" || n.ShortTag() == "!!int")
}

func (l *loader) areas(f *Framework, n *yaml.Node) {
	items := l.list(n, "areas", "areas", "area")
	for _, it := range items {
		m := l.Map(it, "area", areaKeys...)
		if m == nil {
			continue
		}
		a := &Area{Index: len(f.Areas)}
		what := "area"
		if fl, ok := m["id"]; ok {
			a.ID = l.uniqueID(fl.Value, "area")
			what = named("area", a.ID)
		}
		l.Require(it, m, what, "id", "title", "criteria")
		a.Title = l.optText(m, "title", what+" title")
		a.Description = l.optText(m, "description", what+" description")
		a.Weight = l.weight(m, what)
		f.Areas = append(f.Areas, a)
		f.byID[a.ID] = a
		if fl, ok := m["criteria"]; ok {
			for _, c := range l.list(fl.Value, what+" criteria", what, "criterion") {
				l.criterion(f, a, c)
			}
		}
	}
}

func (l *loader) criterion(f *Framework, a *Area, n *yaml.Node) {
	m := l.Map(n, "criterion", criterionKeys...)
	if m == nil {
		return
	}
	c := &Criterion{Area: a, Index: len(f.Criteria)}
	what := "criterion"
	if fl, ok := m["id"]; ok {
		c.ID = l.uniqueID(fl.Value, "criterion")
		what = named("criterion", c.ID)
	}
	l.Require(n, m, what, "id", "title", "indicators")
	c.Title = l.optText(m, "title", what+" title")
	c.Description = l.optText(m, "description", what+" description")
	c.Question = l.optText(m, "question", what+" question")
	c.Cluster = l.optText(m, "cluster", what+" cluster")
	if fl, ok := m["cycle"]; ok {
		c.Cycle = l.oneOf(fl.Value, what, "cycle", cycles)
	}
	c.Weight = l.weight(m, what)
	a.Criteria = append(a.Criteria, c)
	f.Criteria = append(f.Criteria, c)
	f.byID[c.ID] = c
	if fl, ok := m["indicators"]; ok {
		for _, it := range l.list(fl.Value, what+" indicators", what, "indicator") {
			l.indicator(f, c, it)
		}
	}
}

func (l *loader) indicator(f *Framework, c *Criterion, n *yaml.Node) {
	m := l.Map(n, "indicator", indicatorKeys...)
	if m == nil {
		return
	}
	ind := &Indicator{Criterion: c, Index: len(f.Indicators)}
	what := "indicator"
	if fl, ok := m["id"]; ok {
		ind.ID = l.uniqueID(fl.Value, "indicator")
		what = named("indicator", ind.ID)
	}
	l.Require(n, m, what, "id", "text")
	ind.Text = l.optText(m, "text", what+" text")
	ind.Weight = l.weight(m, what)
	ind.ScaleID = f.DefaultScale
	if fl, ok := m["scale"]; ok {
		if s, ok := l.String(fl.Value, what+" scale"); ok {
			ind.ScaleID = s
			if f.scale(s) == nil {
				l.Errorf(fl.Value, "%s: scale %q is not defined", what, s)
			}
		}
	}
	ind.Scale = f.scale(ind.ScaleID)
	if fl, ok := m["evidence"]; ok {
		for _, e := range l.Seq(fl.Value, what+" evidence") {
			if t := l.text(e, what+" evidence"); t != nil {
				ind.Evidence = append(ind.Evidence, t)
			}
		}
	}
	if fl, ok := m["origin"]; ok {
		ind.Origin = l.oneOf(fl.Value, what, "origin", origins)
	}
	c.Indicators = append(c.Indicators, ind)
	f.Indicators = append(f.Indicators, ind)
	f.byID[ind.ID] = ind
}
