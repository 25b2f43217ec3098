// Package assess reads questionnaires, groups them into assessments and
// scores them against a framework. Scoring is pure: no I/O.
package assess

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/yamlx"
)

// QuestionnaireSchema is the value a questionnaire's `schema` key must hold.
const QuestionnaireSchema = "r3l.questionnaire/v1"

// MaxQuestionnaireSize caps a questionnaire file before it is parsed.
const MaxQuestionnaireSize = 4 << 20

// Region identifies the region an assessment is about.
type Region struct {
	ID      string
	Name    string
	Country string
	Group   string
}

// Respondent is who filled in a questionnaire.
type Respondent struct {
	ID   string
	Role string
}

// AnswerKind says what kind of answer was given.
type AnswerKind uint8

// Answer kinds. The zero value is a missing answer.
const (
	Missing AnswerKind = iota
	Valued
	NotApplicable
	DontKnow
)

// Answer is one respondent's answer to one indicator.
type Answer struct {
	Kind     AnswerKind
	Value    float64 // as given on the scale; boolean yes = 1, no = 0
	Score    float64 // Value mapped to 0–100 (SPEC §4.1); only for Valued
	Evidence string
	Comment  string
}

// Display returns the answer as a respondent would write it.
func (a Answer) Display(s *framework.Scale) string {
	switch a.Kind {
	case NotApplicable:
		return framework.NA
	case DontKnow:
		return framework.DK
	case Valued:
		if s.Kind == framework.Boolean {
			if a.Value == 1 {
				return "yes"
			}
			return "no"
		}
		return strconv.FormatFloat(a.Value, 'f', -1, 64)
	}
	return ""
}

// Questionnaire is one respondent's answers for one region and period.
type Questionnaire struct {
	Path             string
	SHA256           string
	FrameworkID      string // framework id named in the file
	FrameworkVersion string // after '@', if given
	Framework        *framework.Framework
	Region           Region
	Period           string
	Respondent       Respondent
	Answers          []Answer            // indexed by framework.Indicator.Index
	Priorities       map[string][]string // area id -> criterion ids, best first
	RespondentLine   int                 // where respondent.id is, for messages
	RespondentCol    int
	RespondentCell   string // the same in a workbook, e.g. "Region!B8"
}

// Missing counts the indicators left unanswered.
func (q *Questionnaire) Missing() int {
	n := 0
	for _, a := range q.Answers {
		if a.Kind == Missing {
			n++
		}
	}
	return n
}

// FrameworkPicker returns the framework a questionnaire is scored against,
// given the id and version named in its `framework` key.
type FrameworkPicker func(id, version string) (*framework.Framework, error)

// FixedFramework picks fw for every questionnaire that names it (any version).
func FixedFramework(fw *framework.Framework) FrameworkPicker {
	return func(id, version string) (*framework.Framework, error) {
		if id != fw.ID {
			return nil, fmt.Errorf("questionnaire is for framework %q, but the framework in use is %q", id, fw.ID)
		}
		return fw, nil
	}
}

// BundledFramework picks a bundled framework by id.
func BundledFramework(id, version string) (*framework.Framework, error) {
	return framework.Get(id)
}

// LoadOptions say how questionnaires are read.
type LoadOptions struct {
	Pick   FrameworkPicker // nil: BundledFramework
	Strict bool            // missing answers are errors
	// DropNotes forgets evidence and comments once read, for runs whose
	// reports do not show them: a questionnaire is then little more than
	// its scores.
	DropNotes bool
}

// LoadQuestionnaire parses and validates a YAML questionnaire. The error, if
// any, is a yamlx.Problems listing every problem found.
func LoadQuestionnaire(path string, data []byte, opts LoadOptions) (*Questionnaire, error) {
	root, err := yamlx.Parse(path, data, true)
	if err != nil {
		return nil, err
	}
	if opts.Pick == nil {
		opts.Pick = BundledFramework
	}
	r := &qreader{Reader: yamlx.Reader{Path: path}}
	q := r.questionnaire(root, opts)
	if err := r.Problems.Err(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	q.Path, q.SHA256 = path, hex.EncodeToString(sum[:])
	return q, nil
}

// MissingIDs lists the indicators a questionnaire left unanswered.
func (q *Questionnaire) MissingIDs() []string {
	var ids []string
	for i, a := range q.Answers {
		if a.Kind == Missing {
			ids = append(ids, q.Framework.Indicators[i].ID)
		}
	}
	return ids
}

type qreader struct {
	yamlx.Reader
}

func (r *qreader) questionnaire(n *yaml.Node, opts LoadOptions) *Questionnaire {
	q := &Questionnaire{}
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
			q.RespondentLine, q.RespondentCol = f.Value.Line, f.Value.Column
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
	q.Answers = make([]Answer, len(fw.Indicators))
	fl, hasAnswers := m["answers"]
	if hasAnswers && !yamlx.IsNull(fl.Value) {
		r.answers(fl.Value, fw, q.Answers)
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

func (r *qreader) region(n *yaml.Node) Region {
	var reg Region
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

func (r *qreader) answers(n *yaml.Node, fw *framework.Framework, out []Answer) {
	if n.Kind != yaml.MappingNode {
		r.Errorf(n, "answers must be a mapping of indicator ids to answers, not %s", yamlx.Describe(n))
		return
	}
	seen := make([]bool, len(out))
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ind := fw.Indicator(k.Value)
		if ind == nil || k.Kind != yaml.ScalarNode {
			r.Errorf(k, "unknown indicator %q%s", k.Value, closestIndicator(fw, k.Value))
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

func (r *qreader) answer(n *yaml.Node, ind *framework.Indicator) Answer {
	var a Answer
	if n.Kind == yaml.MappingNode {
		m := r.Map(n, ind.ID, "answer", "evidence", "comment")
		if f, ok := m["evidence"]; ok && !yamlx.IsNull(f.Value) {
			a.Evidence, _ = r.String(f.Value, ind.ID+" evidence")
		}
		if f, ok := m["comment"]; ok && !yamlx.IsNull(f.Value) {
			a.Comment, _ = r.String(f.Value, ind.ID+" comment")
		}
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
	kind, value, msg := ParseAnswer(ind.Scale, n.Value)
	if msg != "" {
		r.Errorf(n, "%s: %s", ind.ID, msg)
		return a
	}
	a.Kind, a.Value = kind, value
	if kind == Valued {
		a.Score = ind.Scale.Score(value)
	}
	return a
}

// ParseAnswer reads one answer as written (YAML scalar, spreadsheet cell,
// survey export) against a scale: a point's value or code, yes/no, a number,
// na or dk. The message is empty when the answer is valid.
func ParseAnswer(s *framework.Scale, text string) (AnswerKind, float64, string) {
	t := strings.TrimSpace(text)
	lower := strings.ToLower(t)
	switch lower {
	case framework.NA, framework.DK:
		if !s.Allows(lower) {
			return Missing, 0, fmt.Sprintf("%q is not allowed on scale %s (%s)", lower, s.ID, ScaleHint(s))
		}
		if lower == framework.NA {
			return NotApplicable, 0, ""
		}
		return DontKnow, 0, ""
	}
	switch s.Kind {
	case framework.Ordinal:
		if p, ok := s.PointByCode(t); ok {
			return Valued, p.Value, ""
		}
		if v, err := strconv.ParseFloat(t, 64); err == nil {
			if p, ok := s.PointByValue(v); ok {
				return Valued, p.Value, ""
			}
		}
		return Missing, 0, fmt.Sprintf("%s is not on scale %s (%s)", quote(t), s.ID, ScaleHint(s))
	case framework.Boolean:
		switch lower {
		case "yes", "true":
			return Valued, 1, ""
		case "no", "false":
			return Valued, 0, ""
		}
		return Missing, 0, fmt.Sprintf("%s is not a yes/no answer (%s)", quote(t), ScaleHint(s))
	default:
		v, err := strconv.ParseFloat(strings.ReplaceAll(t, "_", ""), 64)
		if err != nil || v != v || v > 1e300 || v < -1e300 {
			return Missing, 0, fmt.Sprintf("%s is not a number (%s)", quote(t), ScaleHint(s))
		}
		if (s.Min != nil && v < *s.Min) || (s.Max != nil && v > *s.Max) {
			return Missing, 0, fmt.Sprintf("%v is outside scale %s (%s)", v, s.ID, ScaleHint(s))
		}
		return Valued, v, ""
	}
}

func quote(s string) string {
	return strconv.Quote(yamlx.Shorten(s, 40))
}

// ScaleHint lists the answers a scale takes, for messages and templates.
func ScaleHint(s *framework.Scale) string {
	var parts []string
	switch s.Kind {
	case framework.Ordinal:
		vals := make([]string, len(s.Points))
		codes := make([]string, len(s.Points))
		for i, p := range s.Points {
			vals[i] = strconv.FormatFloat(p.Value, 'f', -1, 64)
			codes[i] = p.Code
		}
		parts = append(parts, strings.Join(vals, ", "), strings.Join(codes, ", "))
	case framework.Boolean:
		parts = append(parts, "yes, no")
	default:
		rng := "a number"
		switch {
		case s.Min != nil && s.Max != nil:
			rng = fmt.Sprintf("a number from %v to %v", *s.Min, *s.Max)
		case s.Min != nil:
			rng = fmt.Sprintf("a number from %v", *s.Min)
		case s.Max != nil:
			rng = fmt.Sprintf("a number up to %v", *s.Max)
		}
		if s.Unit != "" {
			rng += " " + s.Unit
		}
		parts = append(parts, rng)
	}
	parts = append(parts, s.Allow...)
	return "expected " + strings.Join(parts, "; ")
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
			case contains(list, id):
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// closestIndicator suggests an indicator id for a typo.
func closestIndicator(fw *framework.Framework, id string) string {
	if c := fw.Criterion(id); c != nil {
		return fmt.Sprintf(" (%s is a criterion; answer its indicators %s.a, %s.b, …)", id, id, id)
	}
	ids := make([]string, len(fw.Indicators))
	for i, ind := range fw.Indicators {
		ids[i] = ind.ID
	}
	if best := yamlx.Closest(id, ids); best != "" {
		return fmt.Sprintf(" (did you mean %s?)", best)
	}
	return " in framework " + fw.ID
}
