package report

import (
	"slices"
	"strings"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/crosswalk"
	"github.com/r3l/r3l/internal/i18n"
	"github.com/r3l/r3l/internal/textsafe"
)

// crosswalkWords word what a comparison says of assessments shown through
// a crosswalk.
var crosswalkWords = i18n.Words{
	"translated": {
		"en": "%s %s was assessed with %s %s and is shown through the crosswalk %s: %d of %d criteria mapped",
		"de": "%s %s wurde mit %s %s bewertet und wird über die Zuordnung %s gezeigt: %d von %d Kriterien zugeordnet",
		"sv": "%s %s bedömdes med %s %s och visas genom korsreferensen %s: %d av %d kriterier överförda",
	},
	"translated.unmapped": {
		"en": "; without score, as nothing maps to them: %s",
		"de": "; ohne Wert, da ihnen nichts zugeordnet ist: %s",
		"sv": "; utan värde, eftersom inget motsvarar dem: %s",
	},
	"crosswalk": {"en": "Crosswalk", "de": "Zuordnung", "sv": "Korsreferens"},
}

// translationNotes say, for each assessment shown through a crosswalk,
// which framework it was scored with and what the crosswalk could not map.
func (s style) translationNotes(c *assess.Comparison) []string {
	var out []string
	for _, r := range c.Entries {
		t := r.Translated
		if t == nil {
			continue
		}
		note := s.p.Sprintf(crosswalkWords.Get(s.Lang, "translated"), textsafe.Line(regionName(r.Region)), textsafe.Line(r.Period),
			t.From.ID, t.From.Version, textsafe.Line(t.Crosswalk.Path), t.Mapped(c.Framework), len(c.Framework.Criteria))
		if len(t.Unmapped) > 0 {
			note += s.p.Sprintf(crosswalkWords.Get(s.Lang, "translated.unmapped"), strings.Join(t.Unmapped, ", "))
		}
		out = append(out, note+".")
	}
	return out
}

// crosswalksUsed lists the crosswalks a comparison's assessments were
// shown through, each once.
func crosswalksUsed(c *assess.Comparison) []*crosswalk.Crosswalk {
	var out []*crosswalk.Crosswalk
	for _, r := range c.Entries {
		if t := r.Translated; t != nil && !slices.Contains(out, t.Crosswalk) {
			out = append(out, t.Crosswalk)
		}
	}
	return out
}

// jsonTranslated is the JSON of an assessment shown through a crosswalk.
type jsonTranslated struct {
	From      jsonFramework `json:"from"`
	Crosswalk string        `json:"crosswalk"`
	Mapped    int           `json:"mapped"`
	Criteria  int           `json:"criteria"`
	Unmapped  []string      `json:"unmapped"`
}

func translatedJSON(r *assess.Result, lang string) *jsonTranslated {
	t := r.Translated
	if t == nil {
		return nil
	}
	return &jsonTranslated{
		From:      jsonFramework{ID: t.From.ID, Version: t.From.Version, Title: t.From.Title.Get(lang), SHA256: t.From.SHA256},
		Crosswalk: t.Crosswalk.Path, Mapped: t.Mapped(r.Framework), Criteria: len(r.Framework.Criteria),
		Unmapped: append([]string{}, t.Unmapped...),
	}
}
