// Package crosswalk maps one framework's criteria and indicators onto
// another's criteria (docs/reference.md §8), so that assessments made with
// different frameworks, or with two versions of one, can be compared on one
// structure. It loads crosswalk files strictly and bundles crosswalks
// written for the tool.
package crosswalk

import (
	"embed"
	"fmt"
	"io/fs"
	"math"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/yamlx"
)

// Schema is the value a crosswalk file's `schema` key must hold.
const Schema = "r3l.crosswalk/v1"

// MaxSize caps a crosswalk file.
const MaxSize = 4 << 20

// Crosswalk maps the criteria and indicators of framework From onto the
// criteria of framework To.
type Crosswalk struct {
	Path              string
	From, FromVersion string // FromVersion empty: any version
	To, ToVersion     string
	Description       string
	Maps              []Map
	bundled           bool
	fromPos, toPos    yamlx.Pos
}

// Map gives one criterion of To its sources in From.
type Map struct {
	To   string   // a criterion of To
	From []Source // criteria or indicators of From, each with a weight
	Why  string   // the reasoning, as the file gives it
	Pos  yamlx.Pos
}

// Source is a criterion or indicator of From with its weight in a Map.
type Source struct {
	ID     string
	Weight float64
	Pos    yamlx.Pos
}

// Bundled reports whether the crosswalk is built into the tool.
func (c *Crosswalk) Bundled() bool { return c.bundled }

// Load reads a crosswalk file; the error lists every problem.
func Load(path string) (*Crosswalk, error) {
	data, err := yamlx.ReadFile(path, MaxSize)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads the crosswalk file of path from data. It is checked against
// the frameworks with Check.
func Parse(path string, data []byte) (*Crosswalk, error) {
	root, err := yamlx.Parse(path, data, yamlx.Limits{NoAliases: true, MaxNodes: yamlx.MaxQuestionnaireNodes})
	if err != nil {
		return nil, err
	}
	r := &yamlx.Reader{Path: path}
	c := &Crosswalk{Path: path}
	f := r.Map(root, "the crosswalk", "schema", "from", "to", "description", "map")
	r.Require(root, f, "the crosswalk", "schema", "from", "to", "map")
	if fl, ok := f["schema"]; ok {
		if s, ok := r.String(fl.Value, "schema"); ok && s != Schema {
			r.Errorf(fl.Value, "schema must be %q, not %q", Schema, yamlx.Shorten(s, 40))
		}
	}
	if fl, ok := f["from"]; ok {
		c.From, c.FromVersion = frameworkRef(r, fl.Value, "from")
		c.fromPos = pos(r, fl.Value)
	}
	if fl, ok := f["to"]; ok {
		c.To, c.ToVersion = frameworkRef(r, fl.Value, "to")
		c.toPos = pos(r, fl.Value)
	}
	if fl, ok := f["description"]; ok {
		c.Description, _ = r.String(fl.Value, "description")
	}
	if fl, ok := f["map"]; ok {
		c.Maps = maps(r, fl.Value)
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

func frameworkRef(r *yamlx.Reader, n *yaml.Node, what string) (id, version string) {
	s, ok := r.String(n, what)
	if ok && strings.TrimSpace(s) == "" {
		r.Errorf(n, "%s is empty: name a framework id", what)
	}
	id, version, _ = strings.Cut(s, "@")
	return id, version
}

func maps(r *yamlx.Reader, n *yaml.Node) []Map {
	var out []Map
	seen := map[string]bool{}
	for _, it := range r.Seq(n, "map") {
		f := r.Map(it, "a map entry", "to", "from", "why")
		if f == nil {
			continue
		}
		r.Require(it, f, "a map entry", "to", "from")
		m := Map{Pos: pos(r, it)}
		if fl, ok := f["to"]; ok {
			if m.To, ok = r.String(fl.Value, "to"); ok {
				if seen[m.To] {
					r.Errorf(fl.Value, "%s is mapped twice: give all its sources in one entry", m.To)
				}
				seen[m.To] = true
			}
		}
		if fl, ok := f["from"]; ok {
			m.From = sources(r, fl.Value, m.To)
		}
		if fl, ok := f["why"]; ok {
			m.Why, _ = r.String(fl.Value, "why")
		}
		out = append(out, m)
	}
	return out
}

// sources reads `from: ID`, `from: [ID, …]` or items `{id: ID, weight: W}`.
func sources(r *yamlx.Reader, n *yaml.Node, to string) []Source {
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
		if len(items) == 0 {
			r.Errorf(n, "%s maps from nothing: name at least one criterion or indicator", to)
		}
	}
	var out []Source
	for _, it := range items {
		s := Source{Weight: 1, Pos: pos(r, it)}
		if it.Kind == yaml.MappingNode {
			f := r.Map(it, "a source", "id", "weight")
			r.Require(it, f, "a source", "id")
			if fl, ok := f["id"]; ok {
				s.ID, _ = r.String(fl.Value, "source id")
			}
			if fl, ok := f["weight"]; ok {
				if w, ok := r.Float(fl.Value, "weight"); ok {
					if !(w > 0 && w <= framework.MaxWeight) || math.IsInf(w, 0) {
						r.Errorf(fl.Value, "weight must be above 0 and at most 1e6, not %s", fl.Value.Value)
					}
					s.Weight = w
				}
			}
		} else {
			s.ID, _ = r.String(it, "source id")
		}
		for _, prev := range out {
			if prev.ID == s.ID && s.ID != "" {
				r.Errorf(it, "%s maps from %s twice", to, s.ID)
			}
		}
		out = append(out, s)
	}
	return out
}

func pos(r *yamlx.Reader, n *yaml.Node) yamlx.Pos {
	return yamlx.Pos{Path: r.Path, Line: n.Line, Col: n.Column}
}

// Check checks the crosswalk against its two frameworks: their ids (and
// versions, where given), that every target is a criterion of to, and
// every source a criterion or indicator of from.
func (c *Crosswalk) Check(from, to *framework.Framework) error {
	var ps yamlx.Problems
	at := func(p yamlx.Pos, format string, args ...any) {
		ps = append(ps, p.Problem(fmt.Sprintf(format, args...)))
	}
	if c.From != from.ID || c.FromVersion != "" && c.FromVersion != from.Version {
		at(c.fromPos, "the crosswalk maps from %s, not from %s %s", c.ref(c.From, c.FromVersion), from.ID, from.Version)
	}
	if c.To != to.ID || c.ToVersion != "" && c.ToVersion != to.Version {
		at(c.toPos, "the crosswalk maps to %s, not to %s %s", c.ref(c.To, c.ToVersion), to.ID, to.Version)
	}
	if len(ps) > 0 {
		return ps.Err()
	}
	for _, m := range c.Maps {
		if to.Criterion(m.To) == nil {
			at(m.Pos, "framework %s has no criterion %q", to.ID, m.To)
		}
		for _, s := range m.From {
			if from.Criterion(s.ID) == nil && from.Indicator(s.ID) == nil {
				at(s.Pos, "framework %s has no criterion or indicator %q", from.ID, s.ID)
			}
		}
	}
	return ps.Err()
}

func (c *Crosswalk) ref(id, version string) string {
	if version == "" {
		return id
	}
	return id + "@" + version
}

// Sources returns the map entry of a criterion of To, or nil when the
// crosswalk does not map it.
func (c *Crosswalk) Sources(to string) *Map {
	for i := range c.Maps {
		if c.Maps[i].To == to {
			return &c.Maps[i]
		}
	}
	return nil
}

//go:embed bundled/*.yaml
var bundledFS embed.FS

var bundled = sync.OnceValues(func() ([]*Crosswalk, error) {
	entries, err := fs.ReadDir(bundledFS, "bundled")
	if err != nil {
		return nil, err
	}
	var out []*Crosswalk
	for _, e := range entries {
		data, err := bundledFS.ReadFile("bundled/" + e.Name())
		if err != nil {
			return nil, err
		}
		c, err := Parse("bundled:"+e.Name(), data)
		if err != nil {
			return nil, err
		}
		c.bundled = true
		out = append(out, c)
	}
	return out, nil
})

// Bundled returns the crosswalks built into the tool.
func Bundled() ([]*Crosswalk, error) { return bundled() }

// Find returns the crosswalk among cws, then among the bundled ones, that
// maps from one framework to another; nil when there is none.
func Find(cws []*Crosswalk, from, to *framework.Framework) (*Crosswalk, error) {
	b, err := Bundled()
	if err != nil {
		return nil, err
	}
	for _, c := range append(append([]*Crosswalk{}, cws...), b...) {
		if c.From == from.ID && (c.FromVersion == "" || c.FromVersion == from.Version) &&
			c.To == to.ID && (c.ToVersion == "" || c.ToVersion == to.Version) {
			return c, nil
		}
	}
	return nil, nil
}
