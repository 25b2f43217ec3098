package framework

import (
	"flag"
	"os"
	"strings"
	"testing"
)

// FuzzLoadFramework checks that no input makes the loader panic, and that a
// failed load reports every problem as a line starting with the file's path.
// Seeds: testdata/fuzz/FuzzLoadFramework and the real framework files.
func FuzzLoadFramework(f *testing.F) {
	f.Add([]byte(minimal))
	// An extension of the bundled framework (docs/reference.md §1.2).
	f.Add([]byte("schema: r3l.framework/v1\nid: x\nversion: \"1\"\nextends: r3lplus\ndrop: [A1.a, D5]\n" +
		"areas: [{id: A, weight: 2, criteria: [{id: A1, title: T}, {id: A9, title: T, indicators: [{id: A9.a, text: T}]}]}]\n"))
	// The real framework files (2–60 KB) are seeds of plain test runs only:
	// while fuzzing, the engine would spend whole minutes minimizing inputs
	// that size byte by byte. The corpus in testdata/fuzz covers the same
	// ground in smaller files.
	if fl := flag.Lookup("test.fuzz"); fl == nil || fl.Value.String() == "" {
		for _, p := range []string{"testdata/small.yaml", "testdata/bad-schema.yaml", "../testdata/frameworks/scoring.yaml", "../testdata/frameworks/r3lplus-lake-constance.yaml"} {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
		src, err := BundledSource(DefaultID)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := Load("in.yaml", data)
		if err == nil {
			if fw == nil {
				t.Fatal("neither a framework nor an error")
			}
			return
		}
		if fw != nil {
			t.Fatalf("a framework and an error: %v", err)
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(line, "in.yaml:") {
				t.Fatalf("error line does not start with the path: %q", line)
			}
		}
	})
}
