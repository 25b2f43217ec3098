package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/r3l/r3l/instrument"
)

// qhead is the start of a valid questionnaire for the scoring test framework.
const qhead = `schema: r3l.questionnaire/v1
framework: scoring
region: {id: r, name: R}
period: "2024"
`

// TestSampleQuestionnaires loads every sample file of the repository:
// all are complete.
func TestSampleQuestionnaires(t *testing.T) {
	paths, err := filepath.Glob("../testdata/regions/*/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 19 {
		t.Fatalf("%d sample files", len(paths))
	}
	p, err := New(Options{Strict: true, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range p.Load(paths, nil) {
		if l.Err != nil {
			t.Errorf("%v", l.Err)
			continue
		}
		q := l.Questionnaires[0]
		if q.FrameworkID != "r3lplus" || q.Region.ID == "" || !strings.HasPrefix(filepath.Base(filepath.Dir(l.Path)), q.Region.ID) {
			t.Errorf("%s: framework %q region %q", l.Path, q.FrameworkID, q.Region.ID)
		}
		if q.Respondent.ID == "" || q.Period == "" || q.Missing() != 0 {
			t.Errorf("%s: respondent %q period %q missing %d", l.Path, q.Respondent.ID, q.Period, q.Missing())
		}
	}
}

func TestLoadFiles(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i, id := range []string{"r1", "r2", "r3", "r4", "r5", "r6"} {
		p := filepath.Join(dir, id+".yaml")
		src := qhead + "respondent: {id: " + id + "}\nanswers: {A1.a: " + string(rune('1'+i%5)) + "}\n"
		if i == 3 {
			src = qhead + "answers: {A1.a: 9}\n"
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	missing := filepath.Join(dir, "none.yaml")
	paths = append(paths[:2], append([]string{missing}, paths[2:]...)...)
	p, err := New(Options{Framework: "../testdata/frameworks/scoring.yaml", Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	ls := p.Load(paths, nil)
	if len(ls) != len(paths) {
		t.Fatalf("%d results for %d paths", len(ls), len(paths))
	}
	for i, l := range ls {
		if l.Path != paths[i] {
			t.Errorf("result %d is %s, want %s", i, l.Path, paths[i])
		}
		switch i {
		case 2:
			if l.Err == nil || l.Err.Error() != missing+": no such file" {
				t.Errorf("missing file: %v", l.Err)
			}
		case 4:
			if l.Err == nil || !strings.HasPrefix(l.Err.Error(), paths[4]+":5:17: A1.a: \"9\" is not on scale agree5") {
				t.Errorf("bad file: %v", l.Err)
			}
		default:
			if l.Err != nil || len(l.Questionnaires) != 1 || l.Questionnaires[0].Path != paths[i] {
				t.Errorf("%s: %v", paths[i], l.Err)
			}
		}
	}
	qs, err := Split(ls)
	if len(qs) != 5 || err == nil || len(strings.Split(err.Error(), "\n")) != 2 {
		t.Errorf("Split: %d questionnaires, error %v", len(qs), err)
	}
	if qs[0].Respondent.ID != "r1" || qs[4].Respondent.ID != "r6" {
		t.Errorf("Split order: %s … %s", qs[0].Respondent.ID, qs[4].Respondent.ID)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte(qhead+"# "+strings.Repeat("x", instrument.MaxQuestionnaireSize)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := instrument.ReadFile(big, instrument.LoadOptions{}); err == nil || err.Error() != big+": file is larger than 4 MiB" {
		t.Errorf("big file: %v", err)
	}
}
