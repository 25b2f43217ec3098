package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/textsafe"
)

type jsonWriter struct{ opts Options }

func (j jsonWriter) Assessment(w io.Writer, r *assess.Result) error {
	return writeJSON(w, AssessmentJSON(r, j.opts.Lang))
}

func writeJSON(w io.Writer, v any) error {
	e := jsonEncoders.Get().(*jsonEncoder)
	e.w = w
	err := e.enc.Encode(v)
	e.w = nil
	if err == nil { // an encoder that failed to write keeps failing
		jsonEncoders.Put(e)
	}
	return err
}

// jsonEncoder is an indenting encoder kept for reuse: it keeps its indent
// buffer, which batch runs would otherwise allocate (and grow) again for
// every report.
type jsonEncoder struct {
	w   io.Writer
	enc *json.Encoder
}

// Write writes what the encoder made, with the DEL, C1 controls and
// bidirectional overrides it leaves as they are written as \u escapes
// (encoding/json escapes C0 controls itself): the same JSON value, with
// nothing a terminal acts on.
func (e *jsonEncoder) Write(p []byte) (int, error) {
	if _, err := e.w.Write(jsonSafe(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// jsonSafe escapes textsafe's unsafe characters of encoded JSON; the
// encoder writes each value whole, so no character is split.
func jsonSafe(p []byte) []byte {
	// C1 controls start with 0xC2, the overrides with 0xE2 in UTF-8.
	if bytes.IndexByte(p, 0xc2) < 0 && bytes.IndexByte(p, 0xe2) < 0 && bytes.IndexByte(p, 0x7f) < 0 {
		return p
	}
	var b bytes.Buffer
	for _, r := range string(p) {
		if r >= 0x7f && textsafe.Unsafe(r, true) {
			fmt.Fprintf(&b, "\\u%04x", r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.Bytes()
}

var jsonEncoders = sync.Pool{New: func() any {
	e := &jsonEncoder{}
	e.enc = json.NewEncoder(e)
	e.enc.SetIndent("", "  ")
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
		ID       string    `json:"id,omitempty"`
		Title    string    `json:"title,omitempty"`
		Status   string    `json:"status"`
		Score    *float64  `json:"score"`
		Level    *string   `json:"level"`
		Coverage *float64  `json:"coverage"`
		Answered jsonCount `json:"answered"`
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
	Framework        jsonFramework  `json:"framework"`
	Region           jsonRegion     `json:"region"`
	Period           string         `json:"period"`
	Respondents      int            `json:"respondents"`
	Status           string         `json:"status"`
	Score            *float64       `json:"score"`
	Level            *string        `json:"level"`
	Coverage         *float64       `json:"coverage"`
	Answered         jsonCount      `json:"answered"`
	Areas            []jsonArea     `json:"areas"`
	Strengths        []string       `json:"strengths"`
	Weaknesses       []string       `json:"weaknesses"`
	Disagreements    []string       `json:"disagreements"`
	Priorities       []jsonPriority `json:"priorities"`
	PriorityClusters []jsonCluster  `json:"priority_clusters"`
	Roles            []jsonRole     `json:"roles"`
	Warnings         []string       `json:"warnings"`
	Missing          []string       `json:"missing"`
	Options          jsonOptions    `json:"options"`
	Inputs           []jsonInput    `json:"inputs"`
}

func node(id, title string, n assess.Node) jsonNode {
	jn := jsonNode{ID: id, Title: title, Status: string(n.Status), Score: n.Score, Coverage: n.Coverage, Answered: count(n.Answered)}
	if n.Level != nil {
		jn.Level = &n.Level.ID
	}
	return jn
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
	o.Status, o.Score, o.Level, o.Coverage, o.Answered = overall.Status, overall.Score, overall.Level, overall.Coverage, overall.Answered
	for _, a := range r.Areas {
		ja := jsonArea{jsonNode: node(a.Area.ID, a.Area.Title.Get(lang), a.Node)}
		for _, c := range a.Criteria {
			jc := jsonCriterion{jsonNode: node(c.Criterion.ID, c.Criterion.Title.Get(lang), c.Node)}
			for _, i := range c.Indicators {
				jc.Indicators = append(jc.Indicators, jsonIndicator{
					ID: i.Indicator.ID, Status: string(i.Status), Score: i.Score, N: i.N, SD: i.SD,
					Min: i.Min, Max: i.Max, Disagreement: i.Disagreement, NA: i.NA, DK: i.DK, Unanswered: i.Unanswered,
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
