package instrument

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/yamlx"
)

// MappingSchema is the value a mapping file's `schema` key must hold.
const MappingSchema = "r3l.mapping/v1"

// MaxMappingSize caps a mapping file.
const MaxMappingSize = 1 << 20

// Mapping says how to read the export of a survey r3l did not make
// (docs/reference.md §6.3): which column answers which indicator, what its
// answers mean, where region, period, respondent and role come from, and
// which columns to leave out.
type Mapping struct {
	Path                        string
	Framework, FrameworkVersion string // empty: -F or the default
	Region, Period, Role        MapSource
	Respondent                  MapSource // empty: the tool's response id, else the row
	Answers                     map[string]string
	Columns                     []MapColumn
	Ignore                      []string
}

// MapSource is a column, or a value the same for every response.
type MapSource struct {
	Column, Value string
}

// MapColumn maps a column to an indicator, with answers of its own.
type MapColumn struct {
	Heading, Indicator string
	Answers            map[string]string
	Pos                yamlx.Pos
}

// LoadMapping reads a mapping file; the error lists every problem.
func LoadMapping(path string) (*Mapping, error) {
	data, err := yamlx.ReadFile(path, MaxMappingSize)
	if err != nil {
		return nil, err
	}
	return parseMapping(path, data)
}

// parseMapping reads the mapping file of path from data.
func parseMapping(path string, data []byte) (*Mapping, error) {
	root, err := yamlx.Parse(path, data, yamlx.Limits{NoAliases: true, MaxNodes: yamlx.MaxQuestionnaireNodes})
	if err != nil {
		return nil, err
	}
	r := &yamlx.Reader{Path: path}
	m := &Mapping{Path: path}
	f := r.Map(root, "mapping", "schema", "framework", "region", "period", "respondent", "role", "answers", "columns", "ignore")
	r.Require(root, f, "mapping", "schema")
	if fl, ok := f["schema"]; ok {
		if s, ok := r.String(fl.Value, "schema"); ok && s != MappingSchema {
			r.Errorf(fl.Value, "schema must be %q, not %q", MappingSchema, s)
		}
	}
	if fl, ok := f["framework"]; ok {
		if s, ok := r.String(fl.Value, "framework"); ok {
			m.Framework, m.FrameworkVersion, _ = strings.Cut(s, "@")
		}
	}
	for key, to := range map[string]*MapSource{"region": &m.Region, "period": &m.Period, "respondent": &m.Respondent, "role": &m.Role} {
		if fl, ok := f[key]; ok {
			*to = mapSource(r, fl.Value, key)
		}
	}
	if fl, ok := f["answers"]; ok {
		m.Answers = mapAnswers(r, fl.Value, "answers")
	}
	if fl, ok := f["columns"]; ok {
		m.Columns = mapColumns(r, fl.Value)
	}
	if fl, ok := f["ignore"]; ok {
		m.Ignore = r.Strings(fl.Value, "ignore")
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

// mapSource reads {column: HEADING} or {value: TEXT}.
func mapSource(r *yamlx.Reader, n *yaml.Node, what string) MapSource {
	var s MapSource
	f := r.Map(n, what, "column", "value")
	if f == nil {
		return s
	}
	if len(f) != 1 {
		r.Errorf(n, "%s takes either column (a heading) or value (the same for every response)", what)
		return s
	}
	if fl, ok := f["column"]; ok {
		s.Column, _ = r.String(fl.Value, what+" column")
	}
	if fl, ok := f["value"]; ok {
		s.Value, _ = r.String(fl.Value, what+" value")
	}
	return s
}

// mapAnswers reads answer texts as exported and the answers they stand
// for on the scale: a value, a code, na, dk, yes or no.
func mapAnswers(r *yamlx.Reader, n *yaml.Node, what string) map[string]string {
	if n.Kind != yaml.MappingNode {
		r.Errorf(n, "%s must be a mapping of exported answers to answers on the scale, not %s", what, yamlx.Describe(n))
		return nil
	}
	out := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		from, ok1 := r.String(k, what+" key")
		to, ok2 := r.String(v, what+" value")
		if !ok1 || !ok2 {
			continue
		}
		if _, dup := out[normText(from)]; dup {
			r.Errorf(k, "answer %q appears twice in %s", from, what)
			continue
		}
		out[normText(from)] = to
	}
	return out
}

// mapColumns reads `HEADING: INDICATOR` or `HEADING: {indicator: ID,
// answers: {…}}`.
func mapColumns(r *yamlx.Reader, n *yaml.Node) []MapColumn {
	if n.Kind != yaml.MappingNode {
		r.Errorf(n, "columns must be a mapping of headings to indicators, not %s", yamlx.Describe(n))
		return nil
	}
	var out []MapColumn
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		heading, ok := r.String(k, "a column heading")
		if !ok {
			continue
		}
		if seen[heading] {
			r.Errorf(k, "column %q appears twice", heading)
			continue
		}
		seen[heading] = true
		c := MapColumn{Heading: heading, Pos: yamlx.Pos{Path: r.Path, Line: v.Line, Col: v.Column}}
		if v.Kind == yaml.MappingNode {
			f := r.Map(v, "column "+heading, "indicator", "answers")
			r.Require(v, f, "column "+heading, "indicator")
			if fl, ok := f["indicator"]; ok {
				c.Indicator, _ = r.String(fl.Value, "indicator")
			}
			if fl, ok := f["answers"]; ok {
				c.Answers = mapAnswers(r, fl.Value, "answers of column "+heading)
			}
		} else {
			c.Indicator, _ = r.String(v, "indicator of column "+heading)
		}
		out = append(out, c)
	}
	return out
}

// columns are the export columns the mapping names, by heading, with the
// problems of indicators the framework does not have.
func (m *Mapping) columns(fw *framework.Framework) (map[string]exportColumn, yamlx.Problems) {
	out := map[string]exportColumn{}
	var problems yamlx.Problems
	for _, h := range m.Ignore {
		out[h] = exportColumn{kind: colIgnore}
	}
	for _, s := range []struct {
		src  MapSource
		kind colKind
	}{{m.Region, colRegion}, {m.Period, colPeriod}, {m.Respondent, colRespondent}, {m.Role, colRole}} {
		if s.src.Column != "" {
			out[s.src.Column] = exportColumn{kind: s.kind}
		}
	}
	for _, c := range m.Columns {
		ind := fw.Indicator(c.Indicator)
		if ind == nil {
			problems = append(problems, c.Pos.Problem(fmt.Sprintf("framework %s has no indicator %q%s", fw.ID, c.Indicator, didYouMean(fw, c.Indicator))))
			continue
		}
		answers := map[string]string{}
		for k, v := range m.Answers {
			answers[k] = v
		}
		for k, v := range c.Answers {
			answers[k] = v
		}
		out[c.Heading] = exportColumn{kind: colIndicator, ind: ind, answers: answers}
	}
	return out, problems
}

// didYouMean suggests the indicator id closest to a misspelt one.
func didYouMean(fw *framework.Framework, id string) string {
	ids := make([]string, len(fw.Indicators))
	for i, ind := range fw.Indicators {
		ids[i] = ind.ID
	}
	if c := yamlx.Closest(id, ids); c != "" {
		return fmt.Sprintf(" (did you mean %s?)", c)
	}
	return ""
}
