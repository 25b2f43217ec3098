// Package framework holds the quality-framework model (areas > criteria >
// indicators, scales, maturity bands), loads it from YAML with every problem
// reported at once, and bundles the default frameworks.
package framework

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/r3l/r3l/internal/yamlx"
)

// Schema is the value a framework file's `schema` key must hold.
const Schema = "r3l.framework/v1"

// Text is a string in one or more languages; "en" is always present.
type Text map[string]string

// Get returns the text in lang, falling back to English.
func (t Text) Get(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	return t["en"]
}

// Scale kinds.
const (
	Ordinal = "ordinal"
	Boolean = "boolean"
	Numeric = "numeric"
)

// Special answers a scale may allow.
const (
	NA = "na" // not applicable
	DK = "dk" // don't know / no evidence
)

// Point is one step of an ordinal scale.
type Point struct {
	Value float64
	Code  string
	Label Text
}

// Scale says which answers an indicator takes and how they map to 0–100.
type Scale struct {
	ID     string
	Kind   string
	Label  Text
	Points []Point // ordinal only, ascending by value
	Allow  []string
	Unit   string
	Min    *float64 // numeric bounds of a valid answer
	Max    *float64
	Worst  float64 // numeric: scores 0
	Best   float64 // numeric: scores 100
	// labels are the points' labels in every language, trimmed, with
	// their codes, in the points' order (pointLabels); set when loaded.
	labels []pointLabel
}

type pointLabel struct{ text, code string }

// pointLabels lists the labels of points, in their order, for
// CodeOfLabel: looked up once, not in the points' maps for every answer.
func pointLabels(points []Point) []pointLabel {
	var out []pointLabel
	for _, p := range points {
		for _, l := range p.Label {
			if l != "" {
				out = append(out, pointLabel{strings.TrimSpace(l), p.Code})
			}
		}
	}
	return out
}

// CodeOfLabel returns the code of the first point, in order, with a label
// (in any language, trimmed) that is t but for case.
func (s *Scale) CodeOfLabel(t string) (string, bool) {
	labels := s.labels
	if labels == nil { // a scale not made by the loader
		labels = pointLabels(s.Points)
	}
	for _, l := range labels {
		if strings.EqualFold(l.text, t) {
			return l.code, true
		}
	}
	return "", false
}

// Allows reports whether the scale accepts the special answer na or dk.
func (s *Scale) Allows(special string) bool { return slices.Contains(s.Allow, special) }

// PointByCode returns the ordinal point with the given code.
func (s *Scale) PointByCode(code string) (Point, bool) {
	for _, p := range s.Points {
		if p.Code == code {
			return p, true
		}
	}
	return Point{}, false
}

// PointByValue returns the ordinal point with the given value.
func (s *Scale) PointByValue(v float64) (Point, bool) {
	for _, p := range s.Points {
		if p.Value == v {
			return p, true
		}
	}
	return Point{}, false
}

// Score maps a valid answer value to 0–100 (docs/reference.md §4.1). Boolean answers are
// 1 for yes and 0 for no.
func (s *Scale) Score(v float64) float64 {
	switch s.Kind {
	case Ordinal:
		lo, hi := s.Points[0].Value, s.Points[len(s.Points)-1].Value
		return fraction(v, lo, hi) * 100
	case Boolean:
		return v * 100
	default:
		f := fraction(v, s.Worst, s.Best)
		return min(max(f, 0), 1) * 100
	}
}

// fraction is (v − from) / (to − from): where v lies on the way from
// from (0) to to (1). The numbers are finite and from and to differ, but
// to − from may overflow all the same (from −9e307 to 9e307 is 1.8e308,
// more than a float64 holds); then the halves are subtracted, which
// cannot overflow, and the quotient is the same. The result is never NaN;
// it is ±Inf only for a v far beyond both ends, which Score clamps.
func fraction(v, from, to float64) float64 {
	if d := to - from; !math.IsInf(d, 0) {
		return (v - from) / d
	}
	return (v/2 - from/2) / (to/2 - from/2)
}

// Example is a plausible answer on the scale, for templates and help
// texts: a point two thirds up, yes, or the best number.
func (s *Scale) Example() string {
	switch s.Kind {
	case Ordinal:
		return strconv.FormatFloat(s.Points[len(s.Points)*2/3].Value, 'f', -1, 64)
	case Boolean:
		return "yes"
	}
	return strconv.FormatFloat(s.Best, 'f', -1, 64)
}

// Band is a maturity level: scores from From up to the next band's From.
type Band struct {
	ID    string
	From  float64
	Label Text
}

// Role is a stakeholder group a respondent may belong to, such as
// adult-education or employer.
type Role struct {
	ID    string
	Label Text
}

// RoleKey is the form in which role names are compared: lower case, without
// spaces, '_' or '-', so that "Adult Education" names adult-education.
func RoleKey(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '_' || r == '-' {
			return -1
		}
		return unicode.ToLower(r)
	}, name)
}

// Change is what an extension did to a node of its base
// (docs/reference.md §1.2).
type Change int

// Changes an extension makes.
const (
	Inherited Change = iota // as in the base, or the framework extends none
	Added                   // new in the extension
	Changed                 // in the base, with a field the extension gives
)

// Area is a quality area.
type Area struct {
	ID          string
	Title       Text
	Description Text
	Weight      float64
	Criteria    []*Criterion
	Index       int
	Change      Change
}

// Criterion is a quality criterion within an area.
type Criterion struct {
	ID          string
	Title       Text
	Description Text
	Question    Text
	Cycle       string
	Cluster     Text
	Weight      float64
	Indicators  []*Indicator
	Area        *Area
	Index       int // position among all criteria, framework order
	Change      Change
}

// Indicator is one rated statement.
type Indicator struct {
	ID        string
	Text      Text
	ScaleID   string
	Scale     *Scale
	Weight    float64
	Evidence  []Text
	Origin    string
	Criterion *Criterion
	Index     int // position among all indicators, framework order
	Change    Change
}

// Framework is a loaded, validated framework.
type Framework struct {
	ID             string
	Version        string
	Title          Text
	Description    Text
	Languages      []string
	Source         []string
	Levels         map[string]Text // "area", "criterion", "indicator"
	Scales         []*Scale
	DefaultScale   string
	Maturity       []Band
	MinCoverage    float64
	PriorityPoints []int
	// Roles are the stakeholder groups respondents are asked to name, in
	// file order; a framework may list none.
	Roles []Role
	Areas []*Area

	// Derived on load.
	Criteria   []*Criterion // framework order
	Indicators []*Indicator // framework order
	Path       string       // file it came from, or "bundled:ID"
	// SHA256 is that of the file's bytes; for an extension, of its bytes
	// followed by its base's SHA256, so that it changes with either.
	SHA256 string
	// Extends is the id of the framework this one extends, or empty;
	// Base is that framework, resolved (docs/reference.md §1.2).
	Extends string
	Base    *Framework
	// Dropped are the ids the extension's drop list removes from Base,
	// as it lists them (their children go too).
	Dropped []string
	// Warnings are problems that do not stop the framework from being
	// used, such as a text missing one of the declared languages.
	Warnings []yamlx.Problem

	byID    map[string]any
	bundled bool       // built into the tool; see Bundled
	tree    *yaml.Node // what it was loaded from, merged: an extension of it copies it
}

// Bundled reports whether the framework is built into the tool, in which case
// its source is BundledSource(f.ID) and Path names no file.
func (f *Framework) Bundled() bool { return f.bundled }

// Ancestor returns f if its id is id, or else the framework of that id f
// extends, directly or further down; nil when there is none.
func (f *Framework) Ancestor(id string) *Framework {
	for a := f; a != nil; a = a.Base {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// DroppedIndicator reports whether indicator id is in the framework base
// that f extends but not in f: an extension on the way dropped it.
func (f *Framework) DroppedIndicator(base, id string) bool {
	a := f.Ancestor(base)
	return a != nil && a != f && a.Indicator(id) != nil && f.Indicator(id) == nil
}

// Indicator returns the indicator with the given id.
func (f *Framework) Indicator(id string) *Indicator {
	i, _ := f.byID[id].(*Indicator)
	return i
}

// Criterion returns the criterion with the given id.
func (f *Framework) Criterion(id string) *Criterion {
	c, _ := f.byID[id].(*Criterion)
	return c
}

// Area returns the area with the given id.
func (f *Framework) Area(id string) *Area {
	a, _ := f.byID[id].(*Area)
	return a
}

// Role returns the role with the given id, written exactly.
func (f *Framework) Role(id string) *Role {
	for i := range f.Roles {
		if f.Roles[i].ID == id {
			return &f.Roles[i]
		}
	}
	return nil
}

// Level returns the maturity band of a score, or nil when the framework has
// no bands.
func (f *Framework) Level(score float64) *Band {
	i := sort.Search(len(f.Maturity), func(i int) bool { return f.Maturity[i].From > score })
	if i == 0 {
		return nil
	}
	return &f.Maturity[i-1]
}

// LevelName returns the display name of a tree level ("area", "criterion",
// "indicator") in lang.
func (f *Framework) LevelName(level, lang string) string {
	if t, ok := f.Levels[level]; ok {
		return t.Get(lang)
	}
	return defaultLevelNames[level].Get(lang)
}

var defaultLevelNames = map[string]Text{
	"area":      {"en": "Area", "de": "Bereich", "sv": "Område"},
	"criterion": {"en": "Criterion", "de": "Kriterium", "sv": "Kriterium"},
	"indicator": {"en": "Indicator", "de": "Indikator", "sv": "Indikator"},
}
