package assess

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/r3l/r3l/framework"
)

// FuzzLoadQuestionnaire checks that no input makes the loader panic, and
// that a failed load reports every problem as a line starting with the
// file's path. Questionnaires may name the bundled r3lplus framework or the
// scoring test framework. Seeds: testdata/fuzz/FuzzLoadQuestionnaire and
// the sample files of the repository.
func FuzzLoadQuestionnaire(f *testing.F) {
	scoring, err := framework.LoadFile("testdata/scoring.yaml")
	if err != nil {
		f.Fatal(err)
	}
	pick := func(id, version string) (*framework.Framework, error) {
		if id == scoring.ID {
			return scoring, nil
		}
		return BundledFramework(id, version)
	}
	// The sample files (1–2 KB each) are seeds of plain test runs only: while
	// fuzzing, the engine would spend whole minutes minimizing inputs that
	// size byte by byte. The corpus in testdata/fuzz covers the same ground
	// in smaller files.
	if fl := flag.Lookup("test.fuzz"); fl == nil || fl.Value.String() == "" {
		paths, err := filepath.Glob("../testdata/regions/*/*.yaml")
		if err != nil || len(paths) == 0 {
			f.Fatalf("sample files: %v", err)
		}
		for _, p := range append(paths, "testdata/scoring.yaml") {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte(qhead + "answers: {A1.a: 4, A2.a: yes, A2.b: 50, B3.a: dk}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []LoadOptions{{}, {Pick: pick, Strict: true}} {
			q, err := LoadQuestionnaire("in.yaml", data, opts)
			if err == nil {
				if q == nil {
					t.Fatal("neither a questionnaire nor an error")
				}
				continue
			}
			if q != nil {
				t.Fatalf("a questionnaire and an error: %v", err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "in.yaml:") {
					t.Fatalf("error line does not start with the path: %q", line)
				}
			}
		}
	})
}
