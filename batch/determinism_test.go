package batch

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestBatchDeterministic runs batch over the sample regions three times,
// on one worker and on several (where the comparison files are written
// while the reports are), and checks that every JSON and CSV file comes out
// byte for byte the same.
func TestBatchDeterministic(t *testing.T) {
	regions := filepath.Join("..", "testdata", "regions")
	var dirs []string
	for _, jobs := range []int{1, 4, 2} {
		dir := t.TempDir()
		out, err := Run(Options{Inputs: []string{regions}, Dir: dir, Jobs: jobs, Formats: []string{"json", "csv"}, Version: "test"})
		if err != nil || len(out.Failed) > 0 {
			t.Fatalf("batch -j %d: %v %v", jobs, err, out)
		}
		dirs = append(dirs, dir)
	}
	files := func(dir string) []string {
		var names []string
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if ext := filepath.Ext(e.Name()); ext == ".json" || ext == ".csv" {
				names = append(names, e.Name())
			}
		}
		return names
	}
	want := files(dirs[0])
	if len(want) < 10 {
		t.Fatalf("only %d JSON and CSV files: %q", len(want), want)
	}
	for _, dir := range dirs[1:] {
		if got := files(dir); !slices.Equal(got, want) {
			t.Fatalf("files %q, then %q", want, got)
		}
		for _, name := range want {
			a, err := os.ReadFile(filepath.Join(dirs[0], name))
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s differs between runs", name)
			}
		}
	}
}
