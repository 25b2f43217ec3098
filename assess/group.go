package assess

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/yamlx"
)

// Assessment is the questionnaires of one region and period under one
// framework (docs/reference.md §3), each from one respondent.
type Assessment struct {
	Framework      *framework.Framework
	Region         Region
	Period         string
	Questionnaires []*Questionnaire
	Warnings       []Warning
	// Missing are the files of the assessment that could not be used (a
	// batch goes on without them): its results are incomplete.
	Missing []string
}

// Group sorts questionnaires into assessments, ordered by framework, region
// and period; within one, respondents by id. Two questionnaires with the
// same respondent id in one assessment are an error.
func Group(qs []*Questionnaire) ([]*Assessment, error) {
	out, problems := GroupAll(qs)
	return out, problems.Err()
}

// GroupAll is Group for runs that go on despite bad files: a questionnaire
// that repeats a respondent is left out of its assessment and reported.
func GroupAll(qs []*Questionnaire) ([]*Assessment, yamlx.Problems) {
	byKey := map[string]*Assessment{}
	var out []*Assessment
	for _, q := range qs {
		key := q.Framework.ID + "\x00" + q.Region.ID + "\x00" + q.Period
		a := byKey[key]
		if a == nil {
			a = &Assessment{Framework: q.Framework, Region: q.Region, Period: q.Period}
			byKey[key] = a
			out = append(out, a)
		}
		a.Questionnaires = append(a.Questionnaires, q)
	}
	var problems yamlx.Problems
	for _, a := range out {
		// Checked in path order, so that of two files of one respondent
		// (or two copies) the one first by name is kept, however the
		// inputs were given.
		slices.SortStableFunc(a.Questionnaires, func(x, y *Questionnaire) int {
			return cmp.Or(comparePaths(x.Path, y.Path), cmp.Compare(x.Source.Line, y.Source.Line))
		})
		problems = append(problems, a.check()...)
		slices.SortStableFunc(a.Questionnaires, func(x, y *Questionnaire) int {
			return cmp.Or(cmp.Compare(x.Respondent.ID, y.Respondent.ID), cmp.Compare(x.Path, y.Path))
		})
	}
	slices.SortFunc(out, func(x, y *Assessment) int {
		return cmp.Or(cmp.Compare(x.Framework.ID, y.Framework.ID), cmp.Compare(x.Region.ID, y.Region.ID), cmp.Compare(x.Period, y.Period))
	})
	problems.Err() // sorts
	return out, problems
}

// comparePaths orders file paths by folder, then by name without its
// extension, then by extension: "r04.yaml" comes before "r04 - Copy.yaml"
// and "r04 (1).yaml", which byte order would put first.
func comparePaths(a, b string) int {
	da, fa := filepath.Split(a)
	db, fb := filepath.Split(b)
	ea, eb := filepath.Ext(fa), filepath.Ext(fb)
	return cmp.Or(cmp.Compare(da, db), cmp.Compare(strings.TrimSuffix(fa, ea), strings.TrimSuffix(fb, eb)), cmp.Compare(ea, eb))
}

// check rejects repeated respondents and notes what a coordinator should
// look at: differing region details, copied files, roles read as one of the
// framework's, unanswered indicators.
func (a *Assessment) check() yamlx.Problems {
	var problems yamlx.Problems
	byRespondent := map[string]*Questionnaire{}
	byDigest := map[string]*Questionnaire{}
	kept := a.Questionnaires[:0]
	reject := func(q *Questionnaire, msg string) {
		problems = append(problems, q.Source.Problem(msg))
		a.Missing = append(a.Missing, q.Name())
	}
	for _, q := range a.Questionnaires {
		if id := q.Respondent.ID; id != "" {
			if first, dup := byRespondent[id]; dup {
				reject(q, fmt.Sprintf("respondent %q already answered for %s %s in %s", id, a.Region.ID, a.Period, first.Path))
				continue
			}
			byRespondent[id] = q
		}
		// A copy counts once, also when it names no respondent, as an
		// unfilled template does not.
		if first, dup := byDigest[q.Digest]; dup && q.Digest != "" {
			reject(q, fmt.Sprintf("an exact copy of %s, whose answers count once", first.Path))
			continue
		}
		byDigest[q.Digest] = q
		kept = append(kept, q)
		a.fillRegion(q)
		a.normaliseRole(q)
		if ids := q.MissingIDs(); len(ids) > 0 {
			a.warn(WarnUnanswered, q, len(ids), "%s: %d of %d indicators unanswered: %s",
				q.Name(), len(ids), len(q.Answers), shortList(ids, 8))
		}
		a.checkFramework(q)
	}
	a.Questionnaires = kept
	return problems
}

// checkFramework notes a questionnaire written for another version of its
// framework, and one for a framework the one in use extends that answers
// indicators the extension dropped (docs/reference.md §1.2).
func (a *Assessment) checkFramework(q *Questionnaire) {
	named := a.Framework.Ancestor(q.FrameworkID)
	if named == nil {
		named = a.Framework
	}
	if v := q.FrameworkVersion; v != "" && v != named.Version {
		a.warn(WarnVersion, q, 0, "%s: written for %s@%s, scored with version %s",
			q.Name(), named.ID, v, named.Version)
	}
	switch n := len(q.LeftOut); {
	case n == 1:
		a.warn(WarnDropped, q, 1, "%s: indicator %s is not in framework %s (dropped by the extension); its answer is left out",
			q.Name(), q.LeftOut[0], a.Framework.ID)
	case n > 1:
		a.warn(WarnDropped, q, n, "%s: indicators %s are not in framework %s (dropped by the extension); their answers are left out",
			q.Name(), shortList(q.LeftOut, 8), a.Framework.ID)
	}
}

// warn records a warning about q's file.
func (a *Assessment) warn(kind string, q *Questionnaire, weight int, format string, args ...any) {
	a.Warnings = append(a.Warnings, Warning{Kind: kind, Path: q.Name(), Msg: fmt.Sprintf(format, args...), Weight: weight})
}

// fillRegion takes region details from the first file that gives them and
// warns where a later file says otherwise.
func (a *Assessment) fillRegion(q *Questionnaire) {
	fields := []struct {
		name      string
		have, got *string
	}{
		{"name", &a.Region.Name, &q.Region.Name},
		{"country", &a.Region.Country, &q.Region.Country},
		{"group", &a.Region.Group, &q.Region.Group},
	}
	for _, f := range fields {
		switch {
		case *f.got == "" || *f.got == *f.have:
		case *f.have == "":
			*f.have = *f.got
		default:
			a.warn(WarnRegion, q, 0, "%s: region %s %q differs from %q; using %q",
				q.Name(), f.name, *f.got, *f.have, *f.have)
		}
	}
}

// normaliseRole takes a respondent's role as the framework's role it names,
// ignoring case, spaces, '_' and '-' ("Adult Education" is
// adult-education), so that its answers count with that stakeholder group;
// a note says so when it was written otherwise. A role the framework does
// not list is kept as written.
func (a *Assessment) normaliseRole(q *Questionnaire) {
	written := q.Respondent.Role
	if written == "" {
		return
	}
	key := framework.RoleKey(written)
	for _, r := range a.Framework.Roles {
		if framework.RoleKey(r.ID) != key {
			continue
		}
		if r.ID != written {
			q.Respondent.Role = r.ID
			a.warn(WarnRole, q, 0, "%s: role %q read as %s", q.Name(), written, r.ID)
		}
		return
	}
}

func shortList(ids []string, max int) string {
	if len(ids) <= max {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:max], ", ") + fmt.Sprintf(", … (%d more)", len(ids)-max)
}
