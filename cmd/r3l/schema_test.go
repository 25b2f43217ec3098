package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/r3l/r3l/schema"
)

// pythonValidator returns the command that validates with Python's
// jsonschema (schema/testdata/validate.py), or skips the test; under
// CI=true, where .ci/run installs python3-jsonschema and python3-yaml, it
// fails instead.
func pythonValidator(t *testing.T) []string {
	t.Helper()
	bin, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(bin, "-c", "import jsonschema, yaml; jsonschema.Draft202012Validator").Run()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 with jsonschema and yaml is not installed, and CI=true requires it: %v", err)
		}
		t.Skipf("python3 with jsonschema and yaml is not installed: %v", err)
	}
	return []string{bin, filepath.Join("..", "..", "schema", "testdata", "validate.py")}
}

// validateFiles checks docs against the schema file and fails the test
// for each error.
func validateFiles(t *testing.T, schemaPath string, docs ...string) {
	t.Helper()
	py := pythonValidator(t)
	cmd := exec.Command(py[0], append(append(py[1:], schemaPath), docs...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("validate.py: %v\n%s", err, stderr.Bytes())
	}
	var res struct {
		Schema    []string
		Documents map[string][]string
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Schema) > 0 || len(res.Documents) != len(docs) {
		t.Fatalf("%s: schema problems %q, %d results for %d documents", schemaPath, res.Schema, len(res.Documents), len(docs))
	}
	for doc, errs := range res.Documents {
		if len(errs) > 0 {
			t.Errorf("%s does not validate against %s:\n\t%s", doc, filepath.Base(schemaPath), strings.Join(errs, "\n\t"))
		}
	}
}

// run3l runs r3l in-process and returns its standard output.
func run3l(t *testing.T, args ...string) []byte {
	t.Helper()
	s, out, errOut := fakeStreams(false, false, 0, false)
	if code := execute(s, args); code != 0 {
		t.Fatalf("r3l %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out.Bytes()
}

// TestSchemasFitOutputs validates what r3l writes now, not only the
// golden files: an assessment, a comparison and a batch summary, each
// against the schema `r3l schema` prints.
func TestSchemasFitOutputs(t *testing.T) {
	pythonValidator(t)
	dir := t.TempDir()
	save := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	regions := filepath.Join("..", "..", "testdata", "regions")
	assessment := save("assessment.json", run3l(t, append([]string{"assess", "-f", "json"}, sampleFiles(t, "limerick")...)...))
	anonymous := save("anonymous.json", run3l(t, append([]string{"assess", "-f", "json", "--anonymous"}, sampleFiles(t, "kaunas")...)...))
	comparison := save("comparison.json", run3l(t, "compare", "-f", "json", "--min-group", "1", regions))
	out := filepath.Join(dir, "batch")
	run3l(t, "batch", regions, "-o", out, "-q")
	for name, docs := range map[string][]string{
		"assessment": {assessment, anonymous, filepath.Join(out, "lake-constance_2022.json")},
		"comparison": {comparison},
		"summary":    {filepath.Join(out, "summary.json")},
	} {
		validateFiles(t, save(schema.FileName(name), run3l(t, "schema", name)), docs...)
	}
}

// TestTemplateNamesItsSchema follows a template's first two lines as a
// coordinator would: the second is the command that writes the schema
// file the first names, next to the questionnaire; the prefilled template
// then validates against it, as it does for r3l.
func TestTemplateNamesItsSchema(t *testing.T) {
	pythonValidator(t)
	dir := t.TempDir()
	q := filepath.Join(dir, "r07.yaml")
	run3l(t, "template", "--region", "lake-constance", "--period", "2024", "--lang", "de", "-o", q)
	data, err := os.ReadFile(q)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(data), "\n", 3)
	file, ok := strings.CutPrefix(lines[0], "# yaml-language-server: $schema=")
	if !ok || file != schema.QuestionnaireFile("r3lplus") {
		t.Fatalf("first line %q", lines[0])
	}
	_, command, ok := strings.Cut(lines[1], ": r3l ")
	args := strings.Fields(command)
	if !ok || !slices.Equal(args, []string{"schema", "questionnaire", "-F", "r3lplus", "-o", file}) {
		t.Fatalf("second line %q", lines[1])
	}
	args[len(args)-1] = filepath.Join(dir, file) // the coordinator runs it in the questionnaires' folder
	run3l(t, args...)
	validateFiles(t, filepath.Join(dir, file), q)
	run3l(t, "assess", "-f", "json", q)
}

// TestSchemaCompletion checks that the shell completes the schema names,
// once.
func TestSchemaCompletion(t *testing.T) {
	for _, tt := range []struct {
		args, want []string
	}{
		{[]string{"schema", ""}, schema.Names()},
		{[]string{"schema", "questionnaire", ""}, nil},
		{[]string{"schema", "questionnaire", "-F", ""}, []string{"r3lplus", "unesco-guidelines", "unesco-klc"}},
	} {
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(string(run3l(t, append([]string{"__complete"}, tt.args...)...))), "\n") {
			if !strings.HasPrefix(line, ":") && !strings.HasPrefix(line, "Completion") {
				got = append(got, line)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: completions %q, want %q", tt.args, got, tt.want)
		}
	}
}
