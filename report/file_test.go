package report

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

func writeText(text string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	}
}

// Reports get the permissions the user's umask gives new files: under
// umask 077 evidence and respondent ids stay private.
func TestWriteFileHonoursUmask(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		umask int
		want  fs.FileMode
	}{{0o077, 0o600}, {0o022, 0o644}, {0o002, 0o664}} {
		old := syscall.Umask(tc.umask)
		path := filepath.Join(dir, "r.json")
		err := WriteFile(path, nil, writeText("{}"))
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(path)
		if st.Mode().Perm() != tc.want {
			t.Errorf("umask %03o: mode %v, want %v", tc.umask, st.Mode().Perm(), tc.want)
		}
		os.Remove(path)
	}
}

// A pipe (or device) at -o is written to, never replaced by a regular
// file; a symbolic link stays a link and its file gets the report.
func TestWriteFileSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "to-pipe")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, link} {
		var got []byte
		var wg sync.WaitGroup
		wg.Go(func() {
			f, err := os.Open(fifo)
			if err == nil {
				got, _ = io.ReadAll(f)
				f.Close()
			}
		})
		if err := WriteFile(path, nil, writeText("report\n")); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Lstat(fifo); err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
			t.Fatalf("%s: the pipe was replaced by %v", path, st.Mode()) // its reader waits for ever
		}
		wg.Wait()
		if string(got) != "report\n" {
			t.Errorf("%s: the pipe read %q", path, got)
		}
	}
	if st, _ := os.Lstat(link); st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link to the pipe was replaced: %v", st.Mode())
	}

	file := filepath.Join(dir, "real.md")
	os.WriteFile(file, []byte("old"), 0o644)
	fileLink := filepath.Join(dir, "report.md")
	if err := os.Symlink("real.md", fileLink); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(fileLink, nil, writeText("new")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(fileLink); st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if data, _ := os.ReadFile(file); string(data) != "new" {
		t.Errorf("the linked file holds %q", data)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// A file where a folder should be is named as such.
func TestWriteFileUnderAFile(t *testing.T) {
	dir := t.TempDir()
	fw := filepath.Join(dir, "fw.yaml")
	os.WriteFile(fw, []byte("x"), 0o644)
	err := WriteFile(filepath.Join(fw, "x.json"), nil, writeText("{}"))
	if want := "cannot write " + filepath.Join(fw, "x.json") + ": " + fw + " is a file, not a folder"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	err = WriteFile(filepath.Join(dir, "none", "x.json"), nil, writeText("{}"))
	if err == nil || !strings.HasSuffix(err.Error(), "folder "+filepath.Join(dir, "none")+" does not exist") {
		t.Errorf("got %v", err)
	}
}

// A write whose file cannot take its name (a folder took it meanwhile)
// fails and leaves nothing behind; one that can leaves only its file.
func TestWriteFileLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "r.json")
	err := WriteFile(target, nil, func(w io.Writer) error {
		if err := os.Mkdir(target, 0o755); err != nil {
			return err
		}
		return writeText("{}")(w)
	})
	if err == nil || !strings.HasPrefix(err.Error(), "cannot write "+target) {
		t.Errorf("got %v", err)
	}
	if names := dirNames(t, dir); fmt.Sprint(names) != "[r.json]" {
		t.Errorf("left %v", names)
	}
	os.Remove(target)
	for range 3 {
		if err := NewInputs(nil).WriteFileUnsynced(target, writeText("{}")); err != nil {
			t.Fatal(err)
		}
	}
	if names := dirNames(t, dir); fmt.Sprint(names) != "[r.json]" {
		t.Errorf("left %v", names)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// RemoveTemps removes the temporary file of a write in progress, as the
// second Ctrl-C does before the process ends.
func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	started, release := make(chan bool), make(chan bool)
	done := make(chan error)
	go func() {
		done <- WriteFile(filepath.Join(dir, "r.json"), nil, func(w io.Writer) error {
			started <- true
			<-release
			return nil
		})
	}()
	<-started
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) != 1 {
		t.Fatalf("temporary files while writing: %v", left)
	}
	RemoveTemps()
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) != 0 {
		t.Errorf("temporary files after RemoveTemps: %v", left)
	}
	close(release)
	<-done
}

// As root, -o /dev/null used to replace the device with a regular file. A
// device node made for the test (the same device as /dev/null) stays one.
func TestWriteFileDevice(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("making a device node needs root")
	}
	dev := filepath.Join(t.TempDir(), "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(dev, nil, writeText("report")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(dev); st.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("the device was replaced: %v", st.Mode())
	}
}

// TestInputsNeverWrittenOver: of many inputs, each is refused, also
// through a hard link under another name, and its bytes stay; a file
// that is no input is written.
func TestInputsNeverWrittenOver(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i := range 60 {
		p := filepath.Join(dir, fmt.Sprintf("q%02d.yaml", i))
		if err := os.WriteFile(p, []byte("input"), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	other := filepath.Join(dir, "report.json")
	os.WriteFile(other, []byte("old report"), 0o644)
	in := NewInputs(append(paths, filepath.Join(dir, "missing.yaml")))
	write := writeText("new")
	for i, p := range paths {
		target := p
		if i%2 == 1 {
			target = filepath.Join(dir, fmt.Sprintf("link%02d.json", i))
			if err := os.Link(p, target); err != nil {
				t.Fatal(err)
			}
		}
		if err := in.WriteFile(target, write); err == nil || !strings.Contains(err.Error(), "is an input file") {
			t.Errorf("%s: %v, want refused as an input", target, err)
		}
		if b, _ := os.ReadFile(p); string(b) != "input" {
			t.Errorf("%s now holds %q", p, b)
		}
	}
	if err := in.WriteFile(other, write); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(other); string(b) != "new" {
		t.Errorf("%s holds %q, want the new report", other, b)
	}
}
