package assess

import (
	"fmt"
	"strings"

	"github.com/r3l/r3l/internal/yamlx"
)

// anonymise removes from a scored result what tells its respondents apart
// (Options.Anonymous): the questionnaires become copies without respondent
// ids, with "input N" for their paths and without the roles of groups
// smaller than the minimum, which merge into OtherRole; the warnings name
// the inputs by the same labels. The scores are computed before.
func (r *Result) anonymise() {
	size := map[string]int{}
	for _, q := range r.Questionnaires {
		size[q.Respondent.Role]++
	}
	qs := make([]*Questionnaire, len(r.Questionnaires))
	var paths []string // old, new, … for the warnings
	for i, q := range r.Questionnaires {
		c := *q
		c.Respondent.ID = ""
		if c.Respondent.Role == "" || size[c.Respondent.Role] < r.Options.MinRole {
			c.Respondent.Role = OtherRole
		}
		c.Path, c.Response = fmt.Sprintf("input %d", i+1), ""
		c.Source = yamlx.Pos{Path: c.Path}
		// A survey export's responses are named by path and response id:
		// that name goes first so that no response id is left behind.
		paths = append(paths, q.Name(), c.Path, q.Path, c.Path)
		qs[i] = &c
	}
	r.Questionnaires = qs
	replace := strings.NewReplacer(paths...)
	for i, w := range r.Notes {
		r.Notes[i].Path, r.Notes[i].Msg = replace.Replace(w.Path), replace.Replace(w.Msg)
	}
	for i, p := range r.Missing {
		r.Missing[i] = replace.Replace(p)
	}
}
