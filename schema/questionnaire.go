package schema

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/r3l/r3l/framework"
)

// QuestionnaireFile names the questionnaire schema of the framework with
// the given id: the file a template's yaml-language-server line points to.
func QuestionnaireFile(frameworkID string) string {
	return frameworkID + "." + FileName(Questionnaire)
}

// QuestionnaireFor returns the questionnaire schema made specific to fw:
// the general one, with the framework's id in `framework`, its indicator
// ids as the only keys of `answers` (each described by its text and taking
// the answers its scale takes), its areas as the keys of `priorities` (each
// taking its own criteria, as many as priority_points has), and its roles
// suggested for `respondent.role`.
func QuestionnaireFor(fw *framework.Framework) ([]byte, error) {
	data, _ := Get(Questionnaire)
	v, err := decode(data)
	if err != nil {
		return nil, err
	}
	root := v.(*object)
	root.set("$id", baseID+QuestionnaireFile(fw.ID))
	root.set("title", fmt.Sprintf("r3l questionnaire: %s (%s %s)", fw.Title.Get("en"), fw.ID, fw.Version))
	root.set("description", fmt.Sprintf("One respondent's answers for one region and period, on the framework %s (%s %s). "+
		"Editors complete its indicator ids, the answers each takes, the criteria to rank and the stakeholder roles. "+
		"`r3l assess FILE` checks everything, including what a schema cannot.", fw.Title.Get("en"), fw.ID, fw.Version))
	props := root.getObject("properties")
	props.set("framework", obj(
		"description", fmt.Sprintf("The framework the answers belong to: `%s`, or with its version, `%s@%s`.", fw.ID, fw.ID, fw.Version),
		"type", "string",
		"pattern", "^"+regexp.QuoteMeta(fw.ID)+"(@.*)?$",
		"examples", []any{fw.ID + "@" + fw.Version, fw.ID},
	))
	if role := roleProperty(fw); role != nil {
		props.getObject("respondent").getObject("properties").set("role", role)
	}
	props.set("answers", answersProperty(fw, props.getObject("answers")))
	props.set("priorities", prioritiesProperty(fw, props.getObject("priorities")))
	defs := root.getObject("$defs")
	for _, sc := range fw.Scales {
		defs.set("value."+sc.ID, valueSchema(sc))
		defs.set("answer."+sc.ID, obj(
			"description", fmt.Sprintf("An answer alone, or with evidence and a comment: {answer: %s, evidence: \"…\", comment: \"…\"}.", sc.Example()),
			"anyOf", []any{obj("$ref", "#/$defs/value."+sc.ID), longAnswer(defs.getObject("longAnswer"), sc)},
		))
	}
	return encode(root)
}

// longAnswer is the general long form of an answer with the rating on sc.
// It is written out rather than referring to the general one with the
// rating overridden: editors that read schemas as draft 7 does (such as
// yaml-language-server) drop keywords beside a $ref that the referred
// schema also has, and would take evidence and comment for unknown keys.
func longAnswer(general *object, sc *framework.Scale) *object {
	props := obj()
	for _, key := range general.getObject("properties").keys {
		props.set(key, general.getObject("properties").get(key))
	}
	answer := general.getObject("properties").getObject("answer")
	props.set("answer", obj("description", answer.get("description"), "$ref", "#/$defs/value."+sc.ID))
	long := obj()
	for _, key := range general.keys {
		long.set(key, general.get(key))
	}
	return long.set("properties", props)
}

// roleProperty suggests the framework's roles: examples, not a list to
// choose from, since a questionnaire may name another role (and names the
// framework's ignoring case, spaces, '_' and '-'). Nil keeps the general
// property, for a framework without roles.
func roleProperty(fw *framework.Framework) *object {
	if len(fw.Roles) == 0 {
		return nil
	}
	ids := make([]any, len(fw.Roles))
	lines := make([]string, len(fw.Roles))
	for i, r := range fw.Roles {
		ids[i] = r.ID
		lines[i] = fmt.Sprintf("%s (%s)", r.ID, r.Label.Get("en"))
	}
	return obj(
		"description", "Your stakeholder group, one of: "+strings.Join(lines, "; ")+
			". Another role is kept as written. Reports show the scores of each group.",
		"$ref", "#/$defs/scalar",
		"examples", ids,
	)
}

// answersProperty lists the indicators as the only keys answers may have.
func answersProperty(fw *framework.Framework, general *object) *object {
	inds := obj()
	for _, ind := range fw.Indicators {
		c := ind.Criterion
		desc := fmt.Sprintf("%s\n\n%s %s\nAnswer: %s", ind.Text.Get("en"), c.ID, c.Title.Get("en"), scaleHint(ind.Scale))
		inds.set(ind.ID, obj("description", desc, "$ref", "#/$defs/answer."+ind.Scale.ID))
	}
	return obj(
		"description", general.get("description"),
		"type", general.get("type"),
		"properties", inds,
		"additionalProperties", false,
	)
}

// prioritiesProperty lists the areas, each taking its own criteria.
func prioritiesProperty(fw *framework.Framework, general *object) *object {
	areas := obj()
	most := len(fw.PriorityPoints)
	for _, a := range fw.Areas {
		var ids, titles []any
		var lines []string
		for _, c := range a.Criteria {
			for _, id := range withNumber(c.ID) {
				ids = append(ids, id)
				titles = append(titles, c.Title.Get("en"))
			}
			lines = append(lines, c.ID+" "+c.Title.Get("en"))
		}
		desc := fmt.Sprintf("%s %s: rank up to %d of its criteria, most important first, such as [%s]. Its criteria: %s.",
			a.ID, a.Title.Get("en"), most, a.Criteria[0].ID, strings.Join(lines, "; "))
		areas.set(a.ID, obj(
			"description", desc,
			"type", "array",
			"maxItems", most,
			"uniqueItems", true,
			"items", obj("enum", ids, "enumDescriptions", titles),
		))
	}
	return obj(
		"description", fmt.Sprintf("The criteria you see as most important in each area, most important first, under the area's id: up to %d per area. Leave an area's list empty ([]) to rank none.", most),
		"type", general.get("type"),
		"properties", areas,
		"additionalProperties", false,
	)
}
