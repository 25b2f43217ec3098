package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// WriteFile writes a report atomically: into a temporary file in the same
// folder, renamed over path only when everything was written. A failed
// write leaves no partial file behind. path must not be one of protect (the
// inputs of the run).
func WriteFile(path string, protect []string, write func(io.Writer) error) error {
	if err := checkNotInput(path, protect); err != nil {
		return err
	}
	return writeAtomic(path, false, write)
}

// WriteNewFile is WriteFile for files a person goes on to edit (templates):
// an existing file is never replaced, even one created meanwhile.
func WriteNewFile(path string, write func(io.Writer) error) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s already exists; r3l does not overwrite it (choose another name or remove it)", path)
	}
	return writeAtomic(path, true, write)
}

// writeBuffers are writeAtomic's buffers, reused: batch runs write
// thousands of reports.
var writeBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

func writeAtomic(path string, noClobber bool, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("cannot write %s: folder %s does not exist", path, dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	bw := writeBuffers.Get().(*bufio.Writer)
	bw.Reset(tmp)
	defer func() {
		bw.Reset(nil)
		writeBuffers.Put(bw)
	}()
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if noClobber {
		// A hard link fails if path exists, where a rename would replace it.
		if err := os.Link(tmp.Name(), path); err != nil {
			if os.IsExist(err) {
				return fmt.Errorf("%s already exists; r3l does not overwrite it (choose another name or remove it)", path)
			}
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
		return nil
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

func checkNotInput(path string, inputs []string) error {
	out, err := os.Stat(path)
	if err != nil {
		return nil // does not exist yet
	}
	if out.IsDir() {
		return fmt.Errorf("%s is a folder, not a file", path)
	}
	for _, in := range inputs {
		if st, err := os.Stat(in); err == nil && os.SameFile(st, out) {
			return fmt.Errorf("%s is an input file; r3l never writes over its inputs", path)
		}
	}
	return nil
}
