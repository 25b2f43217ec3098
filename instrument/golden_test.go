package instrument

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/r3l/r3l/framework"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./instrument -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

func TestGoldenTemplate(t *testing.T) {
	fw, err := framework.Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := TemplateYAML(&buf, fw, Options{Lang: "de", Region: "lake-constance", Period: "2024"}); err != nil {
		t.Fatal(err)
	}
	golden(t, "template.de.yaml", buf.Bytes())
	// The template is itself a valid questionnaire with every indicator present but unanswered.
	q, err := LoadQuestionnaire("template.yaml", buf.Bytes(), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(q.MissingIDs()); got != len(fw.Indicators) {
		t.Errorf("%d missing, want all %d", got, len(fw.Indicators))
	}
	for _, ind := range fw.Indicators {
		if !bytes.Contains(buf.Bytes(), []byte("\n  "+ind.ID+":\n")) {
			t.Errorf("template lacks %s", ind.ID)
		}
	}
}
