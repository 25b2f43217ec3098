package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/instrument"
	"github.com/r3l/r3l/plan"
)

// These tests validate with an implementation of JSON Schema other than
// anything in r3l: Python's jsonschema (Debian's python3-jsonschema),
// driven by testdata/validate.py.

// python returns python3 with the jsonschema and yaml modules, or skips
// the test; under CI=true, where .ci/run installs them, it fails instead,
// as internal/officetest does for its programs.
func python(t *testing.T) string {
	t.Helper()
	bin, err := findPython()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 with jsonschema and yaml is not installed, and CI=true requires it (.ci/run installs python3-jsonschema and python3-yaml): %v", err)
		}
		t.Skipf("python3 with jsonschema and yaml is not installed: %v", err)
	}
	return bin
}

// findPython looks once per test binary.
var findPython = sync.OnceValues(func() (string, error) {
	bin, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(bin, "-c", "import jsonschema, yaml; jsonschema.Draft202012Validator").Run()
	}
	return bin, err
})

// validate checks schema (a file) against the meta-schema and docs
// against schema, and returns each document's errors; none means valid.
func validate(t *testing.T, schema string, docs ...string) map[string][]string {
	t.Helper()
	cmd := exec.Command(python(t), append([]string{filepath.Join("testdata", "validate.py"), schema}, docs...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("validate.py %s: %v\n%s", schema, err, stderr.Bytes())
	}
	var res struct {
		Schema    []string
		Documents map[string][]string
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("validate.py %s: %v\n%s", schema, err, out)
	}
	if len(res.Schema) > 0 {
		t.Fatalf("%s is not a valid draft 2020-12 schema: %s", schema, strings.Join(res.Schema, "; "))
	}
	if len(res.Documents) != len(docs) {
		t.Fatalf("validate.py %s: %d results for %d documents", schema, len(res.Documents), len(docs))
	}
	return res.Documents
}

// schemaFile writes a schema where validate.py reads it.
func schemaFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// r3lplusSchema writes the R3L+ questionnaire schema.
func r3lplusSchema(t *testing.T) string {
	t.Helper()
	fw, err := framework.Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	data, err := QuestionnaireFor(fw)
	if err != nil {
		t.Fatal(err)
	}
	return schemaFile(t, QuestionnaireFile(fw.ID), data)
}

func glob(t *testing.T, pattern string, atLeast int) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) < atLeast {
		t.Fatalf("%s: %d files (%v), want at least %d", pattern, len(files), err, atLeast)
	}
	return files
}

func wantValid(t *testing.T, schema string, results map[string][]string) {
	t.Helper()
	for doc, errs := range results {
		if len(errs) > 0 {
			t.Errorf("%s does not validate against %s:\n\t%s", doc, filepath.Base(schema), strings.Join(errs, "\n\t"))
		}
	}
}

// TestSamplesValid validates every sample questionnaire, against the
// general schema and the R3L+ one; the bundled and test frameworks; the
// golden JSON reports; and a batch summary. Each schema is also checked
// against the draft 2020-12 meta-schema.
func TestSamplesValid(t *testing.T) {
	questionnaires := glob(t, filepath.Join("..", "testdata", "regions", "*", "*.yaml"), 19)
	frameworks := append(glob(t, filepath.Join("..", "framework", "bundled", "*.yaml"), 1),
		filepath.Join("..", "framework", "testdata", "small.yaml"),
		filepath.Join("..", "testdata", "frameworks", "scoring.yaml"),
		// Extensions give only what they change (docs/reference.md §1.2).
		filepath.Join("..", "testdata", "frameworks", "scoring-extended.yaml"),
		filepath.Join("..", "testdata", "frameworks", "r3lplus-lake-constance.yaml"),
		filepath.Join("testdata", "forms.yaml"))
	golden := filepath.Join("..", "report", "testdata", "golden")
	for _, tc := range []struct {
		schema string
		docs   []string
	}{
		{FileName("questionnaire"), questionnaires},
		{r3lplusSchema(t), questionnaires},
		{FileName("framework"), frameworks},
		{FileName("assessment"), []string{filepath.Join(golden, "lake-constance.json"), filepath.Join(golden, "lake-constance-planned.json")}},
		{FileName("plan"), []string{filepath.Join("..", "testdata", "plans", "lake-constance.yaml")}},
		{FileName("crosswalk"), []string{filepath.Join("..", "crosswalk", "bundled", "r3lplus--unesco-klc.yaml"), filepath.Join("..", "crosswalk", "testdata", "scoring.yaml")}},
		{FileName("comparison"), []string{filepath.Join(golden, "comparison.json")}},
		// Written by `r3l batch` over a folder with a broken file, a
		// repeated respondent, a report of an earlier run and an
		// unanswered indicator.
		{FileName("summary"), []string{filepath.Join("testdata", "summary.json")}},
		{FileName("mapping"), []string{filepath.Join("..", "instrument", "testdata", "survey", "foreign", "map.yaml")}},
	} {
		wantValid(t, tc.schema, validate(t, tc.schema, tc.docs...))
	}
}

// TestInvalidRejected checks that the schemas refuse what r3l refuses,
// each for the reason r3l gives: the error is at path (or below) and
// names what.
func TestInvalidRejected(t *testing.T) {
	r3lplus := r3lplusSchema(t)
	inv := func(name string) string { return filepath.Join("testdata", "invalid", name) }
	tests := []struct {
		schema, doc, path, what string
	}{
		{FileName("questionnaire"), inv("questionnaire-unknown-key.yaml"), "region", "nmae"},
		{r3lplus, inv("questionnaire-unknown-key.yaml"), "region", "nmae"},
		{r3lplus, inv("r3lplus-unknown-indicator.yaml"), "answers", "A2a"},
		{r3lplus, inv("r3lplus-off-scale.yaml"), "answers/A1.c", "7"},
		{r3lplus, inv("r3lplus-priority-other-area.yaml"), "priorities/B/0", "A2"},
		{FileName("framework"), inv("framework-no-areas.yaml"), "(root)", "areas"},
		{FileName("mapping"), inv("mapping-column-and-value.yaml"), "period", "is not valid under any"},
		{FileName("plan"), inv("plan-score-and-level.yaml"), "targets/0", "is valid under each of"},
		{FileName("framework"), inv("framework-points-on-numeric.yaml"), "scales/0", "[{'value': 1, 'code': 'low'}"},
		{FileName("framework"), inv("framework-drop-without-extends.yaml"), "(root)", "False schema does not allow ['A2']"},
		{FileName("framework"), inv("framework-extension-without-version.yaml"), "(root)", "'version' is a required property"},
	}
	docs := map[string][]string{} // by schema, to start Python once for each
	for _, tt := range tests {
		docs[tt.schema] = append(docs[tt.schema], tt.doc)
	}
	results := map[string]map[string][]string{}
	for schema, list := range docs {
		results[schema] = validate(t, schema, list...)
	}
	for _, tt := range tests {
		errs := results[tt.schema][tt.doc]
		found := false
		for _, e := range errs {
			path, msg, _ := strings.Cut(e, ": ")
			// Validators differ on whether the error of a property
			// forbidden by a false schema is at the property or its
			// object.
			at := path == tt.path || strings.HasPrefix(path, tt.path+"/")
			found = found || (at && strings.Contains(msg, tt.what))
		}
		if !found {
			t.Errorf("%s against %s: errors %q, want one at %s naming %q", tt.doc, filepath.Base(tt.schema), errs, tt.path, tt.what)
		}
		if err := r3lRejects(tt.doc); err == nil {
			t.Errorf("%s: r3l reads it, so it is no example of an invalid file", tt.doc)
		}
	}
	// The general schema knows no framework: the indicator id and the
	// answer are well-formed there.
	general := validate(t, FileName("questionnaire"), inv("r3lplus-unknown-indicator.yaml"), inv("r3lplus-off-scale.yaml"))
	wantValid(t, FileName("questionnaire"), general)
}

// r3lRejects reads a framework or questionnaire as r3l does.
func r3lRejects(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if bytes.Contains(data, []byte("schema: r3l.plan/v1")) {
		_, err = plan.Parse(path, data)
		return err
	}
	if bytes.Contains(data, []byte("schema: r3l.framework/v1")) {
		_, err = framework.Load(path, data)
		return err
	}
	_, err = instrument.LoadQuestionnaire(path, data, instrument.LoadOptions{})
	return err
}

// TestReportsRejectedWhenBroken checks that the output schemas require
// what they promise: a golden report with a field missing, a score out
// of range or an unknown status does not validate.
func TestReportsRejectedWhenBroken(t *testing.T) {
	golden := filepath.Join("..", "report", "testdata", "golden")
	dir := t.TempDir()
	breakJSON := func(src, name string, edit func(map[string]any)) string {
		data, err := os.ReadFile(filepath.Join(golden, src))
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		edit(doc)
		out, _ := json.Marshal(doc)
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	firstArea := func(doc map[string]any) map[string]any { return doc["areas"].([]any)[0].(map[string]any) }
	assessment := []string{
		breakJSON("lake-constance.json", "no-score.json", func(d map[string]any) { delete(d, "score") }),
		breakJSON("lake-constance.json", "score-200.json", func(d map[string]any) { firstArea(d)["score"] = 200 }),
		breakJSON("lake-constance.json", "status.json", func(d map[string]any) { firstArea(d)["status"] = "done" }),
	}
	comparison := []string{
		breakJSON("comparison.json", "no-rank.json", func(d map[string]any) {
			delete(d["assessments"].([]any)[0].(map[string]any), "rank")
		}),
		breakJSON("comparison.json", "no-statistics.json", func(d map[string]any) { delete(d, "statistics") }),
	}
	for schema, docs := range map[string][]string{FileName("assessment"): assessment, FileName("comparison"): comparison} {
		for doc, errs := range validate(t, schema, docs...) {
			if len(errs) == 0 {
				t.Errorf("%s validates against %s", filepath.Base(doc), schema)
			}
		}
	}
}
