package report

import (
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/textsafe"
)

// An assessment's page is written by Go code rather than html/template:
// a batch writes one per assessment, and the template engine's
// reflection took three quarters of each page's time. Every text that
// is not r3l's own markup goes through page.text, which escapes exactly
// as html/template does in the contexts the page has (element text,
// quoted attribute values, the title), so that the page's bytes are the
// template's (TestPageTextEscapesAsTemplate).

// page builds a page's markup.
type page struct{ strings.Builder }

// htmlReplacements are html/template's replacements for text and quoted
// attribute values.
var htmlReplacements = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// raw writes r3l's own markup.
func (p *page) raw(ss ...string) {
	for _, s := range ss {
		p.WriteString(s)
	}
}

// text writes a text, escaped.
func (p *page) text(s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if int(c) < len(htmlReplacements) && htmlReplacements[c] != "" {
			p.WriteString(s[written:i])
			p.WriteString(htmlReplacements[c])
			written = i + 1
		}
	}
	p.WriteString(s[written:])
}

// num writes a number's cell, <td class="num">…</td>.
func (p *page) num(s string) { p.raw(`<td class="num">`); p.text(s); p.raw("</td>") }

func (h *htmlWriter) writeAssessment(w io.Writer, r *assess.Result, v *assessmentPage) error {
	s := h.style
	t := s.t
	var p page
	p.Grow(96 << 10)
	p.raw("<!DOCTYPE html>\n<html lang=\"")
	p.text(s.Lang)
	p.raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"r3l ")
	p.text(s.Version)
	p.raw("\">\n<title>")
	p.text(v.Title)
	p.raw("</title>\n<style>", string(v.CSS), "</style>\n</head>\n<body>\n<header>\n<h1>")
	p.text(v.Title)
	p.raw("</h1>\n<p class=\"meta\">")
	p.text(t("period"))
	p.raw(": ")
	p.text(r.Period)
	p.raw(" · ")
	p.text(t("respondents"))
	p.raw(": ")
	p.text(v.Respondents)
	if v.BaselineLine != "" {
		p.raw(" · ")
		p.text(v.BaselineLine)
	}
	p.raw("</p>\n<p class=\"meta\">")
	p.text(t("framework"))
	p.raw(": ")
	p.text(v.FrameworkTitle)
	p.raw(" (")
	p.text(r.Framework.ID)
	p.raw(" ")
	p.text(r.Framework.Version)
	p.raw(")")
	if s.Date != "" {
		p.raw(" · ")
		p.text(s.Date)
	}
	p.raw("</p>\n</header>\n\n<section class=\"overall\" aria-label=\"")
	p.text(t("overall"))
	p.raw("\">\n<div><div>")
	p.text(t("overall"))
	p.raw("</div><div class=\"big\">")
	p.text(s.score(r.Score))
	p.raw("</div></div>\n<div><div>")
	p.text(t("level"))
	p.raw("</div><div class=\"lvl\">")
	p.text(s.level(r.Node))
	p.raw("</div></div>\n<div><div>")
	p.text(t("answered"))
	p.raw("</div><div class=\"lvl\">")
	p.text(v.AnsweredLine)
	p.raw("</div></div>")
	if r.Baseline != nil && r.Change != nil {
		p.raw("\n<div class=\"change\"><div>")
		p.text(v.ChangeLabel)
		p.raw("</div><div class=\"lvl\">")
		if noise(r.Change) {
			p.raw("<span class=\"noise\" title=\"")
			p.text(v.NoiseTitle)
			p.raw("\">~</span>")
		}
		p.text(s.changeDelta(r.Change))
		p.raw("</div></div>")
	}
	p.raw("\n</section>\n\n")
	if v.Incomplete != "" {
		p.raw("<p class=\"incomplete\" role=\"alert\">")
		p.text(v.Incomplete)
		p.raw("</p>")
	}
	p.raw("\n\n<section class=\"charts\">\n", string(v.Radar), "\n", string(v.Bars), "\n</section>\n\n")
	h.scoresTable(&p, r, v)
	if v.Plan != nil {
		writePlanSection(&p, v.Plan, t)
	}
	p.raw("\n\n")
	for i := range r.Areas {
		h.areaSection(&p, r, &r.Areas[i], v)
	}
	h.lists(&p, r, v)
	if _, err := io.WriteString(w, textsafe.Text(p.String())); err != nil {
		return err
	}
	return nil
}

// scoresTable is the areas' scores.
func (h *htmlWriter) scoresTable(p *page, r *assess.Result, v *assessmentPage) {
	s := h.style
	t := s.t
	p.raw("<section>\n<h2>")
	p.text(t("scores"))
	p.raw("</h2>\n<table>\n<thead><tr><th></th><th>")
	p.text(v.AreaName)
	p.raw("</th><th class=\"num\">")
	p.text(t("score"))
	p.raw("</th>")
	if r.Baseline != nil {
		p.raw("<th class=\"num\">")
		p.text(v.ChangeHeader)
		p.raw("</th>")
	}
	p.raw("<th>")
	p.text(t("level"))
	p.raw("</th><th class=\"num\">")
	p.text(t("answered"))
	p.raw("</th></tr></thead>\n<tbody>\n")
	for i := range r.Areas {
		a := &r.Areas[i]
		p.raw("<tr><td>")
		p.text(a.Area.ID)
		p.raw("</td><td>")
		p.text(a.Area.Title.Get(s.Lang))
		p.raw("</td>")
		p.num(s.score(a.Score))
		if r.Baseline != nil {
			h.changeCell(p, a.Change)
		}
		p.raw("<td>")
		p.text(s.level(a.Node))
		p.raw("</td>")
		p.num(s.answered(a.Node))
		p.raw("</tr>\n")
	}
	p.raw("</tbody>\n</table>")
	if v.NoiseLegend != "" {
		p.raw("\n<p class=\"note\">")
		p.text(v.NoiseLegend)
		p.raw("</p>")
	}
	p.raw("\n</section>")
}

// changeCell is the template's "change": a change since the baseline,
// marked when within noise.
func (h *htmlWriter) changeCell(p *page, c *assess.Change) {
	p.raw("<td class=\"num\">")
	if noise(c) {
		p.raw("<span class=\"noise\" title=\"")
		p.text(h.t("noise"))
		p.raw("\">~</span>")
	}
	p.text(h.changeDelta(c))
	p.raw("</td>")
}

// changeDelta is a change as the page shows it, "–" for none.
func (s style) changeDelta(c *assess.Change) string {
	if c == nil {
		return "–"
	}
	return s.delta(c.Delta)
}

// noise says whether a change is within noise.
func noise(c *assess.Change) bool { return c != nil && c.Delta != nil && c.Noise }

func writePlanSection(p *page, v *planPage, t func(string) string) {
	p.raw("\n\n<section class=\"plan\">\n<h2>")
	p.text(t("plan"))
	p.raw("</h2>\n")
	if v.Draft {
		p.raw("<p class=\"proposal\" role=\"note\">")
		p.text(v.Title)
		p.raw("</p>\n")
	}
	p.raw("<p>")
	p.text(v.Span)
	p.raw("</p>\n")
	if len(v.Targets) > 0 {
		writeTargets(p, v, t)
	}
	if len(v.Actions) > 0 {
		p.raw("<h3>")
		p.text(t("actions"))
		p.raw("</h3>\n<table class=\"actions\">\n<thead><tr><th></th>")
		for _, k := range []string{"action", "criteria", "lead", "start", "due", "status"} {
			p.raw("<th>")
			p.text(t(k))
			p.raw("</th>")
		}
		p.raw("</tr></thead>\n<tbody>\n")
		for _, a := range v.Actions {
			p.raw("<tr")
			if a.Overdue {
				p.raw(" class=\"overdue\"")
			}
			p.raw("><td>")
			p.text(a.ID)
			p.raw("</td><td>")
			p.text(a.Title)
			if a.Evidence != "" {
				p.raw("<div class=\"evidence\">")
				p.text(t("evidence"))
				p.raw(": ")
				p.text(a.Evidence)
				p.raw("</div>")
			}
			for _, c := range []string{a.Criteria, a.Lead} {
				p.raw("</td><td>")
				p.text(c)
			}
			for _, c := range []string{a.Start, a.Due} {
				p.raw("</td><td class=\"date\">")
				p.text(c)
			}
			p.raw("</td><td><span class=\"badge ")
			p.text(a.Class)
			p.raw("\">")
			p.text(a.Status)
			p.raw("</span>")
			if a.Overdue {
				p.raw(" <span class=\"badge overdue\">")
				p.text(t("overdue"))
				p.raw("</span>")
			}
			p.raw("</td></tr>\n")
		}
		p.raw("</tbody>\n</table>\n")
	}
	p.raw("<p class=\"overdue-line\">")
	p.text(v.OverdueLine)
	p.raw("</p>\n</section>")
}

// writeTargets is the plan's targets, with their actions.
func writeTargets(p *page, v *planPage, t func(string) string) {
	p.raw("<table class=\"targets\">\n<thead><tr><th></th>")
	for i, k := range []string{"targets", "target", "score", "gap", "met", "actions"} {
		if i >= 1 && i <= 3 { // the numbers' columns
			p.raw("<th class=\"num\">")
		} else {
			p.raw("<th>")
		}
		p.text(t(k))
		p.raw("</th>")
	}
	p.raw("</tr></thead>\n<tbody>\n")
	for _, c := range v.Targets {
		p.raw("<tr")
		if c.Area {
			p.raw(" class=\"criterion\"")
		}
		p.raw("><td>")
		p.text(c.ID)
		p.raw("</td><td>")
		p.text(c.Title)
		if len(c.Why) > 0 {
			p.raw("<div class=\"why\">")
			p.text(t("why"))
			p.raw(": ")
			for i, w := range c.Why {
				if i > 0 {
					p.raw("; ")
				}
				p.text(w)
			}
			p.raw("</div>")
		}
		p.raw("</td><td class=\"num\">")
		p.text(c.Target)
		if c.Level != "" {
			p.raw("<div class=\"level\">")
			p.text(c.Level)
			p.raw("</div>")
		}
		p.raw("</td>")
		p.num(c.Score)
		p.num(c.Gap)
		p.raw("<td>")
		if c.Met {
			p.raw("<span class=\"badge met\">")
			p.text(t("yes"))
		} else {
			p.raw("<span class=\"badge unmet\">")
			p.text(t("no"))
		}
		p.raw("</span></td><td>")
		for _, a := range c.Actions {
			p.raw("<span class=\"badge ")
			p.text(a.Class)
			p.raw("\">")
			p.text(a.ID)
			p.raw(" ")
			p.text(a.Status)
			p.raw("</span> ")
		}
		p.raw("</td></tr>\n")
	}
	p.raw("</tbody>\n</table>\n<p>")
	p.text(v.MetLine)
	p.raw("</p>\n")
}

// areaSection is an area's criteria and indicators.
func (h *htmlWriter) areaSection(p *page, r *assess.Result, a *assess.AreaResult, v *assessmentPage) {
	s := h.style
	p.raw("\n<section class=\"area\">\n<h2>")
	p.text(a.Area.ID)
	p.raw(" ")
	p.text(a.Area.Title.Get(s.Lang))
	p.raw(" — ")
	p.text(s.score(a.Score))
	p.raw("</h2>\n<table>\n<thead><tr><th></th><th>")
	p.text(v.CriterionName)
	p.raw(" / ")
	p.text(v.IndicatorName)
	p.raw("</th><th class=\"num\">")
	p.text(s.t("score"))
	p.raw("</th>")
	if r.Baseline != nil {
		p.raw("<th class=\"num\">")
		p.text(v.ChangeHeader)
		p.raw("</th>")
	}
	p.raw("<th>")
	p.text(s.t("level"))
	p.raw("</th><th class=\"num\">n</th><th class=\"num\">")
	p.text(s.t("sd"))
	p.raw("</th><th class=\"num\">")
	p.text(s.t("answered"))
	p.raw("</th></tr></thead>\n<tbody>\n")
	for ci := range a.Criteria {
		c := &a.Criteria[ci]
		p.raw("<tr class=\"criterion\"><td>")
		p.text(c.Criterion.ID)
		p.raw("</td><td>")
		p.text(c.Criterion.Title.Get(s.Lang))
		p.raw("</td>")
		p.num(s.score(c.Score))
		if r.Baseline != nil {
			h.changeCell(p, c.Change)
		}
		p.raw("<td>")
		p.text(s.level(c.Node))
		p.raw("</td><td></td><td></td>")
		p.num(s.answered(c.Node))
		p.raw("</tr>\n")
		for ii := range c.Indicators {
			ind := &c.Indicators[ii]
			p.raw("<tr><td>")
			p.text(ind.Indicator.ID)
			p.raw("</td><td class=\"ind\">")
			p.text(ind.Indicator.Text.Get(s.Lang))
			if ind.Disagreement {
				p.raw(" <span class=\"flag\" title=\"")
				p.text(s.t("disagreement"))
				p.raw("\">⚑</span>")
			}
			p.raw("</td>")
			p.num(s.score(ind.Score))
			if r.Baseline != nil {
				p.raw("<td></td>")
			}
			p.raw("<td>")
			p.text(s.level(assess.Node{Status: ind.Status, Level: ind.Level}))
			p.raw("</td>")
			p.num(strconv.Itoa(int(ind.N)))
			p.num(s.score(ind.SD))
			p.raw("<td></td></tr>\n")
		}
	}
	p.raw("</tbody>\n</table>\n</section>\n")
}

// indicatorTable is a table of indicators with their scores.
func (h *htmlWriter) indicatorTable(p *page, v *assessmentPage, list []*assess.IndicatorResult) {
	s := h.style
	p.raw("<table><thead><tr><th></th><th>")
	p.text(v.IndicatorName)
	p.raw("</th><th class=\"num\">")
	p.text(s.t("score"))
	p.raw("</th></tr></thead><tbody>\n")
	for _, ir := range list {
		p.raw("<tr><td>")
		p.text(ir.Indicator.ID)
		p.raw("</td><td>")
		p.text(ir.Indicator.Text.Get(s.Lang))
		p.raw("</td>")
		p.num(s.score(ir.Score))
		p.raw("</tr>\n")
	}
	p.raw("</tbody></table>")
}

// lists are the sections after the areas: strengths and weaknesses,
// disagreement, stakeholder groups, priorities, evidence and the footer.
func (h *htmlWriter) lists(p *page, r *assess.Result, v *assessmentPage) {
	s := h.style
	t := s.t
	p.raw("\n\n<section>\n<h2>")
	p.text(t("strengths"))
	p.raw("</h2>\n")
	h.indicatorTable(p, v, r.Strengths)
	p.raw("\n<h2>")
	p.text(t("weaknesses"))
	p.raw("</h2>\n")
	h.indicatorTable(p, v, r.Weaknesses)
	p.raw("\n</section>\n\n<section>\n<h2>")
	p.text(t("disagreement"))
	p.raw("</h2>\n")
	if ds := r.Disagreements(); len(ds) > 0 {
		p.raw("<table><thead><tr><th></th><th>")
		p.text(v.IndicatorName)
		for _, k := range []string{"score", "sd", "range"} {
			p.raw("</th><th class=\"num\">")
			p.text(t(k))
		}
		p.raw("</th></tr></thead><tbody>\n")
		for _, d := range ds {
			p.raw("<tr><td>")
			p.text(d.Indicator.ID)
			p.raw("</td><td>")
			p.text(d.Indicator.Text.Get(s.Lang))
			p.raw("</td>")
			p.num(s.score(d.Score))
			p.num(s.score(d.SD))
			p.num(s.score(d.Min) + "–" + s.score(d.Max))
			p.raw("</tr>\n")
		}
		p.raw("</tbody></table>")
	} else {
		p.raw("<p>")
		p.text(s.noDisagreement(r))
		p.raw("</p>")
	}
	p.raw("\n</section>\n\n<section>\n<h2>")
	p.text(t("roles"))
	p.raw("</h2>\n<table><thead><tr><th>")
	p.text(t("role"))
	p.raw("</th><th class=\"num\">n</th><th class=\"num\">")
	p.text(t("overall"))
	p.raw("</th>")
	for i := range r.Areas {
		p.raw("<th class=\"num\" title=\"")
		p.text(r.Areas[i].Area.Title.Get(s.Lang))
		p.raw("\">")
		p.text(r.Areas[i].Area.ID)
		p.raw("</th>")
	}
	p.raw("</tr></thead><tbody>\n")
	for _, g := range r.Roles {
		p.raw("<tr><td>")
		p.text(g.Role)
		p.raw("</td>")
		p.num(strconv.Itoa(g.Respondents))
		p.num(s.score(g.Score))
		for i := range g.Areas {
			p.num(s.score(g.Areas[i].Score))
		}
		p.raw("</tr>\n")
	}
	p.raw("</tbody></table>\n")
	if note := s.suppressedNote(r); note != "" {
		p.raw("<p class=\"note\">")
		p.text(note)
		p.raw("</p>")
	}
	p.raw("\n</section>\n\n")
	if len(r.Priorities) > 0 {
		h.priorities(p, r, v)
	}
	p.raw("\n\n")
	if len(v.Notes) > 0 {
		p.raw("<section class=\"notes\">\n<h2>")
		p.text(t("evidence.notes"))
		p.raw("</h2>\n<ul>\n")
		for _, n := range v.Notes {
			p.raw("<li><strong>")
			p.text(n.ID)
			p.raw("</strong> (")
			p.text(n.Who)
			p.raw("): ")
			p.text(n.Text)
			p.raw("</li>\n")
		}
		p.raw("</ul>\n</section>")
	}
	h.footer(p, r)
}

func (h *htmlWriter) priorities(p *page, r *assess.Result, v *assessmentPage) {
	s := h.style
	p.raw("<section>\n<h2>")
	p.text(s.t("priorities"))
	p.raw("</h2>\n<p>")
	p.text(v.PrioritiesExplained)
	p.raw("</p>\n<table><thead><tr><th></th><th>")
	p.text(v.CriterionName)
	p.raw("</th><th class=\"num\">")
	p.text(s.t("points"))
	p.raw("</th><th class=\"num\">")
	p.text(s.t("ranks"))
	p.raw("</th></tr></thead><tbody>\n")
	for _, pr := range r.Priorities {
		p.raw("<tr><td>")
		p.text(pr.Criterion.ID)
		p.raw("</td><td>")
		p.text(pr.Criterion.Title.Get(s.Lang))
		p.raw("</td>")
		p.num(strconv.Itoa(pr.Points))
		p.num(joinInts(pr.Ranks, "/"))
		p.raw("</tr>\n")
	}
	p.raw("</tbody></table>\n")
	if len(r.Clusters) > 0 {
		p.raw("<table><thead><tr><th>")
		p.text(s.t("cluster"))
		p.raw("</th><th class=\"num\">")
		p.text(s.t("points"))
		p.raw("</th></tr></thead><tbody>\n")
		for _, c := range r.Clusters {
			p.raw("<tr><td>")
			p.text(c.Cluster.Get(s.Lang))
			p.raw("</td>")
			p.num(strconv.Itoa(c.Points))
			p.raw("</tr>\n")
		}
		p.raw("</tbody></table>")
	}
	p.raw("\n</section>")
}

func (h *htmlWriter) footer(p *page, r *assess.Result) {
	s := h.style
	t := s.t
	p.raw("\n\n<footer>\n<h2>")
	p.text(t("about"))
	p.raw("</h2>\n<p>")
	p.text(s.how(r.Options.MinCoverage))
	p.raw("</p>\n<p>")
	p.text(t("framework"))
	p.raw(": ")
	p.text(r.Framework.ID)
	p.raw(" ")
	p.text(r.Framework.Version)
	p.raw(" · SHA-256 <code>")
	p.text(r.Framework.SHA256)
	p.raw("</code> · r3l ")
	p.text(s.Version)
	p.raw(" · --aggregate ")
	p.text(r.Options.Aggregate)
	p.raw(" · --min-coverage ")
	p.text(fmt.Sprint(r.Options.MinCoverage))
	p.raw(" · --disagreement ")
	p.text(fmt.Sprint(r.Options.Disagreement))
	p.raw("</p>\n<table><thead><tr><th>")
	p.text(t("input"))
	p.raw("</th><th>SHA-256</th><th>")
	p.text(t("respondent"))
	p.raw("</th><th>")
	p.text(t("role"))
	p.raw("</th></tr></thead><tbody>\n")
	for _, q := range r.Questionnaires {
		p.raw("<tr><td>")
		p.text(q.Path)
		p.raw("</td><td><code>")
		p.text(q.SHA256)
		p.raw("</code></td><td>")
		p.text(q.Respondent.ID)
		p.raw("</td><td>")
		p.text(q.Respondent.Role)
		p.raw("</td></tr>\n")
	}
	p.raw("</tbody></table>\n")
	if len(r.Warnings) > 0 {
		p.raw("<h3>")
		p.text(t("warnings"))
		p.raw("</h3><ul>")
		for _, w := range r.Warnings {
			p.raw("<li>")
			p.text(w)
			p.raw("</li>")
		}
		p.raw("</ul>")
	}
	p.raw("\n</footer>\n</body>\n</html>\n")
}

// assessmentPage is what an assessment's page shows besides the result.
type assessmentPage struct {
	Title, Respondents, FrameworkTitle            string
	AreaName, CriterionName, IndicatorName        string
	AnsweredLine, PrioritiesExplained, Incomplete string
	BaselineLine, ChangeHeader, ChangeLabel       string
	NoiseLegend, NoiseTitle                       string
	CSS                                           template.CSS
	Radar, Bars                                   template.HTML
	Notes                                         []htmlNote
	Plan                                          *planPage
}
