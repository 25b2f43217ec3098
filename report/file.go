package report

import (
	"bufio"
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// WriteFile writes a report atomically: into a temporary file in the same
// folder, renamed over path only when everything was written. A failed
// write leaves no partial file behind. path must not be one of protect (the
// inputs of the run). A device, pipe or socket at path (/dev/null,
// /dev/stdout, a FIFO) is written to as it is, never replaced.
func WriteFile(path string, protect []string, write func(io.Writer) error) error {
	return NewInputs(protect).WriteFile(path, write)
}

// Inputs are files a run never writes over, known by device and inode,
// each looked up once: a batch that writes thousands of reports checks each
// against the set rather than stat every input again (a second run into
// the same folder, with thousands of reports already there, took 26
// million stats).
type Inputs struct {
	ids []fileID // sorted: a fifth of a map's memory for 76,000 inputs
}

type fileID struct{ dev, ino uint64 }

func compareIDs(a, b fileID) int { return cmp.Or(cmp.Compare(a.dev, b.dev), cmp.Compare(a.ino, b.ino)) }

// NewInputs looks up the files; those that do not exist are left out, as
// nothing can be written over them.
func NewInputs(paths []string) *Inputs {
	in := &Inputs{ids: make([]fileID, 0, len(paths))}
	for _, p := range paths {
		if id, ok := statID(p); ok {
			in.ids = append(in.ids, id)
		}
	}
	slices.SortFunc(in.ids, compareIDs)
	return in
}

// has says whether id is one of the inputs.
func (in *Inputs) has(id fileID) bool {
	_, found := slices.BinarySearchFunc(in.ids, id, compareIDs)
	return found
}

func statID(path string) (fileID, bool) {
	st, err := os.Stat(path)
	if err != nil {
		return fileID{}, false
	}
	return idOf(st)
}

func idOf(st os.FileInfo) (fileID, bool) {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{dev: uint64(sys.Dev), ino: sys.Ino}, true
}

// WriteFile is report.WriteFile against these inputs.
func (in *Inputs) WriteFile(path string, write func(io.Writer) error) error {
	if err := in.check(path); err != nil {
		return err
	}
	return writeAtomic(path, false, true, write)
}

// WriteFileUnsynced is WriteFile without syncing the file to disk before
// it takes its name: for runs that write thousands of files (batch), which
// call SyncFolder once instead, before the file that says they are done.
// A crash before that may leave some of them empty, never half-written
// over an older one.
func (in *Inputs) WriteFileUnsynced(path string, write func(io.Writer) error) error {
	if err := in.check(path); err != nil {
		return err
	}
	return writeAtomic(path, false, false, write)
}

// SyncFolder writes to disk everything written to the file system that
// holds dir (syncfs): one call for the thousands of files of a batch.
func SyncFolder(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return fmt.Errorf("cannot sync %s to disk: %w", dir, err)
	}
	return nil
}

// WriteNewFile is WriteFile for files a person goes on to edit (templates):
// an existing file is never replaced, even one created meanwhile.
func WriteNewFile(path string, write func(io.Writer) error) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s already exists; r3l does not overwrite it (choose another name or remove it)", path)
	}
	return writeAtomic(path, true, true, write)
}

// writeBuffers are writeAtomic's buffers, reused: batch runs write
// thousands of reports.
var writeBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// temps are the temporary files being written, so that a second Ctrl-C,
// which ends the process at once, can remove them (RemoveTemps).
var temps sync.Map

// RemoveTemps removes the temporary files of writes still in progress.
func RemoveTemps() {
	temps.Range(func(name, _ any) bool {
		os.Remove(name.(string))
		return true
	})
}

func writeAtomic(path string, noClobber, sync bool, write func(io.Writer) error) error {
	target, special, err := resolveTarget(path)
	if err != nil {
		return err
	}
	if special {
		return writeThrough(path, write)
	}
	tmp, err := createTemp(target)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	temps.Store(tmp.Name(), true)
	renamed := false
	defer func() {
		if !renamed {
			os.Remove(tmp.Name())
		}
		temps.Delete(tmp.Name())
	}()
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
	// On disk before it takes the name, so that a crash leaves the old
	// file or the whole new one, never an empty one.
	if sync {
		if err := tmp.Sync(); err != nil {
			tmp.Close()
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if noClobber {
		// A hard link fails if path exists, where a rename would replace it.
		if err := os.Link(tmp.Name(), target); err != nil {
			if os.IsExist(err) {
				return fmt.Errorf("%s already exists; r3l does not overwrite it (choose another name or remove it)", path)
			}
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
		return nil
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	renamed = true // nothing left to remove
	return nil
}

// resolveTarget says where a write to path goes: the file a symbolic link
// names (the link stays a link), or — special — the device, pipe or socket
// at path, which is written to as it is.
func resolveTarget(path string) (target string, special bool, err error) {
	target = path
	st, err := os.Lstat(path)
	if err == nil && st.Mode()&fs.ModeSymlink != 0 {
		if resolved, err := filepath.EvalSymlinks(path); err == nil {
			target = resolved
		}
		st, err = os.Stat(target)
	}
	if err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		return target, true, nil
	}
	dir := filepath.Dir(target)
	switch st, err := os.Stat(dir); {
	case errors.Is(err, syscall.ENOTDIR) || (err == nil && !st.IsDir()):
		return "", false, fmt.Errorf("cannot write %s: %s is a file, not a folder", path, notFolder(dir))
	case err != nil:
		return "", false, fmt.Errorf("cannot write %s: folder %s does not exist", path, dir)
	}
	return target, false, nil
}

// notFolder is the first part of dir that exists and is no folder.
func notFolder(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if st, err := os.Stat(d); err == nil && !st.IsDir() {
			return d
		}
		if parent := filepath.Dir(d); parent == d {
			return dir
		}
	}
}

// createTemp makes a hidden temporary file beside target, with the
// permissions the user's umask gives new files (os.CreateTemp would make
// it 0600, and a chmod would ignore the umask).
func createTemp(target string) (*os.File, error) {
	dir, base := filepath.Split(target)
	for range 100 {
		var b [6]byte
		_, _ = rand.Read(b[:])
		name := filepath.Join(dir, "."+base+"."+hex.EncodeToString(b[:])+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !os.IsExist(err) {
			return f, err
		}
	}
	return nil, &fs.PathError{Op: "create", Path: target, Err: fs.ErrExist}
}

// writeThrough writes to a device, pipe or socket: nothing to make
// atomic, and nothing to replace.
func writeThrough(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return f.Close()
}

func (in *Inputs) check(path string) error {
	out, err := os.Stat(path)
	if err != nil {
		return nil // does not exist yet
	}
	if out.IsDir() {
		return fmt.Errorf("%s is a folder, not a file", path)
	}
	if id, ok := idOf(out); ok && in.has(id) {
		return fmt.Errorf("%s is an input file; r3l never writes over its inputs", path)
	}
	return nil
}
