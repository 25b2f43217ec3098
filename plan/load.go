package plan

import (
	"math"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/r3l/r3l/internal/yamlx"
)

// Load reads a plan file in YAML; the error lists every problem as
// PATH:LINE:COL. The plan is not yet checked against a framework (Check).
func Load(path string) (*Plan, error) {
	data, err := yamlx.ReadFile(path, MaxSize)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads the plan file of path from data.
func Parse(path string, data []byte) (*Plan, error) {
	root, err := yamlx.Parse(path, data, yamlx.Limits{NoAliases: true, MaxNodes: yamlx.MaxQuestionnaireNodes})
	if err != nil {
		return nil, err
	}
	r := &yamlx.Reader{Path: path}
	p := &Plan{Path: path}
	f := r.Map(root, "the plan", "schema", "status", "framework", "region", "baseline_period", "target_period", "targets", "actions")
	r.Require(root, f, "the plan", "schema", "framework", "region", "baseline_period", "target_period")
	if fl, ok := f["schema"]; ok {
		if s, ok := r.String(fl.Value, "schema"); ok && s != Schema {
			r.Errorf(fl.Value, "schema must be %q, not %q", Schema, yamlx.Shorten(s, 40))
		}
	}
	p.Status = Agreed
	if fl, ok := f["status"]; ok {
		p.Status = oneOf(r, fl.Value, "status", PlanStatuses)
	}
	if fl, ok := f["framework"]; ok {
		if s, ok := nonEmpty(r, fl.Value, "framework"); ok {
			p.Framework, p.FrameworkVersion, _ = strings.Cut(s, "@")
		}
	}
	if fl, ok := f["region"]; ok {
		p.Region = region(r, fl.Value)
	}
	if fl, ok := f["baseline_period"]; ok {
		p.Baseline, _ = nonEmpty(r, fl.Value, "baseline_period")
	}
	if fl, ok := f["target_period"]; ok {
		p.TargetPeriod, _ = nonEmpty(r, fl.Value, "target_period")
		if p.TargetPeriod != "" && p.TargetPeriod == p.Baseline {
			r.Errorf(fl.Value, "target_period is the baseline period %q: a plan looks ahead", p.Baseline)
		}
	}
	if fl, ok := f["targets"]; ok && !yamlx.IsNull(fl.Value) {
		p.Targets = targets(r, fl.Value)
	}
	if fl, ok := f["actions"]; ok && !yamlx.IsNull(fl.Value) {
		p.Actions = actions(r, fl.Value)
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// region reads `region: ID` or `region: {id: ID, name: NAME}`.
func region(r *yamlx.Reader, n *yaml.Node) Region {
	var reg Region
	if n.Kind == yaml.ScalarNode {
		reg.ID, _ = nonEmpty(r, n, "region")
		return reg
	}
	f := r.Map(n, "region", "id", "name")
	r.Require(n, f, "region", "id")
	if fl, ok := f["id"]; ok {
		reg.ID, _ = nonEmpty(r, fl.Value, "region id")
	}
	if fl, ok := f["name"]; ok {
		reg.Name, _ = r.String(fl.Value, "region name")
	}
	return reg
}

func targets(r *yamlx.Reader, n *yaml.Node) []Target {
	items := r.Seq(n, "targets")
	out := make([]Target, 0, len(items))
	seen := map[string]bool{}
	for _, it := range items {
		f := r.Map(it, "a target", "id", "score", "level", "why")
		if f == nil {
			continue
		}
		t := Target{Pos: pos(r, it)}
		r.Require(it, f, "a target", "id")
		if fl, ok := f["id"]; ok {
			if t.ID, ok = nonEmpty(r, fl.Value, "target id"); ok {
				if seen[t.ID] {
					r.Errorf(fl.Value, "a target for %s is given twice", t.ID)
				}
				seen[t.ID] = true
			}
		}
		fs, hasScore := f["score"]
		fl, hasLevel := f["level"]
		switch {
		case hasScore == hasLevel:
			r.Errorf(it, "target %s takes a score (0–100) or a level (a maturity level's id), one of the two", t.ID)
		case hasScore:
			if v, ok := r.Float(fs.Value, "target score"); ok {
				if v < 0 || v > 100 || math.IsNaN(v) {
					r.Errorf(fs.Value, "target score must be between 0 and 100, not %s", fs.Value.Value)
				} else {
					t.Score = &v
				}
			}
		default:
			t.Level, _ = nonEmpty(r, fl.Value, "target level")
		}
		if fl, ok := f["why"]; ok && !yamlx.IsNull(fl.Value) {
			if fl.Value.Kind == yaml.ScalarNode {
				s, _ := r.String(fl.Value, "why")
				t.Why = []string{s}
			} else {
				t.Why = r.Strings(fl.Value, "why")
			}
		}
		out = append(out, t)
	}
	return out
}

func actions(r *yamlx.Reader, n *yaml.Node) []Action {
	items := r.Seq(n, "actions")
	out := make([]Action, 0, len(items))
	seen := map[string]bool{}
	for _, it := range items {
		f := r.Map(it, "an action", "id", "title", "criteria", "lead", "start", "due", "status", "evidence")
		if f == nil {
			continue
		}
		a := Action{Pos: pos(r, it), Status: Planned}
		r.Require(it, f, "an action", "id", "title", "criteria")
		if fl, ok := f["id"]; ok {
			if a.ID, ok = nonEmpty(r, fl.Value, "action id"); ok {
				if seen[a.ID] {
					r.Errorf(fl.Value, "action id %s is used twice", a.ID)
				}
				seen[a.ID] = true
			}
		}
		if fl, ok := f["title"]; ok {
			a.Title, _ = nonEmpty(r, fl.Value, "action title")
		}
		if fl, ok := f["criteria"]; ok {
			if fl.Value.Kind == yaml.ScalarNode {
				s, _ := nonEmpty(r, fl.Value, "criteria")
				a.Criteria = []string{s}
			} else {
				a.Criteria = r.Strings(fl.Value, "criteria")
				if len(a.Criteria) == 0 {
					r.Errorf(fl.Value, "action %s serves no criterion: name at least one", a.ID)
				}
				for i, c := range a.Criteria {
					if slices.Contains(a.Criteria[:i], c) {
						r.Errorf(fl.Value, "action %s names criterion %s twice", a.ID, c)
					}
				}
			}
		}
		if fl, ok := f["lead"]; ok && !yamlx.IsNull(fl.Value) {
			a.Lead, _ = r.String(fl.Value, "lead")
		}
		if fl, ok := f["evidence"]; ok && !yamlx.IsNull(fl.Value) {
			a.Evidence, _ = r.String(fl.Value, "evidence")
		}
		if fl, ok := f["status"]; ok {
			a.Status = oneOf(r, fl.Value, "action status", ActionStatuses)
		}
		a.Start = date(r, f, "start")
		a.Due = date(r, f, "due")
		if !a.Start.IsZero() && !a.Due.IsZero() && a.Due.Last.Before(a.Start.Last) {
			r.Errorf(f["due"].Value, "action %s is due (%s) before it starts (%s)", a.ID, a.Due.Text, a.Start.Text)
		}
		out = append(out, a)
	}
	return out
}

// date reads an optional date field.
func date(r *yamlx.Reader, f map[string]yamlx.Field, key string) Date {
	fl, ok := f[key]
	if !ok || yamlx.IsNull(fl.Value) {
		return Date{}
	}
	s, ok := r.String(fl.Value, key)
	if !ok {
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		r.Errorf(fl.Value, "%s: %v", key, err)
	}
	return d
}

func nonEmpty(r *yamlx.Reader, n *yaml.Node, what string) (string, bool) {
	s, ok := r.String(n, what)
	if ok && strings.TrimSpace(s) == "" {
		r.Errorf(n, "%s is empty", what)
		return "", false
	}
	return s, ok
}

func oneOf(r *yamlx.Reader, n *yaml.Node, what string, allowed []string) string {
	s, ok := r.String(n, what)
	if !ok {
		return ""
	}
	if !slices.Contains(allowed, s) {
		r.Errorf(n, "%s must be one of %s, not %q", what, strings.Join(allowed, ", "), yamlx.Shorten(s, 40))
	}
	return s
}

func pos(r *yamlx.Reader, n *yaml.Node) yamlx.Pos {
	return yamlx.Pos{Path: r.Path, Line: n.Line, Col: n.Column}
}
