package report

import (
	"bufio"
	"embed"
	"html/template"
	"io"
	"iter"
	"sync"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/textsafe"
	"github.com/r3l/r3l/plan"
)

//go:embed templates/*.html templates/*.css
var templatesFS embed.FS

type htmlWriter struct {
	style
	// cloned are the templates with this writer's helpers, made once: a
	// template is escaped when first executed, which took an eighth of
	// the time of each page when every page cloned them anew.
	cloned func() (*template.Template, error)
}

// htmlWriters are the writers made so far, by their options: a batch
// makes a writer for every page, and they share the escaped templates.
// A writer holds nothing else that changes, so they can be shared.
var htmlWriters sync.Map // Options -> *htmlWriter

func newHTMLWriter(s style) *htmlWriter {
	if h, ok := htmlWriters.Load(s.Options); ok {
		return h.(*htmlWriter)
	}
	h := &htmlWriter{style: s}
	h.cloned = sync.OnceValues(h.clone)
	actual, _ := htmlWriters.LoadOrStore(s.Options, h)
	return actual.(*htmlWriter)
}

// pageTemplates (the comparison's page) are parsed once; each writer
// clones them with helpers in its own language. Questionnaire text
// reaches the page through html/template, which escapes it; an
// assessment's page is written by Go code that escapes alike
// (htmlpage.go).
var pageTemplates = sync.OnceValues(func() (*template.Template, error) {
	stub := func(...any) string { return "" }
	names := []string{"t", "score"}
	funcs := template.FuncMap{}
	for _, n := range names {
		funcs[n] = stub
	}
	return template.New("").Funcs(funcs).ParseFS(templatesFS, "templates/*.html")
})

func (h *htmlWriter) templates() (*template.Template, error) { return h.cloned() }

func (h *htmlWriter) clone() (*template.Template, error) {
	s := h.style
	parsed, err := pageTemplates()
	if err != nil {
		return nil, err
	}
	tmpl, err := parsed.Clone()
	if err != nil {
		return nil, err
	}
	return tmpl.Funcs(template.FuncMap{
		"t":     s.t,
		"score": s.score,
	}), nil
}

// css is the page's style sheet; pages with a baseline or a plan add the
// styles of their change columns, plan tables and badges.
func (h *htmlWriter) css(progress bool) template.CSS {
	b, _ := templatesFS.ReadFile("templates/style.css")
	if progress {
		more, _ := templatesFS.ReadFile("templates/progress.css")
		b = append(b, more...)
	}
	return template.CSS(b)
}

// heatColumnsPerTable is how many score columns one part of the heat map
// has, so that it prints on an A4 page.
const heatColumnsPerTable = 12

// heatTables is the heat map of a comparison: the overall score and the
// --by nodes of every assessment, shaded by score, in parts of at most
// heatColumnsPerTable columns.
func (s style) heatTables(c *assess.Comparison) []heatTable {
	ids := append([]string{assess.OverallNode}, s.byNodes(c)...)
	var tables []heatTable
	for from := 0; from < len(ids); from += heatColumnsPerTable {
		part := ids[from:min(from+heatColumnsPerTable, len(ids))]
		var t heatTable
		for _, id := range part {
			col := heatColumn{ID: id}
			if id == assess.OverallNode {
				col.ID = s.t("overall")
			} else {
				_, col.Title = nodeKind(c, id, s.Lang)
			}
			t.Columns = append(t.Columns, col)
		}
		// The rows are made as the page is written, one at a time: a
		// comparison of thousands of assessments does not hold them all.
		t.Rows = func(yield func(heatRow) bool) {
			cells := make([]heatCell, len(part))
			for i := range c.Entries {
				r := &c.Entries[i]
				row := heatRow{Rank: rank(c, i), Name: regionLabel(r.Region), Period: r.Period, Group: r.Region.Group, Cells: cells}
				for k, id := range part {
					v := c.ScoreOf(i, id)
					cells[k] = heatCell{Text: s.score(v), Colour: "transparent"}
					if v != nil {
						cells[k].Colour = template.CSS("#" + scoreColour(*v))
					}
				}
				if !yield(row) {
					return
				}
			}
		}
		tables = append(tables, t)
	}
	return tables
}

type htmlNote struct{ ID, Who, Text string }

func (h *htmlWriter) Assessment(w io.Writer, r *assess.Result) error {
	s := h.style
	fw := r.Framework
	var radar, bars []chartItem
	for _, a := range r.Areas {
		item := chartItem{ID: a.Area.ID, Label: a.Area.Title.Get(s.Lang), Value: a.Score}
		if a.Target != nil {
			item.Target = &a.Target.Score
		}
		radar = append(radar, item)
		for _, c := range a.Criteria {
			bars = append(bars, chartItem{ID: c.Criterion.ID, Label: c.Criterion.Title.Get(s.Lang), Value: c.Score})
		}
	}
	v := &assessmentPage{
		CSS:                 h.css(r.Baseline != nil || r.Plan != nil),
		Title:               regionName(r.Region) + " — " + r.Period,
		Respondents:         s.respondentsLine(r),
		FrameworkTitle:      fw.Title.Get(s.Lang),
		AreaName:            fw.LevelName("area", s.Lang),
		CriterionName:       fw.LevelName("criterion", s.Lang),
		IndicatorName:       fw.LevelName("indicator", s.Lang),
		Radar:               radarSVG(fw.LevelName("area", s.Lang)+" — "+s.t("score"), radar, s.score, [2]string{s.t("current"), s.t("target")}),
		Bars:                barsSVG("bars-title", fw.LevelName("criterion", s.Lang)+" — "+s.t("score"), bars, s.score),
		Incomplete:          s.incomplete(r),
		AnsweredLine:        s.p.Sprintf(s.t("answered.line"), r.Answered.Scored, r.Answered.Applicable),
		PrioritiesExplained: s.p.Sprintf(s.t("priorities.explained"), len(fw.PriorityPoints), joinInts(fw.PriorityPoints, ", ")),
		Plan:                s.planView(r),
	}
	for _, n := range evidenceNotes(r) {
		v.Notes = append(v.Notes, htmlNote{n.indicator, n.who, n.text})
	}
	if r.Baseline != nil {
		v.BaselineLine = s.baselineLine(r)
		v.ChangeHeader = changeHeader(r)
		v.ChangeLabel = s.p.Sprintf(s.t("change.label"), r.Baseline.Period)
		v.NoiseLegend = s.noiseLegend()
		v.NoiseTitle = s.t("noise")
	}
	return h.writeAssessment(w, r, v)
}

type (
	// planPage is the plan as the page shows it.
	planPage struct {
		Title, Span, MetLine, OverdueLine string
		Draft                             bool
		Targets                           []targetCells
		Actions                           []actionCells
	}
	targetCells struct {
		ID, Title, Target, Level, Score, Gap string
		Area, Met                            bool
		Why                                  []string
		Actions                              []actionRef
	}
	// actionRef is an action named by a target, with its status.
	actionRef   struct{ ID, Status, Class string }
	actionCells struct {
		ID, Title, Criteria, Lead, Start, Due, Status, Class, Evidence string
		Overdue                                                        bool
	}
)

// planView is the plan's section of the page, or nil without a plan.
// Class is the action's status (plan.ActionStatuses), for its badge.
func (s style) planView(r *assess.Result) *planPage {
	if r.Plan == nil {
		return nil
	}
	p := r.Plan.Plan
	rows := targetRows(r, s.Lang)
	v := &planPage{Title: s.planTitle(r), Span: s.planSpan(r), MetLine: s.targetsMetLine(rows), OverdueLine: s.overdueLine(r),
		Draft: p.Status == plan.Draft}
	for _, t := range rows {
		c := targetCells{ID: t.ID, Title: t.Title, Target: s.targetScore(t.Target), Level: s.targetLevel(t.Target),
			Score: s.score(t.Node.Score), Gap: s.gap(t.Target), Area: t.Area, Met: t.Target.Met, Why: t.Target.Plan.Why}
		for _, a := range p.ActionsFor(r.Framework, t.ID) {
			c.Actions = append(c.Actions, actionRef{a.ID, s.actionStatus(a), a.Status})
		}
		v.Targets = append(v.Targets, c)
	}
	for i := range p.Actions {
		a := &p.Actions[i]
		v.Actions = append(v.Actions, actionCells{ID: a.ID, Title: a.Title, Criteria: criteriaList(a), Lead: a.Lead,
			Start: a.Start.Text, Due: a.Due.Text, Status: s.actionStatus(a), Class: a.Status, Evidence: a.Evidence, Overdue: overdue(r, a)})
	}
	return v
}

type (
	heatCell struct {
		Text   string
		Colour template.CSS
	}
	heatRow struct {
		Rank, Name, Period, Group string
		Cells                     []heatCell
	}
	heatColumn struct{ ID, Title string }
	// heatTable is one part of the heat map: as many columns as print on
	// a page, each part with the rank, region, period and group.
	heatTable struct {
		Columns []heatColumn
		Rows    iter.Seq[heatRow]
	}
	statRow struct {
		Name  string
		Cells []string
	}
	groupRow struct {
		Name       string
		N          int
		Suppressed bool
		Span       int
		Means      []*float64
	}
	trendRow struct {
		Region, From, To string
		Deltas           []string
	}
	inputRow struct{ Path, SHA256, Assessment string }
)

func (h *htmlWriter) Comparison(w io.Writer, c *assess.Comparison) error {
	s := h.style
	tmpl, err := h.templates()
	if err != nil {
		return err
	}
	fw := c.Framework
	// The heat map's columns follow --by; group means and trends exist
	// for the overall and area scores.
	nodes := c.Nodes[:1+len(fw.Areas)]
	heat := s.heatTables(c)
	bars := make([]chartItem, len(c.Entries))
	for i := range c.Entries {
		r := &c.Entries[i]
		bars[i] = chartItem{ID: assessmentLabel(r), Value: r.Score}
	}
	inputs := func(yield func(inputRow) bool) {
		for i := range c.Entries {
			r := &c.Entries[i]
			for q := range r.Inputs() {
				if !yield(inputRow{q.Path, q.SHA256, assessmentLabel(r)}) {
					return
				}
			}
		}
	}
	// The statistics are the table's and Markdown's, cell for cell.
	statHeader, statCells := s.statsRows(c)
	var stats []statRow
	for _, row := range statCells {
		stats = append(stats, statRow{row[0], row[1:]})
	}
	var groups []groupRow
	for _, g := range c.Groups {
		gr := groupRow{Name: g.Name, N: len(g.Members), Suppressed: g.Suppressed, Span: len(nodes)}
		for _, id := range nodes {
			if !g.Suppressed {
				gr.Means = append(gr.Means, g.Stats[id].Mean)
			}
		}
		groups = append(groups, gr)
	}
	names := regionNames(c)
	var trends []trendRow
	for _, t := range c.Trends {
		tr := trendRow{Region: names[t.Region], From: t.From, To: t.To}
		for _, id := range nodes {
			tr.Deltas = append(tr.Deltas, s.delta(t.Delta[id]))
		}
		trends = append(trends, tr)
	}
	data := map[string]any{
		"Lang":            s.Lang,
		"Version":         s.Version,
		"Date":            s.Date,
		"CSS":             h.css(false),
		"C":               c,
		"FrameworkTitle":  fw.Title.Get(s.Lang),
		"Heat":            heat,
		"RankNote":        s.t("rank.note"),
		"Translations":    s.translationNotes(c),
		"StatHeader":      statHeader[1:],
		"Stats":           stats,
		"Groups":          groups,
		"GroupsExplained": s.p.Sprintf(s.t("groups.explained"), c.MinGroup),
		"How":             s.how(optionOf(c).MinCoverage),
		"Trends":          trends,
		"Inputs":          inputs,
	}
	// The chart of every assessment's score is written between the
	// page's two templates, as it is made.
	return executeSafe(w,
		func(w io.Writer) error { return tmpl.ExecuteTemplate(w, "comparison-head", data) },
		func(w io.Writer) error {
			return writeBars(w, "overall-title", s.t("overall")+" — "+s.t("score"), bars, s.score)
		},
		func(w io.Writer) error { return tmpl.ExecuteTemplate(w, "comparison-tail", data) })
}

// executeSafe writes a page, part by part (templates executed, markup
// written by Go code), with the control characters of its texts made
// visible (textsafe.Text): html/template escapes markup,
// not the escape sequences a terminal acts on when the file is printed
// there, nor the bidirectional overrides that reorder a line.
// The page is escaped as it is written (a comparison's page of 34,500
// assessments is tens of megabytes).
func executeSafe(w io.Writer, parts ...func(io.Writer) error) error {
	tw := textsafe.NewWriter(w)
	bw := bufio.NewWriterSize(tw, 64<<10)
	for _, write := range parts {
		if err := write(bw); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return tw.Close()
}
