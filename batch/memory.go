package batch

import (
	"os"
	"runtime"
	"runtime/debug"
)

// Garbage collector settings of a batch run (see BENCHMARKS.md). A batch
// holds every questionnaire's answers until the files are grouped (about
// 4 KB per input file, 31 MB for the 7,510 files of the benchmark
// workload), while parsing makes ten times as much garbage; then the
// assessments are scored and kept out of memory a region at a time.
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

// liveFactor sizes the limit once the files are grouped: a limit just
// above what is then live made the collector run almost without pause
// while reports were written, half of all CPU. Twice the live heap leaves
// the writers room.
const liveFactor = 2.0

// sizeGCLimit raises the memory limit to liveFactor times the heap live
// now, unless the user set GOGC or GOMEMLIMIT.
func sizeGCLimit() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	runtime.GC() // what is live, not what awaits collection
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if want := int64(float64(m.HeapAlloc) * liveFactor); want > debug.SetMemoryLimit(-1) {
		debug.SetMemoryLimit(want)
	}
}

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
