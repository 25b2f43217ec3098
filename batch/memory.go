package batch

import (
	"os"
	"runtime/debug"
)

// Garbage collector settings of a batch run (see BENCHMARKS.md). A batch
// holds every questionnaire's answers until the files are grouped, and
// every assessment's scores until the comparison is written: what is live
// grows to about 14 KB per input file (100 MB for the 7,510 files of the
// benchmark workload), while parsing makes ten times as much garbage.
// Under the default GOGC=100 the heap may grow to twice what is live. The
// soft memory limit keeps it near what is live instead, and below the
// limit a higher GOGC saves collections while little is live, as while
// files are parsed. The limit grows with the inputs, so that a run much
// larger than the benchmark never has the collector run without pause.
const (
	batchGCPercent     = 200
	batchMemoryLimit   = 150 << 20
	batchMemoryPerFile = 20 << 10
)

// tuneGC applies those settings for a run over n input files unless
// the user set GOGC or GOMEMLIMIT, and returns a function that restores the
// previous ones.
func tuneGC(n int) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(batchGCPercent)
	limit := debug.SetMemoryLimit(max(batchMemoryLimit, int64(n)*batchMemoryPerFile))
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
