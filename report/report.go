// Package report renders scored assessments and comparisons in every
// format: terminal tables, Markdown, JSON, CSV, Excel workbooks and HTML
// pages. Writers render results; they never compute a score. The formats
// are a table (formats.go): a new format is a file with its writer plus
// an entry there.
package report

import (
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"sync"

	"github.com/olekukonko/tablewriter/tw"
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
	// Summary asks for a one-screen view of an assessment: the headline,
	// the areas, strengths, weaknesses and disagreements (formats with
	// Format.Summary).
	Summary bool
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
	p       *message.Printer
	numLang string // the language p formats numbers in
}

func newStyle(opts Options) style {
	tag, err := language.Parse(opts.Lang)
	if err != nil {
		tag = language.English
	}
	return style{Options: opts, p: message.NewPrinter(tag), numLang: tag.String()}
}

// t returns the UI word for key in the report's language.
func (s style) t(key string) string { return ui.Get(s.Lang, key) }

// fixed formats v with the given number of decimals in the report's
// locale, rounded half away from zero (RoundHalfAway) as spreadsheets
// round: every format shows the same digits.
func (s style) fixed(v float64, decimals int) string {
	r := RoundHalfAway(v, decimals)
	k := fixedKey{s.numLang, math.Float64bits(r), decimals}
	fixedMu.RLock()
	str, ok := fixedStrings[k]
	fixedMu.RUnlock()
	if ok {
		return str
	}
	str = s.p.Sprintf("%.*f", decimals, r)
	fixedMu.Lock()
	if len(fixedStrings) < maxFixedStrings {
		fixedStrings[k] = str
	}
	fixedMu.Unlock()
	return str
}

// fixedStrings keeps what fixed made, by language, rounded value (its
// bits, to be sure of -0) and decimals. Formatting through x/text's
// printer was a tenth of an HTML page's time, and reports show the same
// few hundred numbers again and again. It is bounded, so that a run of
// unusual numbers cannot grow it without end.
var (
	fixedMu      sync.RWMutex
	fixedStrings = map[fixedKey]string{}
)

const maxFixedStrings = 1 << 14

type fixedKey struct {
	lang     string
	bits     uint64
	decimals int
}

// score formats a score with one decimal in the report's locale.
func (s style) score(v *float64) string {
	if v == nil {
		return "–"
	}
	return s.fixed(*v, 1)
}

// span is a range of scores, "25–100".
func (s style) span(lo, hi *float64) string {
	if lo == nil || hi == nil {
		return "–"
	}
	return s.fixed(*lo, 0) + "–" + s.fixed(*hi, 0)
}

// overallLine is "Overall: 55.1 · Level: Reviewing · 44 of 56 applicable
// indicators answered", the level left out when the framework has no
// maturity bands; with a baseline, the overall score's change follows it:
// "Overall: 55.1 (+12.4 since 2022)".
func (s style) overallLine(n assess.Node) string {
	overall := s.t("overall") + ": " + s.score(n.Score)
	if c := s.headlineChange(n); c != "" {
		overall += " (" + c + ")"
	}
	parts := []string{overall}
	if lvl := s.level(n); lvl != "" {
		parts = append(parts, s.t("level")+": "+lvl)
	}
	parts = append(parts, s.p.Sprintf(s.t("answered.line"), n.Answered.Scored, n.Answered.Applicable))
	return strings.Join(parts, " · ")
}

// answered is a node's count of answered applicable indicators, "17/20".
func (s style) answered(n assess.Node) string {
	return fmt.Sprintf("%d/%d", n.Answered.Scored, n.Answered.Applicable)
}

// pct formats a coverage fraction as a percentage.
func (s style) pct(v *float64) string {
	if v == nil {
		return "–"
	}
	return s.fixed(*v*100, 0) + "%"
}

// noDisagreement says that no indicator reached the disagreement
// threshold.
func (s style) noDisagreement(r *assess.Result) string {
	return s.p.Sprintf(s.t("disagreement.none"), s.fixed(r.Options.Disagreement, 0))
}

// how explains what the numbers of a report mean.
func (s style) how(minCoverage float64) string {
	return s.p.Sprintf(s.t("how"), s.fixed(minCoverage*100, 0)+"%")
}

// RoundHalfAway rounds v to the given number of decimals, halves away
// from zero, on v's shortest decimal form: 56.25 becomes 56.3 and 0.15
// becomes 0.2, as a spreadsheet shows them (fmt would print 56.2, rounding
// half to even, and 0.1, rounding the binary value just below 0.15).
func RoundHalfAway(v float64, decimals int) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	str := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	whole, frac, _ := strings.Cut(str, ".")
	if len(frac) <= decimals {
		return v
	}
	digits, ok := new(big.Int).SetString(whole+frac[:decimals], 10)
	if !ok {
		return v
	}
	if frac[decimals] >= '5' {
		digits.Add(digits, big.NewInt(1))
	}
	r, _ := new(big.Float).SetInt(digits).Float64()
	r /= math.Pow10(decimals)
	if v < 0 && r != 0 {
		r = -r
	}
	return r
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
	case assess.Suppressed:
		return s.t("status.suppressed")
	}
	return ""
}

// roleRows is the table of stakeholder groups: group, size, overall and
// area scores (none for a group too small to show).
func (s style) roleRows(r *assess.Result) (header []string, rows [][]string, aligns []tw.Align) {
	header = []string{s.t("role"), s.t("respondents.n"), s.t("overall")}
	aligns = []tw.Align{tw.AlignLeft, tw.AlignRight, tw.AlignRight}
	for _, a := range r.Areas {
		header = append(header, a.Area.ID)
		aligns = append(aligns, tw.AlignRight)
	}
	for _, g := range r.Roles {
		row := []string{g.Role, fmt.Sprint(g.Respondents), s.score(g.Score)}
		for _, a := range g.Areas {
			row = append(row, s.score(a.Score))
		}
		rows = append(rows, row)
	}
	return header, rows, aligns
}

// incomplete says which files an incomplete result lacks, or nothing.
func (s style) incomplete(r *assess.Result) string {
	if len(r.Missing) == 0 {
		return ""
	}
	return s.p.Sprintf(s.t("incomplete"), len(r.Missing), strings.Join(r.Missing, ", "))
}

// suppressedNote says why some stakeholder groups show no scores, or
// nothing when every group is shown.
func (s style) suppressedNote(r *assess.Result) string {
	for _, g := range r.Roles {
		if g.Status == assess.Suppressed {
			return s.p.Sprintf(s.t("roles.suppressed"), r.Options.MinRole)
		}
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
	"region":              {"en": "Region", "de": "Region", "sv": "Region"},
	"period":              {"en": "Period", "de": "Zeitraum", "sv": "Period"},
	"respondents":         {"en": "Respondents", "de": "Befragte", "sv": "Svarande"},
	"framework":           {"en": "Framework", "de": "Rahmen", "sv": "Ramverk"},
	"overall":             {"en": "Overall", "de": "Gesamt", "sv": "Totalt"},
	"score":               {"en": "Score", "de": "Wert", "sv": "Poäng"},
	"level":               {"en": "Level", "de": "Stufe", "sv": "Nivå"},
	"fw.scale":            {"en": "Scale", "de": "Skala", "sv": "Skala"},
	"fw.origin":           {"en": "Origin", "de": "Herkunft", "sv": "Ursprung"},
	"fw.from":             {"en": "from", "de": "ab", "sv": "från"},
	"fw.extends":          {"en": "Extends %s %s: + added, ~ changed by this framework.", "de": "Erweitert %s %s: + hinzugefügt, ~ geändert durch diesen Rahmen.", "sv": "Utökar %s %s: + tillagt, ~ ändrat av detta ramverk."},
	"fw.title":            {"en": "Title", "de": "Titel", "sv": "Titel"},
	"fw.languages":        {"en": "Languages", "de": "Sprachen", "sv": "Språk"},
	"fw.size":             {"en": "Size", "de": "Umfang", "sv": "Omfång"},
	"fw.size.note":        {"en": "Size: areas/criteria/indicators.", "de": "Umfang: Bereiche/Kriterien/Indikatoren.", "sv": "Omfång: områden/kriterier/indikatorer."},
	"fw.extends.short":    {"en": "extends %s", "de": "erweitert %s", "sv": "utökar %s"},
	"fw.dropped":          {"en": "Dropped from %s: %s.", "de": "Aus %s entfernt: %s.", "sv": "Borttaget från %s: %s."},
	"fw.numeric":          {"en": "%v scores 0, %v scores 100", "de": "%v ergibt 0, %v ergibt 100", "sv": "%v ger 0, %v ger 100"},
	"origin.source":       {"en": "source", "de": "Quelle", "sv": "källa"},
	"origin.project":      {"en": "project", "de": "Projekt", "sv": "projekt"},
	"kind.ordinal":        {"en": "ordinal", "de": "Stufen", "sv": "ordinal"},
	"kind.boolean":        {"en": "yes/no", "de": "ja/nein", "sv": "ja/nej"},
	"kind.numeric":        {"en": "numeric", "de": "Zahl", "sv": "tal"},
	"no":                  {"en": "no", "de": "nein", "sv": "nej"},
	"areas.one":           {"en": "area", "de": "Bereich", "sv": "område"},
	"areas.many":          {"en": "areas", "de": "Bereiche", "sv": "områden"},
	"criteria.one":        {"en": "criterion", "de": "Kriterium", "sv": "kriterium"},
	"criteria.many":       {"en": "criteria", "de": "Kriterien", "sv": "kriterier"},
	"indicators.one":      {"en": "indicator", "de": "Indikator", "sv": "indikator"},
	"indicators.many":     {"en": "indicators", "de": "Indikatoren", "sv": "indikatorer"},
	"rank.note":           {"en": "#: rank by overall score among the assessments of the same period (1 = highest; equal scores share a rank).", "de": "#: Rang nach Gesamtwert unter den Bewertungen desselben Zeitraums (1 = höchster; gleiche Werte teilen sich einen Rang).", "sv": "#: rang efter totalpoäng bland värderingarna från samma period (1 = högst; lika poäng delar rang)."},
	"status.suppressed":   {"en": "too few respondents to show", "de": "zu wenige Befragte, um sie zu zeigen", "sv": "för få svarande för att visas"},
	"roles.suppressed":    {"en": "Groups of fewer than %d respondents show no scores, so that no one's answers can be read off them.", "de": "Gruppen mit weniger als %d Befragten zeigen keine Werte, damit niemandes Antworten daraus abzulesen sind.", "sv": "Grupper med färre än %d svarande visar inga poäng, så att ingens svar kan utläsas."},
	"incomplete":          {"en": "Incomplete: %d of the assessment's files could not be read, so their answers are missing from this report: %s.", "de": "Unvollständig: %d Dateien dieser Bewertung konnten nicht gelesen werden; ihre Antworten fehlen in diesem Bericht: %s.", "sv": "Ofullständig: %d av värderingens filer kunde inte läsas, så deras svar saknas i rapporten: %s."},
	"cycle":               {"en": "Cycle", "de": "Phase", "sv": "Fas"},
	"status":              {"en": "Status", "de": "Status", "sv": "Status"},
	"version":             {"en": "Version", "de": "Version", "sv": "Version"},
	"source":              {"en": "Source", "de": "Quelle", "sv": "Källa"},
	"coverage":            {"en": "Coverage", "de": "Abdeckung", "sv": "Täckning"},
	"answered":            {"en": "Answered", "de": "Bewertet", "sv": "Besvarade"},
	"answered.line":       {"en": "%d of %d applicable indicators answered", "de": "%d von %d zutreffenden Indikatoren bewertet", "sv": "%d av %d tillämpliga indikatorer besvarade"},
	"strengths":           {"en": "Strengths", "de": "Stärken", "sv": "Styrkor"},
	"weaknesses":          {"en": "Weaknesses", "de": "Schwächen", "sv": "Svagheter"},
	"disagreement":        {"en": "Where respondents disagree", "de": "Wo die Befragten uneins sind", "sv": "Där de svarande är oeniga"},
	"disagreement.none":   {"en": "none (no indicator with sd ≥ %s)", "de": "keine (kein Indikator mit SD ≥ %s)", "sv": "inga (ingen indikator med sd ≥ %s)"},
	"priorities":          {"en": "Priorities", "de": "Prioritäten", "sv": "Prioriteringar"},
	"points":              {"en": "Points", "de": "Punkte", "sv": "Poäng"},
	"points.unit":         {"en": "points", "de": "Punkte", "sv": "poäng"},
	"more":                {"en": "Also ranked", "de": "Ebenfalls gereiht", "sv": "Också rangordnade"},
	"ranks":               {"en": "Ranked 1st/2nd/3rd", "de": "Rang 1/2/3", "sv": "Rang 1/2/3"},
	"cluster":             {"en": "Cluster", "de": "Cluster", "sv": "Kluster"},
	"roles":               {"en": "Stakeholder groups", "de": "Akteursgruppen", "sv": "Aktörsgrupper"},
	"role":                {"en": "Group", "de": "Gruppe", "sv": "Grupp"},
	"warnings":            {"en": "Notes", "de": "Hinweise", "sv": "Anmärkningar"},
	"indicator":           {"en": "Indicator", "de": "Indikator", "sv": "Indikator"},
	"status.na":           {"en": "not applicable", "de": "nicht zutreffend", "sv": "ej tillämplig"},
	"status.insufficient": {"en": "too few answers", "de": "zu wenige Antworten", "sv": "för få svar"},
	"status.unscored":     {"en": "no answers", "de": "keine Antworten", "sv": "inga svar"},
	"respondents.n":       {"en": "n", "de": "n", "sv": "n"},
	"sd":                  {"en": "sd", "de": "SD", "sv": "sd"},
	"range":               {"en": "range", "de": "Spanne", "sv": "spann"},
	"answered.by":         {"en": "answers", "de": "Antworten", "sv": "svar"},
	"how": {
		"en": "Scores run from 0 to 100. An indicator is answered when at least one respondent rated it (“don't know” is no rating), and not applicable when nobody rated it and someone said it does not apply. Answered counts the applicable indicators under a criterion or area that were answered. Coverage is the share of a part's applicable weight (its indicators, criteria or areas) that has a score; a part gets a score only if its coverage is at least %s.",
		"de": "Werte reichen von 0 bis 100. Ein Indikator ist bewertet, wenn mindestens eine befragte Person ihn bewertet hat („weiß nicht“ ist keine Bewertung), und nicht zutreffend, wenn niemand ihn bewertet und jemand angegeben hat, dass er nicht zutrifft. Bewertet zählt die zutreffenden Indikatoren eines Kriteriums oder Bereichs, die bewertet wurden. Die Abdeckung ist der Anteil des zutreffenden Gewichts eines Teils (seiner Indikatoren, Kriterien oder Bereiche), der einen Wert hat; ein Teil erhält nur dann einen Wert, wenn seine Abdeckung mindestens %s beträgt.",
		"sv": "Poängen går från 0 till 100. En indikator är besvarad när minst en svarande har bedömt den (”vet inte” är ingen bedömning), och ej tillämplig när ingen har bedömt den och någon har angett att den inte gäller. Besvarade räknar de tillämpliga indikatorerna under ett kriterium eller område som besvarats. Täckningen är andelen av en dels tillämpliga vikt (dess indikatorer, kriterier eller områden) som har poäng; en del får poäng bara om täckningen är minst %s.",
	},
	"priorities.explained": {"en": "Respondents ranked up to %d criteria per area; the ranks earn %s points.", "de": "Die Befragten reihten bis zu %d Kriterien je Bereich; die Ränge bringen %s Punkte.", "sv": "De svarande rangordnade upp till %d kriterier per område; rangerna ger %s poäng."},
	"evidence.notes":       {"en": "Evidence and comments", "de": "Nachweise und Kommentare", "sv": "Belägg och kommentarer"},
	"evidence":             {"en": "Evidence", "de": "Nachweise", "sv": "Belägg"},
	"comments":             {"en": "Comments", "de": "Kommentare", "sv": "Kommentarer"},
	"country":              {"en": "Country", "de": "Land", "sv": "Land"},
	"group":                {"en": "Peer group", "de": "Vergleichsgruppe", "sv": "Jämförelsegrupp"},
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
	// Progress since a baseline and the plan (plan.go).
	"baseline":       {"en": "Baseline", "de": "Vergleichsbasis", "sv": "Jämförelsebas"},
	"baseline.of":    {"en": "%s (%d respondents)", "de": "%s (%d Befragte)", "sv": "%s (%d svarande)"},
	"change.since":   {"en": "%s since %s", "de": "%s seit %s", "sv": "%s sedan %s"},
	"change.label":   {"en": "Change since %s", "de": "Veränderung seit %s", "sv": "Förändring sedan %s"},
	"noise":          {"en": "within noise", "de": "im Rahmen der Messunsicherheit", "sv": "inom mätosäkerheten"},
	"noise.legend":   {"en": "~ within noise: the change is smaller than twice the standard error of the difference, or too few respondents scored the part to tell; it may come from who answered rather than from the region.", "de": "~ im Rahmen der Messunsicherheit: Die Veränderung ist kleiner als der doppelte Standardfehler der Differenz, oder zu wenige Befragte haben den Teil bewertet, um es zu beurteilen; sie kann daher von der Auswahl der Befragten statt von der Region herrühren.", "sv": "~ inom mätosäkerheten: förändringen är mindre än två gånger differensens standardfel, eller för få svarande har bedömt delen för att avgöra det; den kan bero på vilka som svarade snarare än på regionen."},
	"plan":           {"en": "Plan", "de": "Plan", "sv": "Plan"},
	"plan.draft":     {"en": "Proposed plan (draft, not yet agreed by the partners)", "de": "Vorgeschlagener Plan (Entwurf, von den Partnern noch nicht vereinbart)", "sv": "Föreslagen plan (utkast, ännu inte överenskommen av partnerna)"},
	"plan.span":      {"en": "Targets for %s, set against the baseline %s; actions as of %s.", "de": "Ziele für %s, ausgehend von %s; Stand der Maßnahmen: %s.", "sv": "Mål för %s, med utgångspunkt i %s; åtgärder per %s."},
	"targets":        {"en": "Targets", "de": "Ziele", "sv": "Mål"},
	"targets.met":    {"en": "Targets met: %d of %d", "de": "Ziele erreicht: %d von %d", "sv": "Uppnådda mål: %d av %d"},
	"target":         {"en": "Target", "de": "Zielwert", "sv": "Målvärde"},
	"current":        {"en": "Current", "de": "Aktuell", "sv": "Nuvarande"},
	"gap":            {"en": "Gap", "de": "Abstand", "sv": "Avstånd"},
	"met":            {"en": "Met", "de": "Erreicht", "sv": "Uppnått"},
	"why":            {"en": "Why", "de": "Begründung", "sv": "Motivering"},
	"actions":        {"en": "Actions", "de": "Maßnahmen", "sv": "Åtgärder"},
	"action":         {"en": "Action", "de": "Maßnahme", "sv": "Åtgärd"},
	"criteria":       {"en": "Criteria", "de": "Kriterien", "sv": "Kriterier"},
	"lead":           {"en": "Lead", "de": "Federführung", "sv": "Ansvarig"},
	"start":          {"en": "Start", "de": "Beginn", "sv": "Start"},
	"due":            {"en": "Due", "de": "Fällig", "sv": "Senast"},
	"overdue":        {"en": "OVERDUE", "de": "ÜBERFÄLLIG", "sv": "FÖRSENAD"},
	"overdue.line":   {"en": "Overdue actions: %s", "de": "Überfällige Maßnahmen: %s", "sv": "Försenade åtgärder: %s"},
	"none":           {"en": "none", "de": "keine", "sv": "inga"},
	"action.planned": {"en": "planned", "de": "geplant", "sv": "planerad"},
	"action.running": {"en": "running", "de": "läuft", "sv": "pågår"},
	"action.done":    {"en": "done", "de": "erledigt", "sv": "klar"},
	"action.dropped": {"en": "dropped", "de": "verworfen", "sv": "struken"},
})
