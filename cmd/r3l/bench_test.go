package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/r3l/r3l/internal/workload"
)

// BenchmarkBatchJSON runs `r3l batch --formats json` in-process over the
// generated workload of BENCHMARKS.md (see pipeline/bench_test.go for the
// floor it is measured against).
func BenchmarkBatchJSON(b *testing.B) {
	dir, _, err := workload.Cached(workload.Default())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		out := b.TempDir()
		var stderr strings.Builder
		args := []string{"batch", filepath.Join(dir, workload.QuestionnaireDir), "-F", filepath.Join(dir, workload.FrameworkFile),
			"-o", out, "--formats", "json", "--quiet"}
		if code := run(args, strings.NewReader(""), io.Discard, &stderr); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
}
