package batch

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetGCPercent(percent)
	defer debug.SetMemoryLimit(limit)

	restore := tuneGC(100)
	if got := debug.SetMemoryLimit(-1); got != batchMemoryLimit {
		t.Errorf("limit for 100 files = %d, want %d", got, batchMemoryLimit)
	}
	if got := debug.SetGCPercent(batchGCPercent); got != batchGCPercent {
		t.Errorf("GOGC = %d, want %d", got, batchGCPercent)
	}
	restore()
	// 20 KB a file once that is more: 76,000 files, 1.52 GB.
	restore = tuneGC(76_000)
	if got := debug.SetMemoryLimit(-1); got != 76_000*batchMemoryPerFile {
		t.Errorf("limit for 76,000 files = %d, want %d", got, 76_000*batchMemoryPerFile)
	}
	// sizeGCLimit only raises the limit: what is live here is far less.
	sizeGCLimit()
	if got := debug.SetMemoryLimit(-1); got != 76_000*batchMemoryPerFile {
		t.Errorf("limit after sizing = %d, want it kept at %d", got, 76_000*batchMemoryPerFile)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit after restore = %d", got)
	}
	// With 200 MiB live, the limit rises to twice that.
	live := make([]byte, 200<<20)
	for i := range live {
		live[i] = 1
	}
	restore = tuneGC(100)
	sizeGCLimit()
	if got := debug.SetMemoryLimit(-1); got < 400<<20 {
		t.Errorf("limit with 200 MiB live = %d MiB, want at least 400", got>>20)
	}
	restore()
	runtime.KeepAlive(live)
	// The user's settings win.
	t.Setenv("GOGC", "300")
	restore = tuneGC(100)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit with GOGC set = %d, want untouched", got)
	}
	restore()
}
