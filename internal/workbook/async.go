package workbook

import (
	"io"
	"sync/atomic"
)

// asyncWriter hands what is written to a goroutine that writes it on, so
// that encoding a large sheet's rows and deflating them run on two cores:
// deflate is about a third of the comparison workbook's time. The bytes
// reach w in the order written, unchanged. Close must be called, also
// after an error: it waits for the goroutine.
type asyncWriter struct {
	w      io.Writer
	full   chan []byte // chunks for the goroutine to write
	free   chan []byte // emptied buffers, to fill again
	done   chan struct{}
	err    error       // the goroutine's first error; read once done is closed
	failed atomic.Bool // an error happened: stop writing
	closed bool
}

// asyncChunks is how many chunks may be on their way at once.
const asyncChunks = 4

func newAsyncWriter(w io.Writer) *asyncWriter {
	a := &asyncWriter{w: w, full: make(chan []byte, asyncChunks), free: make(chan []byte, asyncChunks), done: make(chan struct{})}
	for range asyncChunks {
		a.free <- nil
	}
	go a.run()
	return a
}

func (a *asyncWriter) run() {
	defer close(a.done)
	for b := range a.full {
		if a.err == nil {
			if _, a.err = a.w.Write(b); a.err != nil {
				a.failed.Store(true)
			}
		}
		a.free <- b[:0]
	}
}

// Write copies p into a free buffer for the goroutine and returns at once,
// unless the goroutine has failed: then it returns the goroutine's error.
func (a *asyncWriter) Write(p []byte) (int, error) {
	if a.closed {
		return 0, io.ErrClosedPipe
	}
	if a.failed.Load() {
		return 0, a.Close()
	}
	if len(p) == 0 {
		return 0, nil
	}
	b := <-a.free
	a.full <- append(b, p...)
	return len(p), nil
}

// Close waits until everything written has been written on and returns
// the first error in doing so.
func (a *asyncWriter) Close() error {
	if !a.closed {
		a.closed = true
		close(a.full)
	}
	<-a.done
	return a.err
}
