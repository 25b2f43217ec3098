package plan

import (
	"bytes"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// YAML encodes the plan as a plan file that Parse reads back. head are
// comment lines put at the top, actionsHelp those above the actions.
// Untrusted text is encoded as YAML strings, so nothing in a title can add
// keys.
func (p *Plan) YAML(head []string, actionsHelp []string) ([]byte, error) {
	root := &yaml.Node{Kind: yaml.MappingNode, HeadComment: comment(head)}
	add := func(key string, v *yaml.Node) {
		root.Content = append(root.Content, str(key), v)
	}
	add("schema", str(Schema))
	add("status", str(p.Status))
	fw := p.Framework
	if p.FrameworkVersion != "" {
		fw += "@" + p.FrameworkVersion
	}
	add("framework", str(fw))
	reg := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str("id"), str(p.Region.ID)}}
	if p.Region.Name != "" {
		reg.Content = append(reg.Content, str("name"), str(p.Region.Name))
	}
	add("region", reg)
	add("baseline_period", quoted(p.Baseline))
	add("target_period", quoted(p.TargetPeriod))
	targets := &yaml.Node{Kind: yaml.SequenceNode}
	for _, t := range p.Targets {
		m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str("id"), str(t.ID)}}
		if t.Score != nil {
			m.Content = append(m.Content, str("score"), num(*t.Score))
		} else {
			m.Content = append(m.Content, str("level"), str(t.Level))
		}
		if len(t.Why) > 0 {
			why := &yaml.Node{Kind: yaml.SequenceNode}
			for _, w := range t.Why {
				why.Content = append(why.Content, str(w))
			}
			m.Content = append(m.Content, str("why"), why)
		}
		targets.Content = append(targets.Content, m)
	}
	if len(targets.Content) == 0 {
		targets.Style = yaml.FlowStyle
	}
	add("targets", targets)
	actions := &yaml.Node{Kind: yaml.SequenceNode}
	for _, a := range p.Actions {
		m := &yaml.Node{Kind: yaml.MappingNode}
		field := func(k string, v *yaml.Node) { m.Content = append(m.Content, str(k), v) }
		field("id", str(a.ID))
		field("title", str(a.Title))
		crits := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, c := range a.Criteria {
			crits.Content = append(crits.Content, str(c))
		}
		field("criteria", crits)
		if a.Lead != "" {
			field("lead", str(a.Lead))
		}
		if !a.Start.IsZero() {
			field("start", quoted(a.Start.Text))
		}
		if !a.Due.IsZero() {
			field("due", quoted(a.Due.Text))
		}
		field("status", str(a.Status))
		if a.Evidence != "" {
			field("evidence", str(a.Evidence))
		}
		actions.Content = append(actions.Content, m)
	}
	if len(actions.Content) == 0 {
		actions.Style = yaml.FlowStyle
	}
	add("actions", actions)
	root.Content[len(root.Content)-2].HeadComment = comment(actionsHelp)

	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func str(s string) *yaml.Node {
	// yaml.v3 quotes a !!str that would read as a number, a date or a
	// boolean.
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// quoted is a text always in quotes: periods and dates such as 2024
// would otherwise read as numbers to other tools.
func quoted(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
}

func num(v float64) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.FormatFloat(v, 'f', -1, 64)}
}

// comment makes comment lines; control characters cannot reach them, as
// callers build them from r3l's words and escaped values.
func comment(lines []string) string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = "# " + strings.ReplaceAll(l, "\n", " ")
	}
	return strings.Join(out, "\n")
}
