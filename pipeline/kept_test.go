package pipeline

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/r3l/r3l/assess"
)

// TestKeptLeavesNoFile keeps the sample results and reads them back in
// another order; the temporary file is never to be seen in the temporary
// folder, so that a killed run leaves nothing behind.
func TestKeptLeavesNoFile(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	results := runSamples(t, "../testdata/regions/*/*.yaml")
	k, err := NewKept()
	if err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the kept results' file is to be seen: %v", left)
	}
	var entries []assess.Entry
	for _, r := range results {
		e, err := k.Keep(r.Framework, r)
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, e)
	}
	if k.Size() == 0 {
		t.Fatal("nothing kept")
	}
	for i := len(entries) - 1; i >= 0; i-- {
		r, err := k.Load(entries[i].Source)
		if err != nil {
			t.Fatal(err)
		}
		if r.Region != results[i].Region || r.Period != results[i].Period || *r.Score != *results[i].Score {
			t.Errorf("entry %d read back as %s %s %v, want %s %s %v", i, r.Region.ID, r.Period, *r.Score,
				results[i].Region.ID, results[i].Period, *results[i].Score)
		}
		if q := r.Questionnaires[0]; q.Answers != nil {
			t.Errorf("%s: answers kept", q.Path)
		}
	}
	if err := k.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestKeptNotes keeps warnings between results and reads them back in
// order, an assessment not scored (-1) having none; a number that is a
// result's is no warnings.
func TestKeptNotes(t *testing.T) {
	k, err := NewKept()
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	results := runSamples(t, "../testdata/regions/lake-constance/*.yaml")
	a := []assess.Warning{{Kind: "unanswered", Path: "a.yaml", Msg: "a.yaml: 3 indicators unanswered", Weight: 3},
		{Kind: "unknown", Path: "a.yaml", Msg: "a.yaml: “x” — unknown\x1b[2J", Weight: 0}}
	b := []assess.Warning{{Kind: "duplicate", Path: "b/ü.yaml", Msg: "", Weight: -1}}
	na, _ := k.KeepNotes(a)
	resultNo, _ := k.Add(results[0])
	nb, _ := k.KeepNotes(b)
	none, _ := k.KeepNotes(nil)
	all, err := k.AllNotes([]int{nb, -1, none, na})
	if err != nil {
		t.Fatal(err)
	}
	want := append(slices.Clone(b), a...)
	if !reflect.DeepEqual(all, want) {
		t.Errorf("read back %+v\nwant %+v", all, want)
	}
	if got, err := k.Notes(resultNo); err == nil {
		t.Errorf("a result read as warnings: %+v", got)
	}
	if n := reflect.TypeFor[assess.Warning]().NumField(); n != 4 {
		t.Errorf("assess.Warning has %d fields; KeepNotes keeps 4: keep the new ones too, then change this number", n)
	}
}

// runSamples scores the sample files pattern matches.
func runSamples(t *testing.T, pattern string) []*assess.Result {
	t.Helper()
	paths, _ := filepath.Glob(pattern)
	p, err := New(Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	results, err := p.Run(paths)
	if err != nil {
		t.Fatal(err)
	}
	return results
}
