package pipeline

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// gcPercent reads the collector's GOGC without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestTuneGCForWriting(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := gcPercent()
	restore := TuneGCForWriting()
	if got := gcPercent(); got != writingGCPercent {
		t.Errorf("GOGC while writing = %d, want %d", got, writingGCPercent)
	}
	restore()
	if got := gcPercent(); got != before {
		t.Errorf("GOGC after = %d, want %d as before", got, before)
	}
	// The user's own setting is left as it is.
	t.Setenv("GOGC", "300")
	restore = TuneGCForWriting()
	if got := gcPercent(); got != before {
		t.Errorf("GOGC with GOGC=300 in the environment = %d, want it untouched (%d)", got, before)
	}
	restore()
}

func TestTuneGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetGCPercent(percent)
	defer debug.SetMemoryLimit(limit)

	runtime.GC()
	restore := TuneGC()
	if got := gcPercent(); got != readingGCPercent {
		t.Errorf("GOGC = %d, want %d", got, readingGCPercent)
	}
	// What is live here is far less than the limit's floor.
	time.Sleep(3 * followEvery)
	if got := debug.SetMemoryLimit(-1); got != memoryLimit {
		t.Errorf("limit = %d, want %d", got, memoryLimit)
	}
	// With 200 MiB live, the limit follows to liveFactor times that.
	live := make([]byte, 200<<20)
	for i := range live {
		live[i] = 1
	}
	runtime.GC()
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) < 350<<20 && time.Now().Before(deadline) {
		time.Sleep(followEvery)
	}
	if got := debug.SetMemoryLimit(-1); got < 350<<20 {
		t.Errorf("limit with 200 MiB live = %d MiB, want at least 350", got>>20)
	}
	runtime.KeepAlive(live)
	restore()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit after restore = %d", got)
	}
	if got := gcPercent(); got != 100 {
		t.Errorf("GOGC after restore = %d, want 100", got)
	}
	// The user's settings win.
	t.Setenv("GOGC", "300")
	restore = TuneGC()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit with GOGC set = %d, want untouched", got)
	}
	if got := gcPercent(); got != 100 {
		t.Errorf("GOGC with GOGC=300 set = %d, want untouched", got)
	}
	restore()
}
