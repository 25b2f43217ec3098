package pipeline

import (
	"runtime/debug"
	"testing"
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
