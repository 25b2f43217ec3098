package pipeline

import (
	"bufio"
	"fmt"
	"os"
	"sync"
)

// spill is a temporary file of byte strings, each read back by the
// number add gave it. The file is removed as soon as it is created where
// the system allows (it lives on while open), else by close, so that
// none is left behind, even when the run is killed.
type spill struct {
	what  string // what is kept, for messages: "the scores"
	mu    sync.Mutex
	f     *os.File
	w     *bufio.Writer
	size  int64
	spans []span // by number, as add returned it
	err   error
}

type span struct{ off, n int64 }

// newSpill creates the file in the system's temporary folder.
func newSpill(what string) (*spill, error) {
	f, err := os.CreateTemp("", "r3l-kept-*")
	if err != nil {
		return nil, fmt.Errorf("cannot create a temporary file for %s: %w", what, err)
	}
	os.Remove(f.Name()) // where the system refuses while it is open, close removes it
	return &spill{what: what, f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// add keeps b and returns its number; safe for concurrent use.
func (s *spill) add(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return 0, s.err
	}
	if _, err := s.w.Write(b); err != nil {
		s.err = fmt.Errorf("cannot keep %s in a temporary file: %w", s.what, err)
		return 0, s.err
	}
	s.spans = append(s.spans, span{s.size, int64(len(b))})
	s.size += int64(len(b))
	return len(s.spans) - 1, nil
}

// read reads string i back into buf's memory where it has room; safe
// for concurrent use, also while strings are added.
func (s *spill) read(i int, buf []byte) ([]byte, error) {
	s.mu.Lock()
	if s.err == nil && s.w.Buffered() > 0 {
		if err := s.w.Flush(); err != nil {
			s.err = fmt.Errorf("cannot keep %s in a temporary file: %w", s.what, err)
		}
	}
	err, sp := s.err, s.spans[i]
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	b := buf[:0]
	if int64(cap(b)) < sp.n {
		b = make([]byte, sp.n)
	}
	b = b[:sp.n]
	if _, err := s.f.ReadAt(b, sp.off); err != nil {
		return nil, fmt.Errorf("cannot read %s back from a temporary file: %w", s.what, err)
	}
	return b, nil
}

// bytes is the number of bytes kept.
func (s *spill) bytes() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.size
}

func (s *spill) close() error {
	err := s.f.Close()
	os.Remove(s.f.Name()) // already gone where the system allows
	return err
}
