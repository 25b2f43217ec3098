package pipeline

import (
	"os"
	"runtime/debug"
)

// writingGCPercent is the garbage collector's GOGC once every assessment
// is scored. From then on the scores are live until the comparison is
// written, while the writers make little garbage next to them: under the
// default GOGC=100 the heap could grow to twice the scores (`compare -f
// json` of the benchmark workload: 229 MB), at 50 to one and a half times
// (185 MB; see BENCHMARKS.md).
const writingGCPercent = 50

// TuneGCForWriting applies writingGCPercent unless the user set GOGC or
// GOMEMLIMIT, and returns a function that restores the setting before.
func TuneGCForWriting() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	before := debug.SetGCPercent(writingGCPercent)
	return func() { debug.SetGCPercent(before) }
}
