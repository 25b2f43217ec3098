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
		Answers:    []assess.Answer{{Kind: assess.Valued, Value: 4, Score: 75}},
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

func sameWarnings(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}
