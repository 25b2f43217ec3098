package batch

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestRunSummary runs a batch over a folder with two good questionnaires
// and a broken one, into that same folder, twice: the summary counts what
// was read and written, lists the broken file, and the second run does not
// read the first run's reports.
func TestRunSummary(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"r01-lead-partner.yaml", "r02-university.yaml"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "regions", "kaunas", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("schema: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// r02 leaves one indicator unanswered: a warning, recorded by file.
	r02 := filepath.Join(dir, "r02-university.yaml")
	data, err := os.ReadFile(r02)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(r02, regexp.MustCompile(`(?m)^  A1\.a: .*\n`).ReplaceAll(data, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	for run := 1; run <= 2; run++ {
		out, err := Run(Options{Inputs: []string{dir}, Dir: dir, Formats: []string{"json", "csv"}, Jobs: 2, Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if out.Inputs != 3 || out.Assessments != 1 {
			t.Errorf("run %d: %d inputs, %d assessments, want 3 and 1", run, out.Inputs, out.Assessments)
		}
		if len(out.Failed) != 1 || out.Failed[0].Path != filepath.Join(dir, "broken.yaml") ||
			!strings.HasPrefix(out.Failed[0].Error, filepath.Join(dir, "broken.yaml")+":") {
			t.Errorf("run %d: failed %+v", run, out.Failed)
		}
		want := []string{"comparison.csv", "comparison.xlsx", "kaunas_2024.csv", "kaunas_2024.json", SummaryFile}
		if !slices.Equal(out.Outputs, want) {
			t.Errorf("run %d: outputs %q, want %q", run, out.Outputs, want)
		}
		var sum Summary
		data, err := os.ReadFile(filepath.Join(dir, SummaryFile))
		if err != nil || json.Unmarshal(data, &sum) != nil || sum.Inputs != 3 || len(sum.Failed) != 1 {
			t.Errorf("run %d: summary.json %s (%v)", run, data, err)
		}
		if len(sum.Warnings) != 1 || sum.Warnings[0].Path != r02 || sum.Warnings[0].Kind != "unanswered" ||
			!strings.HasPrefix(sum.Warnings[0].Message, r02+": 1 of 64 indicators unanswered: A1.a") {
			t.Errorf("run %d: warnings %+v", run, sum.Warnings)
		}
	}
}

// TestFormats checks the formats batch offers: every report format but the
// terminal table, those without evidence and comments first.
func TestFormats(t *testing.T) {
	if got, want := Formats(), []string{"json", "csv", "markdown", "xlsx", "html"}; !slices.Equal(got, want) {
		t.Errorf("formats %q, want %q", got, want)
	}
	if _, err := Run(Options{Inputs: []string{"x"}, Dir: t.TempDir(), Formats: []string{"table"}}); err == nil ||
		err.Error() != `unknown format "table" (one of: json, csv, markdown, xlsx, html)` {
		t.Errorf("table: %v", err)
	}
}
