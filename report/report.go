// Package report renders scored assessments and comparisons in every
// format: terminal tables, Markdown, JSON, CSV, Excel workbooks and HTML
// pages. Writers render results; they never compute a score. The formats
// are a table (formats.go): a new format is a file with its writer plus
// an entry there.
package report

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/i18n"
)

// Options shape every writer's output.
type Options struct {
	Lang    string // language of texts, "en" by default
	Color   bool   // ANSI styles (terminal tables only)
	Width   int    // terminal width for tables; 0 means 80
	Version string // tool version, for reproducibility notes
	By      string // comparison tables: "area" (default), "criterion" or "indicator" columns
	Date    string // shown in the HTML header; empty leaves it out
}

// Writer renders one format.
type Writer interface {
	// Assessment writes the report of one assessment.
	Assessment(w io.Writer, r *assess.Result) error
	// Comparison writes several assessments side by side.
	Comparison(w io.Writer, c *assess.Comparison) error
}

// style holds what the human-readable writers share: language, number
// formatting and UI words.
type style struct {
	Options
	p *message.Printer
}

func newStyle(opts Options) style {
	tag, err := language.Parse(opts.Lang)
	if err != nil {
		tag = language.English
	}
	return style{Options: opts, p: message.NewPrinter(tag)}
}

// t returns the UI word for key in the report's language.
func (s style) t(key string) string { return ui.Get(s.Lang, key) }

// score formats a score with one decimal in the report's locale.
func (s style) score(v *float64) string {
	if v == nil {
		return "–"
	}
	return s.p.Sprintf("%.1f", *v)
}

// overallLine is "Overall: 55.1 · Level: Reviewing · Coverage: 100%", the
// level left out when the framework has no maturity bands.
func (s style) overallLine(n assess.Node) string {
	parts := []string{s.t("overall") + ": " + s.score(n.Score)}
	if lvl := s.level(n); lvl != "" {
		parts = append(parts, s.t("level")+": "+lvl)
	}
	parts = append(parts, s.t("coverage")+": "+s.pct(n.Coverage))
	return strings.Join(parts, " · ")
}

// pct formats a coverage fraction as a percentage.
func (s style) pct(v *float64) string {
	if v == nil {
		return "–"
	}
	return s.p.Sprintf("%.0f%%", *v*100)
}

// level names a node's maturity level, or why it has no score.
func (s style) level(n assess.Node) string {
	if n.Level != nil {
		return n.Level.Label.Get(s.Lang)
	}
	return s.status(n.Status)
}

func (s style) status(st assess.Status) string {
	switch st {
	case assess.NA:
		return s.t("status.na")
	case assess.Insufficient:
		return s.t("status.insufficient")
	case assess.Unscored:
		return s.t("status.unscored")
	}
	return ""
}

func (s style) text(t framework.Text) string { return t.Get(s.Lang) }

// regionName is the region's display name with its id.
func regionName(r assess.Region) string {
	if r.Name == "" || r.Name == r.ID {
		return r.ID
	}
	return fmt.Sprintf("%s (%s)", r.Name, r.ID)
}

// respondentsLine counts respondents and names their roles.
func (s style) respondentsLine(r *assess.Result) string {
	var roles []string
	for _, g := range r.Roles {
		roles = append(roles, fmt.Sprintf("%s %d", g.Role, g.Respondents))
	}
	return fmt.Sprintf("%d (%s)", r.Respondents, strings.Join(roles, ", "))
}

// ui holds the words of the reports in each supported language.
var ui = i18n.Common.With(i18n.Words{
	"region":               {"en": "Region", "de": "Region", "sv": "Region"},
	"period":               {"en": "Period", "de": "Zeitraum", "sv": "Period"},
	"respondents":          {"en": "Respondents", "de": "Befragte", "sv": "Svarande"},
	"framework":            {"en": "Framework", "de": "Rahmen", "sv": "Ramverk"},
	"overall":              {"en": "Overall", "de": "Gesamt", "sv": "Totalt"},
	"score":                {"en": "Score", "de": "Wert", "sv": "Poäng"},
	"level":                {"en": "Level", "de": "Stufe", "sv": "Nivå"},
	"coverage":             {"en": "Coverage", "de": "Abdeckung", "sv": "Täckning"},
	"strengths":            {"en": "Strengths", "de": "Stärken", "sv": "Styrkor"},
	"weaknesses":           {"en": "Weaknesses", "de": "Schwächen", "sv": "Svagheter"},
	"disagreement":         {"en": "Where respondents disagree", "de": "Wo die Befragten uneins sind", "sv": "Där de svarande är oeniga"},
	"disagreement.none":    {"en": "none (no indicator with sd ≥ %s)", "de": "keine (kein Indikator mit SD ≥ %s)", "sv": "inga (ingen indikator med sd ≥ %s)"},
	"priorities":           {"en": "Priorities", "de": "Prioritäten", "sv": "Prioriteringar"},
	"points":               {"en": "Points", "de": "Punkte", "sv": "Poäng"},
	"points.unit":          {"en": "points", "de": "Punkte", "sv": "poäng"},
	"more":                 {"en": "Also ranked", "de": "Ebenfalls gereiht", "sv": "Också rangordnade"},
	"ranks":                {"en": "Ranked 1st/2nd/3rd", "de": "Rang 1/2/3", "sv": "Rang 1/2/3"},
	"cluster":              {"en": "Cluster", "de": "Cluster", "sv": "Kluster"},
	"roles":                {"en": "Stakeholder groups", "de": "Akteursgruppen", "sv": "Aktörsgrupper"},
	"role":                 {"en": "Group", "de": "Gruppe", "sv": "Grupp"},
	"warnings":             {"en": "Notes", "de": "Hinweise", "sv": "Anmärkningar"},
	"indicator":            {"en": "Indicator", "de": "Indikator", "sv": "Indikator"},
	"status.na":            {"en": "not applicable", "de": "nicht zutreffend", "sv": "ej tillämplig"},
	"status.insufficient":  {"en": "too few answers", "de": "zu wenige Antworten", "sv": "för få svar"},
	"status.unscored":      {"en": "no answers", "de": "keine Antworten", "sv": "inga svar"},
	"respondents.n":        {"en": "n", "de": "n", "sv": "n"},
	"sd":                   {"en": "sd", "de": "SD", "sv": "sd"},
	"range":                {"en": "range", "de": "Spanne", "sv": "spann"},
	"answered.by":          {"en": "answers", "de": "Antworten", "sv": "svar"},
	"how":                  {"en": "Scores run from 0 to 100; coverage is the share of applicable indicators that were scored.", "de": "Werte reichen von 0 bis 100; die Abdeckung ist der Anteil der zutreffenden Indikatoren mit Wert.", "sv": "Poängen går från 0 till 100; täckningen är andelen tillämpliga indikatorer som fått poäng."},
	"priorities.explained": {"en": "Respondents ranked up to %d criteria per area; the ranks earn %s points.", "de": "Die Befragten reihten bis zu %d Kriterien je Bereich; die Ränge bringen %s Punkte.", "sv": "De svarande rangordnade upp till %d kriterier per område; rangerna ger %s poäng."},
	"evidence.notes":       {"en": "Evidence and comments", "de": "Nachweise und Kommentare", "sv": "Belägg och kommentarer"},
	"country":              {"en": "Country", "de": "Land", "sv": "Land"},
	"group":                {"en": "Peer group", "de": "Vergleichsgruppe", "sv": "Jämförelsegrupp"},
	"indicators.scored":    {"en": "Indicators scored", "de": "Indikatoren bewertet", "sv": "Indikatorer bedömda"},
	"disagreement.short":   {"en": "Disagreement", "de": "Uneinigkeit", "sv": "Oenighet"},
	"unanswered":           {"en": "Unanswered", "de": "Unbeantwortet", "sv": "Obesvarade"},
	"answer":               {"en": "answer", "de": "Antwort", "sv": "svar"},
	"comment":              {"en": "comment", "de": "Kommentar", "sv": "kommentar"},
	"yes":                  {"en": "yes", "de": "ja", "sv": "ja"},
	"all":                  {"en": "All respondents", "de": "Alle Befragten", "sv": "Alla svarande"},
	"rank":                 {"en": "Rank", "de": "Rang", "sv": "Rang"},
	"input":                {"en": "Input file", "de": "Eingabedatei", "sv": "Indatafil"},
	"respondent":           {"en": "Respondent", "de": "Befragte/r", "sv": "Svarande"},
	"assessments":          {"en": "assessments", "de": "Bewertungen", "sv": "värderingar"},
	"statistics":           {"en": "Statistics", "de": "Statistik", "sv": "Statistik"},
	"trends":               {"en": "Trends", "de": "Entwicklung", "sv": "Utveckling"},
	"comparison":           {"en": "Comparison", "de": "Vergleich", "sv": "Jämförelse"},
	"groups":               {"en": "Peer groups", "de": "Vergleichsgruppen", "sv": "Jämförelsegrupper"},
	"mean":                 {"en": "mean", "de": "Mittel", "sv": "medel"},
	"median":               {"en": "median", "de": "Median", "sv": "median"},
	"from":                 {"en": "From", "de": "Von", "sv": "Från"},
	"to":                   {"en": "To", "de": "Bis", "sv": "Till"},
	"suppressed":           {"en": "too small", "de": "zu klein", "sv": "för liten"},
	"groups.explained":     {"en": "Peer groups with fewer than %d assessments get no statistics.", "de": "Vergleichsgruppen mit weniger als %d Bewertungen erhalten keine Statistik.", "sv": "Jämförelsegrupper med färre än %d värderingar får ingen statistik."},
	"assessment":           {"en": "Assessment", "de": "Bewertung", "sv": "Värdering"},
	"kind":                 {"en": "Level", "de": "Ebene", "sv": "Nivå"},
	"title":                {"en": "Title", "de": "Titel", "sv": "Titel"},
	"groups.suppressed":    {"en": "fewer than %d assessments: no statistics", "de": "weniger als %d Bewertungen: keine Statistik", "sv": "färre än %d värderingar: ingen statistik"},
	"about":                {"en": "About this report", "de": "Über diesen Bericht", "sv": "Om rapporten"},
	"scores":               {"en": "Scores", "de": "Ergebnisse", "sv": "Resultat"},
})
