package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/instrument"
)

// TestOutputRecognised checks that every file r3l writes — each report and
// comparison format but the terminal table, and a batch summary — is told
// by its content, and that questionnaires, templates and frameworks are
// not.
func TestOutputRecognised(t *testing.T) {
	r := sample(t, "kaunas")
	c := sampleComparison(t, 2)
	for _, f := range formats {
		if f.Terminal {
			continue
		}
		if !Output(render(t, f.Name, Options{}, r)) {
			t.Errorf("a %s report is not recognised", f.Name)
		}
		if !Output(renderComparison(t, f.Name, Options{}, c)) {
			t.Errorf("a %s comparison is not recognised", f.Name)
		}
	}
	if !Output([]byte(`{"inputs": 3, "assessments": 1, "failed": [], "outputs": []}`)) {
		t.Error("a batch summary is not recognised")
	}
	fw, err := framework.Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	src, _ := framework.BundledSource("r3lplus")
	sampleQ, err := os.ReadFile(filepath.Join("..", "testdata", "regions", "kaunas", "r01-lead-partner.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	not := map[string][]byte{"questionnaire": sampleQ, "framework": src, "text": []byte("region,name\n")}
	for _, tpl := range instrument.Templates() {
		var buf bytes.Buffer
		if err := tpl.Write(&buf, fw, instrument.Options{}); err != nil {
			t.Fatal(err)
		}
		not[tpl.Name+" template"] = buf.Bytes()
	}
	for what, data := range not {
		if Output(data) {
			t.Errorf("a %s is taken for r3l's output", what)
		}
	}
}
