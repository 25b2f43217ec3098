package instrument

import (
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/r3l/r3l/framework"
)

// The LimeSurvey survey (`r3l template -f limesurvey`): a survey structure
// file (.lss) that a coordinator imports into LimeSurvey 4 or later
// (Surveys › Create › Import). Its layout follows r3l_full.lss in the
// survey samples, which LimeSurvey 6.4.2 imported unchanged: the LS4+
// tables with a *_l10ns table per text (DBVersion 620), every value in
// CDATA, a field left out where it is empty.
//
// The survey has a group "About you" (region and period as short free
// text, the role as a list with "Other" when the framework names roles)
// and a group per area. A criterion's ordinal indicators are the rows
// (subquestions) of one array question (F) coded like the criterion, with
// the scale's points and na/dk as its answers; numeric indicators are
// numeric inputs (N) and yes/no indicators yes/no questions (Y) coded like
// the indicator. An array has one answer scale, so an ordinal indicator
// whose scale is not the one of its criterion's first ordinal indicator
// becomes a list question (L) of its own, coded like the indicator. The
// codes, texts and answer codes are those the survey export readers
// expect (survey.go); texts are plain, since LimeSurvey builds the
// headings of its full-text exports from them, and the longer texts
// (key question, description, scale, evidence) go into the help texts as
// escaped HTML. Nothing is mandatory; "No answer" is not offered, as na
// and dk are.
//
// Prefilled region, period or role are the questions' default answers
// (the tables defaultvalues and defaultvalue_l10ns, as LimeSurvey 4 and
// later export and import them).

// lssDBVersion is the database version the file claims: the one of the
// sample LimeSurvey 6.4.2 imported.
const lssDBVersion = "620"

// TemplateLimeSurvey writes a LimeSurvey survey structure (.lss) for fw in
// the languages opts.Langs (the first the survey's base language), or in
// the framework's languages.
func TemplateLimeSurvey(w io.Writer, fw *framework.Framework, opts Options) error {
	s, err := newLSSSurvey(fw, opts.Langs)
	if err != nil {
		return err
	}
	if err := s.about(opts); err != nil {
		return err
	}
	for i, a := range fw.Areas {
		s.area(a, i+2)
	}
	s.settings()
	return writeLSS(w, s.langs, s.tables())
}

// lssTable is one table of an .lss file: its fields and its rows, each
// with a value per field; an empty value leaves the field out of the row.
type lssTable struct {
	name   string
	fields []string
	rows   [][]string
}

func (t *lssTable) add(values ...string) { t.rows = append(t.rows, values) }

// The fields of the tables, as in the imported sample; questions and
// subquestions add question_theme_name, as LimeSurvey's own export does.
var (
	lssQuestionFields = []string{"qid", "parent_qid", "sid", "gid", "type", "title", "preg", "other", "mandatory", "encrypted", "question_order", "scale_id", "same_default", "relevance", "question_theme_name", "modulename", "same_script"}
	lssSurveyFields   = []string{"sid", "gsid", "admin", "adminemail", "anonymized", "format", "savetimings", "template", "language", "additional_languages", "datestamp", "usecookie", "allowsave", "allowprev", "ipaddr", "refurl", "usetokens", "showprogress", "questionindex", "assessments", "shownoanswer", "showqnumcode"}
)

// lssSurvey collects the tables of a survey. IDs count up from 1 in each
// kind, so that the same framework always gives the same file; LimeSurvey
// gives every row new IDs on import anyway.
type lssSurvey struct {
	fw    *framework.Framework
	codes *limeCodes
	langs []string
	sid   string
	ids   map[string]int

	answers, answerL10ns, defaults, defaultL10ns, groups, groupL10ns    lssTable
	questions, subquestions, questionL10ns, attributes, surveys, titles lssTable
}

func newLSSSurvey(fw *framework.Framework, asked []string) (*lssSurvey, error) {
	codes, err := newLimeCodes(fw)
	if err != nil {
		return nil, err
	}
	langs, err := surveyLanguages(fw, asked)
	if err != nil {
		return nil, err
	}
	return &lssSurvey{
		fw: fw, codes: codes, langs: lssDedupe(langs), sid: lssSurveyID(fw), ids: map[string]int{},
		answers:       lssTable{name: "answers", fields: []string{"aid", "qid", "code", "sortorder", "assessment_value", "scale_id"}},
		answerL10ns:   lssTable{name: "answer_l10ns", fields: []string{"id", "aid", "answer", "language"}},
		defaults:      lssTable{name: "defaultvalues", fields: []string{"dvid", "qid", "scale_id", "sqid", "specialtype"}},
		defaultL10ns:  lssTable{name: "defaultvalue_l10ns", fields: []string{"id", "dvid", "language", "defaultvalue"}},
		groups:        lssTable{name: "groups", fields: []string{"gid", "sid", "group_order", "randomization_group", "grelevance"}},
		groupL10ns:    lssTable{name: "group_l10ns", fields: []string{"id", "gid", "group_name", "description", "language"}},
		questions:     lssTable{name: "questions", fields: lssQuestionFields},
		subquestions:  lssTable{name: "subquestions", fields: lssQuestionFields},
		questionL10ns: lssTable{name: "question_l10ns", fields: []string{"id", "qid", "question", "help", "script", "language"}},
		attributes:    lssTable{name: "question_attributes", fields: []string{"qaid", "qid", "attribute", "value", "language"}},
		surveys:       lssTable{name: "surveys", fields: lssSurveyFields},
		titles:        lssTable{name: "surveys_languagesettings", fields: []string{"surveyls_survey_id", "surveyls_language", "surveyls_title", "surveyls_description", "surveyls_welcometext", "surveyls_endtext", "surveyls_dateformat", "surveyls_numberformat"}},
	}, nil
}

// tables are the survey's tables in the order LimeSurvey exports them.
func (s *lssSurvey) tables() []*lssTable {
	return []*lssTable{&s.answers, &s.answerL10ns, &s.defaults, &s.defaultL10ns, &s.groups, &s.groupL10ns,
		&s.questions, &s.subquestions, &s.questionL10ns, &s.attributes, &s.surveys, &s.titles}
}

// lssSurveyID is the survey's id: six digits from the framework's id and
// version, the same each time. LimeSurvey keeps it on import unless a
// survey of that id exists already.
func lssSurveyID(fw *framework.Framework) string {
	h := fnv.New32a()
	_, _ = io.WriteString(h, fw.ID+"@"+fw.Version)
	return strconv.Itoa(100000 + int(h.Sum32()%900000))
}

// lssDedupe drops repeated languages, keeping the first of each.
func lssDedupe(langs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range langs {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

// id is the next id of a kind ("qid", "aid", a table's name, …).
func (s *lssSurvey) id(kind string) string {
	s.ids[kind]++
	return strconv.Itoa(s.ids[kind])
}

// lssText is a text in each language.
type lssText func(lang string) string

// group adds a question group and returns its gid.
func (s *lssSurvey) group(order int, name, desc lssText) string {
	gid := s.id("gid")
	s.groups.add(gid, s.sid, strconv.Itoa(order), "", "1")
	for _, l := range s.langs {
		s.groupL10ns.add(s.id("group_l10ns"), gid, name(l), lssCall(desc, l), l)
	}
	return gid
}

// lssQuestion is a question of a group.
type lssQuestion struct {
	gid, code, typ, theme string
	other                 bool
	text, help            lssText
}

// question adds a question at the end of its group and returns its qid.
func (s *lssSurvey) question(q lssQuestion) string {
	qid := s.id("qid")
	other := "N"
	if q.other {
		other = "Y"
	}
	order := s.id("order in " + q.gid)
	s.questions.add(qid, "0", s.sid, q.gid, q.typ, q.code, "", other, "N", "N", order, "0", "0", "1", q.theme, "", "0")
	s.texts(qid, q.text, q.help)
	return qid
}

// subquestion adds a row of an array question.
func (s *lssSurvey) subquestion(parent, gid, code string, text lssText) {
	qid := s.id("qid")
	order := s.id("order in " + parent)
	s.subquestions.add(qid, parent, s.sid, gid, "T", code, "", "N", "", "N", order, "0", "0", "1", "", "", "0")
	s.texts(qid, text, nil)
}

func (s *lssSurvey) texts(qid string, text, help lssText) {
	for _, l := range s.langs {
		s.questionL10ns.add(s.id("question_l10ns"), qid, text(l), lssCall(help, l), "", l)
	}
}

// answer adds an answer option of a question.
func (s *lssSurvey) answer(qid, code string, assessment int, text lssText) {
	aid := s.id("aid")
	s.answers.add(aid, qid, code, s.id("sortorder of "+qid), strconv.Itoa(assessment), "0")
	for _, l := range s.langs {
		s.answerL10ns.add(s.id("answer_l10ns"), aid, text(l), l)
	}
}

// attribute adds a question attribute; lang is empty for one that holds
// in every language.
func (s *lssSurvey) attribute(qid, name, value, lang string) {
	s.attributes.add(s.id("qaid"), qid, name, value, lang)
}

// prefill makes value a question's default answer in every language.
func (s *lssSurvey) prefill(qid, value string) {
	if value == "" {
		return
	}
	dvid := s.id("dvid")
	s.defaults.add(dvid, qid, "0", "0", "")
	for _, l := range s.langs {
		s.defaultL10ns.add(s.id("defaultvalue_l10ns"), dvid, l, value)
	}
}

func lssCall(f lssText, lang string) string {
	if f == nil {
		return ""
	}
	return f(lang)
}

func lssWord(key string) lssText { return func(l string) string { return surveyWord(key, l) } }

// about adds the group "About you": region, period and role.
func (s *lssSurvey) about(opts Options) error {
	gid := s.group(1, lssWord("sv.about"), nil)
	q := lssQuestion{gid: gid, code: surveyRegion, typ: "S", theme: "shortfreetext", text: lssWord("sv.region"), help: lssHelp(lssWord("sv.region.hint"))}
	s.prefill(s.question(q), opts.Region)
	q.code, q.text, q.help = surveyPeriod, lssWord("sv.period"), lssHelp(lssWord("sv.period.hint"))
	s.prefill(s.question(q), opts.Period)
	q.code, q.text = surveyRole, lssWord("sv.role")
	if len(s.fw.Roles) == 0 {
		q.help = lssHelp(func(l string) string { return words.Get(l, "tpl.role") })
		s.prefill(s.question(q), opts.Role)
		return nil
	}
	q.typ, q.theme, q.other = "L", "listradio", true
	q.help = lssHelp(func(l string) string { return words.Get(l, "role.hint") })
	qid := s.question(q)
	prefill := ""
	for i, r := range s.fw.Roles {
		s.answer(qid, s.codes.Role[i], 0, func(l string) string { return r.Label.Get(l) })
		if opts.Role != "" && framework.RoleKey(opts.Role) == framework.RoleKey(r.ID) {
			prefill = s.codes.Role[i]
		}
	}
	for _, l := range s.langs {
		s.attribute(qid, "other_replace_text", surveyWord("sv.other", l), l)
	}
	if opts.Role != "" && prefill == "" {
		// A LimeSurvey list takes only one of its answers as its default.
		return fmt.Errorf("role %q is not one of framework %s's roles (%s), the only ones a LimeSurvey survey can prefill", opts.Role, s.fw.ID, lssRoleList(s.fw.Roles))
	}
	s.prefill(qid, prefill)
	return nil
}

func lssRoleList(roles []framework.Role) string {
	ids := make([]string, len(roles))
	for i, r := range roles {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}

// area adds the group of an area with its criteria's questions.
func (s *lssSurvey) area(a *framework.Area, order int) {
	name := func(l string) string {
		return s.fw.LevelName("area", l) + " " + a.ID + ": " + a.Title.Get(l)
	}
	gid := s.group(order, name, lssHelp(a.Description.Get))
	for _, cr := range a.Criteria {
		s.criterion(gid, cr)
	}
}

// criterion adds a criterion's questions in the order of its indicators:
// the array (at its first row) and the indicators asked on their own.
func (s *lssSurvey) criterion(gid string, cr *framework.Criterion) {
	array := lssArrayRows(cr)
	asked := false
	for _, ind := range cr.Indicators {
		switch {
		case inArray(ind) && ind.Scale.ID == array[0].Scale.ID:
			if !asked {
				s.array(gid, cr, array)
				asked = true
			}
		case inArray(ind):
			s.own(gid, ind, lssQuestion{typ: "L", theme: "listradio"})
		case ind.Scale.Kind == framework.Numeric:
			s.own(gid, ind, lssQuestion{typ: "N", theme: "numerical"})
		default:
			s.own(gid, ind, lssQuestion{typ: "Y", theme: "yesno"})
		}
	}
}

// lssArrayRows lists the rows of a criterion's array: its ordinal indicators on
// the scale of the first of them.
func lssArrayRows(cr *framework.Criterion) []*framework.Indicator {
	var rows []*framework.Indicator
	for _, ind := range cr.Indicators {
		if inArray(ind) && (len(rows) == 0 || ind.Scale.ID == rows[0].Scale.ID) {
			rows = append(rows, ind)
		}
	}
	return rows
}

// array adds a criterion's array question with its rows and answers.
func (s *lssSurvey) array(gid string, cr *framework.Criterion, rows []*framework.Indicator) {
	sc := rows[0].Scale
	help := func(l string) string {
		return lssParas(cr.Question.Get(l), cr.Description.Get(l), sc.Label.Get(l)) + lssEvidence(rows, l, true)
	}
	qid := s.question(lssQuestion{gid: gid, code: s.codes.Criterion[cr.Index], typ: "F", theme: "arrays/array",
		text: lssCriterionText(cr), help: help})
	for _, ind := range rows {
		s.subquestion(qid, gid, s.codes.Indicator[ind.Index], ind.Text.Get)
	}
	s.scaleAnswers(qid, sc)
}

// own adds an indicator asked as a question of its own, typed as q says.
func (s *lssSurvey) own(gid string, ind *framework.Indicator, q lssQuestion) {
	sc := ind.Scale
	q.gid, q.code, q.text = gid, s.codes.Indicator[ind.Index], ind.Text.Get
	q.help = func(l string) string {
		return lssParas(lssCriterionText(ind.Criterion)(l), sc.Label.Get(l)) +
			lssEvidence([]*framework.Indicator{ind}, l, false)
	}
	qid := s.question(q)
	switch q.typ {
	case "L":
		s.scaleAnswers(qid, sc)
	case "N":
		if sc.Min != nil {
			s.attribute(qid, "min_num_value_n", lssNumber(*sc.Min), "")
		}
		if sc.Max != nil {
			s.attribute(qid, "max_num_value_n", lssNumber(*sc.Max), "")
		}
		if sc.Unit != "" {
			for _, l := range s.langs {
				s.attribute(qid, "suffix", sc.Unit, l)
			}
		}
	}
}

// scaleAnswers adds an ordinal scale's points, and na and dk where the
// scale allows them, as a question's answers.
func (s *lssSurvey) scaleAnswers(qid string, sc *framework.Scale) {
	for i, p := range sc.Points {
		assessment := 0
		if p.Value == float64(int32(p.Value)) {
			assessment = int(p.Value)
		}
		s.answer(qid, pointCode(sc, i), assessment, func(l string) string { return pointText(sc, i, l) })
	}
	for _, special := range []string{framework.NA, framework.DK} {
		if sc.Allows(special) {
			s.answer(qid, special, 0, func(l string) string { return specialText(special, l) })
		}
	}
}

// lssCriterionText is an array question's text: "A1 Strategy".
func lssCriterionText(cr *framework.Criterion) lssText {
	return func(l string) string { return cr.ID + " " + cr.Title.Get(l) }
}

func lssNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// settings adds the survey's settings and its title in each language.
func (s *lssSurvey) settings() {
	s.surveys.add(s.sid, "1", "inherit", "inherit", "N", "G", "N", "inherit", s.langs[0], strings.Join(s.langs[1:], " "),
		"Y", "N", "Y", "Y", "N", "N", "N", "Y", "0", "N", "N", "X")
	for _, l := range s.langs {
		s.titles.add(s.sid, l, s.fw.Title.Get(l), lssParas(s.fw.Description.Get(l)), "", "", "1", "0")
	}
}

// lssHelp is a help text of plain text.
func lssHelp(text lssText) lssText {
	return func(l string) string { return lssParas(text(l)) }
}

// lssParas makes HTML paragraphs of plain texts, leaving out empty ones.
func lssParas(texts ...string) string {
	var b strings.Builder
	for _, t := range texts {
		if t = strings.TrimSpace(t); t != "" {
			b.WriteString("<p>" + lssEscape(t) + "</p>")
		}
	}
	return b.String()
}

// lssEscape escapes the characters that HTML text cannot hold as they
// are, and no more, so that the help texts stay readable in LimeSurvey's
// editor.
var lssEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

// lssEvidence lists the indicators' evidence examples, each after its
// indicator's text where named is set.
func lssEvidence(inds []*framework.Indicator, lang string, named bool) string {
	var items []string
	for _, ind := range inds {
		var ev []string
		for _, e := range ind.Evidence {
			if t := strings.TrimSpace(e.Get(lang)); t != "" {
				ev = append(ev, lssEscape(t))
			}
		}
		switch {
		case len(ev) == 0:
		case named:
			items = append(items, "<li><em>"+lssEscape(ind.Text.Get(lang))+"</em>: "+strings.Join(ev, "; ")+"</li>")
		default:
			for _, e := range ev {
				items = append(items, "<li>"+e+"</li>")
			}
		}
	}
	if len(items) == 0 {
		return ""
	}
	return "<p>" + lssEscape(words.Get(lang, "evidence.prompt")) + ":</p><ul>" + strings.Join(items, "") + "</ul>"
}

// writeLSS writes the survey's XML: every value in CDATA (encoding/xml
// splits a "]]>" in a text), tables without rows left out.
func writeLSS(w io.Writer, langs []string, tables []*lssTable) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	e := &lssEncoder{enc: xml.NewEncoder(w)}
	e.enc.Indent("", " ")
	e.open("document")
	e.text("LimeSurveyDocType", "Survey")
	e.text("DBVersion", lssDBVersion)
	e.open("languages")
	for _, l := range langs {
		e.text("language", l)
	}
	e.close("languages")
	for _, t := range tables {
		e.table(t)
	}
	e.close("document")
	if e.err == nil {
		e.err = e.enc.Flush()
	}
	if e.err == nil {
		_, e.err = io.WriteString(w, "\n")
	}
	return e.err
}

// lssEncoder writes XML elements, keeping the first error.
type lssEncoder struct {
	enc *xml.Encoder
	err error
}

func (e *lssEncoder) open(name string) {
	if e.err == nil {
		e.err = e.enc.EncodeToken(xml.StartElement{Name: xml.Name{Local: name}})
	}
}

func (e *lssEncoder) close(name string) {
	if e.err == nil {
		e.err = e.enc.EncodeToken(xml.EndElement{Name: xml.Name{Local: name}})
	}
}

// text writes an element of escaped text.
func (e *lssEncoder) text(name, value string) {
	if e.err == nil {
		e.err = e.enc.EncodeElement(value, xml.StartElement{Name: xml.Name{Local: name}})
	}
}

// cdata writes an element of CDATA.
func (e *lssEncoder) cdata(name, value string) {
	v := struct {
		Text string `xml:",cdata"`
	}{lssXMLChars(value)}
	if e.err == nil {
		e.err = e.enc.EncodeElement(v, xml.StartElement{Name: xml.Name{Local: name}})
	}
}

func (e *lssEncoder) table(t *lssTable) {
	if len(t.rows) == 0 {
		return
	}
	e.open(t.name)
	e.open("fields")
	for _, f := range t.fields {
		e.text("fieldname", f)
	}
	e.close("fields")
	e.open("rows")
	for _, row := range t.rows {
		if len(row) != len(t.fields) && e.err == nil {
			e.err = fmt.Errorf("internal error: a row of %s has %d values for %d fields", t.name, len(row), len(t.fields))
		}
		e.open("row")
		for i, v := range row {
			if v != "" {
				e.cdata(t.fields[i], v)
			}
		}
		e.close("row")
	}
	e.close("rows")
	e.close(t.name)
}

// lssXMLChars replaces what XML 1.0 cannot hold (invalid UTF-8, most control
// characters) with U+FFFD, which CDATA would otherwise pass on.
func lssXMLChars(s string) string {
	ok := func(r rune) bool {
		return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
	}
	clean := utf8.ValidString(s)
	for _, r := range s {
		clean = clean && ok(r)
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if ok(r) {
			return r
		}
		return utf8.RuneError
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
}
