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
// and a broken one, into that same folder, three times with other formats
// each time: the summary counts what was read and written, lists the
// broken file, and no run reads the reports of an earlier one, also of the
// run before the last (whose summary.json is gone).
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
	formats := [][]string{{"json", "csv"}, {"markdown"}, {"json", "csv"}}
	skipped := []int{0, 5, 5}
	for run := 1; run <= 3; run++ {
		out, err := Run(Options{Inputs: []string{dir}, Dir: dir, Formats: formats[run-1], Jobs: 2, Version: "test"})
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
		if len(out.Skipped) != skipped[run-1] {
			t.Errorf("run %d: skipped %q, want %d of r3l's own files", run, out.Skipped, skipped[run-1])
		}
		want := []string{"comparison.csv", "comparison.xlsx", "kaunas_2024.csv", "kaunas_2024.json", SummaryFile}
		if run == 2 {
			want = []string{"comparison.csv", "comparison.xlsx", "kaunas_2024.md", SummaryFile}
		}
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

// A report that cannot be written — a folder stands where it goes — is
// listed, and every other report, the comparison and summary.json are
// still written; a period of 300 characters makes a file name that fits.
func TestRunGoesOnPastFailedWrites(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	for i, name := range []string{"r01-lead-partner.yaml", "r02-university.yaml"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "regions", "kaunas", name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(in, name), data, 0o644)
		if i == 0 {
			long := regexp.MustCompile(`(?m)^period: .*$`).ReplaceAll(data, []byte(`period: "`+strings.Repeat("p", 300)+`"`))
			os.WriteFile(filepath.Join(in, "long.yaml"), long, 0o644)
		}
	}
	if err := os.Mkdir(filepath.Join(out, "kaunas_2024.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	sum, err := Run(Options{Inputs: []string{in}, Dir: out, Formats: []string{"json", "csv"}, Jobs: 2, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed) != 1 || sum.Failed[0].Path != filepath.Join(out, "kaunas_2024.json") ||
		!strings.Contains(sum.Failed[0].Error, "is a folder, not a file") {
		t.Errorf("failed %+v", sum.Failed)
	}
	long := "kaunas_" + strings.Repeat("p", maxNamePart-9) + "-"
	var names []string
	for _, o := range sum.Outputs {
		names = append(names, strings.Replace(o, long, "kaunas_LONG-", 1))
	}
	want := "comparison.csv comparison.xlsx kaunas_2024.csv kaunas_LONG-"
	if got := strings.Join(names, " "); !strings.HasPrefix(got, want) || !strings.HasSuffix(got, ".json summary.json") || len(sum.Outputs) != 6 {
		t.Errorf("outputs %q", sum.Outputs)
	}
	for _, o := range sum.Outputs {
		if len(o) > 100 {
			t.Errorf("file name of %d bytes: %s", len(o), o)
		}
		if _, err := os.Stat(filepath.Join(out, o)); err != nil {
			t.Error(err)
		}
	}
}
