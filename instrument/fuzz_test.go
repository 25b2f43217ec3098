package instrument

import (
	"archive/zip"
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/r3l/r3l/framework"
)

// scoringOrBundled picks the scoring test framework or a bundled one.
func scoringOrBundled(f *testing.F) FrameworkPicker {
	scoring := scoringFramework(f)
	return func(id, version string) (*framework.Framework, error) {
		if id == scoring.ID {
			return scoring, nil
		}
		return BundledFramework(id, version)
	}
}

// FuzzLoadQuestionnaire checks that no input makes the loader panic, and
// that a failed load reports every problem as a line starting with the
// file's path. Questionnaires may name the bundled r3lplus framework or the
// scoring test framework. Seeds: testdata/fuzz/FuzzLoadQuestionnaire and
// the sample files of the repository.
func FuzzLoadQuestionnaire(f *testing.F) {
	pick := scoringOrBundled(f)
	// The sample files (1–2 KB each) are seeds of plain test runs only: while
	// fuzzing, the engine would spend whole minutes minimizing inputs that
	// size byte by byte. The corpus in testdata/fuzz covers the same ground
	// in smaller files.
	if fl := flag.Lookup("test.fuzz"); fl == nil || fl.Value.String() == "" {
		paths, err := filepath.Glob("../testdata/regions/*/*.yaml")
		if err != nil || len(paths) == 0 {
			f.Fatalf("sample files: %v", err)
		}
		for _, p := range append(paths, "../testdata/frameworks/scoring.yaml") {
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

// FuzzLoadWorkbook checks that no input makes the workbook reader panic,
// and that a failed load reports every problem as a line starting with the
// file's path. Seeds (testdata/fuzz/FuzzLoadWorkbook): a template made by
// `r3l template -f xlsx`, a filled one, a truncated one, a text file, and
// small workbooks stored without compression, so that mutations reach
// the XML inside.
func FuzzLoadWorkbook(f *testing.F) {
	pick := scoringOrBundled(f)
	f.Add(storedBook(f, scoringBook(f, map[string]any{"B8": "r1"},
		map[string]any{"E2": "4 – largely", "E3": 2, "E4": true, "E5": 42.5, "E6": "na", "F2": "minutes"},
		map[string]any{"C2": "A2 – Criterion A2", "D2": "A1"})))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []LoadOptions{{Pick: pick}, {Pick: pick, Strict: true}} {
			q, err := LoadWorkbook("in.xlsx", data, opts)
			if err == nil {
				if q == nil || q.Framework == nil || len(q.Answers) != len(q.Framework.Indicators) {
					t.Fatalf("loaded without error: %+v", q)
				}
				continue
			}
			if q != nil {
				t.Fatalf("a questionnaire and an error: %v", err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "in.xlsx: ") {
					t.Fatalf("error line does not start with the path: %q", line)
				}
			}
		}
	})
}

// storedBook rewrites a workbook with its parts stored uncompressed and
// without the parts the reader does not need.
func storedBook(t testing.TB, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "docProps/") || strings.HasPrefix(zf.Name, "xl/theme/") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
