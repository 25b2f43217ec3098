package instrument

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/i18n"
)

// The questions an online survey asks besides the indicators: they fill a
// questionnaire's region.id, period and respondent.role. LimeSurvey and
// XLSForm surveys use the same names, so exports of either are read alike.
const (
	surveyRegion = "region"
	surveyPeriod = "period"
	surveyRole   = "role"
	// surveyAbout is the XLSForm group of the three questions above.
	surveyAbout = "about"
)

// surveyWords are the survey's own texts. Region, period and role keep
// the wording of LimeSurvey's sample exports, so that exports with full
// question texts as headings are read back.
var surveyWords = i18n.Words{
	"sv.about":  {"en": "About you", "de": "Über Sie", "sv": "Om dig"},
	"sv.region": {"en": "Region", "de": "Region", "sv": "Region"},
	"sv.period": {"en": "Period", "de": "Zeitraum", "sv": "Period"},
	"sv.role":   {"en": "Your role in the network", "de": "Ihre Rolle im Netzwerk", "sv": "Din roll i nätverket"},
	"sv.na":     {"en": "Not applicable", "de": "Nicht zutreffend", "sv": "Ej tillämpligt"},
	"sv.dk":     {"en": "Don't know", "de": "Weiß nicht", "sv": "Vet inte"},
	"sv.yes":    {"en": "Yes", "de": "Ja", "sv": "Ja"},
	"sv.no":     {"en": "No", "de": "Nein", "sv": "Nej"},
	"sv.other":  {"en": "Other", "de": "Andere", "sv": "Annan"},
	"sv.region.hint": {
		"en": "The region's short id, such as lake-constance.",
		"de": "Die kurze Kennung der Region, etwa lake-constance.",
		"sv": "Regionens korta id, till exempel lake-constance.",
	},
	"sv.period.hint": {"en": "Such as 2024.", "de": "Etwa 2024.", "sv": "Till exempel 2024."},
}

// surveyWord is one of the survey's texts in lang (English where r3l has
// no words in a framework's language).
func surveyWord(key, lang string) string { return surveyWords.Get(lang, key) }

// SpecialText is the answer text of na or dk in a survey.
func specialText(special, lang string) string { return surveyWord("sv."+special, lang) }

// pointText is the answer text of an ordinal point in a survey: the value
// and the label ("1 – Not in place"), or the label alone where it is the
// value.
func pointText(s *framework.Scale, i int, lang string) string {
	p := s.Points[i]
	code := pointCode(s, i)
	label := strings.TrimSpace(p.Label.Get(lang))
	if label == "" || label == code {
		return code
	}
	return code + " – " + label
}

// pointCode is an ordinal point's answer code in a survey: its value where
// that is a whole number from 0 to 99999 (LimeSurvey answer codes have at
// most 5 letters or digits), otherwise "p" and its position.
func pointCode(s *framework.Scale, i int) string {
	v := s.Points[i].Value
	if v >= 0 && v <= 99999 && v == float64(int(v)) {
		return strconv.Itoa(int(v))
	}
	return "p" + strconv.Itoa(i+1)
}

// inArray reports whether an indicator is asked as a row of its
// criterion's LimeSurvey array (ordinal scales) rather than as a question
// of its own (numbers, yes/no).
func inArray(ind *framework.Indicator) bool { return ind.Scale.Kind == framework.Ordinal }

// inLimeArray reports whether an indicator is a row of its criterion's
// LimeSurvey array: ordinal, on the scale of the criterion's first ordinal
// indicator. An ordinal indicator on another scale is a list question of
// its own, coded like the indicator.
func inLimeArray(ind *framework.Indicator) bool {
	return inArray(ind) && ind.Scale.ID == lssArrayRows(ind.Criterion)[0].Scale.ID
}

var (
	limeCodeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*$`)
	// XLSForm names: a letter or '_' first, then letters, digits, '_', '-'
	// or '.'.
	xlsformNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]*$`)
)

// limeReserved are words LimeSurvey refuses as question codes.
var limeReserved = []string{"LANG", "SID", "SAVEDID", "TOKEN", "QID", "GID", "SGQ", "SELF", "THAT", "THIS"}

// limeMaxCode is the longest question code LimeSurvey keeps.
const limeMaxCode = 20

// limeCodes are the LimeSurvey codes of a framework's questions.
type limeCodes struct {
	Criterion []string // by Criterion.Index: the array question's code
	Indicator []string // by Indicator.Index: the subquestion's or question's code
	Role      []string // by position in Framework.Roles: the answer code
}

// digitPrefix goes before an id that starts with a digit wherever a
// survey names a question by its id: LimeSurvey codes and XLSForm names
// must start with a letter (XLSForm's '_' would not do: KoboToolbox takes
// columns starting with '_' for its own). It is fixed, so the same
// framework always gives the same survey, and ids that start with a letter
// keep the codes they always had (docs/reference.md §6.1).
const digitPrefix = "Q"

// startsWithDigit reports whether s starts with an ASCII digit.
func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// limeCode is the LimeSurvey code of an id: its letters and digits, after
// digitPrefix where they start with a digit (A1.a → A1a, 1.1.a → Q11a).
func limeCode(id string) string {
	code := alnum(id)
	if startsWithDigit(code) {
		return digitPrefix + code
	}
	return code
}

// xfName is the XLSForm name of an id: the id as it is, after digitPrefix
// where it starts with a digit (A1.a → A1.a, 1.1.a → Q1.1.a).
func xfName(id string) string {
	if startsWithDigit(id) {
		return digitPrefix + id
	}
	return id
}

// newLimeCodes derives LimeSurvey codes from a framework's ids (limeCode:
// A1.a → A1a, 1.1.a → Q11a). LimeSurvey renames or drops codes it does not
// accept without a word, so a framework whose ids give no valid, unique
// codes is refused here instead.
func newLimeCodes(fw *framework.Framework) (*limeCodes, error) {
	c := &limeCodes{}
	var problems []string
	used := map[string]string{} // upper-case code -> what has it
	for _, q := range []string{surveyRegion, surveyPeriod, surveyRole} {
		used[strings.ToUpper(q)] = "the " + q + " question"
	}
	claim := func(what, id string) string {
		code := limeCode(id)
		switch {
		case !limeCodeRE.MatchString(code):
			problems = append(problems, fmt.Sprintf("%s %s gives the code %q, but a LimeSurvey question code starts with a letter and has only letters and digits", what, id, code))
		case len(code) > limeMaxCode:
			problems = append(problems, fmt.Sprintf("%s %s gives the code %q, longer than LimeSurvey's %d characters", what, id, code, limeMaxCode))
		case isLimeReserved(code):
			problems = append(problems, fmt.Sprintf("%s %s gives the code %q, a word LimeSurvey reserves", what, id, code))
		case used[strings.ToUpper(code)] != "":
			problems = append(problems, fmt.Sprintf("%s %s gives the code %q, as %s does", what, id, code, used[strings.ToUpper(code)]))
		default:
			used[strings.ToUpper(code)] = what + " " + id
		}
		return code
	}
	for _, cr := range fw.Criteria {
		c.Criterion = append(c.Criterion, claim("criterion", cr.ID))
	}
	for _, ind := range fw.Indicators {
		c.Indicator = append(c.Indicator, claim("indicator", ind.ID))
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("framework %s cannot be made into a LimeSurvey survey:\n  %s", fw.ID, strings.Join(problems, "\n  "))
	}
	c.Role = roleCodes(fw.Roles)
	return c, nil
}

func isLimeReserved(code string) bool {
	for _, w := range limeReserved {
		if strings.EqualFold(w, code) {
			return true
		}
	}
	return false
}

// roleCodes are the roles' LimeSurvey answer codes, at most 5 letters or
// digits: the first five of the id's (lead-partner → leadp), or "r" and the
// position for every role when that does not tell them apart.
func roleCodes(roles []framework.Role) []string {
	codes := make([]string, len(roles))
	seen := map[string]bool{}
	short := true
	for i, r := range roles {
		code := strings.ToLower(alnum(r.ID))
		if len(code) > 5 {
			code = code[:5]
		}
		if code == "" || seen[code] {
			short = false
		}
		seen[code], codes[i] = true, code
	}
	if !short {
		for i := range codes {
			codes[i] = "r" + strconv.Itoa(i+1)
		}
	}
	return codes
}

// alnum keeps the ASCII letters and digits of an id.
func alnum(id string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return r
		}
		return -1
	}, id)
}

// checkXLSFormNames makes sure a framework's ids give XLSForm names
// (xfName: A1.a as it is, 1.1.a → Q1.1.a) for the area and criterion
// groups and the indicator questions, valid and unique.
func checkXLSFormNames(fw *framework.Framework) error {
	var problems []string
	used := map[string]string{}
	for _, q := range []string{surveyAbout, surveyRegion, surveyPeriod, surveyRole} {
		used[strings.ToLower(q)] = "r3l's question " + q
	}
	check := func(what, id string) {
		name := xfName(id)
		if name != id {
			what = fmt.Sprintf("%s %s (named %s)", what, id, name)
		} else {
			what += " " + id
		}
		switch {
		case !xlsformNameRE.MatchString(name):
			problems = append(problems, fmt.Sprintf("%s: an XLSForm name starts with a letter or '_' and has only letters, digits, '_', '-' and '.'", what))
		case used[strings.ToLower(name)] != "":
			problems = append(problems, fmt.Sprintf("%s has the name of %s", what, used[strings.ToLower(name)]))
		default:
			used[strings.ToLower(name)] = what
		}
	}
	for _, a := range fw.Areas {
		check("area", a.ID)
	}
	for _, cr := range fw.Criteria {
		check("criterion", cr.ID)
	}
	for _, ind := range fw.Indicators {
		check("indicator", ind.ID)
	}
	if len(problems) > 0 {
		return fmt.Errorf("framework %s cannot be made into an XLSForm:\n  %s", fw.ID, strings.Join(problems, "\n  "))
	}
	return nil
}

// surveyLanguages are the languages of a survey: those asked for, or the
// framework's. Every language asked for must be one of the framework's.
func surveyLanguages(fw *framework.Framework, asked []string) ([]string, error) {
	if len(asked) == 0 {
		if len(fw.Languages) == 0 {
			return []string{"en"}, nil
		}
		return fw.Languages, nil
	}
	known := fw.Languages
	if len(known) == 0 {
		known = []string{"en"}
	}
	for _, l := range asked {
		found := false
		for _, k := range known {
			found = found || k == l
		}
		if !found {
			return nil, fmt.Errorf("framework %s has no texts in %q (it has %s)", fw.ID, l, strings.Join(known, ", "))
		}
	}
	return asked, nil
}
