package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/r3l/r3l/assess"
)

// sampleQuestionnaires are every sample region's and city's
// questionnaires, read with their evidence, comments and priorities.
func sampleQuestionnaires(t *testing.T) []*assess.Questionnaire {
	t.Helper()
	paths, _ := filepath.Glob("../testdata/regions/*/*.yaml")
	cities, _ := filepath.Glob("../testdata/cities/*/*.yaml")
	p, err := New(Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	qs, err := Split(p.Load(append(paths, cities...), nil))
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// TestCodecKeepsQuestionnaires encodes every sample questionnaire and
// reads it back whole: answers with their evidence and comments,
// priorities, where it was read from. Cut short or damaged, the bytes
// are an error.
func TestCodecKeepsQuestionnaires(t *testing.T) {
	qs := sampleQuestionnaires(t)
	var codec assess.Codec
	notes, priorities := 0, 0
	for _, q := range qs {
		b := codec.AppendQuestionnaire(nil, q)
		back, err := codec.DecodeQuestionnaire(b)
		if err != nil {
			t.Fatalf("%s: %v", q.Path, err)
		}
		if !reflect.DeepEqual(back, q) {
			t.Errorf("%s read back otherwise:\n got %+v\nwant %+v", q.Path, back, q)
		}
		for _, a := range q.Answers {
			if a.Evidence() != "" || a.Comment() != "" {
				notes++
			}
		}
		priorities += len(q.Priorities)
		for n := range len(b) {
			if _, err := codec.DecodeQuestionnaire(b[:n]); !errors.Is(err, assess.ErrKept) {
				t.Fatalf("%s cut to %d of %d bytes: %v, want ErrKept", q.Path, n, len(b), err)
			}
		}
	}
	if notes == 0 || priorities == 0 {
		t.Fatalf("the samples hold %d answers with notes and %d priorities: nothing tested", notes, priorities)
	}
	// A field added to Questionnaire is lost by parking unless the codec
	// encodes it: this count is to be raised with the codec.
	if n := reflect.TypeFor[assess.Questionnaire]().NumField(); n != 15 {
		t.Errorf("assess.Questionnaire has %d fields, the codec encodes 15: encode the new ones (assess/spill.go, assess/park.go)", n)
	}
	var other assess.Codec // knows no framework
	if _, err := other.DecodeQuestionnaire(codec.AppendQuestionnaire(nil, qs[0])); !errors.Is(err, assess.ErrKept) {
		t.Errorf("bytes of another codec: %v, want ErrKept", err)
	}
}

// TestParkedScoresAsInMemory reads the samples, with a repeated
// respondent and an exact copy among them, into a Parked and scores them
// a region at a time: the same results and problems as grouping and
// scoring them all in memory, and no temporary file to be seen.
func TestParkedScoresAsInMemory(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for _, src := range []string{"../testdata/regions", "../testdata/cities"} {
		files, _ := filepath.Glob(src + "/*/*.yaml")
		paths = append(paths, files...)
	}
	copied := filepath.Join(dir, "copy.yaml")
	data, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copied, data, 0o644); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, copied)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)

	p, _ := New(Options{Workers: 2})
	qs, err := Split(p.Load(paths, nil))
	if err != nil {
		t.Fatal(err)
	}
	want, wantProblems := assess.GroupAll(qs)
	var wantResults []*assess.Result
	inMemory := slices.Clone(want)
	for _, region := range Regions(inMemory, p.Frameworks(inMemory)) {
		wantResults = append(wantResults, p.ScoreRegion(inMemory, region, nil)...)
	}

	loaded, pk, err := p.Park(paths, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer pk.Close()
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the parked questionnaires' file is to be seen: %v", left)
	}
	if slices.ContainsFunc(loaded, func(l Loaded) bool { return l.Questionnaires != nil }) {
		t.Error("questionnaires held in memory besides the parked ones")
	}
	as := pk.Assessments()
	if len(as) != len(want) {
		t.Fatalf("%d assessments parked, want %d", len(as), len(want))
	}
	var problems []error
	var results []*assess.Result
	for _, region := range Regions(as, p.Frameworks(as)) {
		found, err := pk.Unpark(as, region)
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range found {
			problems = append(problems, pr)
		}
		for _, i := range region {
			if !reflect.DeepEqual(as[i], want[i]) {
				t.Errorf("assessment %d (%s %s) read back otherwise", i, want[i].Region.ID, want[i].Period)
			}
		}
		results = append(results, p.ScoreRegion(as, region, nil)...)
	}
	if len(wantProblems) == 0 || len(problems) != len(wantProblems) {
		t.Fatalf("problems %v, want %v (the copy)", problems, wantProblems)
	}
	for i := range problems {
		if problems[i].Error() != wantProblems[i].Error() {
			t.Errorf("problem %d: %v, want %v", i, problems[i], wantProblems[i])
		}
	}
	for i := range results {
		if !reflect.DeepEqual(results[i], wantResults[i]) {
			t.Errorf("result %d (%s %s) differs from the one scored in memory", i, results[i].Region.ID, results[i].Period)
		}
	}
}
