package report

import (
	"strings"
	"time"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/i18n"
	"github.com/r3l/r3l/internal/textsafe"
	"github.com/r3l/r3l/plan"
)

// proposalWords word the proposal's reasons and the draft plan's notes.
var proposalWords = i18n.Words{
	"reason." + assess.ReasonLowScore: {
		"en": "low score: %s against %s overall (place %d from the bottom of %d scored criteria)",
		"de": "niedriger Wert: %s gegenüber %s insgesamt (Platz %d von unten unter %d bewerteten Kriterien)",
		"sv": "lågt värde: %s mot %s totalt (plats %d nerifrån av %d bedömda kriterier)",
	},
	"reason." + assess.ReasonPriority: {
		"en": "a priority of the partners: %d points (place %d of %d criteria ranked)",
		"de": "eine Priorität der Partner: %d Punkte (Platz %d unter %d gereihten Kriterien)",
		"sv": "en prioritet för partnerna: %d poäng (plats %d av %d rangordnade kriterier)",
	},
	"reason." + assess.ReasonDisagreement: {
		"en": "respondents disagree on %d of its %d indicators",
		"de": "die Befragten sind sich bei %d von %d Indikatoren uneinig",
		"sv": "de svarande är oeniga om %d av dess %d indikatorer",
	},
	"reason." + assess.ReasonCoverage: {
		"en": "little evidence: %d of %d applicable indicators answered",
		"de": "wenig Grundlage: %d von %d zutreffenden Indikatoren beantwortet",
		"sv": "lite underlag: %d av %d tillämpliga indikatorer besvarade",
	},
	"reason." + assess.ReasonFall: {
		"en": "fell %s points since %s, more than the spread of answers explains",
		"de": "seit %[2]s um %[1]s Punkte gefallen, mehr als die Streuung der Antworten erklärt",
		"sv": "har sjunkit %s poäng sedan %s, mer än spridningen i svaren förklarar",
	},
	"draft.head": {
		"en": "PROPOSAL drafted by r3l on %s from the %s assessment of %s, %d respondents: %d focus criteria with the reasons for each and a proposed target (the next maturity level). The partners decide: change, drop or add targets (score: 0-100 or level: %s), write the actions, then set status: agreed.",
		"de": "VORSCHLAG, von r3l am %s aus der Bewertung %s von %s erstellt, %d Befragte: %d Schwerpunktkriterien mit ihren Gründen und einem vorgeschlagenen Ziel (die nächste Reifestufe). Die Partner entscheiden: Ziele ändern, streichen oder ergänzen (score: 0-100 oder level: %s), Maßnahmen eintragen, dann status: agreed setzen.",
		"sv": "FÖRSLAG, skapat av r3l den %s från bedömningen %s av %s, %d svarande: %d fokuskriterier med skälen för vart och ett och ett föreslaget mål (nästa mognadsnivå). Partnerna bestämmer: ändra, stryk eller lägg till mål (score: 0-100 eller level: %s), skriv åtgärderna och sätt sedan status: agreed.",
	},
	"draft.none": {
		"en": "No criterion stands out: none has a low score, many priority points, disagreement, little evidence or a fall. Add the partners' own targets.",
		"de": "Kein Kriterium sticht heraus: keines hat einen niedrigen Wert, viele Prioritätspunkte, Uneinigkeit, wenig Grundlage oder einen Rückgang. Tragen Sie die eigenen Ziele der Partner ein.",
		"sv": "Inget kriterium sticker ut: inget har lågt värde, många prioritetspoäng, oenighet, lite underlag eller en nedgång. Lägg till partnernas egna mål.",
	},
	"draft.actions": {
		"en": "Actions: one entry per action, for example",
		"de": "Maßnahmen: ein Eintrag je Maßnahme, zum Beispiel",
		"sv": "Åtgärder: en post per åtgärd, till exempel",
	},
}

// ReasonText words why a criterion is proposed, in lang.
func ReasonText(r assess.Reason, lang string) string {
	s := newStyle(Options{Lang: lang})
	format := proposalWords.Get(s.Lang, "reason."+r.Kind)
	switch r.Kind {
	case assess.ReasonLowScore:
		return s.p.Sprintf(format, s.score(&r.Value), s.score(r.Overall), r.Count, r.Of)
	case assess.ReasonPriority:
		return s.p.Sprintf(format, int(r.Value), r.Count, r.Of)
	case assess.ReasonDisagreement, assess.ReasonCoverage:
		return s.p.Sprintf(format, r.Count, r.Of)
	case assess.ReasonFall:
		return s.p.Sprintf(format, s.fixed(-r.Value, 1), textsafe.Line(r.Period))
	}
	return r.Kind
}

// DraftPlan turns the proposals for a scored assessment into a draft plan
// from its period to targetPeriod, with the comment lines a plan file
// starts with and those that explain its actions.
func DraftPlan(r *assess.Result, props []assess.Proposal, targetPeriod, lang string, day time.Time) (p *plan.Plan, head, actionsHelp []string) {
	fw := r.Framework
	p = &plan.Plan{Status: plan.Draft, Framework: fw.ID, FrameworkVersion: fw.Version,
		Region: plan.Region{ID: r.Region.ID, Name: r.Region.Name}, Baseline: r.Period, TargetPeriod: targetPeriod}
	for _, pr := range props {
		t := plan.Target{ID: pr.Criterion.Criterion.ID}
		if pr.Level != nil {
			t.Level = pr.Level.ID
		} else {
			score := pr.Target
			t.Score = &score
		}
		for _, reason := range pr.Reasons {
			t.Why = append(t.Why, ReasonText(reason, lang))
		}
		p.Targets = append(p.Targets, t)
	}
	levels := "–"
	if len(fw.Maturity) > 0 {
		levels = ""
		for i, b := range fw.Maturity {
			if i > 0 {
				levels += ", "
			}
			levels += b.ID
		}
	}
	s := newStyle(Options{Lang: lang})
	text := s.p.Sprintf(proposalWords.Get(s.Lang, "draft.head"), day.Format("2006-01-02"), textsafe.Line(r.Period),
		textsafe.Line(regionName(r.Region)), r.Respondents, len(props), levels)
	head = wrapLines(text, 76)
	if len(props) == 0 {
		head = append(head, wrapLines(proposalWords.Get(s.Lang, "draft.none"), 76)...)
	}
	example := "- {id: act-1, title: \"…\", criteria: [" + firstCriterion(props, r) + "], lead: \"…\", start: \"" + targetPeriod + "\", due: \"" + targetPeriod + "\", status: planned, evidence: \"…\"}"
	actionsHelp = append(wrapLines(proposalWords.Get(s.Lang, "draft.actions"), 76), "  "+textsafe.Line(example))
	return p, head, actionsHelp
}

func firstCriterion(props []assess.Proposal, r *assess.Result) string {
	if len(props) > 0 {
		return props[0].Criterion.Criterion.ID
	}
	return r.Framework.Criteria[0].ID
}

// wrapLines wraps text into lines of at most width columns.
func wrapLines(text string, width int) []string {
	return strings.Split(i18n.Wrap(text, width), "\n")
}
