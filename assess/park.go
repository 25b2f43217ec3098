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
func (c *Codec) DecodeQuestionnaire(b []byte) (q *Questionnaire, err error) {
	d := decoder{b: b}
	defer func() {
		if p := recover(); p != nil {
			q, err = nil, ErrKept
		}
	}()
	q = d.questionnaire(c)
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
	if d.bad || len(d.b) != 0 {
		return nil, ErrKept
	}
	return q, nil
}
