package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/textsafe"
)

type markdownWriter struct{ style }

// mdTable writes a GitHub-flavoured Markdown table.
func mdTable(w io.Writer, header []string, rows [][]string, aligns ...tw.Align) error {
	esc := func(cells []string) []string {
		out := make([]string, len(cells))
		for i, c := range cells {
			out[i] = mdEscape(c)
		}
		return out
	}
	escaped := make([][]string, len(rows))
	for i, r := range rows {
		escaped[i] = esc(r)
	}
	opts := []tablewriter.Option{tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: aligns})}
	if err := markdownTables.render(w, opts, esc(header), escaped); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}

// mdLines joins the lines of a text, which a table cell or list item
// cannot break.
var mdLines = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// mdLiteral escapes what Markdown (CommonMark and GitHub's) would read as
// markup rather than text: backslashes, table pipes, brackets (links and
// images, `[x](javascript:…)` among them), backticks (code), and < > &
// (HTML, autolinks and entities). Emphasis (* and _) is left alone: it
// cannot link or run anything, and the writers add ** themselves.
var mdLiteral = strings.NewReplacer(`\`, `\\`, "|", `\|`, "[", `\[`, "]", `\]`, "`", "\\`",
	"<", "&lt;", ">", "&gt;", "&", "&amp;")

// mdEscape keeps questionnaire and framework text from breaking tables or
// turning into markup (see mdLiteral), and escapes its control characters
// (textsafe.Text: \x1b, \u202e), which would act on a terminal showing
// the file.
func mdEscape(s string) string {
	return mdLiteral.Replace(textsafe.Text(mdLines.Replace(s)))
}

func (m *markdownWriter) Assessment(w io.Writer, r *assess.Result) error {
	s := m.style
	fw := r.Framework
	b := &strings.Builder{}
	b.WriteString(markdownMark)
	fmt.Fprintf(b, "# %s — %s\n\n", mdEscape(regionName(r.Region)), mdEscape(r.Period))
	fmt.Fprintf(b, "- %s: %s %s\n", s.t("framework"), mdEscape(s.text(fw.Title)), mdEscape(fw.Version))
	fmt.Fprintf(b, "- %s: %s\n", s.t("respondents"), mdEscape(s.respondentsLine(r)))
	fmt.Fprintf(b, "- **%s**\n", mdEscape(s.overallLine(r.Node)))
	if r.Baseline != nil {
		fmt.Fprintf(b, "- %s\n", mdEscape(s.baselineLine(r)))
	}
	b.WriteString("\n")
	if note := s.incomplete(r); note != "" {
		fmt.Fprintf(b, "**%s**\n\n", mdEscape(note))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	sections := []func(io.Writer, *assess.Result) error{m.scores, m.plan, m.strengths, m.disagreements}
	if !s.Summary {
		sections = append(sections, m.priorities, m.roles, m.notes)
	}
	for _, section := range sections {
		if err := section(w, r); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "---\n\n%s\n", s.how(r.Options.MinCoverage))
	return err
}

// scores is the table of areas and criteria.
func (m *markdownWriter) scores(w io.Writer, r *assess.Result) error {
	s := m.style
	fw := r.Framework
	// With a baseline, each part's change follows its score.
	withChange := func(cells []string, change string) []string {
		if r.Baseline == nil {
			return cells
		}
		return slices.Insert(cells, 3, change)
	}
	var rows [][]string
	for _, a := range r.Areas {
		rows = append(rows, withChange([]string{"**" + a.Area.ID + "**", "**" + s.text(a.Area.Title) + "**",
			"**" + s.score(a.Score) + "**", s.level(a.Node), s.answered(a.Node)}, s.change(a.Change)))
		if s.Summary {
			continue
		}
		for _, c := range a.Criteria {
			rows = append(rows, withChange([]string{c.Criterion.ID, s.text(c.Criterion.Title), s.score(c.Score), s.level(c.Node), s.answered(c.Node)},
				s.change(c.Change)))
		}
	}
	fmt.Fprintf(w, "## %s\n\n", s.t("scores"))
	header := []string{"", fw.LevelName("area", s.Lang) + " / " + fw.LevelName("criterion", s.Lang), s.t("score"), s.t("level"), s.t("answered")}
	aligns := []tw.Align{tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignLeft, tw.AlignRight}
	if r.Baseline != nil {
		header = withChange(header, changeHeader(r))
		aligns = slices.Insert(aligns, 3, tw.AlignRight)
	}
	if err := mdTable(w, header, rows, aligns...); err != nil {
		return err
	}
	if r.Baseline != nil {
		_, err := fmt.Fprintf(w, "%s\n\n", mdEscape(s.noiseLegend()))
		return err
	}
	return nil
}

// plan is the plan's section: its targets with the gap to each and the
// actions serving them, then every action and which are overdue. The
// one-screen view has the targets met and the overdue actions in a line.
func (m *markdownWriter) plan(w io.Writer, r *assess.Result) error {
	if r.Plan == nil {
		return nil
	}
	s := m.style
	rows := targetRows(r, s.Lang)
	if s.Summary {
		_, err := fmt.Fprintf(w, "**%s**\n\n", mdEscape(s.planSummary(r)))
		return err
	}
	fmt.Fprintf(w, "## %s\n\n%s\n\n", mdEscape(s.planTitle(r)), mdEscape(s.planSpan(r)))
	if len(rows) > 0 {
		var cells [][]string
		var why []string
		for _, t := range rows {
			id := t.ID
			if t.Area {
				id = "**" + id + "**"
			}
			cells = append(cells, []string{id, t.Title, s.targetText(t.Target), s.score(t.Node.Score),
				s.gap(t.Target), s.met(t.Target), strings.Join(s.actionRefs(r, t.ID), ", ")})
			if len(t.Target.Plan.Why) > 0 {
				why = append(why, fmt.Sprintf("- **%s %s:** %s\n", s.t("why"), mdEscape(t.ID), mdEscape(strings.Join(t.Target.Plan.Why, "; "))))
			}
		}
		if err := mdTable(w, []string{"", s.t("targets"), s.t("target"), s.t("score"), s.t("gap"), s.t("met"), s.t("actions")}, cells,
			tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignLeft, tw.AlignLeft); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s\n\n", mdEscape(s.targetsMetLine(rows)))
		if len(why) > 0 {
			fmt.Fprintf(w, "%s\n", strings.Join(why, ""))
		}
	}
	p := r.Plan.Plan
	if len(p.Actions) == 0 {
		return nil
	}
	fmt.Fprintf(w, "### %s\n\n", s.t("actions"))
	var cells [][]string
	for i := range p.Actions {
		a := &p.Actions[i]
		status := s.actionStatus(a)
		if overdue(r, a) {
			status += " **" + s.t("overdue") + "**"
		}
		cells = append(cells, []string{a.ID, a.Title, criteriaList(a), a.Lead, a.Due.Text, status})
	}
	if err := mdTable(w, []string{"", s.t("action"), s.t("criteria"), s.t("lead"), s.t("due"), s.t("status")}, cells,
		tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignLeft); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%s\n\n", mdEscape(s.overdueLine(r)))
	return err
}

// strengths lists the strengths and the weaknesses.
func (m *markdownWriter) strengths(w io.Writer, r *assess.Result) error {
	s := m.style
	for _, list := range []struct {
		key string
		rs  []*assess.IndicatorResult
	}{{"strengths", r.Strengths}, {"weaknesses", r.Weaknesses}} {
		if len(list.rs) == 0 {
			continue
		}
		fmt.Fprintf(w, "## %s\n\n", s.t(list.key))
		var rows [][]string
		for _, i := range list.rs {
			rows = append(rows, []string{i.Indicator.ID, s.score(i.Score), s.text(i.Indicator.Text)})
		}
		if err := mdTable(w, []string{"", s.t("score"), s.t("indicator")}, rows, tw.AlignLeft, tw.AlignRight, tw.AlignLeft); err != nil {
			return err
		}
	}
	return nil
}

// disagreements lists the indicators where respondents disagree.
func (m *markdownWriter) disagreements(w io.Writer, r *assess.Result) error {
	s := m.style
	fmt.Fprintf(w, "## %s\n\n", s.t("disagreement"))
	ds := r.Disagreements()
	if len(ds) == 0 {
		_, err := fmt.Fprintf(w, "%s\n\n", s.noDisagreement(r))
		return err
	}
	var rows [][]string
	for _, d := range ds {
		rows = append(rows, []string{d.Indicator.ID, s.score(d.Score), s.score(d.SD),
			s.span(d.Min, d.Max), s.text(d.Indicator.Text)})
	}
	return mdTable(w, []string{"", s.t("score"), s.t("sd"), s.t("range"), s.t("indicator")}, rows,
		tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignLeft)
}

// priorities lists the ranked criteria and the clusters' points.
func (m *markdownWriter) priorities(w io.Writer, r *assess.Result) error {
	if len(r.Priorities) == 0 {
		return nil
	}
	s := m.style
	fw := r.Framework
	fmt.Fprintf(w, "## %s\n\n", s.t("priorities"))
	fmt.Fprintf(w, "%s\n\n", s.p.Sprintf(s.t("priorities.explained"), len(fw.PriorityPoints), joinInts(fw.PriorityPoints, ", ")))
	var rows [][]string
	for _, p := range r.Priorities {
		rows = append(rows, []string{p.Criterion.ID, fmt.Sprint(p.Points), joinInts(p.Ranks, "/"), s.text(p.Criterion.Title)})
	}
	if err := mdTable(w, []string{"", s.t("points"), s.t("ranks"), fw.LevelName("criterion", s.Lang)}, rows,
		tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignLeft); err != nil {
		return err
	}
	if len(r.Clusters) == 0 {
		return nil
	}
	rows = nil
	for _, c := range r.Clusters {
		rows = append(rows, []string{s.text(c.Cluster), fmt.Sprint(c.Points)})
	}
	return mdTable(w, []string{s.t("cluster"), s.t("points")}, rows, tw.AlignLeft, tw.AlignRight)
}

// roles is the table of stakeholder groups.
func (m *markdownWriter) roles(w io.Writer, r *assess.Result) error {
	s := m.style
	fmt.Fprintf(w, "## %s\n\n", s.t("roles"))
	header, rows, aligns := s.roleRows(r)
	if err := mdTable(w, header, rows, aligns...); err != nil {
		return err
	}
	if note := s.suppressedNote(r); note != "" {
		fmt.Fprintf(w, "%s\n\n", note)
	}
	return nil
}

// notes lists the evidence and comments, then the warnings.
func (m *markdownWriter) notes(w io.Writer, r *assess.Result) error {
	s := m.style
	if notes := evidenceNotes(r); len(notes) > 0 {
		fmt.Fprintf(w, "## %s\n\n", s.t("evidence.notes"))
		for _, n := range notes {
			fmt.Fprintf(w, "- **%s** (%s): %s\n", n.indicator, mdEscape(n.who), mdEscape(n.text))
		}
		fmt.Fprintln(w)
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(w, "## %s\n\n", s.t("warnings"))
		for _, warn := range r.Warnings {
			fmt.Fprintf(w, "- %s\n", mdEscape(warn))
		}
		_, err := fmt.Fprintln(w)
		return err
	}
	return nil
}

// note is one respondent's evidence or comment on an indicator.
type note struct {
	indicator, who, text string
}

// respondentName says who gave an answer: "r07, employer", or the file
// for a respondent without an id; anonymous results name the role alone.
func respondentName(q *assess.Questionnaire, anonymous bool) string {
	if anonymous {
		return q.Respondent.Role
	}
	who := q.Respondent.ID
	if q.Respondent.Role != "" {
		who = strings.TrimPrefix(who+", "+q.Respondent.Role, ", ")
	}
	if who == "" {
		who = q.Path
	}
	return who
}

// evidenceNotes collects every evidence note and comment, in framework
// order and then by respondent.
func evidenceNotes(r *assess.Result) []note {
	var out []note
	for _, ind := range r.Framework.Indicators {
		for _, q := range r.Questionnaires {
			text := answerNote(q.Answers[ind.Index])
			if text == "" {
				continue
			}
			who := respondentName(q, r.Options.Anonymous)
			out = append(out, note{ind.ID, who, text})
		}
	}
	return out
}
