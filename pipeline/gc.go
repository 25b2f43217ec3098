package pipeline

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// Garbage collector settings of the runs over many files, batch and
// compare (see BENCHMARKS.md). What such a run holds grows slowly with
// its inputs — an entry per questionnaire read (the questionnaires
// themselves are parked in a temporary file, Parked), an entry per
// assessment scored (Kept) — while parsing makes garbage of thirty times
// the files' size. The collector's work is what is live times the number
// of collections, and their number falls as GOGC rises: with little live,
// a high GOGC saves most of it, and a soft memory limit keeps the heap
// near what the run needs rather than GOGC's multiple of it.
const (
	readingGCPercent = 400
	memoryLimit      = 150 << 20
	// liveFactor sizes the limit from what is live, as it grows: a limit
	// just above the live heap makes the collector run almost without
	// pause (half of all CPU was seen so), a fixed one would at some size
	// of run; seven quarters leaves room (twice took W2's batch with
	// workbooks and pages to 190–202 MB, this 179 MB, in the same time).
	liveFactor = 1.75
	// followEvery is how often the limit is sized again.
	followEvery = 50 * time.Millisecond
	// writingGCPercent applies once every assessment is scored: the
	// comparison's entries are live until it is written, and so are its
	// writers' buffers (the workbook's sheets) as they grow; GOGC 50
	// keeps the heap within one and a half times what is live.
	writingGCPercent = 50
)

// userGC says whether the user set the collector's GOGC or GOMEMLIMIT,
// which then win over every setting here.
func userGC() bool { return os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" }

// TuneGC applies the reading settings and sizes the memory limit from
// what is live until the returned function restores the settings before.
func TuneGC() (restore func()) {
	if userGC() {
		return func() {}
	}
	percent := debug.SetGCPercent(readingGCPercent)
	limit := debug.SetMemoryLimit(memoryLimit)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(followEvery)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				sizeGCLimit()
			}
		}
	})
	return func() {
		close(stop)
		wg.Wait()
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

// sizeGCLimit sets the memory limit to liveFactor times the heap the last
// collection found live, or memoryLimit if that is more.
func sizeGCLimit() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := float64(sample[0].Value.Uint64())
	debug.SetMemoryLimit(max(memoryLimit, int64(math.Min(live*liveFactor, math.MaxInt64/2))))
}

// TuneGCForWriting applies writingGCPercent and returns a function that
// restores the GOGC before.
func TuneGCForWriting() (restore func()) {
	if userGC() {
		return func() {}
	}
	before := debug.SetGCPercent(writingGCPercent)
	return func() { debug.SetGCPercent(before) }
}
