package instrument

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/yamlx"
)

// LimeSurvey's own columns, by code and by their full headings in the
// languages r3l's samples show (LimeSurvey 6.4).
var limeMeta = map[string]colKind{
	"id": colID, "submitdate": colSubmitted, "lastpage": colIgnore, "startlanguage": colIgnore,
	"seed": colIgnore, "token": colIgnore, "startdate": colIgnore, "datestamp": colIgnore,
	"ipaddr": colIgnore, "refurl": colIgnore, "interviewtime": colIgnore,
	// A survey with participants exports their details too.
	"firstname": colIgnore, "lastname": colIgnore, "email": colIgnore, "tid": colIgnore,
	"First name": colIgnore, "Last name": colIgnore, "Email address": colIgnore, "Total time": colIgnore,
	"Response ID": colID, "Date submitted": colSubmitted, "Last page": colIgnore, "Start language": colIgnore,
	"Seed": colIgnore, "Date started": colIgnore, "Date last action": colIgnore,
	"IP address": colIgnore, "Referrer URL": colIgnore, "Access code": colIgnore, "Token": colIgnore,
	"Antwort ID": colID, "Datum Abgeschickt": colSubmitted, "Letzte Seite": colIgnore, "Start-Sprache": colIgnore,
	"Zufallsstartwert": colIgnore, "Datum gestartet": colIgnore, "Datum letzte Aktivität": colIgnore,
	"Svars-ID": colID, "Datum inskickad": colSubmitted, "Sista sidan": colIgnore, "Startspråk": colIgnore,
	"Frö": colIgnore, "Datum påbörjad": colIgnore, "Datum senaste åtgärd": colIgnore,
}

var limeSurvey = surveyTool{
	Name:  "LimeSurvey",
	marks: []string{"id", "submitdate", "lastpage", "startlanguage", "Response ID", "Date submitted", "Antwort ID", "Datum Abgeschickt", "Svars-ID", "Datum inskickad", "id. Response ID", "submitdate. Date submitted"},
	meta: func(h string) (colKind, bool) {
		if k, ok := limeMeta[h]; ok {
			return k, true
		}
		// "Code and text" headings: "submitdate. Date submitted".
		if code, _, ok := strings.Cut(h, ". "); ok {
			k, ok := limeMeta[code]
			return k, ok
		}
		// Abbreviated full headings keep 15 characters: "Date last actio.. ".
		if base, ok := strings.CutSuffix(h, ".."); ok {
			for full, k := range limeMeta {
				if utf8.RuneCountInString(full) > 15 && strings.HasPrefix(full, base) {
					return k, true
				}
			}
		}
		return colUnknown, false
	},
}

// ODK Central's own columns; a form's start and end are its metadata.
var odkMeta = map[string]colKind{
	"SubmissionDate": colIgnore, "meta-instanceID": colIgnore, "KEY": colID, "SubmitterID": colIgnore,
	"SubmitterName": colIgnore, "AttachmentsPresent": colIgnore, "AttachmentsExpected": colIgnore,
	"Status": colIgnore, "ReviewState": colReview, "DeviceID": colIgnore, "Edits": colIgnore,
	"FormVersion": colIgnore, "start": colIgnore, "end": colIgnore, "today": colIgnore,
	"deviceid": colIgnore, "username": colIgnore, "instanceID": colIgnore,
}

var odkCentral = surveyTool{
	Name:  "ODK Central",
	marks: []string{"KEY", "SubmissionDate", "ReviewState", "SubmitterID"},
	meta: func(h string) (colKind, bool) {
		k, ok := odkMeta[h]
		return k, ok
	},
}

var koboToolbox = surveyTool{
	Name:  "KoboToolbox",
	marks: []string{"_id", "_uuid", "_submission_time", "_index", "__version__"},
	meta: func(h string) (colKind, bool) {
		switch {
		case h == "_id":
			return colID, true
		case strings.HasPrefix(h, "_"), strings.HasPrefix(h, "meta/"), strings.HasPrefix(h, "formhub/"):
			return colIgnore, true
		}
		switch h {
		case "start", "end", "today", "deviceid", "username", "phonenumber", "simserial", "subscriberid", "audit":
			return colIgnore, true
		}
		return colUnknown, false
	},
}

// surveyKeys tell the questions of an r3l survey by their headings: codes
// (LimeSurvey A1[A1a], A1_A1a, A1a; XLSForm A1.a; for ids that start with
// a digit Q11[Q11a] and Q1.1.a as well as 1.1.a) and texts in every
// language of the framework, full or cut as LimeSurvey abbreviates them.
type surveyKeys map[string][]exportColumn

func (k surveyKeys) add(c exportColumn, keys ...string) {
	for _, key := range keys {
		key = normText(key)
		if key == "" || slices.ContainsFunc(k[key], func(x exportColumn) bool { return x.kind == c.kind && x.ind == c.ind }) {
			continue
		}
		k[key] = append(k[key], c)
	}
}

// abbreviate cuts a text as LimeSurvey's abbreviated headings do: 15
// characters and ".. ".
func abbreviate(s string) string {
	if utf8.RuneCountInString(s) <= 15 {
		return s
	}
	return string([]rune(s)[:15]) + ".. "
}

func newSurveyKeys(fw *framework.Framework) surveyKeys {
	k := surveyKeys{}
	langs := surveyLangs(fw)
	for _, q := range []struct {
		kind colKind
		name string
	}{{colRegion, surveyRegion}, {colPeriod, surveyPeriod}, {colRole, surveyRole}} {
		k.add(exportColumn{kind: q.kind}, q.name)
		for _, l := range langs {
			text := surveyWord("sv."+q.name, l)
			k.add(exportColumn{kind: q.kind}, text, abbreviate(text))
		}
	}
	k.add(exportColumn{kind: colRoleOther}, "role[other]", "role_other", "roleother")
	codes, _ := newLimeCodes(fw)
	for _, ind := range fw.Indicators {
		c := exportColumn{kind: colIndicator, ind: ind}
		k.add(c, ind.ID, xfName(ind.ID))
		if codes != nil {
			code, crit := codes.Indicator[ind.Index], codes.Criterion[ind.Criterion.Index]
			if inLimeArray(ind) {
				k.add(c, crit+"["+code+"]", crit+"_"+code)
			} else {
				k.add(c, code)
			}
		}
		for _, l := range langs {
			text := ind.Text.Get(l)
			question := ind.Criterion.ID + " " + ind.Criterion.Title.Get(l)
			k.add(c, text, abbreviate(text), question+" ["+text+"]", abbreviate(question)+" ["+abbreviate(text)+"]")
		}
	}
	return k
}

// lookup finds the question a heading names: as it is, as LimeSurvey's
// "code. text", or as the last part of a group path (KoboToolbox
// A/A1/A1.a, ODK Central A-A1-A1.a).
func (k surveyKeys) lookup(h string) []exportColumn {
	if c := k[normText(h)]; c != nil {
		return c
	}
	if code, _, ok := strings.Cut(h, ". "); ok {
		if c := k[normText(code)]; c != nil {
			return c
		}
	}
	for i, r := range h {
		if r == '/' || r == '-' {
			if c := k[normText(h[i+1:])]; c != nil {
				return c
			}
		}
	}
	return nil
}

// isRoleOther tells LimeSurvey's column of the text of an "Other" role by
// its full heading: the role question's text and "[Other]" in the
// export's language.
func isRoleOther(fw *framework.Framework, h string) bool {
	for _, l := range surveyLangs(fw) {
		text := surveyWord("sv.role", l)
		for _, q := range []string{text, abbreviate(text)} {
			if rest, ok := strings.CutPrefix(normText(h), normText(q)+" ["); ok && strings.HasSuffix(rest, "]") {
				return true
			}
		}
	}
	return false
}

// resolveColumns says what each column of an export holds: the mapping
// file's columns first, then the tool's own, then the questions of an r3l
// survey. Every column no rule explains is a problem.
func resolveColumns(t *exportTable, fw *framework.Framework, tool surveyTool, m *Mapping) ([]exportColumn, yamlx.Problems) {
	cols := make([]exportColumn, len(t.Head))
	var problems yamlx.Problems
	keys := newSurveyKeys(fw)
	var mapped map[string]exportColumn
	if m != nil {
		mapped, problems = m.columns(fw)
	}
	for i, raw := range t.Head {
		h := strings.TrimSpace(strings.TrimPrefix(raw, utf8BOM))
		if c, ok := mapped[h]; ok {
			cols[i] = c
			continue
		}
		if tool.meta != nil {
			if k, ok := tool.meta(h); ok {
				cols[i] = exportColumn{kind: k}
				continue
			}
		}
		found := keys.lookup(h)
		switch {
		case len(found) == 1:
			cols[i] = found[0]
			if m != nil && found[0].kind == colIndicator {
				cols[i].answers = m.Answers
			}
		case len(found) > 1:
			var names []string
			for _, c := range found {
				names = append(names, columnName(c))
			}
			problems = append(problems, t.Cell(-1, i).Problem(fmt.Sprintf("the heading could be %s: name the column in a mapping file (--map)", strings.Join(names, " or "))))
		case isRoleOther(fw, h):
			cols[i] = exportColumn{kind: colRoleOther}
		default:
			problems = append(problems, t.Cell(-1, i).Problem(unknownColumn(fw, tool, m)))
		}
	}
	problems = append(problems, duplicateColumns(t, cols)...)
	return cols, problems
}

func unknownColumn(fw *framework.Framework, tool surveyTool, m *Mapping) string {
	what := "not a question of framework " + fw.ID
	if tool.Name != "" {
		what += " nor a column " + tool.Name + " adds"
	}
	if m != nil {
		return what + ", and the mapping file does not name it: map it to an indicator or list it under ignore"
	}
	return what + ": is this the framework of the survey (-F)? A survey r3l did not make needs a mapping file (--map)"
}

// columnName names what a column holds, for messages.
func columnName(c exportColumn) string {
	switch c.kind {
	case colIndicator:
		return "indicator " + c.ind.ID
	case colRegion:
		return "the region"
	case colPeriod:
		return "the period"
	case colRole, colRoleOther:
		return "the role"
	case colRespondent, colID:
		return "the response id"
	}
	return "another column"
}

// duplicateColumns finds two columns holding the same indicator, region,
// period or role.
func duplicateColumns(t *exportTable, cols []exportColumn) yamlx.Problems {
	var problems yamlx.Problems
	type what struct {
		kind colKind
		ind  *framework.Indicator
	}
	first := map[what]int{}
	for i, c := range cols {
		switch c.kind {
		case colUnknown, colIgnore:
			continue
		}
		key := what{c.kind, c.ind}
		if j, dup := first[key]; dup {
			problems = append(problems, t.Cell(-1, i).Problem(fmt.Sprintf("%s again (first in column %s)", columnName(c), quoteHeading(t.Head[j]))))
			cols[i] = exportColumn{kind: colIgnore} // reported once, here
			continue
		}
		first[key] = i
	}
	return problems
}
