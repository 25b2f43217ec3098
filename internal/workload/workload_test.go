package workload

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/pipeline"
)

// TestGenerate checks a small workload: the framework and every
// questionnaire load without a problem, and a second run writes the same
// bytes.
func TestGenerate(t *testing.T) {
	cfg := Config{Regions: 40, Seed: 7, TwoPeriods: 0.3}
	dirs := []string{t.TempDir(), t.TempDir()}
	var stats []Stats
	for _, dir := range dirs {
		st, err := Generate(dir, cfg)
		if err != nil {
			t.Fatal(err)
		}
		stats = append(stats, st)
	}
	st := stats[0]
	if st != stats[1] || st.Regions != 40 || st.Assessments < 40 || st.Files < st.Assessments || st.Bytes == 0 {
		t.Fatalf("stats %+v, then %+v", stats[0], stats[1])
	}
	fw, err := framework.LoadFile(filepath.Join(dirs[0], FrameworkFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(fw.Areas) != 4 || len(fw.Criteria) != 20 || len(fw.Indicators) != 100 || len(fw.Warnings) > 0 {
		t.Errorf("framework: %d areas, %d criteria, %d indicators, warnings %v", len(fw.Areas), len(fw.Criteria), len(fw.Indicators), fw.Warnings)
	}
	files, err := pipeline.ExpandInputs([]string{filepath.Join(dirs[0], QuestionnaireDir)})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != st.Files {
		t.Fatalf("%d files, stats say %d", len(files), st.Files)
	}
	p, err := pipeline.New(pipeline.Options{Framework: filepath.Join(dirs[0], FrameworkFile)})
	if err != nil {
		t.Fatal(err)
	}
	results, err := p.Run(files)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != st.Assessments {
		t.Errorf("%d assessments, stats say %d", len(results), st.Assessments)
	}
	for _, f := range files {
		rel, _ := filepath.Rel(dirs[0], f)
		a, _ := os.ReadFile(f)
		b, err := os.ReadFile(filepath.Join(dirs[1], rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Fatalf("%s differs between two runs (%v)", rel, err)
		}
	}
}

func TestGenerateLarge(t *testing.T) {
	dir := t.TempDir()
	if err := GenerateLarge(dir, 300); err != nil {
		t.Fatal(err)
	}
	fw, err := os.ReadFile(filepath.Join(dir, FrameworkFile))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(fw), "text: {en: Statement}"); n != 300 {
		t.Errorf("%d indicators, want 300", n)
	}
	q, err := os.ReadFile(filepath.Join(dir, LargeQuestionnaires[1]))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(q), "\n  J3.j: "); n != 1 {
		t.Errorf("the last indicator answered %d times", n)
	}
	// It loads and scores: every indicator answered by both respondents.
	p, err := pipeline.New(pipeline.Options{Framework: filepath.Join(dir, FrameworkFile)})
	if err != nil {
		t.Fatal(err)
	}
	results, err := p.Run([]string{filepath.Join(dir, LargeQuestionnaires[0]), filepath.Join(dir, LargeQuestionnaires[1])})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Answered.Scored != 300 || results[0].Respondents != 2 {
		t.Errorf("scored %d assessments, %+v", len(results), results[0].Answered)
	}
	if err := GenerateLarge(dir, 150); err == nil {
		t.Error("150 indicators: no error")
	}
}
