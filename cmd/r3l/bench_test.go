package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/r3l/r3l/internal/workload"
)

// BenchmarkCommands runs the commands of BENCHMARKS.md's scale table
// in-process over the generated workload (W1; R3L_WORKLOAD=w2 for W2; see
// pipeline/bench_test.go for the floor they are measured against), each
// into a fresh folder.
func BenchmarkCommands(b *testing.B) {
	dir, _, err := workload.Bench()
	if err != nil {
		b.Fatal(err)
	}
	in, fw := filepath.Join(dir, workload.QuestionnaireDir), filepath.Join(dir, workload.FrameworkFile)
	for _, c := range []struct {
		name string
		args func(out string) []string
	}{
		{"batch-json", func(out string) []string {
			return []string{"batch", in, "-F", fw, "-o", out, "--formats", "json", "--quiet"}
		}},
		{"batch-json,xlsx,html", func(out string) []string {
			return []string{"batch", in, "-F", fw, "-o", out, "--formats", "json,xlsx,html", "--quiet"}
		}},
		{"compare-json", func(out string) []string {
			return []string{"compare", in, "-F", fw, "-o", filepath.Join(out, "c.json")}
		}},
		{"compare-csv", func(out string) []string { return []string{"compare", in, "-F", fw, "-o", filepath.Join(out, "c.csv")} }},
		{"compare-xlsx", func(out string) []string {
			return []string{"compare", in, "-F", fw, "-o", filepath.Join(out, "c.xlsx")}
		}},
		{"compare-html", func(out string) []string {
			return []string{"compare", in, "-F", fw, "-o", filepath.Join(out, "c.html")}
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var stderr strings.Builder
				if code := run(c.args(b.TempDir()), strings.NewReader(""), io.Discard, &stderr); code != 0 {
					b.Fatalf("exit %d: %s", code, stderr.String())
				}
			}
		})
	}
}

// BenchmarkAssessSample is `r3l assess` of one sample region after
// process start, as a user runs it (BENCHMARKS.md measures the whole
// process with hyperfine).
func BenchmarkAssessSample(b *testing.B) {
	files, err := filepath.Glob("../../testdata/regions/lake-constance/*.yaml")
	if err != nil || len(files) == 0 {
		b.Fatal(files, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var stderr strings.Builder
		if code := run(append([]string{"assess"}, files...), strings.NewReader(""), io.Discard, &stderr); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
}
