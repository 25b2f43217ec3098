package plan

import (
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
		if s, ok := r.String(fl.Value, "schema"); ok {
			check(r, fl.Value, CheckSchema(s))
		}
	}
	p.Status = Agreed
	if fl, ok := f["status"]; ok {
		p.Status = oneOf(r, fl.Value, "status", PlanStatuses)
	}
	if fl, ok := f["framework"]; ok {
		if s, ok := nonEmpty(r, fl.Value, "framework"); ok {
			p.Framework, p.FrameworkVersion = SplitFramework(s)
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
		check(r, fl.Value, CheckPeriods(p.Baseline, p.TargetPeriod))
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
	var out []Target // nil when empty, as when not given
	var seen IDs
	for _, it := range items {
		f := r.Map(it, "a target", "id", "score", "level", "why")
		if f == nil {
			continue
		}
		t := Target{Pos: pos(r, it)}
		r.Require(it, f, "a target", "id")
		if fl, ok := f["id"]; ok {
			if t.ID, ok = nonEmpty(r, fl.Value, "target id"); ok {
				check(r, fl.Value, seen.Target(t.ID))
			}
		}
		fs, hasScore := f["score"]
		fl, hasLevel := f["level"]
		switch err := CheckScoreOrLevel(t.ID, hasScore, hasLevel); {
		case err != nil:
			check(r, it, err)
		case hasScore:
			if v, ok := r.Float(fs.Value, "target score"); ok {
				if err := CheckScore(v, fs.Value.Value); err != nil {
					check(r, fs.Value, err)
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
	var out []Action // nil when empty, as when not given
	var seen IDs
	for _, it := range items {
		f := r.Map(it, "an action", "id", "title", "criteria", "lead", "start", "due", "status", "evidence")
		if f == nil {
			continue
		}
		a := Action{Pos: pos(r, it), Status: Planned}
		r.Require(it, f, "an action", "id", "title", "criteria")
		if fl, ok := f["id"]; ok {
			if a.ID, ok = nonEmpty(r, fl.Value, "action id"); ok {
				check(r, fl.Value, seen.Action(a.ID))
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
				for _, err := range CheckCriteria(a.ID, a.Criteria) {
					check(r, fl.Value, err)
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
		if err := a.CheckDates(); err != nil {
			check(r, f["due"].Value, err)
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
	d, err := ParseDateField(key, s)
	check(r, fl.Value, err)
	return d
}

func nonEmpty(r *yamlx.Reader, n *yaml.Node, what string) (string, bool) {
	s, ok := r.String(n, what)
	if ok {
		if err := CheckNonEmpty(what, s); err != nil {
			check(r, n, err)
			return "", false
		}
	}
	return s, ok
}

func oneOf(r *yamlx.Reader, n *yaml.Node, what string, allowed []string) string {
	s, ok := r.String(n, what)
	if !ok {
		return ""
	}
	check(r, n, CheckOneOf(what, s, allowed))
	return s
}

// check records err, if any, at node n.
func check(r *yamlx.Reader, n *yaml.Node, err error) {
	if err != nil {
		r.Errorf(n, "%v", err)
	}
}

func pos(r *yamlx.Reader, n *yaml.Node) yamlx.Pos {
	return yamlx.Pos{Path: r.Path, Line: n.Line, Col: n.Column}
}
