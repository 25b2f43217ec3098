package pipeline

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/r3l/r3l/instrument"
)

func TestExpandInputs(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a/r1.yaml", "a/r2.YML", "a/notes.txt", "a/~$q.xlsx", "a/q.xlsx", "a/.hidden.yaml",
		"a/sub/r3.yaml", "a/.git/x.yaml", "b/r9.yaml", "empty/readme.md"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rel := func(ps []string) string {
		var out []string
		for _, p := range ps {
			r, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(r))
		}
		return strings.Join(out, " ")
	}
	got, err := ExpandInputs([]string{filepath.Join(dir, "a"), filepath.Join(dir, "b", "*.yaml"), filepath.Join(dir, "a", "r1.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	if want := "a/q.xlsx a/r1.yaml a/r2.YML a/sub/r3.yaml b/r9.yaml"; rel(got) != want {
		t.Errorf("got %s, want %s", rel(got), want)
	}
	// A pattern matching folders searches them, as the shell's expansion
	// of the same pattern would.
	got, err = ExpandInputs([]string{filepath.Join(dir, "[ab]")})
	if err != nil {
		t.Fatal(err)
	}
	if want := "a/q.xlsx a/r1.yaml a/r2.YML a/sub/r3.yaml b/r9.yaml"; rel(got) != want {
		t.Errorf("glob of folders: got %s, want %s", rel(got), want)
	}
	if _, err := ExpandInputs([]string{filepath.Join(dir, "e*")}); err == nil || !strings.HasSuffix(err.Error(), "empty: no questionnaires (*.yaml, *.yml, *.xlsx, *.csv, *.json) in this folder") {
		t.Errorf("glob of a folder without questionnaires: %v", err)
	}
	// A file named directly is read whatever its extension.
	got, _ = ExpandInputs([]string{filepath.Join(dir, "a", "notes.txt")})
	if rel(got) != "a/notes.txt" {
		t.Errorf("explicit file: %s", rel(got))
	}
	_, err = ExpandInputs([]string{filepath.Join(dir, "none.yaml"), filepath.Join(dir, "empty"), filepath.Join(dir, "x*")})
	msgs := strings.Split(err.Error(), "\n")
	if len(msgs) != 3 || !strings.HasSuffix(msgs[0], "none.yaml: no such file or folder") ||
		!strings.HasSuffix(msgs[1], "empty: no questionnaires (*.yaml, *.yml, *.xlsx, *.csv, *.json) in this folder") ||
		!strings.HasSuffix(msgs[2], "x*: no such file or folder") {
		t.Errorf("errors %q", msgs)
	}
	if !slices.Equal([]bool{instrument.IsInput("q.XLSX"), instrument.IsInput("~$q.xlsx"), instrument.IsInput(".x.yaml"), instrument.IsInput("x.txt"), instrument.IsInput("export.CSV")},
		[]bool{true, false, false, false, true}) {
		t.Error("instrument.IsInput")
	}
}
