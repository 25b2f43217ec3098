package assess

import (
	"maps"
	"slices"
)

// Questionnaires are encoded whole — answers, evidence, comments and
// priorities too — by AppendQuestionnaire, so that a run over thousands
// of files can keep what it read out of memory until the questionnaires'
// assessment is scored.

// answer kinds as encoded, with a flag for notes that follow
const answerNotesFlag = 0x80

// AppendQuestionnaire appends q's encoding, answers included, to b.
func (c *Codec) AppendQuestionnaire(b []byte, q *Questionnaire) []byte {
	c.mu.Lock()
	fwRef := c.frameworks.ref(q.Framework)
	c.mu.Unlock()
	e := encoder{b: b}
	e.questionnaire(q, fwRef)
	e.int(len(q.Answers))
	e.bool(q.Answers != nil)
	for _, a := range q.Answers {
		kind := byte(a.Kind)
		if a.notes != nil {
			kind |= answerNotesFlag
		}
		e.b = append(e.b, kind)
		if a.Kind == Valued {
			e.float(a.Value)
		}
		if a.notes != nil {
			e.str(a.notes.evidence)
			e.str(a.notes.comment)
		}
	}
	e.bool(q.Priorities != nil)
	e.int(len(q.Priorities))
	for _, area := range slices.Sorted(maps.Keys(q.Priorities)) {
		e.str(area)
		e.strs(q.Priorities[area])
	}
	return e.b
}

// DecodeQuestionnaire reads a questionnaire that AppendQuestionnaire
// encoded with the same codec.
func (c *Codec) DecodeQuestionnaire(b []byte) (*Questionnaire, error) {
	return decodeAll(b, func(d *decoder) *Questionnaire { return d.parked(c) })
}

// parked reads what AppendQuestionnaire wrote.
func (d *decoder) parked(c *Codec) *Questionnaire {
	q := d.questionnaire(c)
	n := d.count()
	if d.bool() {
		q.Answers = make([]Answer, n)
	}
	for i := range q.Answers {
		if len(d.b) == 0 {
			d.fail()
			break
		}
		kind := d.b[0]
		d.b = d.b[1:]
		a := &q.Answers[i]
		a.Kind = AnswerKind(kind &^ answerNotesFlag)
		if a.Kind > DontKnow {
			d.fail()
			break
		}
		if a.Kind == Valued {
			a.Value = d.float()
		}
		if kind&answerNotesFlag != 0 {
			a.notes = &answerNotes{d.str(), d.str()}
		}
	}
	if d.bool() {
		q.Priorities = map[string][]string{}
	}
	for range d.count() {
		if q.Priorities == nil {
			d.fail()
			break
		}
		area := d.str()
		q.Priorities[area] = d.strs()
	}
	return q
}

// AppendWarnings appends the encoding of warnings to b.
func (c *Codec) AppendWarnings(b []byte, ws []Warning) []byte {
	e := encoder{b: b}
	e.warnings(ws)
	return e.b
}

// DecodeWarnings reads warnings that AppendWarnings encoded; none are nil.
func (c *Codec) DecodeWarnings(b []byte) ([]Warning, error) {
	return decodeAll(b, (*decoder).warnings)
}

func (e *encoder) warnings(ws []Warning) {
	e.int(len(ws))
	for _, w := range ws {
		e.str(w.Kind)
		e.str(w.Path)
		e.str(w.Msg)
		e.int(w.Weight)
	}
}

func (d *decoder) warnings() []Warning {
	n := d.count()
	if n == 0 {
		return nil
	}
	ws := make([]Warning, n)
	for i := range ws {
		ws[i] = Warning{Kind: d.str(), Path: d.str(), Msg: d.str(), Weight: d.int()}
	}
	return ws
}
