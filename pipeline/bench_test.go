package pipeline_test

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"golang.org/x/sync/errgroup"
	"gopkg.in/yaml.v3"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/workload"
	"github.com/r3l/r3l/pipeline"
)

// The benchmarks of BENCHMARKS.md run on the generated workload (3,000
// regions, about 7,500 questionnaires; see internal/workload), generated
// once into the system's temporary folder and reused:
//
//	go test ./assess -run '^$' -bench . -benchmem -count 5

var bench struct {
	once  sync.Once
	dir   string
	paths []string
	err   error
}

func benchWorkload(b *testing.B) (dir string, paths []string) {
	b.Helper()
	bench.once.Do(func() {
		bench.dir, _, bench.err = workload.Bench()
		if bench.err == nil {
			bench.paths, bench.err = pipeline.ExpandInputs([]string{filepath.Join(bench.dir, workload.QuestionnaireDir)})
		}
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.dir, bench.paths
}

// BenchmarkFloor is the floor the issue sets: merely reading every
// questionnaire and decoding it with yaml.v3 into a map, on all cores.
func BenchmarkFloor(b *testing.B) {
	_, paths := benchWorkload(b)
	b.ReportAllocs()
	for b.Loop() {
		var g errgroup.Group
		g.SetLimit(runtime.NumCPU())
		for _, p := range paths {
			g.Go(func() error {
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				var m map[string]any
				return yaml.Unmarshal(data, &m)
			})
		}
		if err := g.Wait(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(paths)), "files")
}

// BenchmarkLoadAndScore is everything `r3l batch --formats json` does
// before it writes a report: load the framework, find the files, read and
// validate them on all cores (reduced to their scores as they are read),
// group them into assessments, score each on all cores and compare them.
func BenchmarkLoadAndScore(b *testing.B) {
	dir, paths := benchWorkload(b)
	b.ReportAllocs()
	for b.Loop() {
		p, err := pipeline.New(pipeline.Options{Framework: filepath.Join(dir, workload.FrameworkFile), DropNotes: true})
		if err != nil {
			b.Fatal(err)
		}
		files, err := pipeline.ExpandInputs([]string{filepath.Join(dir, workload.QuestionnaireDir)})
		if err != nil || len(files) != len(paths) {
			b.Fatalf("%d files: %v", len(files), err)
		}
		qs, err := pipeline.Split(p.Load(files, nil))
		if err != nil {
			b.Fatal(err)
		}
		as, problems := assess.GroupAll(qs)
		if len(problems) > 0 {
			b.Fatal(problems)
		}
		results := p.Score(as)
		c := assess.Compare(p.Fixed, results, assess.CompareOptions{})
		if c.Len() != len(as) {
			b.Fatal("lost results")
		}
	}
	b.ReportMetric(float64(len(paths)), "files")
}
