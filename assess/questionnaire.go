// Package assess groups questionnaires into assessments and scores them
// against a framework: the questionnaire model, grouping, scoring and
// comparison. It is pure: readers (package instrument) turn files into
// questionnaires, and writers (package report) render the results.
package assess

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/yamlx"
)

// Region identifies the region an assessment is about.
type Region struct {
	ID      string
	Name    string
	Country string
	Group   string
}

// Respondent is who filled in a questionnaire.
type Respondent struct {
	ID   string
	Role string
}

// AnswerKind says what kind of answer was given.
type AnswerKind uint8

// Answer kinds. The zero value is a missing answer.
const (
	Missing AnswerKind = iota
	Valued
	NotApplicable
	DontKnow
)

// Answer is one respondent's answer to one indicator.
type Answer struct {
	Kind  AnswerKind
	Value float64 // as given on the scale; boolean yes = 1, no = 0; its score is Scale.Score(Value)
	// notes are kept out of line: most answers have none, and a batch
	// holds every answer of thousands of files until they are grouped
	// (32 bytes an answer rather than 56).
	notes *answerNotes
}

// answerNotes are what a respondent wrote with an answer.
type answerNotes struct{ evidence, comment string }

// Evidence is the evidence the respondent named for the answer.
func (a Answer) Evidence() string {
	if a.notes == nil {
		return ""
	}
	return a.notes.evidence
}

// Comment is the respondent's comment on the answer.
func (a Answer) Comment() string {
	if a.notes == nil {
		return ""
	}
	return a.notes.comment
}

// SetNotes sets the answer's evidence and comment; both empty, nothing is
// kept.
func (a *Answer) SetNotes(evidence, comment string) {
	if evidence == "" && comment == "" {
		a.notes = nil
		return
	}
	a.notes = &answerNotes{evidence, comment}
}

// Display returns the answer as a respondent would write it.
func (a Answer) Display(s *framework.Scale) string {
	switch a.Kind {
	case NotApplicable:
		return framework.NA
	case DontKnow:
		return framework.DK
	case Valued:
		if s.Kind == framework.Boolean {
			if a.Value == 1 {
				return "yes"
			}
			return "no"
		}
		return strconv.FormatFloat(a.Value, 'f', -1, 64)
	}
	return ""
}

// Questionnaire is one respondent's answers for one region and period. A
// file may hold one (a YAML file, a workbook) or many (a survey export).
type Questionnaire struct {
	Path             string // the file it was read from
	SHA256           string // of that file's bytes
	FrameworkID      string // framework id named in the file
	FrameworkVersion string // after '@', if given
	Framework        *framework.Framework
	Region           Region
	Period           string
	Respondent       Respondent
	Answers          []Answer // indexed by framework.Indicator.Index
	// LeftOut are the indicators answered for the framework the file
	// names that the framework in use, which extends it, dropped
	// (docs/reference.md §1.2): their answers are not read.
	LeftOut    []string
	Priorities map[string][]string // area id -> criterion ids, best first
	// Source is where the questionnaire is in its file, for messages
	// about it as a whole: its respondent id's line and column or cell,
	// or its row in an export.
	// Response is the response id of a questionnaire read from a
	// survey's response export, which holds many; empty for a file that
	// is one questionnaire.
	Response string
	// Incomplete marks a response the survey tool holds as unfinished
	// (LimeSurvey) or rejected (ODK Central): read, but never scored.
	Incomplete bool
	Source     yamlx.Pos
	// Digest identifies the questionnaire's content: two with the same
	// digest are copies of each other. It is the file's SHA-256 where a
	// file holds one questionnaire.
	Digest string
}

// Missing counts the indicators left unanswered.
// Name says which questionnaire this is in messages: its file, and the
// response where the file is a survey export.
func (q *Questionnaire) Name() string {
	if q.Response != "" {
		return q.Path + " (response " + q.Response + ")"
	}
	return q.Path
}

func (q *Questionnaire) Missing() int {
	n := 0
	for _, a := range q.Answers {
		if a.Kind == Missing {
			n++
		}
	}
	return n
}

// MissingIDs lists the indicators a questionnaire left unanswered.
func (q *Questionnaire) MissingIDs() []string {
	var ids []string
	for i, a := range q.Answers {
		if a.Kind == Missing {
			ids = append(ids, q.Framework.Indicators[i].ID)
		}
	}
	return ids
}

// DropNotes forgets the evidence and comments, for runs whose reports do
// not show them: a questionnaire is then little more than its scores.
func (q *Questionnaire) DropNotes() {
	for i := range q.Answers {
		q.Answers[i].notes = nil
	}
}

// DropAnswers forgets the answers and priorities once the questionnaire
// is scored and no report is still to show them; what identifies it (path,
// digest, respondent) stays for the comparison.
func (q *Questionnaire) DropAnswers() {
	q.Answers, q.Priorities = nil, nil
}

// ParseAnswer reads one answer as written — a YAML scalar, a spreadsheet
// cell, a survey export — against a scale, so that every reader takes the
// same forms, ignoring case and surrounding spaces: a point's value (4), its
// code (largely) or its label in any language of the framework (Largely in
// place, Weitgehend umgesetzt); a drop-down item, "value – label"
// (4 – Largely in place, na – not applicable), of which the part before the
// dash counts; yes, no, true or false on a yes/no scale; a number on a
// numeric scale; na and dk where the scale allows them. The message is
// empty when the answer is valid.
func ParseAnswer(s *framework.Scale, text string) (AnswerKind, float64, string) {
	t := answerWord(s, strings.TrimSpace(text))
	lower := strings.ToLower(t)
	switch lower {
	case framework.NA, framework.DK:
		if !s.Allows(lower) {
			return Missing, 0, fmt.Sprintf("%q is not allowed on scale %s (%s)", lower, s.ID, ScaleHint(s))
		}
		if lower == framework.NA {
			return NotApplicable, 0, ""
		}
		return DontKnow, 0, ""
	}
	switch s.Kind {
	case framework.Ordinal:
		for _, p := range s.Points {
			if strings.EqualFold(p.Code, t) {
				return Valued, p.Value, ""
			}
		}
		if v, err := strconv.ParseFloat(t, 64); err == nil {
			if p, ok := s.PointByValue(v); ok {
				return Valued, p.Value, ""
			}
		}
		return Missing, 0, fmt.Sprintf("%s is not on scale %s (%s)", Quote(t), s.ID, ScaleHint(s))
	case framework.Boolean:
		switch lower {
		case "yes", "true":
			return Valued, 1, ""
		case "no", "false":
			return Valued, 0, ""
		}
		return Missing, 0, fmt.Sprintf("%s is not a yes/no answer (%s)", Quote(t), ScaleHint(s))
	default:
		v, err := strconv.ParseFloat(strings.ReplaceAll(t, "_", ""), 64)
		if err != nil || v != v || v > 1e300 || v < -1e300 {
			return Missing, 0, fmt.Sprintf("%s is not a number (%s)", Quote(t), ScaleHint(s))
		}
		if (s.Min != nil && v < *s.Min) || (s.Max != nil && v > *s.Max) {
			return Missing, 0, fmt.Sprintf("%v is outside scale %s (%s)", v, s.ID, ScaleHint(s))
		}
		return Valued, v, ""
	}
}

// answerWord reduces the longer forms of an answer to a value or code: a
// point's label gives its code, and a drop-down item its part before the
// dash. A label is matched first, as it may itself hold a dash. On a
// numeric scale only na and dk are taken from a drop-down item, so that a
// range such as "1 - 5" is refused rather than read as 1.
func answerWord(s *framework.Scale, t string) string {
	if s.Kind == framework.Ordinal {
		if code, ok := s.CodeOfLabel(t); ok {
			return code
		}
	}
	code, _, ok := CutListItem(t)
	if !ok {
		return t
	}
	if lower := strings.ToLower(code); s.Kind != framework.Numeric || lower == framework.NA || lower == framework.DK {
		return code
	}
	return t
}

// ListSep joins a drop-down item's code and its label: "4 – Largely in place".
const ListSep = " – "

// CutListItem splits a drop-down item "code – label" (an en dash, or a
// hyphen or em dash between spaces, as typed by hand) into its code and
// label.
func CutListItem(s string) (code, label string, ok bool) {
	for _, sep := range []string{"–", " - ", " — "} {
		if c, l, ok := strings.Cut(s, sep); ok && strings.TrimSpace(c) != "" {
			return strings.TrimSpace(c), strings.TrimSpace(l), true
		}
	}
	return s, "", false
}

// Quote quotes text from a questionnaire for a message, shortened.
func Quote(s string) string {
	return strconv.Quote(yamlx.Shorten(s, 40))
}

// ScaleHint lists the answers a scale takes, for messages and templates.
func ScaleHint(s *framework.Scale) string {
	var parts []string
	switch s.Kind {
	case framework.Ordinal:
		vals := make([]string, len(s.Points))
		codes := make([]string, len(s.Points))
		for i, p := range s.Points {
			vals[i] = strconv.FormatFloat(p.Value, 'f', -1, 64)
			codes[i] = p.Code
		}
		parts = append(parts, strings.Join(vals, ", "), strings.Join(codes, ", "))
	case framework.Boolean:
		parts = append(parts, "yes, no")
	default:
		rng := "a number"
		switch {
		case s.Min != nil && s.Max != nil:
			rng = fmt.Sprintf("a number from %v to %v", *s.Min, *s.Max)
		case s.Min != nil:
			rng = fmt.Sprintf("a number from %v", *s.Min)
		case s.Max != nil:
			rng = fmt.Sprintf("a number up to %v", *s.Max)
		}
		if s.Unit != "" {
			rng += " " + s.Unit
		}
		parts = append(parts, rng)
	}
	parts = append(parts, s.Allow...)
	return "expected " + strings.Join(parts, "; ")
}

// SuggestIndicator words a hint for an unknown indicator id: the criterion
// it names, or the closest indicator id.
func SuggestIndicator(fw *framework.Framework, id string) string {
	if c := fw.Criterion(id); c != nil {
		return fmt.Sprintf(" (%s is a criterion; answer its indicators %s.a, %s.b, …)", id, id, id)
	}
	ids := make([]string, len(fw.Indicators))
	for i, ind := range fw.Indicators {
		ids[i] = ind.ID
	}
	if best := yamlx.Closest(id, ids); best != "" {
		return fmt.Sprintf(" (did you mean %s?)", best)
	}
	return " in framework " + fw.ID
}
