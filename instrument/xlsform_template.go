package instrument

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/workbook"
)

// The XLSForm (`r3l template -f xlsform`): a survey definition for
// KoboToolbox, ODK Central and the other tools that convert XLSForms with
// pyxform. It has the sheets survey, choices and settings; every text
// column comes once per language (label::English (en), hint::Deutsch (de)).
// The survey sheet asks the about group (region, period, role), then one
// group per area (named by its id) holding one group per criterion (named
// by its id) holding one question per indicator (named by its id), so that
// exports name each answer by its indicator; an id that starts with a
// digit is named with digitPrefix before it (1.1.a → Q1.1.a; xfName). It
// follows the form pyxform 4.5.0 and ODK Validate accepted without
// warnings (r3l_full.xlsx among the survey samples).

// The XLSForm's sheets.
const (
	xfSurvey   = "survey"
	xfChoices  = "choices"
	xfSettings = "settings"
)

// TemplateXLSForm writes fw as an XLSForm in the languages opts.Langs (the
// framework's when empty; the first is the form's default language), with
// opts.Region, opts.Period and opts.Role as the answers' defaults.
func TemplateXLSForm(w io.Writer, fw *framework.Framework, opts Options) error {
	x, err := newXLSForm(fw, opts)
	if err != nil {
		return err
	}
	b := workbook.New()
	defer b.Close()
	for _, sh := range x.sheets() {
		b.Sheet(sh.name)
		for r, row := range sh.rows {
			for c, v := range row {
				if v != "" {
					b.Set(sh.name, c+1, r+1, v) // text, never a formula
				}
			}
		}
		b.Widths(sh.name, sh.widths...)
		b.Freeze(sh.name, 1, 0, "")
	}
	if b.Err == nil {
		// Not "r3l" as the creator, as r3l's reports have it: they are
		// left out of a folder's questionnaires, templates are not.
		b.F.SetActiveSheet(0)
		b.Do(b.F.SetDocProps(&excelize.DocProperties{
			Title: x.title, Subject: fw.ID + "@" + fw.Version, Keywords: "XLSForm", Language: x.langs[0],
		}))
	}
	if b.Err != nil {
		return b.Err
	}
	_, err = b.F.WriteTo(w)
	return err
}

// xlsForm is an XLSForm's cells, built before anything is written.
type xlsForm struct {
	fw      *framework.Framework
	opts    Options
	langs   []string   // language codes, the default language first
	title   string     // form_title
	survey  [][]string // rows of the survey sheet, the header first
	choices [][]string // rows of the choices sheet, the header first
	lists   map[string]string
	taken   map[string]bool // list names in use
}

// xfQuestion is a row of the survey sheet; label and hint give a text in
// a language, nil none.
type xfQuestion struct {
	typ, name                   string
	label, hint                 func(lang string) string
	constraint, appearance, def string
}

// xfChoice is a row of the choices sheet.
type xfChoice struct {
	name  string
	label func(lang string) string
}

type xfSheet struct {
	name   string
	rows   [][]string
	widths []float64
}

func newXLSForm(fw *framework.Framework, opts Options) (*xlsForm, error) {
	if err := checkXLSFormNames(fw); err != nil {
		return nil, err
	}
	if err := checkXLSFormRoot(fw); err != nil {
		return nil, err
	}
	langs, err := surveyLanguages(fw, opts.Langs)
	if err != nil {
		return nil, err
	}
	x := &xlsForm{fw: fw, opts: opts, langs: xfDedupe(langs), lists: map[string]string{}, taken: map[string]bool{}}
	x.title = xfText(fw.Title.Get(x.langs[0]))
	x.survey = [][]string{x.header([]string{"type", "name"}, "label", "hint", "constraint", "appearance", "default")}
	x.choices = [][]string{x.header([]string{"list_name", "name"}, "label")}
	// When the respondent started and finished, as in most XLSForms.
	x.add(xfQuestion{typ: "start", name: "start"})
	x.add(xfQuestion{typ: "end", name: "end"})
	if err := x.about(); err != nil {
		return nil, err
	}
	for _, a := range fw.Areas {
		x.area(a)
	}
	return x, nil
}

// checkXLSFormRoot refuses area ids that the form's top level has already:
// pyxform's meta group and the start and end questions.
func checkXLSFormRoot(fw *framework.Framework) error {
	for _, a := range fw.Areas {
		for _, n := range []string{"meta", "start", "end"} {
			if strings.EqualFold(xfName(a.ID), n) {
				return fmt.Errorf("framework %s cannot be made into an XLSForm:\n  area %s has the name of the form's %s", fw.ID, a.ID, n)
			}
		}
	}
	return nil
}

// header is a sheet's first row: the columns given, then each translated
// column in every language (label::English (en), …).
func (x *xlsForm) header(first []string, translated ...string) []string {
	row := first
	for _, col := range translated {
		if col != "label" && col != "hint" {
			row = append(row, col)
			continue
		}
		for _, l := range x.langs {
			row = append(row, col+"::"+xfLanguage(l))
		}
	}
	return row
}

func (x *xlsForm) add(q xfQuestion) {
	row := []string{q.typ, q.name}
	for _, text := range []func(string) string{q.label, q.hint} {
		for _, l := range x.langs {
			if text == nil {
				row = append(row, "")
			} else {
				row = append(row, xfText(text(l)))
			}
		}
	}
	x.survey = append(x.survey, append(row, q.constraint, q.appearance, q.def))
}

// about asks the region, the period and the respondent's role, which fill
// a questionnaire's region.id, period and respondent.role.
func (x *xlsForm) about() error {
	word := func(key string) func(string) string {
		return func(l string) string { return surveyWord(key, l) }
	}
	region, err := xfDefault(x.opts.Region)
	if err != nil {
		return fmt.Errorf("region: %w", err)
	}
	period, err := xfDefault(x.opts.Period)
	if err != nil {
		return fmt.Errorf("period: %w", err)
	}
	role := xfQuestion{typ: "text", name: surveyRole, label: word("sv.role")}
	if len(x.fw.Roles) > 0 {
		// No or_other: pyxform adds an untranslated "Other" and warns
		// about it in a form with translations. A role that is none of
		// these is left unanswered.
		role.typ = "select_one " + x.roleList()
		if x.opts.Role != "" {
			r := xfRoleNamed(x.fw, x.opts.Role)
			if r == nil {
				return fmt.Errorf("role %q is not one of framework %s's roles (%s)", x.opts.Role, x.fw.ID, strings.Join(xfRoleIDs(x.fw), ", "))
			}
			if role.def, err = xfDefault(r.ID); err != nil {
				return fmt.Errorf("role: %w", err)
			}
		}
	} else if role.def, err = xfDefault(x.opts.Role); err != nil {
		return fmt.Errorf("role: %w", err)
	}
	x.add(xfQuestion{typ: "begin_group", name: surveyAbout, label: word("sv.about")})
	x.add(xfQuestion{typ: "text", name: surveyRegion, label: word("sv.region"), hint: word("sv.region.hint"), def: region})
	x.add(xfQuestion{typ: "text", name: surveyPeriod, label: word("sv.period"), hint: word("sv.period.hint"), def: period})
	x.add(role)
	x.add(xfQuestion{typ: "end_group", name: surveyAbout})
	return nil
}

// area writes an area's group with a group per criterion.
func (x *xlsForm) area(a *framework.Area) {
	x.add(xfQuestion{typ: "begin_group", name: xfName(a.ID), label: func(l string) string { return a.ID + " " + a.Title.Get(l) }})
	for _, cr := range a.Criteria {
		// A criterion whose indicators all take one ordinal scale is a
		// table: one row per indicator, the answers as columns. pyxform
		// refuses a table-list whose questions are not selects of one
		// list, so a criterion that mixes scales is a field-list, all its
		// questions on one screen. Only a table-list shows the group's
		// hint (pyxform turns it into a note); ODK shows no hint of any
		// other group.
		appearance := "table-list"
		for _, ind := range cr.Indicators {
			if ind.Scale.Kind != framework.Ordinal || ind.Scale != cr.Indicators[0].Scale {
				appearance = "field-list"
			}
		}
		x.add(xfQuestion{typ: "begin_group", name: xfName(cr.ID), appearance: appearance,
			label: func(l string) string { return cr.ID + " " + cr.Title.Get(l) },
			hint:  func(l string) string { return cr.Question.Get(l) }})
		for _, ind := range cr.Indicators {
			x.add(x.indicator(ind))
		}
		x.add(xfQuestion{typ: "end_group", name: xfName(cr.ID)})
	}
	x.add(xfQuestion{typ: "end_group", name: xfName(a.ID)})
}

// indicator is an indicator's question: a choice of its scale's points
// (and na, dk where the scale allows them), yes or no, or a number. A
// number is always a decimal, even on a scale of whole bounds: 75.5 is a
// fine share in %. A numeric scale's na and dk cannot be given in a
// decimal question; a respondent leaves it empty instead.
func (x *xlsForm) indicator(ind *framework.Indicator) xfQuestion {
	q := xfQuestion{name: xfName(ind.ID), label: func(l string) string { return ind.Text.Get(l) }}
	s := ind.Scale
	evidence := func(l string) string {
		if len(ind.Evidence) == 0 {
			return ""
		}
		items := make([]string, len(ind.Evidence))
		for i, e := range ind.Evidence {
			items[i] = e.Get(l)
		}
		return words.Get(l, "evidence") + ": " + strings.Join(items, "; ")
	}
	switch s.Kind {
	case framework.Ordinal:
		q.typ = "select_one " + x.scaleList(s)
		q.hint = evidence
	case framework.Boolean:
		q.typ = "select_one " + x.yesNoList(s)
		q.hint = evidence
	default:
		q.typ = "decimal"
		var bounds []string
		if s.Min != nil {
			bounds = append(bounds, ". >= "+xfNumber(*s.Min))
		}
		if s.Max != nil {
			bounds = append(bounds, ". <= "+xfNumber(*s.Max))
		}
		q.constraint = strings.Join(bounds, " and ")
		q.hint = func(l string) string { return xfJoin("; ", xfNumberHint(s, l), evidence(l)) }
	}
	return q
}

// xfNumberHint says what a number is in: the scale's label or unit and its
// bounds ("Share in % (0–100)").
func xfNumberHint(s *framework.Scale, lang string) string {
	text := strings.TrimSpace(s.Label.Get(lang))
	if s.Unit != "" && !strings.Contains(text, s.Unit) {
		text = xfJoin(" ", text, s.Unit)
	}
	var bounds string
	switch {
	case s.Min != nil && s.Max != nil:
		bounds = "(" + xfNumber(*s.Min) + "–" + xfNumber(*s.Max) + ")"
	case s.Min != nil:
		bounds = "(≥ " + xfNumber(*s.Min) + ")"
	case s.Max != nil:
		bounds = "(≤ " + xfNumber(*s.Max) + ")"
	}
	return xfJoin(" ", text, bounds)
}

// scaleList is the choice list of an ordinal scale: its points, named by
// their codes, then na and dk where it allows them.
func (x *xlsForm) scaleList(s *framework.Scale) string {
	return x.list("scale:"+s.ID, s.ID, func() []xfChoice {
		var cs []xfChoice
		for i, p := range s.Points {
			cs = append(cs, xfChoice{p.Code, func(l string) string { return pointText(s, i, l) }})
		}
		return append(cs, xfSpecials(s)...)
	})
}

// yesNoList is the choice list of a yes/no scale: yes and no, then na and
// dk where it allows them (one list for all such scales alike).
func (x *xlsForm) yesNoList(s *framework.Scale) string {
	sp := xfSpecials(s)
	name := "yes_no"
	for _, c := range sp {
		name += "_" + c.name
	}
	return x.list(name, name, func() []xfChoice {
		return append([]xfChoice{
			{"yes", func(l string) string { return surveyWord("sv.yes", l) }},
			{"no", func(l string) string { return surveyWord("sv.no", l) }},
		}, sp...)
	})
}

// roleList is the choice list of the framework's roles, named by their ids.
func (x *xlsForm) roleList() string {
	return x.list("role", surveyRole, func() []xfChoice {
		var cs []xfChoice
		for _, r := range x.fw.Roles {
			cs = append(cs, xfChoice{r.ID, func(l string) string { return r.Label.Get(l) }})
		}
		return cs
	})
}

func xfSpecials(s *framework.Scale) []xfChoice {
	var cs []xfChoice
	for _, sp := range []string{framework.NA, framework.DK} {
		if s.Allows(sp) {
			cs = append(cs, xfChoice{sp, func(l string) string { return specialText(sp, l) }})
		}
	}
	return cs
}

// xfListRE is what r3l takes as a list name as it is: pyxform makes it an
// instance id, which had better be an XML name.
var xfListRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// list returns the name of the choice list key stands for, adding its
// choices on first use under a name like want that no other list has.
func (x *xlsForm) list(key, want string, choices func() []xfChoice) string {
	if name, ok := x.lists[key]; ok {
		return name
	}
	name := want
	if !xfListRE.MatchString(name) {
		name = "list_" + xfIdent(name)
	}
	for i := 2; x.taken[name]; i++ {
		name = want + "_" + strconv.Itoa(i)
		if !xfListRE.MatchString(name) {
			name = "list_" + xfIdent(name)
		}
	}
	x.lists[key], x.taken[name] = name, true
	for _, c := range choices() {
		row := []string{name, c.name}
		for _, l := range x.langs {
			row = append(row, xfText(c.label(l)))
		}
		x.choices = append(x.choices, row)
	}
	return name
}

func (x *xlsForm) sheets() []xfSheet {
	n := len(x.langs)
	surveyWidths := []float64{24, 12}
	for range n {
		surveyWidths = append(surveyWidths, 50)
	}
	for range n {
		surveyWidths = append(surveyWidths, 30)
	}
	surveyWidths = append(surveyWidths, 22, 12, 16)
	choiceWidths := []float64{14, 14}
	for range n {
		choiceWidths = append(choiceWidths, 36)
	}
	return []xfSheet{
		{xfSurvey, x.survey, surveyWidths},
		{xfChoices, x.choices, choiceWidths},
		{xfSettings, x.settings(), []float64{40, 30, 20, 20}},
	}
}

// settings names the form: its title in the default language, an id from
// the framework's id and version (r3l_r3lplus_2012), and a version that
// changes with the form's content: the framework's version and a digest
// of the survey and choices sheets, so that a form uploaded again after a
// change (other languages, other defaults, an edited framework) is a new
// version of it, as ODK Central requires, and an unchanged one is not.
func (x *xlsForm) settings() [][]string {
	id := "r3l_" + xfIdent(x.fw.ID)
	if x.fw.Version != "" {
		id += "_" + xfIdent(x.fw.Version)
	}
	h := sha256.New()
	for _, rows := range [][][]string{x.survey, x.choices} {
		for _, row := range rows {
			fmt.Fprintf(h, "%q\n", row)
		}
		h.Write([]byte{0})
	}
	version := xfJoin("-", x.fw.Version, hex.EncodeToString(h.Sum(nil))[:8])
	return [][]string{
		{"form_title", "form_id", "version", "default_language"},
		{x.title, id, version, xfLanguage(x.langs[0])},
	}
}

// xfLanguages are the names XLSForm columns give languages, in their own
// language: the languages of the European Union and a few more. Any other
// is named by its code. (golang.org/x/text/language/display has them all
// but would add 2 MB to r3l, and its names change with CLDR.)
var xfLanguages = map[string]string{
	"bg": "Български", "cs": "Čeština", "da": "Dansk", "de": "Deutsch", "el": "Ελληνικά",
	"en": "English", "es": "Español", "et": "Eesti", "fi": "Suomi", "fr": "Français",
	"ga": "Gaeilge", "hr": "Hrvatski", "hu": "Magyar", "it": "Italiano", "lt": "Lietuvių",
	"lv": "Latviešu", "mt": "Malti", "nl": "Nederlands", "pl": "Polski", "pt": "Português",
	"ro": "Română", "sk": "Slovenčina", "sl": "Slovenščina", "sv": "Svenska",
	"is": "Íslenska", "nb": "Norsk bokmål", "nn": "Norsk nynorsk", "no": "Norsk",
	"sq": "Shqip", "bs": "Bosanski", "sr": "Српски", "mk": "Македонски", "tr": "Türkçe",
	"uk": "Українська", "ru": "Русский", "ca": "Català", "eu": "Euskara", "gl": "Galego",
	"cy": "Cymraeg", "lb": "Lëtzebuergesch", "ar": "العربية", "zh": "中文",
}

// xfLanguage is a language as XLSForm columns name it: "English (en)".
func xfLanguage(code string) string {
	base, _, _ := strings.Cut(code, "-")
	name, ok := xfLanguages[strings.ToLower(base)]
	if !ok {
		name = code
	}
	return name + " (" + code + ")"
}

// xfText is a framework's text in an XLSForm cell. pyxform reads ${name}
// in a label or hint as the answer to the question of that name (and
// refuses the form when there is none); a text shows it as written.
func xfText(s string) string { return strings.ReplaceAll(s, "${", "$ {") }

// xfPlainRE matches defaults that pyxform takes as they are: one name
// (lake-constance) or a number (2024). Anything else may read as an
// expression (2024-H1 is 2024 minus H1).
var xfPlainRE = regexp.MustCompile(`^(?:[A-Za-z_][A-Za-z0-9_.\-]*|[0-9]+(?:\.[0-9]+)?)$`)

// xfDefault is a value as a question's default: as it is where pyxform
// reads it so, otherwise an expression giving it (the value in quotes,
// concatenated with an empty string), which pyxform sets when the form
// opens. Names starting with mod or div are an expression to older
// pyxform versions.
func xfDefault(v string) (string, error) {
	switch {
	case v == "":
		return "", nil
	case xfPlainRE.MatchString(v) && !strings.HasPrefix(v, "mod") && !strings.HasPrefix(v, "div"):
		return v, nil
	case strings.Contains(v, "${") || strings.ContainsAny(v, "\n\r\t"):
		return "", fmt.Errorf("%q cannot be an XLSForm default", v)
	case !strings.Contains(v, "'"):
		return "concat('" + v + "', '')", nil
	case !strings.Contains(v, `"`):
		return `concat("` + v + `", '')`, nil
	}
	return "", fmt.Errorf("%q cannot be an XLSForm default: it has both kinds of quotes", v)
}

// xfIdent keeps the letters, digits and '_' of s and makes anything else
// '_': a part of an XML name.
func xfIdent(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return r
		}
		return '_'
	}, s)
}

func xfNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// xfRoleNamed is the framework's role that name names, ignoring case,
// spaces, '_' and '-' as assess.Group does.
func xfRoleNamed(fw *framework.Framework, name string) *framework.Role {
	for i, r := range fw.Roles {
		if framework.RoleKey(r.ID) == framework.RoleKey(name) {
			return &fw.Roles[i]
		}
	}
	return nil
}

func xfRoleIDs(fw *framework.Framework) []string {
	ids := make([]string, len(fw.Roles))
	for i, r := range fw.Roles {
		ids[i] = r.ID
	}
	return ids
}

func xfJoin(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// xfDedupe drops repeated strings, keeping the first of each.
func xfDedupe(list []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
