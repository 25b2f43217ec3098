package pipeline

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// An unreadable subfolder is reported on its own, and every other input
// is still found. Root reads any folder, so as root the check runs in a
// child process as user nobody.
func TestExpandInputsUnreadableSubfolder(t *testing.T) {
	dir := os.Getenv("R3L_UNREADABLE_DIR")
	if dir == "" {
		dir = unreadableTree(t)
		if os.Geteuid() == 0 {
			// The test binary, where nobody may run it.
			bin := filepath.Join(filepath.Dir(dir), "pipeline.test")
			data, err := os.ReadFile(os.Args[0])
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(bin, data, 0o755); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "-test.run", "^TestExpandInputsUnreadableSubfolder$", "-test.v")
			cmd.Env = append(os.Environ(), "R3L_UNREADABLE_DIR="+dir)
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "--- PASS") {
				t.Fatalf("as nobody: %v\n%s", err, out)
			}
			return
		}
	}
	got, err := ExpandInputs([]string{dir})
	var names []string
	for _, p := range got {
		rel, _ := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
	}
	if strings.Join(names, " ") != "b/r2.yaml r1.yaml" {
		t.Errorf("found %v, want b/r2.yaml r1.yaml", names)
	}
	if want := filepath.Join(dir, "a") + ": cannot read this folder (permission denied)"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// unreadableTree makes in/{r1.yaml, a/ (mode 0), a/x.yaml, b/r2.yaml},
// readable by everyone but a.
func unreadableTree(t *testing.T) string {
	root, err := os.MkdirTemp("", "r3l-unreadable-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Chmod(filepath.Join(root, "in", "a"), 0o755)
		os.RemoveAll(root)
	})
	dir := filepath.Join(root, "in")
	for _, f := range []string{"r1.yaml", "a/x.yaml", "b/r2.yaml"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(root, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "a"), 0); err != nil {
		t.Fatal(err)
	}
	return dir
}
