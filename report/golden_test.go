package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/pipeline"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sample scores one of the bundled sample regions.
func sample(t testing.TB, region string) *assess.Result {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "regions", region, "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no sample files for %s: %v", region, err)
	}
	p, err := pipeline.New(pipeline.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	results, err := p.Run(paths)
	if err != nil {
		t.Fatal(err)
	}
	return results[0]
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte, equal func(want, got []byte) bool) {
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
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if equal == nil {
		equal = bytes.Equal
	}
	if !equal(want, got) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

func render(t testing.TB, format string, opts Options, r *assess.Result) []byte {
	t.Helper()
	w, err := New(format, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.Assessment(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGoldenTable(t *testing.T) {
	r := sample(t, "lake-constance")
	golden(t, "lake-constance.txt", render(t, "table", Options{}, r), nil)
	golden(t, "lake-constance.de.txt", render(t, "table", Options{Lang: "de"}, r), nil)
}

func TestTableFitsWidth(t *testing.T) {
	r := sample(t, "kaunas")
	for _, lang := range []string{"en", "de", "sv"} {
		for _, width := range []int{60, 80, 120} {
			out := render(t, "table", Options{Lang: lang, Width: width}, r)
			for i, line := range strings.Split(string(out), "\n") {
				if n := len([]rune(line)); n > width {
					t.Errorf("%s width %d: line %d is %d columns: %s", lang, width, i+1, n, line)
				}
			}
		}
	}
}

func TestGoldenMarkdown(t *testing.T) {
	golden(t, "limerick.md", render(t, "markdown", Options{}, sample(t, "limerick")), nil)
}

func TestGoldenCSV(t *testing.T) {
	out := render(t, "csv", Options{}, sample(t, "kaunas"))
	golden(t, "kaunas.csv", out, nil)
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "region,name,group,country,period,kind,node,score,coverage,status,maturity,target,gap,met,baseline_score,delta,noise" {
		t.Errorf("header %s", got)
	}
	// overall + 4 areas + 24 criteria + 64 indicators
	if len(rows) != 1+1+4+24+64 {
		t.Errorf("%d rows", len(rows))
	}
	if rows[1][5] != "overall" || rows[1][6] != "" || rows[2][5] != "area" || rows[2][6] != "A" || rows[3][6] != "A1" || rows[4][6] != "A1.a" {
		t.Errorf("first rows %v", rows[1:5])
	}
}

// jsonEqual compares two JSON documents structurally.
func jsonEqual(want, got []byte) bool {
	var w, g any
	if json.Unmarshal(want, &w) != nil || json.Unmarshal(got, &g) != nil {
		return false
	}
	return reflect.DeepEqual(w, g)
}

func TestGoldenJSON(t *testing.T) {
	r := sample(t, "lake-constance")
	out := render(t, "json", Options{}, r)
	golden(t, "lake-constance.json", out, jsonEqual)

	// The fields of docs/reference.md §5.1, as a consumer reads them.
	var doc struct {
		Framework   struct{ ID, Version string }
		Region      struct{ ID, Name, Country, Group string }
		Period      string
		Respondents int
		Status      string
		Score       *float64
		Level       *string
		Coverage    *float64
		Areas       []struct {
			ID       string
			Criteria []struct {
				ID         string
				Indicators []map[string]any
			}
		}
		Strengths, Weaknesses []string
		Priorities            []struct {
			Criterion string
			Points    int
			Ranks     []int
		}
		PriorityClusters []struct {
			Cluster string
			Points  int
		} `json:"priority_clusters"`
		Roles []struct {
			Role        string
			Respondents int
			Areas       []map[string]any
		}
		Warnings []string
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Framework.ID != "r3lplus" || doc.Framework.Version != "2012" || doc.Region.ID != "lake-constance" ||
		doc.Period != "2024" || doc.Respondents != 6 || doc.Status != "scored" {
		t.Errorf("header fields %+v", doc)
	}
	if doc.Score == nil || *doc.Score != *r.Score || doc.Level == nil || *doc.Level != r.Level.ID {
		t.Errorf("overall score %v level %v", doc.Score, doc.Level)
	}
	ind := doc.Areas[0].Criteria[0].Indicators[0]
	for _, key := range []string{"id", "status", "score", "n", "sd", "min", "max", "disagreement"} {
		if _, ok := ind[key]; !ok {
			t.Errorf("indicator lacks %q: %v", key, ind)
		}
	}
	if len(doc.Strengths) != 3 || len(doc.Weaknesses) != 3 || len(doc.Roles) == 0 || len(doc.Priorities) == 0 {
		t.Errorf("lists: %d strengths, %d weaknesses, %d roles, %d priorities",
			len(doc.Strengths), len(doc.Weaknesses), len(doc.Roles), len(doc.Priorities))
	}
	if doc.Warnings == nil {
		t.Error("warnings must be [] rather than null")
	}
}

func TestJSONNullScore(t *testing.T) {
	// A criterion without a score is null, never 0.
	r := sample(t, "kaunas")
	c := &r.Areas[0].Criteria[0]
	c.Status, c.Score, c.Level = assess.Insufficient, nil, nil
	out := render(t, "json", Options{}, r)
	if !bytes.Contains(out, []byte(`"id": "A1",
          "title": "A common, shared vision is defined and promoted",
          "status": "insufficient",
          "score": null,
          "level": null,`)) {
		t.Errorf("null score not written as null:\n%s", out[:min(len(out), 1500)])
	}
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+1":                "'+1",
		"-2":                "'-2",
		"@SUM":              "'@SUM",
		"\tx":               "'\tx",
		"plain":             "plain",
		"":                  "",
	} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := New("pdf", Options{}); err == nil || !strings.Contains(err.Error(), `unknown format "pdf"`) {
		t.Errorf("error %v", err)
	}
}
