package pipeline

import (
	"sync"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

// Kept holds scored results in a temporary file rather than in memory: a
// comparison of thousands of assessments keeps only their entries
// (assess.Entry) and reads each whole result back when a writer needs it.
type Kept struct {
	codec assess.Codec
	file  *spill
	bufs  sync.Pool
}

// NewKept creates the temporary file in the system's temporary folder.
func NewKept() (*Kept, error) {
	f, err := newSpill("the scores")
	if err != nil {
		return nil, err
	}
	return &Kept{file: f}, nil
}

// Add keeps r and returns its number. Results may be added from several
// goroutines.
func (k *Kept) Add(r *assess.Result) (int, error) {
	bp, _ := k.bufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	b := k.codec.Append((*bp)[:0], r)
	defer func() { *bp = b; k.bufs.Put(bp) }()
	return k.file.add(b)
}

// Load reads result i back. Results may be read from several goroutines,
// once the last was added.
func (k *Kept) Load(i int) (*assess.Result, error) { return readKept(k, i, k.codec.Decode) }

// readKept reads record i back with decode.
func readKept[T any](k *Kept, i int, decode func([]byte) (T, error)) (T, error) {
	b, err := k.file.read(i, nil)
	if err != nil {
		var zero T
		return zero, err
	}
	return decode(b)
}

// KeepNotes keeps an assessment's warnings and returns their number for
// Notes: a run over tens of thousands of files has a warning or more for
// most of them, tens of megabytes held until the run ends otherwise.
func (k *Kept) KeepNotes(ws []assess.Warning) (int, error) {
	return k.file.add(k.codec.AppendWarnings(nil, ws))
}

// Notes reads warnings KeepNotes kept back.
func (k *Kept) Notes(i int) ([]assess.Warning, error) { return readKept(k, i, k.codec.DecodeWarnings) }

// AllNotes reads the warnings of numbers back, in order; a negative
// number (an assessment not scored) has none.
func (k *Kept) AllNotes(numbers []int) ([]assess.Warning, error) {
	var all []assess.Warning
	for _, n := range numbers {
		if n < 0 {
			continue
		}
		ws, err := k.Notes(n)
		if err != nil {
			return nil, err
		}
		all = append(all, ws...)
	}
	return all, nil
}

// LoadScores reads result i's head and scores back
// (assess.Codec.DecodeScores).
func (k *Kept) LoadScores(i int) (*assess.Result, error) { return readKept(k, i, k.codec.DecodeScores) }

// Size is the number of bytes kept.
func (k *Kept) Size() int64 { return k.file.bytes() }

// Close closes the temporary file and removes it.
func (k *Kept) Close() error { return k.file.close() }

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
