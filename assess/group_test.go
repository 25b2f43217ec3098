package assess_test

import (
	"strings"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

// rolesFramework is formsFramework with three stakeholder roles.
var rolesFramework = strings.Replace(formsFramework, "areas:\n", `roles:
  - {id: adult-education, label: Adult education}
  - {id: lead-partner}
  - {id: employer}
areas:
`, 1)

// answered is a questionnaire of region r, 2024, with its one indicator
// answered, from respondent id with role.
func answered(fw *framework.Framework, id, role string) *assess.Questionnaire {
	return &assess.Questionnaire{
		Path: id + ".yaml", Framework: fw, FrameworkID: fw.ID,
		Region: assess.Region{ID: "r"}, Period: "2024",
		Respondent: assess.Respondent{ID: id, Role: role},
		Answers:    []assess.Answer{{Kind: assess.Valued, Value: 4}},
	}
}

// TestGroupRoles checks that a role naming one of the framework's roles in
// another spelling is taken as that role, with a note, and that any other
// role is kept as written.
func TestGroupRoles(t *testing.T) {
	fw, err := framework.Load("roles.yaml", []byte(rolesFramework))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ written, want string }{
		{"adult-education", "adult-education"}, // the id: no note
		{"Adult Education", "adult-education"},
		{"ADULT_EDUCATION", "adult-education"},
		{"lead partner", "lead-partner"},
		{" employer ", "employer"},
		{"Employer", "employer"},
		{"volunteer", "volunteer"},                 // not a role of the framework: as written
		{"adult education-x", "adult education-x"}, // close is not enough
		{"", ""},
	}
	var qs []*assess.Questionnaire
	for i, tt := range tests {
		qs = append(qs, answered(fw, "r"+string(rune('a'+i)), tt.written))
	}
	as, err := assess.Group(qs)
	if err != nil || len(as) != 1 {
		t.Fatalf("%d assessments, %v", len(as), err)
	}
	for i, tt := range tests {
		if got := qs[i].Respondent.Role; got != tt.want {
			t.Errorf("role %q read as %q, want %q", tt.written, got, tt.want)
		}
	}
	sameWarnings(t, as[0].Warnings, []string{
		`rb.yaml: role "Adult Education" read as adult-education`,
		`rc.yaml: role "ADULT_EDUCATION" read as adult-education`,
		`rd.yaml: role "lead partner" read as lead-partner`,
		`re.yaml: role " employer " read as employer`,
		`rf.yaml: role "Employer" read as employer`,
	})
}

// TestGroupRolesWithoutFrameworkRoles checks that roles are kept as written
// when the framework lists none.
func TestGroupRolesWithoutFrameworkRoles(t *testing.T) {
	fw, err := framework.Load("forms.yaml", []byte(formsFramework))
	if err != nil {
		t.Fatal(err)
	}
	q := answered(fw, "r1", "Adult Education")
	as, err := assess.Group([]*assess.Questionnaire{q})
	if err != nil {
		t.Fatal(err)
	}
	if q.Respondent.Role != "Adult Education" {
		t.Errorf("role read as %q", q.Respondent.Role)
	}
	sameWarnings(t, as[0].Warnings, nil)
}

func sameWarnings(t *testing.T, warnings []assess.Warning, want []string) {
	t.Helper()
	var got []string
	for _, w := range warnings {
		got = append(got, w.Msg)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// TestGroupCopies checks that an exact copy of a questionnaire is an error
// naming both files also without respondent ids, that of two files the
// one first in path order is kept whatever the input order — the original
// before "… - Copy" — and that the assessment knows which files it lost.
func TestGroupCopies(t *testing.T) {
	fw, err := framework.Load("roles.yaml", []byte(rolesFramework))
	if err != nil {
		t.Fatal(err)
	}
	file := func(path, id, digest string) *assess.Questionnaire {
		q := answered(fw, id, "")
		q.Path, q.Digest = path, digest
		q.Source.Path = path
		return q
	}
	qs := []*assess.Questionnaire{
		file("in/noid - Copy.xlsx", "", "d1"), // given first
		file("in/noid.xlsx", "", "d1"),
		file("in/r2.yaml", "r2", "d2"),
		file("in/r2 (1).yaml", "r2", "d3"), // same respondent, other answers
	}
	as, problems := assess.GroupAll(qs)
	var got []string
	for _, p := range problems {
		got = append(got, p.Error())
	}
	want := []string{
		"in/noid - Copy.xlsx: an exact copy of in/noid.xlsx, whose answers count once",
		`in/r2 (1).yaml: respondent "r2" already answered for r 2024 in in/r2.yaml`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	if len(as) != 1 || len(as[0].Questionnaires) != 2 {
		t.Fatalf("assessments %v", as)
	}
	if m := strings.Join(as[0].Missing, ", "); m != "in/noid - Copy.xlsx, in/r2 (1).yaml" {
		t.Errorf("missing %s", m)
	}
	if r := assess.Score(fw, as[0], assess.Options{}); r.Respondents != 2 || len(r.Missing) != 2 {
		t.Errorf("scored %d respondents, %d missing", r.Respondents, len(r.Missing))
	}
}

// TestSummariseWarnings checks the one line per kind of warning: how many
// files, the worst first; a kind with one warning keeps its message.
func TestSummariseWarnings(t *testing.T) {
	ws := []assess.Warning{
		{Kind: assess.WarnUnanswered, Path: "a.yaml", Msg: "a.yaml: 2 of 64 indicators unanswered: …", Weight: 2},
		{Kind: assess.WarnRole, Path: "b.yaml", Msg: `b.yaml: role "Employer" read as employer`},
		{Kind: assess.WarnUnanswered, Path: "c.yaml", Msg: "c.yaml: 40 of 64 indicators unanswered: …", Weight: 40},
		{Kind: assess.WarnUnanswered, Path: "d.yaml", Msg: "d.yaml: 9 of 64 indicators unanswered: …", Weight: 9},
		{Kind: assess.WarnUnanswered, Path: "e.yaml", Msg: "e.yaml: 1 of 64 indicators unanswered: …", Weight: 1},
	}
	got := assess.SummariseWarnings(ws)
	want := []string{
		"4 questionnaires leave indicators unanswered: c.yaml (40), d.yaml (9), a.yaml (2), …",
		`b.yaml: role "Employer" read as employer`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("summary:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}
