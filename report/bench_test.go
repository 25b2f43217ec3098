package report

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/workload"
	"github.com/r3l/r3l/pipeline"
)

// benchComparison scores the workload of BENCHMARKS.md (see
// internal/workload) and compares it, as `r3l batch` does before writing
// the comparison files.
func benchComparison(b *testing.B) *assess.Comparison {
	b.Helper()
	dir, _, err := workload.Bench()
	if err != nil {
		b.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Options{Framework: filepath.Join(dir, workload.FrameworkFile), DropNotes: true})
	if err != nil {
		b.Fatal(err)
	}
	files, err := pipeline.ExpandInputs([]string{filepath.Join(dir, workload.QuestionnaireDir)})
	if err != nil {
		b.Fatal(err)
	}
	results, err := p.Run(files)
	if err != nil {
		b.Fatal(err)
	}
	return assess.Compare(p.Fixed, results, assess.CompareOptions{})
}

// BenchmarkComparisonFiles writes the comparison files of a batch run
// (comparison.xlsx and comparison.csv) for the workload's 3,456
// assessments.
func BenchmarkComparisonFiles(b *testing.B) {
	c := benchComparison(b)
	for _, format := range []string{"xlsx", "csv"} {
		b.Run(format, func(b *testing.B) {
			w, err := New(format, Options{Lang: "en", Version: "bench"})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := w.Comparison(io.Discard, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAssessmentJSON writes every assessment's JSON report.
func BenchmarkAssessmentJSON(b *testing.B) {
	c := benchComparison(b)
	w, err := New("json", Options{Lang: "en", Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range allResults(b, c) {
			if err := w.Assessment(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAssessmentFormats writes one sample region's report in each
// format: what a batch pays per assessment and format (a writer for
// each file, as batch makes them).
func BenchmarkAssessmentFormats(b *testing.B) {
	r := sample(b, "lake-constance")
	for _, f := range formats {
		b.Run(f.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				w, err := New(f.Name, Options{Lang: "en", Version: "bench"})
				if err != nil {
					b.Fatal(err)
				}
				if err := w.Assessment(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
