package instrument

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/yamlx"
)

// MaxQuestionnaireSize caps a YAML questionnaire before it is parsed.
const MaxQuestionnaireSize = 4 << 20

// LoadQuestionnaire parses and validates a YAML questionnaire. The error, if
// any, is a yamlx.Problems listing every problem found.
func LoadQuestionnaire(path string, data []byte, opts LoadOptions) (*assess.Questionnaire, error) {
	root, err := yamlx.Parse(path, data, yamlx.Limits{NoAliases: true, MaxNodes: yamlx.MaxQuestionnaireNodes * int(opts.scale())})
	if err != nil {
		return nil, err
	}
	if opts.Pick == nil {
		opts.Pick = BundledFramework
	}
	r := &qreader{Reader: yamlx.Reader{Path: path}}
	q := r.questionnaire(root, opts)
	if err := r.Reader.Err(); err != nil {
		return nil, identified(err, q)
	}
	stamp(path, data, q)
	return q, nil
}

type qreader struct {
	yamlx.Reader
}

func (r *qreader) questionnaire(n *yaml.Node, opts LoadOptions) *assess.Questionnaire {
	q := &assess.Questionnaire{}
	if n.Kind == yaml.MappingNode {
		if v := yamlx.Lookup(n, "schema"); v != nil && v.Value == framework.Schema {
			// Say so once rather than list every key of the framework as unknown.
			r.Errorf(v, "this is a framework file, not a questionnaire (use -F to name a framework)")
			return q
		}
	}
	m := r.Map(n, "questionnaire", "schema", "framework", "region", "period", "respondent", "answers", "priorities")
	if m == nil {
		return q
	}
	r.Require(n, m, "questionnaire", "schema", "framework", "region", "period")
	if fl, ok := m["schema"]; ok {
		if s, ok := r.String(fl.Value, "schema"); ok && s != QuestionnaireSchema {
			r.Errorf(fl.Value, "schema must be %q, not %q", QuestionnaireSchema, s)
		}
	}
	var fw *framework.Framework
	if fl, ok := m["framework"]; ok {
		if s, ok := r.String(fl.Value, "framework"); ok {
			q.FrameworkID, q.FrameworkVersion, _ = strings.Cut(s, "@")
			var err error
			if fw, err = opts.Pick(q.FrameworkID, q.FrameworkVersion); err != nil {
				r.Errorf(fl.Value, "%v", err)
			}
			q.Framework = fw
		}
	}
	if fl, ok := m["region"]; ok {
		q.Region = r.region(fl.Value)
	}
	if fl, ok := m["period"]; ok {
		var ok bool
		if q.Period, ok = r.String(fl.Value, "period"); ok && strings.TrimSpace(q.Period) == "" {
			r.Errorf(fl.Value, "period is empty: fill in the period assessed, such as \"2024\"")
		}
	}
	if fl, ok := m["respondent"]; ok {
		rm := r.Map(fl.Value, "respondent", "id", "role")
		if f, ok := rm["id"]; ok {
			q.Respondent.ID, _ = r.String(f.Value, "respondent id")
			q.Source.Line, q.Source.Col = f.Value.Line, f.Value.Column
		}
		if f, ok := rm["role"]; ok {
			q.Respondent.Role, _ = r.String(f.Value, "respondent role")
		}
	}
	if fw == nil {
		// Answers cannot be checked without the framework; the problem is
		// already reported at the framework key.
		return q
	}
	q.Answers = make([]assess.Answer, len(fw.Indicators))
	fl, hasAnswers := m["answers"]
	if hasAnswers && !yamlx.IsNull(fl.Value) {
		r.answers(fl.Value, q)
	}
	if opts.Strict && len(r.Problems) == 0 {
		if ids := q.MissingIDs(); len(ids) > 0 {
			at := n
			if hasAnswers {
				at = fl.Key
			}
			r.Errorf(at, "%d unanswered (--strict): %s", len(ids), strings.Join(ids, ", "))
		}
	}
	if fl, ok := m["priorities"]; ok && !yamlx.IsNull(fl.Value) {
		q.Priorities = r.priorities(fl.Value, fw)
	}
	return q
}

func (r *qreader) region(n *yaml.Node) assess.Region {
	var reg assess.Region
	m := r.Map(n, "region", "id", "name", "country", "group")
	if m == nil {
		return reg
	}
	r.Require(n, m, "region", "id")
	if f, ok := m["id"]; ok {
		reg.ID, ok = r.String(f.Value, "region id")
		switch {
		case ok && reg.ID == "":
			r.Errorf(f.Value, "region id is empty: fill in a short id such as lake-constance")
		case ok && !framework.IDPattern.MatchString(reg.ID):
			r.Errorf(f.Value, "region id %q must be letters, digits, '.', '_' or '-', starting with a letter or digit", reg.ID)
		}
	}
	for _, kd := range []struct {
		key string
		dst *string
	}{{"name", &reg.Name}, {"country", &reg.Country}, {"group", &reg.Group}} { // fixed order of problems
		if f, ok := m[kd.key]; ok {
			*kd.dst, _ = r.String(f.Value, "region "+kd.key)
		}
	}
	return reg
}

func (r *qreader) answers(n *yaml.Node, q *assess.Questionnaire) {
	fw, out := q.Framework, q.Answers
	if n.Kind != yaml.MappingNode {
		r.Errorf(n, "answers must be a mapping of indicator ids to answers, not %s", yamlx.Describe(n))
		return
	}
	seen := make([]bool, len(out))
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ind := fw.Indicator(k.Value)
		if ind == nil && fw.DroppedIndicator(q.FrameworkID, k.Value) {
			if hasAnswer(v) {
				q.LeftOut = append(q.LeftOut, k.Value)
			}
			continue
		}
		if ind == nil || k.Kind != yaml.ScalarNode {
			r.Errorf(k, "unknown indicator %q%s", k.Value, assess.SuggestIndicator(fw, k.Value))
			continue
		}
		if seen[ind.Index] {
			r.Errorf(k, "%s is answered twice", ind.ID)
			continue
		}
		seen[ind.Index] = true
		out[ind.Index] = r.answer(v, ind)
	}
}

// hasAnswer reports whether n, what answers gives an indicator, holds an
// answer rather than nothing or notes alone.
func hasAnswer(n *yaml.Node) bool {
	if n.Kind == yaml.MappingNode {
		if n = yamlx.Lookup(n, "answer"); n == nil {
			return false
		}
	}
	return !yamlx.IsNull(n) && !(n.Kind == yaml.ScalarNode && strings.TrimSpace(n.Value) == "")
}

func (r *qreader) answer(n *yaml.Node, ind *framework.Indicator) assess.Answer {
	var a assess.Answer
	if n.Kind == yaml.MappingNode {
		m := r.Map(n, ind.ID, "answer", "evidence", "comment")
		var evidence, comment string
		if f, ok := m["evidence"]; ok && !yamlx.IsNull(f.Value) {
			evidence, _ = r.String(f.Value, ind.ID+" evidence")
		}
		if f, ok := m["comment"]; ok && !yamlx.IsNull(f.Value) {
			comment, _ = r.String(f.Value, ind.ID+" comment")
		}
		a.SetNotes(evidence, comment)
		f, ok := m["answer"]
		if !ok {
			return a // notes without a rating: still missing
		}
		n = f.Value
	}
	if yamlx.IsNull(n) || (n.Kind == yaml.ScalarNode && strings.TrimSpace(n.Value) == "") {
		return a // left empty: missing, as in a template not yet filled in
	}
	if n.Kind != yaml.ScalarNode {
		r.Errorf(n, "%s: the answer must be a single value, not %s", ind.ID, yamlx.Describe(n))
		return a
	}
	kind, value, msg := assess.ParseAnswer(ind.Scale, n.Value)
	if msg != "" {
		r.Errorf(n, "%s: %s", ind.ID, msg)
		return a
	}
	a.Kind, a.Value = kind, value
	return a
}

func (r *qreader) priorities(n *yaml.Node, fw *framework.Framework) map[string][]string {
	if n.Kind != yaml.MappingNode {
		r.Errorf(n, "priorities must map area ids to lists of criteria, not %s", yamlx.Describe(n))
		return nil
	}
	out := map[string][]string{}
	max := len(fw.PriorityPoints)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		area := fw.Area(k.Value)
		if area == nil {
			r.Errorf(k, "priorities: %q is not an area of %s", k.Value, fw.ID)
			continue
		}
		if _, dup := out[area.ID]; dup {
			r.Errorf(k, "priorities: area %s appears twice", area.ID)
			continue
		}
		var list []string
		for j, it := range r.Seq(v, "priorities for area "+area.ID) {
			id, ok := r.String(it, "priority")
			if !ok {
				continue
			}
			c := fw.Criterion(id)
			switch {
			case c == nil:
				r.Errorf(it, "priorities for area %s: %q is not a criterion", area.ID, id)
			case c.Area != area:
				r.Errorf(it, "priorities for area %s: criterion %s belongs to area %s", area.ID, id, c.Area.ID)
			case slices.Contains(list, id):
				r.Errorf(it, "priorities for area %s: %s is ranked twice", area.ID, id)
			case j >= max:
				r.Errorf(it, "priorities for area %s: at most %d criteria can be ranked", area.ID, max)
			default:
				list = append(list, id)
			}
		}
		out[area.ID] = list
	}
	return out
}
