package workbook

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
)

// What goes through an asyncWriter arrives whole and in order, whatever
// the sizes of the writes.
func TestAsyncWriterKeepsOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var want, got bytes.Buffer
	a := newAsyncWriter(&got)
	for i := range 200 {
		p := make([]byte, rng.IntN(3)*rng.IntN(100<<10)) // a third empty
		for j := range p {
			p[j] = byte(i + j)
		}
		want.Write(p)
		if n, err := a.Write(p); n != len(p) || err != nil {
			t.Fatalf("write %d: %d, %v", i, n, err)
		}
		clear(p) // the caller may reuse its buffer at once
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("got %d bytes, want %d, not the same", got.Len(), want.Len())
	}
}

// failAfter accepts n bytes, then fails.
type failAfter struct{ n int }

var errFull = errors.New("disk full")

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		return f.n, errFull
	}
	f.n -= len(p)
	return len(p), nil
}

// A failing writer's error comes back from a later Write or from Close,
// and neither blocks.
func TestAsyncWriterReportsError(t *testing.T) {
	a := newAsyncWriter(&failAfter{n: 100 << 10})
	chunk := make([]byte, 64<<10)
	var err error
	for range 1000 {
		if _, err = a.Write(chunk); err != nil {
			break
		}
	}
	if !errors.Is(err, errFull) {
		t.Errorf("Write: %v, want %v", err, errFull)
	}
	if err := a.Close(); !errors.Is(err, errFull) {
		t.Errorf("Close: %v, want %v", err, errFull)
	}
	if _, err := a.Write(chunk); err == nil {
		t.Error("Write after Close succeeded")
	}
}
