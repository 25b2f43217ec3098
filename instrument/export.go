package instrument

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/i18n"
	"github.com/r3l/r3l/internal/yamlx"
)

// SurveyOptions say what a response export does not: the region, period
// and role of responses to a survey that does not ask them, and a mapping
// file for a survey r3l did not make.
type SurveyOptions struct {
	Region, Period, Role string
	Map                  *Mapping
}

// colKind is what a column of a response export holds.
type colKind uint8

const (
	colUnknown   colKind = iota
	colIgnore            // something the survey tool adds
	colID                // the response id
	colSubmitted         // LimeSurvey's submit date: empty while incomplete
	colReview            // ODK Central's review state
	colRegion
	colPeriod
	colRole
	colRoleOther // LimeSurvey's text of an "Other" role
	colRespondent
	colIndicator
)

// exportColumn is what one column holds.
type exportColumn struct {
	kind colKind
	ind  *framework.Indicator
	// answers maps an answer as exported to one the scale takes, from a
	// mapping file.
	answers map[string]string
}

// surveyTool is a survey tool whose exports r3l recognises by the
// columns the tool adds to every export.
type surveyTool struct {
	Name string
	// meta tells the tool's own columns by heading.
	meta func(heading string) (colKind, bool)
	// marks are headings only this tool's exports have.
	marks []string
}

// surveyTools are the tools r3l reads exports of, tried in order.
var surveyTools = []surveyTool{limeSurvey, odkCentral, koboToolbox}

// detectTool returns the tool whose export has these headings.
func detectTool(head []string) (surveyTool, bool) {
	for _, t := range surveyTools {
		for _, h := range head {
			if slices.Contains(t.marks, strings.TrimSpace(h)) {
				return t, true
			}
		}
	}
	return surveyTool{}, false
}

// readExport reads the responses of an export table as questionnaires, one
// per complete response. Incomplete responses (LimeSurvey) and rejected
// ones (ODK Central) come back with Incomplete set, for the run to list.
func readExport(t *exportTable, data []byte, opts LoadOptions) ([]*assess.Questionnaire, error) {
	so := opts.Survey
	tool, known := detectTool(t.Head)
	if !known && so.Map == nil {
		return nil, t.HeadPos.Problem("not a response export r3l knows (LimeSurvey, KoboToolbox or ODK Central): give a mapping file (--map) to read a survey's export")
	}
	fw, err := exportFramework(t, opts)
	if err != nil {
		return nil, err
	}
	cols, problems := resolveColumns(t, fw, tool, so.Map)
	if !slices.ContainsFunc(cols, func(c exportColumn) bool { return c.kind == colIndicator }) {
		// Not one column known: the survey is of another framework, and
		// a list of every column would hide that. The mapping file's
		// problems stay.
		var kept yamlx.Problems
		for _, p := range problems {
			if p.Path != t.Path {
				kept = append(kept, p)
			}
		}
		unknown := len(problems) - len(kept)
		kept = append(kept, t.HeadPos.Problem(fmt.Sprintf("no column is an indicator of framework %s (%d %s unknown): is this the framework of the survey (-F)?",
			fw.ID, unknown, i18n.Plural(unknown, "column", "columns"))))
		return nil, kept.Err()
	}
	r := &exportReader{t: t, fw: fw, cols: cols, opts: so, problems: problems, tool: tool, answers: map[*framework.Scale]scaleAnswers{}}
	r.requireColumns()
	var qs []*assess.Questionnaire
	seen := map[string]int{}
	for i := range t.Rows {
		q := r.response(i)
		if q == nil {
			continue
		}
		if first, dup := seen[q.Response]; dup {
			r.problem(t.Cell(i, r.idCol), fmt.Sprintf("response id %q again (first in row %s)", q.Response, rowName(t, first)))
			continue
		}
		seen[q.Response] = i
		qs = append(qs, q)
	}
	if err := r.problems.Capped(t.Path, r.more); err != nil {
		return nil, err
	}
	if len(qs) == 0 {
		return nil, t.HeadPos.Problem("the export holds no responses")
	}
	sources := make([]yamlx.Pos, len(qs))
	for i, q := range qs {
		sources[i] = q.Source
	}
	stamp(t.Path, data, qs...)
	for i, q := range qs {
		// The response's row, not the file; a digest per response, so
		// that only a copy of the whole export counts as a copy.
		q.Source, q.Digest = sources[i], q.SHA256+"#"+q.Response
	}
	return qs, nil
}

// rowName names a row for a message: its line or sheet row.
func rowName(t *exportTable, row int) string {
	p := t.Where[row]
	if p.Line > 0 {
		return fmt.Sprint(p.Line)
	}
	return p.Cell
}

// exportFramework is the framework an export's answers are read against:
// the mapping file's, -F's, or the default one.
func exportFramework(t *exportTable, opts LoadOptions) (*framework.Framework, error) {
	pick := opts.Pick
	if pick == nil {
		pick = BundledFramework
	}
	id, version := "", ""
	if m := opts.Survey.Map; m != nil {
		id, version = m.Framework, m.FrameworkVersion
	}
	fw, err := pick(id, version)
	if err != nil {
		return nil, t.HeadPos.Problem(err.Error())
	}
	return fw, nil
}

type exportReader struct {
	t        *exportTable
	fw       *framework.Framework
	tool     surveyTool
	cols     []exportColumn
	opts     SurveyOptions
	problems yamlx.Problems
	idCol    int
	more     int // problems past yamlx.MaxProblems
	answers  map[*framework.Scale]scaleAnswers
	roles    map[string]string // roleForms, once needed
}

func (r *exportReader) problem(p yamlx.Pos, msg string) {
	if len(r.problems) >= yamlx.MaxProblems {
		r.more++
		return
	}
	r.problems = append(r.problems, p.Problem(msg))
}

// column returns the first column of a kind, or -1.
func (r *exportReader) column(kind colKind) int {
	return slices.IndexFunc(r.cols, func(c exportColumn) bool { return c.kind == kind })
}

// requireColumns checks that the export says who answered, for which
// region and period, and answers at least one indicator.
func (r *exportReader) requireColumns() {
	r.idCol = r.column(colID)
	if r.idCol < 0 && r.column(colRespondent) < 0 && r.opts.Map == nil {
		r.problem(r.t.HeadPos, fmt.Sprintf("no response id column: a %s export has one (%s)", r.tool.Name, r.tool.marks[0]))
	}
	m := r.opts.Map
	if r.column(colRegion) < 0 && r.opts.Region == "" && (m == nil || m.Region.Value == "") {
		r.problem(r.t.HeadPos, "no region: the survey does not ask it (a question coded \"region\"); give --region or a mapping file")
	}
	if r.column(colPeriod) < 0 && r.opts.Period == "" && (m == nil || m.Period.Value == "") {
		r.problem(r.t.HeadPos, "no period: the survey does not ask it (a question coded \"period\"); give --period or a mapping file")
	}
}

// response reads one row into a questionnaire, or nil where its problems
// were recorded.
func (r *exportReader) response(row int) *assess.Questionnaire {
	fw := r.fw
	q := &assess.Questionnaire{FrameworkID: fw.ID, Framework: fw, Answers: make([]assess.Answer, len(fw.Indicators)), Source: r.t.Where[row]}
	q.Region.ID, q.Period, q.Respondent.Role = r.opts.Region, r.opts.Period, r.opts.Role
	if m := r.opts.Map; m != nil {
		q.Region.ID = cmpOr(m.Region.Value, q.Region.ID)
		q.Period = cmpOr(m.Period.Value, q.Period)
		q.Respondent.Role = cmpOr(m.Role.Value, q.Respondent.Role)
	}
	before := len(r.problems)
	cells := r.t.Rows[row]
	other := ""
	for col, c := range r.cols {
		v := strings.TrimSpace(cells[col])
		switch c.kind {
		case colID, colRespondent:
			q.Response = v
		case colSubmitted:
			q.Incomplete = q.Incomplete || v == ""
		case colReview:
			q.Incomplete = q.Incomplete || strings.EqualFold(v, "rejected")
		case colRegion:
			q.Region.ID = cmpOr(v, q.Region.ID)
		case colPeriod:
			q.Period = cmpOr(v, q.Period)
		case colRole:
			q.Respondent.Role = cmpOr(r.role(v), q.Respondent.Role)
		case colRoleOther:
			other = v
		case colIndicator:
			r.answer(q, row, col, c, v)
		}
	}
	if q.Respondent.Role == limeOther {
		q.Respondent.Role = other
	}
	if q.Response == "" {
		q.Response = fmt.Sprint(row + 1)
	}
	q.Respondent.ID = q.Response
	if !q.Incomplete {
		// Without a region or period column, the heading row's problem
		// says it once.
		where := r.t.Where[row]
		if q.Region.ID == "" && r.column(colRegion) >= 0 {
			r.problem(where, "no region: the response leaves the region question empty")
		}
		if q.Period == "" && r.column(colPeriod) >= 0 {
			r.problem(where, "no period: the response leaves the period question empty")
		}
	}
	if len(r.problems) > before {
		return nil
	}
	return q
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// answer reads one indicator's cell.
func (r *exportReader) answer(q *assess.Questionnaire, row, col int, c exportColumn, v string) {
	if mapped, ok := c.answers[normText(v)]; ok {
		v = mapped
	}
	if v == "" {
		return
	}
	ind := c.ind
	if q.Answers[ind.Index].Kind != assess.Missing {
		r.problem(r.t.Cell(row, col), fmt.Sprintf("a second answer to indicator %s", ind.ID))
		return
	}
	answers := r.answers[ind.Scale]
	if answers == nil {
		answers = newScaleAnswers(r.fw, ind.Scale)
		r.answers[ind.Scale] = answers
	}
	kind, value, msg := answers.parse(ind.Scale, v)
	if msg != "" {
		r.problem(r.t.Cell(row, col), msg)
		return
	}
	a := &q.Answers[ind.Index]
	a.Kind, a.Value = kind, value
}

// limeOther is the role LimeSurvey exports when a respondent chose
// "Other" and wrote their own, which is in the role[other] column.
const limeOther = "-oth-"

// role reads a role answer: a LimeSurvey answer code, a role id or label
// in any language become the framework's role id; anything else is kept as
// written.
func (r *exportReader) role(v string) string {
	if v == "" || v == limeOther {
		return v
	}
	if r.roles == nil {
		r.roles = roleForms(r.fw)
	}
	if id, ok := r.roles[normText(v)]; ok {
		return id
	}
	if id, ok := r.roles["key:"+framework.RoleKey(v)]; ok {
		return id
	}
	return v
}

// roleForms are the forms of the framework's roles an export may hold, by
// normText (ids written loosely by their RoleKey, after "key:").
func roleForms(fw *framework.Framework) map[string]string {
	m := map[string]string{}
	codes := roleCodes(fw.Roles)
	for i, role := range fw.Roles {
		m["key:"+framework.RoleKey(role.ID)] = role.ID
		for _, form := range append([]string{codes[i]}, labels(role.Label)...) {
			if _, taken := m[normText(form)]; !taken {
				m[normText(form)] = role.ID
			}
		}
	}
	return m
}

func labels(t framework.Text) []string {
	var out []string
	for _, l := range t {
		out = append(out, l)
	}
	slices.Sort(out) // map order must not decide which role a label names
	return out
}

// surveyAnswer is an answer as read from an export.
type surveyAnswer struct {
	kind  assess.AnswerKind
	value float64
}

// scaleAnswers are the forms in which survey tools export a scale's
// answers, by normText: codes and values, the answer texts r3l's surveys
// show in every language ("1 – Not in place", "Not applicable"), yes/no
// as Y/N or words. Made once per scale and export, so that a cell is one
// lookup.
type scaleAnswers map[string]surveyAnswer

func newScaleAnswers(fw *framework.Framework, s *framework.Scale) scaleAnswers {
	m := scaleAnswers{}
	add := func(a surveyAnswer, forms ...string) {
		for _, f := range forms {
			if _, taken := m[normText(f)]; !taken {
				m[normText(f)] = a
			}
		}
	}
	for _, lang := range surveyLangs(fw) {
		if s.Allows(framework.NA) {
			add(surveyAnswer{kind: assess.NotApplicable}, framework.NA, specialText(framework.NA, lang), words.Get(lang, "list.na"))
		}
		if s.Allows(framework.DK) {
			add(surveyAnswer{kind: assess.DontKnow}, framework.DK, specialText(framework.DK, lang), words.Get(lang, "list.dk"))
		}
		switch s.Kind {
		case framework.Ordinal:
			for i, p := range s.Points {
				add(surveyAnswer{assess.Valued, p.Value}, pointCode(s, i), pointText(s, i, lang))
			}
		case framework.Boolean:
			add(surveyAnswer{assess.Valued, 1}, "y", surveyWord("sv.yes", lang), words.Get(lang, "yes"))
			add(surveyAnswer{assess.Valued, 0}, "n", surveyWord("sv.no", lang), words.Get(lang, "no"))
		}
	}
	return m
}

// parse reads an indicator's answer as a survey tool exports it; what
// the table lacks (numbers, labels, codes in other forms) is read as in a
// questionnaire file.
func (m scaleAnswers) parse(s *framework.Scale, v string) (assess.AnswerKind, float64, string) {
	if a, ok := m[v]; ok {
		return a.kind, a.value, ""
	}
	if a, ok := m[normText(v)]; ok {
		return a.kind, a.value, ""
	}
	if s.Kind == framework.Boolean && v == "N/A" {
		// LimeSurvey's long export of an unanswered yes/no question.
		return assess.Missing, 0, ""
	}
	return assess.ParseAnswer(s, v)
}

// surveyLangs are the languages an export's texts may be in: the
// framework's and English.
func surveyLangs(fw *framework.Framework) []string {
	if slices.Contains(fw.Languages, "en") {
		return fw.Languages
	}
	return append([]string{"en"}, fw.Languages...)
}

// normText is the form in which exported texts are compared: trimmed,
// lower case, one space between words, every dash a hyphen (LimeSurvey
// keeps "–", KoboToolbox labels may have "-").
func normText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '–', '—', '‒', '−':
			return '-'
		case '\u00a0':
			return ' '
		}
		return r
	}, s)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// MaxExportSize caps a CSV or JSON response export: 500 responses to
// R3L+ with every answer as text take about 2 MiB.
const MaxExportSize = 64 << 20

func claimsCSV(path string, data []byte) bool {
	return strings.EqualFold(filepath.Ext(path), ".csv")
}

func claimsJSON(path string, data []byte) bool {
	return strings.EqualFold(filepath.Ext(path), ".json") || looksLikeJSONExport(data)
}

func readCSVResponses(path string, data []byte, opts LoadOptions) ([]*assess.Questionnaire, error) {
	t, err := readCSVExport(path, data)
	if err != nil {
		return nil, err
	}
	return readExport(t, data, opts)
}

func readJSONResponses(path string, data []byte, opts LoadOptions) ([]*assess.Questionnaire, error) {
	if !looksLikeJSONExport(data) {
		return nil, yamlx.Problem{Path: path, Msg: `not a response export r3l knows: LimeSurvey's JSON export starts {"responses": [`}
	}
	t, err := readJSONExport(path, data)
	if err != nil {
		return nil, err
	}
	return readExport(t, data, opts)
}
