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

// wrap writes a text, escaped, between two pieces of markup.
func (p *page) wrap(open, s, close string) { p.raw(open); p.text(s); p.raw(close) }

// tr opens a table row, of the class when on.
func (p *page) tr(class string, on bool) {
	if on {
		p.raw(`<tr class="`, class, `">`)
	} else {
		p.raw("<tr>")
	}
}

// num writes a number's cell, <td class="num">…</td>.
func (p *page) num(s string) { p.raw(`<td class="num">`); p.text(s); p.raw("</td>") }

func (h *htmlWriter) writeAssessment(w io.Writer, r *assess.Result, v *assessmentPage) error {
	s := h.style
	t := s.t
	var p page
	p.Grow(96 << 10)
	p.wrap("<!DOCTYPE html>\n<html lang=\"", s.Lang, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"r3l ")
	p.text(s.Version)
	p.wrap("\">\n<title>", v.Title, "</title>\n<style>")
	p.raw(string(v.CSS), "</style>\n</head>\n<body>\n<header>\n<h1>")
	p.text(v.Title)
	p.wrap("</h1>\n<p class=\"meta\">", t("period"), ": ")
	p.text(r.Period)
	p.wrap(" · ", t("respondents"), ": ")
	p.text(v.Respondents)
	if v.BaselineLine != "" {
		p.raw(" · ")
		p.text(v.BaselineLine)
	}
	p.wrap("</p>\n<p class=\"meta\">", t("framework"), ": ")
	p.text(v.FrameworkTitle)
	p.wrap(" (", r.Framework.ID, " ")
	p.text(r.Framework.Version)
	p.raw(")")
	if s.Date != "" {
		p.raw(" · ")
		p.text(s.Date)
	}
	p.wrap("</p>\n</header>\n\n<section class=\"overall\" aria-label=\"", t("overall"), "\">\n<div><div>")
	p.text(t("overall"))
	p.wrap("</div><div class=\"big\">", s.score(r.Score), "</div></div>\n<div><div>")
	p.text(t("level"))
	p.wrap("</div><div class=\"lvl\">", s.level(r.Node), "</div></div>\n<div><div>")
	p.text(t("answered"))
	p.wrap("</div><div class=\"lvl\">", v.AnsweredLine, "</div></div>")
	if r.Baseline != nil && r.Change != nil {
		p.wrap("\n<div class=\"change\"><div>", v.ChangeLabel, "</div><div class=\"lvl\">")
		if noise(r.Change) {
			p.wrap("<span class=\"noise\" title=\"", v.NoiseTitle, "\">~</span>")
		}
		p.text(s.changeDelta(r.Change))
		p.raw("</div></div>")
	}
	p.raw("\n</section>\n\n")
	if v.Incomplete != "" {
		p.wrap("<p class=\"incomplete\" role=\"alert\">", v.Incomplete, "</p>")
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
	p.wrap("<section>\n<h2>", t("scores"), "</h2>\n<table>\n<thead><tr><th></th><th>")
	p.text(v.AreaName)
	p.wrap("</th><th class=\"num\">", t("score"), "</th>")
	if r.Baseline != nil {
		p.wrap("<th class=\"num\">", v.ChangeHeader, "</th>")
	}
	p.wrap("<th>", t("level"), "</th><th class=\"num\">")
	p.text(t("answered"))
	p.raw("</th></tr></thead>\n<tbody>\n")
	for i := range r.Areas {
		a := &r.Areas[i]
		h.nodeRow(p, r, "<tr><td>", a.Area.ID, a.Area.Title.Get(s.Lang), a.Node, "</td>")
	}
	p.raw("</tbody>\n</table>")
	if v.NoiseLegend != "" {
		p.wrap("\n<p class=\"note\">", v.NoiseLegend, "</p>")
	}
	p.raw("\n</section>")
}

// nodeRow is an area's or a criterion's row: its id and title, score,
// change (with a baseline), level, the cells after the level, and how
// many indicators were answered.
func (h *htmlWriter) nodeRow(p *page, r *assess.Result, open, id, title string, n assess.Node, afterLevel string) {
	s := h.style
	p.wrap(open, id, "</td><td>")
	p.wrap("", title, "</td>")
	p.num(s.score(n.Score))
	if r.Baseline != nil {
		h.changeCell(p, n.Change)
	}
	p.wrap("<td>", s.level(n), afterLevel)
	p.num(s.answered(n))
	p.raw("</tr>\n")
}

// changeCell is the template's "change": a change since the baseline,
// marked when within noise.
func (h *htmlWriter) changeCell(p *page, c *assess.Change) {
	p.raw("<td class=\"num\">")
	if noise(c) {
		p.wrap("<span class=\"noise\" title=\"", h.t("noise"), "\">~</span>")
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
	p.wrap("\n\n<section class=\"plan\">\n<h2>", t("plan"), "</h2>\n")
	if v.Draft {
		p.wrap("<p class=\"proposal\" role=\"note\">", v.Title, "</p>\n")
	}
	p.wrap("<p>", v.Span, "</p>\n")
	if len(v.Targets) > 0 {
		writeTargets(p, v, t)
	}
	if len(v.Actions) > 0 {
		p.wrap("<h3>", t("actions"), "</h3>\n<table class=\"actions\">\n<thead><tr><th></th>")
		for _, k := range []string{"action", "criteria", "lead", "start", "due", "status"} {
			p.wrap("<th>", t(k), "</th>")
		}
		p.raw("</tr></thead>\n<tbody>\n")
		for _, a := range v.Actions {
			p.tr("overdue", a.Overdue)
			p.wrap("<td>", a.ID, "</td><td>")
			p.text(a.Title)
			if a.Evidence != "" {
				p.wrap("<div class=\"evidence\">", t("evidence"), ": ")
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
			p.wrap("</td><td><span class=\"badge ", a.Class, "\">")
			p.text(a.Status)
			p.raw("</span>")
			if a.Overdue {
				p.wrap(" <span class=\"badge overdue\">", t("overdue"), "</span>")
			}
			p.raw("</td></tr>\n")
		}
		p.raw("</tbody>\n</table>\n")
	}
	p.wrap("<p class=\"overdue-line\">", v.OverdueLine, "</p>\n</section>")
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
		p.tr("criterion", c.Area)
		p.wrap("<td>", c.ID, "</td><td>")
		p.text(c.Title)
		if len(c.Why) > 0 {
			p.wrap("<div class=\"why\">", t("why"), ": ")
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
			p.wrap("<div class=\"level\">", c.Level, "</div>")
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
			p.wrap("<span class=\"badge ", a.Class, "\">")
			p.text(a.ID)
			p.wrap(" ", a.Status, "</span> ")
		}
		p.raw("</td></tr>\n")
	}
	p.wrap("</tbody>\n</table>\n<p>", v.MetLine, "</p>\n")
}

// areaSection is an area's criteria and indicators.
func (h *htmlWriter) areaSection(p *page, r *assess.Result, a *assess.AreaResult, v *assessmentPage) {
	s := h.style
	p.wrap("\n<section class=\"area\">\n<h2>", a.Area.ID, " ")
	p.text(a.Area.Title.Get(s.Lang))
	p.wrap(" — ", s.score(a.Score), "</h2>\n<table>\n<thead><tr><th></th><th>")
	p.text(v.CriterionName)
	p.wrap(" / ", v.IndicatorName, "</th><th class=\"num\">")
	p.text(s.t("score"))
	p.raw("</th>")
	if r.Baseline != nil {
		p.wrap("<th class=\"num\">", v.ChangeHeader, "</th>")
	}
	p.wrap("<th>", s.t("level"), "</th><th class=\"num\">n</th><th class=\"num\">")
	p.text(s.t("sd"))
	p.wrap("</th><th class=\"num\">", s.t("answered"), "</th></tr></thead>\n<tbody>\n")
	for ci := range a.Criteria {
		c := &a.Criteria[ci]
		h.nodeRow(p, r, "<tr class=\"criterion\"><td>", c.Criterion.ID, c.Criterion.Title.Get(s.Lang), c.Node, "</td><td></td><td></td>")
		for ii := range c.Indicators {
			ind := &c.Indicators[ii]
			p.wrap("<tr><td>", ind.Indicator.ID, "</td><td class=\"ind\">")
			p.text(ind.Indicator.Text.Get(s.Lang))
			if ind.Disagreement {
				p.wrap(" <span class=\"flag\" title=\"", s.t("disagreement"), "\">⚑</span>")
			}
			p.raw("</td>")
			p.num(s.score(ind.Score))
			if r.Baseline != nil {
				p.raw("<td></td>")
			}
			p.wrap("<td>", s.level(assess.Node{Status: ind.Status, Level: ind.Level}), "</td>")
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
	p.wrap("<table><thead><tr><th></th><th>", v.IndicatorName, "</th><th class=\"num\">")
	p.text(s.t("score"))
	p.raw("</th></tr></thead><tbody>\n")
	for _, ir := range list {
		h.indicatorCells(p, ir)
		p.raw("</tr>\n")
	}
	p.raw("</tbody></table>")
}

// indicatorCells opens an indicator's row: its id, text and score.
func (h *htmlWriter) indicatorCells(p *page, ir *assess.IndicatorResult) {
	p.wrap("<tr><td>", ir.Indicator.ID, "</td><td>")
	p.wrap("", ir.Indicator.Text.Get(h.Lang), "</td>")
	p.num(h.score(ir.Score))
}

// lists are the sections after the areas: strengths and weaknesses,
// disagreement, stakeholder groups, priorities, evidence and the footer.
func (h *htmlWriter) lists(p *page, r *assess.Result, v *assessmentPage) {
	s := h.style
	t := s.t
	p.wrap("\n\n<section>\n<h2>", t("strengths"), "</h2>\n")
	h.indicatorTable(p, v, r.Strengths)
	p.wrap("\n<h2>", t("weaknesses"), "</h2>\n")
	h.indicatorTable(p, v, r.Weaknesses)
	p.wrap("\n</section>\n\n<section>\n<h2>", t("disagreement"), "</h2>\n")
	if ds := r.Disagreements(); len(ds) > 0 {
		p.raw("<table><thead><tr><th></th><th>")
		p.text(v.IndicatorName)
		for _, k := range []string{"score", "sd", "range"} {
			p.raw("</th><th class=\"num\">")
			p.text(t(k))
		}
		p.raw("</th></tr></thead><tbody>\n")
		for _, d := range ds {
			h.indicatorCells(p, d)
			p.num(s.score(d.SD))
			p.num(s.score(d.Min) + "–" + s.score(d.Max))
			p.raw("</tr>\n")
		}
		p.raw("</tbody></table>")
	} else {
		p.wrap("<p>", s.noDisagreement(r), "</p>")
	}
	p.wrap("\n</section>\n\n<section>\n<h2>", t("roles"), "</h2>\n<table><thead><tr><th>")
	p.text(t("role"))
	p.wrap("</th><th class=\"num\">n</th><th class=\"num\">", t("overall"), "</th>")
	for i := range r.Areas {
		p.wrap("<th class=\"num\" title=\"", r.Areas[i].Area.Title.Get(s.Lang), "\">")
		p.text(r.Areas[i].Area.ID)
		p.raw("</th>")
	}
	p.raw("</tr></thead><tbody>\n")
	for _, g := range r.Roles {
		p.wrap("<tr><td>", g.Role, "</td>")
		p.num(strconv.Itoa(g.Respondents))
		p.num(s.score(g.Score))
		for i := range g.Areas {
			p.num(s.score(g.Areas[i].Score))
		}
		p.raw("</tr>\n")
	}
	p.raw("</tbody></table>\n")
	if note := s.suppressedNote(r); note != "" {
		p.wrap("<p class=\"note\">", note, "</p>")
	}
	p.raw("\n</section>\n\n")
	if len(r.Priorities) > 0 {
		h.priorities(p, r, v)
	}
	p.raw("\n\n")
	if len(v.Notes) > 0 {
		p.wrap("<section class=\"notes\">\n<h2>", t("evidence.notes"), "</h2>\n<ul>\n")
		for _, n := range v.Notes {
			p.wrap("<li><strong>", n.ID, "</strong> (")
			p.text(n.Who)
			p.wrap("): ", n.Text, "</li>\n")
		}
		p.raw("</ul>\n</section>")
	}
	h.footer(p, r)
}

func (h *htmlWriter) priorities(p *page, r *assess.Result, v *assessmentPage) {
	s := h.style
	p.wrap("<section>\n<h2>", s.t("priorities"), "</h2>\n<p>")
	p.text(v.PrioritiesExplained)
	p.wrap("</p>\n<table><thead><tr><th></th><th>", v.CriterionName, "</th><th class=\"num\">")
	p.text(s.t("points"))
	p.wrap("</th><th class=\"num\">", s.t("ranks"), "</th></tr></thead><tbody>\n")
	for _, pr := range r.Priorities {
		p.wrap("<tr><td>", pr.Criterion.ID, "</td><td>")
		p.text(pr.Criterion.Title.Get(s.Lang))
		p.raw("</td>")
		p.num(strconv.Itoa(pr.Points))
		p.num(joinInts(pr.Ranks, "/"))
		p.raw("</tr>\n")
	}
	p.raw("</tbody></table>\n")
	if len(r.Clusters) > 0 {
		p.wrap("<table><thead><tr><th>", s.t("cluster"), "</th><th class=\"num\">")
		p.text(s.t("points"))
		p.raw("</th></tr></thead><tbody>\n")
		for _, c := range r.Clusters {
			p.wrap("<tr><td>", c.Cluster.Get(s.Lang), "</td>")
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
	p.wrap("\n\n<footer>\n<h2>", t("about"), "</h2>\n<p>")
	p.text(s.how(r.Options.MinCoverage))
	p.wrap("</p>\n<p>", t("framework"), ": ")
	p.text(r.Framework.ID)
	p.wrap(" ", r.Framework.Version, " · SHA-256 <code>")
	p.text(r.Framework.SHA256)
	p.wrap("</code> · r3l ", s.Version, " · --aggregate ")
	p.text(r.Options.Aggregate)
	p.wrap(" · --min-coverage ", fmt.Sprint(r.Options.MinCoverage), " · --disagreement ")
	p.text(fmt.Sprint(r.Options.Disagreement))
	p.wrap("</p>\n<table><thead><tr><th>", t("input"), "</th><th>SHA-256</th><th>")
	p.text(t("respondent"))
	p.wrap("</th><th>", t("role"), "</th></tr></thead><tbody>\n")
	for _, q := range r.Questionnaires {
		p.wrap("<tr><td>", q.Path, "</td><td><code>")
		p.text(q.SHA256)
		p.wrap("</code></td><td>", q.Respondent.ID, "</td><td>")
		p.text(q.Respondent.Role)
		p.raw("</td></tr>\n")
	}
	p.raw("</tbody></table>\n")
	if len(r.Warnings) > 0 {
		p.wrap("<h3>", t("warnings"), "</h3><ul>")
		for _, w := range r.Warnings {
			p.wrap("<li>", w, "</li>")
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
