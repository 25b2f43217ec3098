package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/r3l/r3l/batch"
	"github.com/r3l/r3l/internal/workload"
)

// buildR3L builds the command into dir, for tests that need a real
// process.
func buildR3L(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "r3l")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// A batch stopped by SIGINT or SIGTERM at any moment — while reading,
// scoring or writing — exits with 130 or 143 (or 0 if it finished first),
// leaves no temporary file in the output folder or the temporary folder,
// and writes a summary.json that says it was interrupted and what was not
// finished. A real process, real signals.
func TestInterruptedBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds r3l and runs batches")
	}
	work := t.TempDir()
	bin := buildR3L(t, work)
	data := filepath.Join(work, "data")
	os.Mkdir(data, 0o755)
	st, err := workload.Generate(data, workload.Config{Regions: 150, Seed: 11, TwoPeriods: 0.15})
	if err != nil {
		t.Fatal(err)
	}
	type stop struct {
		sig   syscall.Signal
		after time.Duration
	}
	// How long a whole run takes here, to stop the others while they
	// read, score and write.
	begin := time.Now()
	whole := exec.Command(bin, "batch", filepath.Join(data, workload.QuestionnaireDir), "-F", filepath.Join(data, workload.FrameworkFile),
		"-o", filepath.Join(work, "whole"), "--formats", "json,markdown", "-q")
	if out, err := whole.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	d := time.Since(begin)
	// A signal before the process has started (its handlers are set in
	// main) ends it as any Go program; the first stop comes after twice
	// the time of a run that does nothing.
	begin = time.Now()
	if out, err := exec.Command(bin, "--version").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	started := 2 * time.Since(begin)
	for i, s := range []stop{{syscall.SIGINT, max(d/20, started)}, {syscall.SIGINT, max(d*3/10, started)},
		{syscall.SIGTERM, max(d*6/10, started)}, {syscall.SIGINT, max(d*9/10, started)}} {
		out := filepath.Join(work, "out"+string(rune('a'+i)))
		tmp := filepath.Join(work, "tmp"+string(rune('a'+i)))
		os.Mkdir(tmp, 0o755)
		cmd := exec.Command(bin, "batch", filepath.Join(data, workload.QuestionnaireDir), "-F", filepath.Join(data, workload.FrameworkFile),
			"-o", out, "--formats", "json,markdown", "-q")
		cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(s.after)
		cmd.Process.Signal(s.sig)
		err := cmd.Wait()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		}
		var sum batch.Summary
		raw, rerr := os.ReadFile(filepath.Join(out, batch.SummaryFile))
		if rerr != nil || json.Unmarshal(raw, &sum) != nil {
			t.Fatalf("%v after %v: exit %d, no valid summary.json (%v)\n%s", s.sig, s.after, code, rerr, stderr.String())
		}
		switch code {
		case 128 + int(s.sig):
			want := map[syscall.Signal]string{syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM"}[s.sig]
			switch {
			case sum.Interrupted == "" && len(sum.Unfinished) == 0:
				// The signal came after the summary was written: the
				// run is whole, and the exit code still tells a calling
				// script that it was interrupted.
				t.Logf("%v after %v: the summary was written first", s.sig, s.after)
			case sum.Interrupted != want || len(sum.Unfinished) == 0:
				t.Errorf("%v after %v: interrupted %q, %d unfinished", s.sig, s.after, sum.Interrupted, len(sum.Unfinished))
			}
			if !strings.Contains(stderr.String(), "r3l: interrupted by "+want) {
				t.Errorf("%v after %v: stderr %q", s.sig, s.after, stderr.String())
			}
		case 0:
			t.Logf("%v after %v: the batch finished first", s.sig, s.after)
			if sum.Interrupted != "" || len(sum.Unfinished) > 0 {
				t.Errorf("finished, but summary says interrupted %q", sum.Interrupted)
			}
		default:
			t.Errorf("%v after %v: exit %d\n%s", s.sig, s.after, code, stderr.String())
		}
		// Every output listed exists; none is listed twice.
		for _, o := range sum.Outputs {
			if _, err := os.Stat(filepath.Join(out, o)); err != nil {
				t.Errorf("listed output %s: %v", o, err)
			}
			if slices.Contains(sum.Unfinished, o) {
				t.Errorf("%s both written and unfinished", o)
			}
		}
		t.Logf("%v after %v: exit %d, %d of %d files written, %d unfinished", s.sig, s.after, code, len(sum.Outputs), st.Assessments*2+3, len(sum.Unfinished))
		left, _ := filepath.Glob(filepath.Join(out, ".*"))
		inTmp, _ := os.ReadDir(tmp)
		if len(left) > 0 || len(inTmp) > 0 {
			t.Errorf("%v after %v: left behind %v and %d files in TMPDIR", s.sig, s.after, left, len(inTmp))
		}
	}
}

// Interrupted before it reads, assess and import write nothing and exit
// with the signal's code, saying why.
func TestInterruptedBeforeReading(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(&interrupted{tc.sig})
		dir := t.TempDir()
		out := filepath.Join(dir, "report.json")
		s, _, errOut := fakeStreams(false, false, 0, false)
		args := append([]string{"assess", "-o", out}, sampleFiles(t, "kaunas")...)
		if code := executeContext(ctx, s, args); code != tc.code {
			t.Errorf("%v: exit %d, want %d", tc.sig, code, tc.code)
		}
		if !strings.Contains(errOut.String(), "r3l: interrupted by "+signalName(tc.sig)) {
			t.Errorf("%v: stderr %q", tc.sig, errOut.String())
		}
		if left, _ := os.ReadDir(dir); len(left) > 0 {
			t.Errorf("%v: wrote %v", tc.sig, left)
		}
	}
}
