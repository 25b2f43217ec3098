package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/textsafe"
)

type jsonWriter struct{ opts Options }

func (j jsonWriter) Assessment(w io.Writer, r *assess.Result) error {
	return writeJSON(w, AssessmentJSON(r, j.opts.Lang))
}

func writeJSON(w io.Writer, v any) error {
	e := jsonEncoders.Get().(*jsonEncoder)
	defer jsonEncoders.Put(e)
	out, err := e.encode(v, "")
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// WriteIndentedJSON writes v as json.Encoder with SetIndent("", "  ")
// writes it (HTML characters escaped, a newline at the end), without what
// a terminal acts on (jsonSafe). json.Indent, which the encoder runs over
// every byte, had writing the 16 MB summary.json of 34,509 assessments
// take 0.6 s; now 0.3 s.
func WriteIndentedJSON(w io.Writer, v any) error {
	compact, err := json.Marshal(v)
	if err != nil {
		return err
	}
	out := append(appendIndent(make([]byte, 0, len(compact)+len(compact)/4), compact, "", "  "), '\n')
	_, err = w.Write(jsonSafe(out))
	return err
}

// jsonEncoder encodes values as r3l writes JSON: indented by two spaces,
// HTML characters as they are, and nothing a terminal acts on (jsonSafe).
// It is kept for reuse with its buffers, which batch runs would otherwise
// allocate (and grow) again for every report.
type jsonEncoder struct {
	compact  bytes.Buffer
	enc      *json.Encoder // writes into compact
	indented []byte
}

// encode returns v's JSON, each line after the first starting with
// prefix, and a newline at the end; the bytes are the encoder's until
// its next use.
func (e *jsonEncoder) encode(v any, prefix string) ([]byte, error) {
	e.compact.Reset()
	if err := e.enc.Encode(v); err != nil {
		return nil, err
	}
	e.indented = appendIndent(e.indented[:0], e.compact.Bytes(), prefix, "  ")
	return jsonSafe(e.indented), nil
}

// jsonSafe escapes textsafe's unsafe characters of encoded JSON; the
// encoder writes each value whole, so no character is split. Only DEL and
// characters starting with 0xC2 (C1 controls) or 0xE2 (the overrides) in
// UTF-8 can be unsafe in encoded JSON, so the bytes between them are
// copied as they are: a dash or an ellipsis in the text had every byte of
// a report go through a rune loop.
func jsonSafe(p []byte) []byte {
	leads := [...]byte{0x7f, 0xc2, 0xe2}
	next := [len(leads)]int{-1, -1, -1} // where each lead byte is next, from at
	var out []byte
	start, at := 0, 0 // the first byte not yet copied; where the scan goes on
	for {
		pos := len(p)
		for k, c := range leads {
			if next[k] < at {
				if i := bytes.IndexByte(p[at:], c); i >= 0 {
					next[k] = at + i
				} else {
					next[k] = len(p)
				}
			}
			pos = min(pos, next[k])
		}
		if pos == len(p) {
			break
		}
		r, size := utf8.DecodeRune(p[pos:])
		at = pos + size
		if textsafe.Unsafe(r, true) {
			out = append(out, p[start:pos]...)
			out = fmt.Appendf(out, "\\u%04x", r)
			start = at
		}
	}
	if out == nil {
		return p
	}
	return append(out, p[start:]...)
}

var jsonEncoders = sync.Pool{New: func() any {
	e := &jsonEncoder{}
	e.enc = json.NewEncoder(&e.compact)
	e.enc.SetEscapeHTML(false)
	return e
}}

// JSON shapes of docs/reference.md §5.1, fields in the order it lists them.
type (
	jsonFramework struct {
		ID      string `json:"id"`
		Version string `json:"version"`
		Title   string `json:"title,omitempty"`
		SHA256  string `json:"sha256,omitempty"`
	}
	jsonRegion struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		Country string `json:"country"`
		Group   string `json:"group"`
	}
	// jsonCount is how many applicable indicators under a node were
	// answered.
	jsonCount struct {
		Scored     int `json:"scored"`
		Applicable int `json:"applicable"`
	}
	jsonNode struct {
		ID       string      `json:"id,omitempty"`
		Title    string      `json:"title,omitempty"`
		Status   string      `json:"status"`
		Score    *float64    `json:"score"`
		Level    *string     `json:"level"`
		Coverage *float64    `json:"coverage"`
		Answered jsonCount   `json:"answered"`
		Spread   jsonSpread  `json:"spread"`
		Target   *jsonTarget `json:"target,omitempty"`
		Baseline *jsonChange `json:"baseline,omitempty"`
	}
	// jsonSpread is how far respondents' own scores of a node lie apart.
	jsonSpread struct {
		N  int      `json:"n"`
		SD *float64 `json:"sd"`
	}
	// jsonTarget is a plan's target set against a node's score.
	jsonTarget struct {
		Score   float64  `json:"score"`
		Level   *string  `json:"level"`
		Gap     *float64 `json:"gap"`
		Met     bool     `json:"met"`
		Actions []string `json:"actions"`
	}
	// jsonChange is a node's change since the baseline.
	jsonChange struct {
		Period string   `json:"period"`
		Score  *float64 `json:"score"`
		Delta  *float64 `json:"delta"`
		SE     *float64 `json:"se"`
		Noise  bool     `json:"noise"`
	}
	jsonPlan struct {
		Status       string       `json:"status"`
		Baseline     string       `json:"baseline_period"`
		TargetPeriod string       `json:"target_period"`
		Date         string       `json:"date"`
		Actions      []jsonAction `json:"actions"`
		Overdue      []string     `json:"overdue"`
	}
	jsonAction struct {
		ID       string   `json:"id"`
		Title    string   `json:"title"`
		Criteria []string `json:"criteria"`
		Lead     string   `json:"lead"`
		Start    string   `json:"start"`
		Due      string   `json:"due"`
		Status   string   `json:"status"`
		Evidence string   `json:"evidence"`
		Overdue  bool     `json:"overdue"`
	}
	jsonBaseline struct {
		jsonChange
		Respondents int `json:"respondents"`
	}
	jsonIndicator struct {
		ID           string   `json:"id"`
		Status       string   `json:"status"`
		Score        *float64 `json:"score"`
		N            int      `json:"n"`
		SD           *float64 `json:"sd"`
		Min          *float64 `json:"min"`
		Max          *float64 `json:"max"`
		Disagreement bool     `json:"disagreement"`
		NA           int      `json:"na"`
		DK           int      `json:"dk"`
		Unanswered   int      `json:"unanswered"`
	}
	jsonCriterion struct {
		jsonNode
		Indicators []jsonIndicator `json:"indicators"`
	}
	jsonArea struct {
		jsonNode
		Criteria []jsonCriterion `json:"criteria"`
	}
	jsonPriority struct {
		Criterion string `json:"criterion"`
		Points    int    `json:"points"`
		Ranks     []int  `json:"ranks"`
	}
	jsonCluster struct {
		Cluster string `json:"cluster"`
		Title   string `json:"title"`
		Points  int    `json:"points"`
	}
	jsonRoleArea struct {
		ID       string    `json:"id"`
		Status   string    `json:"status"`
		Score    *float64  `json:"score"`
		Coverage *float64  `json:"coverage"`
		Answered jsonCount `json:"answered"`
	}
	jsonRole struct {
		Role        string         `json:"role"`
		Respondents int            `json:"respondents"`
		Status      string         `json:"status"`
		Score       *float64       `json:"score"`
		Coverage    *float64       `json:"coverage"`
		Answered    jsonCount      `json:"answered"`
		Areas       []jsonRoleArea `json:"areas"`
	}
	jsonInput struct {
		Path       string `json:"path"`
		SHA256     string `json:"sha256"`
		Respondent string `json:"respondent"`
		Role       string `json:"role"`
	}
	jsonOptions struct {
		Aggregate    string  `json:"aggregate"`
		MinCoverage  float64 `json:"min_coverage"`
		Disagreement float64 `json:"disagreement"`
	}
)

// AssessmentObject is the JSON object of one assessment (docs/reference.md §5.1).
type AssessmentObject struct {
	Framework        jsonFramework   `json:"framework"`
	Region           jsonRegion      `json:"region"`
	Period           string          `json:"period"`
	Respondents      int             `json:"respondents"`
	Status           string          `json:"status"`
	Score            *float64        `json:"score"`
	Level            *string         `json:"level"`
	Coverage         *float64        `json:"coverage"`
	Answered         jsonCount       `json:"answered"`
	Spread           jsonSpread      `json:"spread"`
	Baseline         *jsonBaseline   `json:"baseline,omitempty"`
	Plan             *jsonPlan       `json:"plan,omitempty"`
	Translated       *jsonTranslated `json:"translated,omitempty"`
	Areas            []jsonArea      `json:"areas"`
	Strengths        []string        `json:"strengths"`
	Weaknesses       []string        `json:"weaknesses"`
	Disagreements    []string        `json:"disagreements"`
	Priorities       []jsonPriority  `json:"priorities"`
	PriorityClusters []jsonCluster   `json:"priority_clusters"`
	Roles            []jsonRole      `json:"roles"`
	Warnings         []string        `json:"warnings"`
	Missing          []string        `json:"missing"`
	Options          jsonOptions     `json:"options"`
	Inputs           []jsonInput     `json:"inputs"`
}

func node(id, title string, n assess.Node) jsonNode {
	jn := jsonNode{ID: id, Title: title, Status: string(n.Status), Score: n.Score, Coverage: n.Coverage, Answered: count(n.Answered),
		Spread: jsonSpread{N: n.Spread.N, SD: n.Spread.SD}}
	if n.Level != nil {
		jn.Level = &n.Level.ID
	}
	if t := n.Target; t != nil {
		jn.Target = &jsonTarget{Score: t.Score, Gap: t.Gap, Met: t.Met, Actions: []string{}}
		if t.Level != nil {
			jn.Target.Level = &t.Level.ID
		}
	}
	if c := n.Change; c != nil {
		jn.Baseline = &jsonChange{Period: c.Period, Score: c.Score, Delta: c.Delta, SE: c.SE, Noise: c.Noise}
	}
	return jn
}

// planJSON is the plan's part of an assessment's JSON: its periods, the
// actions with their status, and which are overdue.
func planJSON(ps *assess.PlanStatus) *jsonPlan {
	p := ps.Plan
	jp := &jsonPlan{Status: p.Status, Baseline: p.Baseline, TargetPeriod: p.TargetPeriod,
		Date: ps.Today.Format("2006-01-02"), Actions: []jsonAction{}, Overdue: []string{}}
	for i := range p.Actions {
		a := &p.Actions[i]
		jp.Actions = append(jp.Actions, jsonAction{ID: a.ID, Title: a.Title, Criteria: a.Criteria, Lead: a.Lead,
			Start: a.Start.Text, Due: a.Due.Text, Status: a.Status, Evidence: a.Evidence, Overdue: slices.Contains(ps.Overdue, a)})
	}
	for _, a := range ps.Overdue {
		jp.Overdue = append(jp.Overdue, a.ID)
	}
	return jp
}

// targetActions lists on each target the actions serving its node.
func targetActions(r *assess.Result, n *jsonNode) {
	if n.Target == nil || r.Plan == nil {
		return
	}
	for _, a := range r.Plan.Plan.ActionsFor(r.Framework, n.ID) {
		n.Target.Actions = append(n.Target.Actions, a.ID)
	}
}

func count(c assess.Count) jsonCount { return jsonCount{Scored: c.Scored, Applicable: c.Applicable} }

// AssessmentJSON builds the JSON object of an assessment with titles in lang.
func AssessmentJSON(r *assess.Result, lang string) AssessmentObject {
	fw := r.Framework
	o := AssessmentObject{
		Framework:   jsonFramework{ID: fw.ID, Version: fw.Version, Title: fw.Title.Get(lang), SHA256: fw.SHA256},
		Region:      jsonRegion{ID: r.Region.ID, Name: r.Region.Name, Country: r.Region.Country, Group: r.Region.Group},
		Period:      r.Period,
		Respondents: r.Respondents,
		Strengths:   indicatorIDs(r.Strengths),
		Weaknesses:  indicatorIDs(r.Weaknesses),

		Disagreements:    indicatorIDs(r.Disagreements()),
		Priorities:       []jsonPriority{},
		PriorityClusters: []jsonCluster{},
		Warnings:         append([]string{}, r.Warnings...),
		Missing:          append([]string{}, r.Missing...),
		Options:          jsonOptions{Aggregate: r.Options.Aggregate, MinCoverage: r.Options.MinCoverage, Disagreement: r.Options.Disagreement},
	}
	overall := node("", "", r.Node)
	o.Status, o.Score, o.Level, o.Coverage, o.Answered, o.Spread = overall.Status, overall.Score, overall.Level, overall.Coverage, overall.Answered, overall.Spread
	if overall.Baseline != nil && r.Baseline != nil {
		o.Baseline = &jsonBaseline{jsonChange: *overall.Baseline, Respondents: r.Baseline.Respondents}
	}
	if r.Plan != nil {
		o.Plan = planJSON(r.Plan)
	}
	o.Translated = translatedJSON(r, lang)
	for _, a := range r.Areas {
		ja := jsonArea{jsonNode: node(a.Area.ID, a.Area.Title.Get(lang), a.Node)}
		targetActions(r, &ja.jsonNode)
		for _, c := range a.Criteria {
			jc := jsonCriterion{jsonNode: node(c.Criterion.ID, c.Criterion.Title.Get(lang), c.Node)}
			targetActions(r, &jc.jsonNode)
			for _, i := range c.Indicators {
				jc.Indicators = append(jc.Indicators, jsonIndicator{
					ID: i.Indicator.ID, Status: string(i.Status), Score: i.Score, N: int(i.N), SD: i.SD,
					Min: i.Min, Max: i.Max, Disagreement: i.Disagreement, NA: int(i.NA), DK: int(i.DK), Unanswered: int(i.Unanswered),
				})
			}
			ja.Criteria = append(ja.Criteria, jc)
		}
		o.Areas = append(o.Areas, ja)
	}
	for _, p := range r.Priorities {
		o.Priorities = append(o.Priorities, jsonPriority{Criterion: p.Criterion.ID, Points: p.Points, Ranks: p.Ranks})
	}
	for _, c := range r.Clusters {
		o.PriorityClusters = append(o.PriorityClusters, jsonCluster{Cluster: c.Cluster.Get("en"), Title: c.Cluster.Get(lang), Points: c.Points})
	}
	for _, g := range r.Roles {
		jr := jsonRole{Role: g.Role, Respondents: g.Respondents, Status: string(g.Status), Score: g.Score, Coverage: g.Coverage, Answered: count(g.Answered)}
		for _, a := range g.Areas {
			jr.Areas = append(jr.Areas, jsonRoleArea{ID: a.Area.ID, Status: string(a.Status), Score: a.Score, Coverage: a.Coverage, Answered: count(a.Answered)})
		}
		o.Roles = append(o.Roles, jr)
	}
	for _, q := range r.Questionnaires {
		o.Inputs = append(o.Inputs, jsonInput{Path: q.Path, SHA256: q.SHA256, Respondent: q.Respondent.ID, Role: q.Respondent.Role})
	}
	return o
}

func indicatorIDs(rs []*assess.IndicatorResult) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.Indicator.ID)
	}
	return out
}
