package pipeline

import (
	"bufio"
	"fmt"
	"os"
	"sync"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

// Kept holds scored results in a temporary file rather than in memory: a
// comparison of thousands of assessments keeps only their entries
// (assess.Entry) and reads each whole result back when a writer needs it.
// The file is removed as soon as it is created where the system allows
// (it lives on while open), else by Close, so that none is left behind,
// even when the run is killed.
type Kept struct {
	codec assess.Codec
	mu    sync.Mutex
	f     *os.File
	w     *bufio.Writer
	size  int64
	spans []span // by number, as Add returned it
	err   error
	bufs  sync.Pool
}

type span struct{ off, n int64 }

// NewKept creates the temporary file in the system's temporary folder.
func NewKept() (*Kept, error) {
	f, err := os.CreateTemp("", "r3l-kept-*")
	if err != nil {
		return nil, fmt.Errorf("cannot create a temporary file for the scores: %w", err)
	}
	os.Remove(f.Name()) // where the system refuses while it is open, Close removes it
	return &Kept{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// Add keeps r and returns its number. Results may be added from several
// goroutines.
func (k *Kept) Add(r *assess.Result) (int, error) {
	bp, _ := k.bufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	b := k.codec.Append((*bp)[:0], r)
	k.mu.Lock()
	defer k.mu.Unlock()
	defer func() { *bp = b; k.bufs.Put(bp) }()
	if k.err != nil {
		return 0, k.err
	}
	if _, err := k.w.Write(b); err != nil {
		k.err = fmt.Errorf("cannot keep the scores in a temporary file: %w", err)
		return 0, k.err
	}
	k.spans = append(k.spans, span{k.size, int64(len(b))})
	k.size += int64(len(b))
	return len(k.spans) - 1, nil
}

// Load reads result i back. Results may be read from several goroutines,
// once the last was added.
func (k *Kept) Load(i int) (*assess.Result, error) {
	k.mu.Lock()
	if k.err == nil && k.w.Buffered() > 0 {
		if err := k.w.Flush(); err != nil {
			k.err = fmt.Errorf("cannot keep the scores in a temporary file: %w", err)
		}
	}
	err, s := k.err, k.spans[i]
	k.mu.Unlock()
	if err != nil {
		return nil, err
	}
	b := make([]byte, s.n)
	if _, err := k.f.ReadAt(b, s.off); err != nil {
		return nil, fmt.Errorf("cannot read the scores back from a temporary file: %w", err)
	}
	return k.codec.Decode(b)
}

// Size is the number of bytes kept.
func (k *Kept) Size() int64 {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.size
}

// Close closes the temporary file and removes it.
func (k *Kept) Close() error {
	err := k.f.Close()
	os.Remove(k.f.Name()) // already gone where the system allows
	return err
}

// Keep keeps r, which a comparison over fw shows, and returns what the
// comparison holds of it in memory. The answers of its questionnaires are
// forgotten: no comparison shows them.
func (k *Kept) Keep(fw *framework.Framework, r *assess.Result) (assess.Entry, error) {
	for _, q := range r.Questionnaires {
		q.DropAnswers()
	}
	n, err := k.Add(r)
	if err != nil {
		return assess.Entry{}, err
	}
	return assess.EntryOf(fw, r, n), nil
}
