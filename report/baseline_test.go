package report

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/r3l/r3l/assess"
)

// TestReadBaseline: a JSON report read back gives the baseline its
// questionnaires give, so --baseline report.json and --baseline DIR agree.
func TestReadBaseline(t *testing.T) {
	base := sample(t, "lake-constance-2022")
	path := filepath.Join(t.TempDir(), "2022.json")
	if err := os.WriteFile(path, render(t, "json", Options{}, base), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	want := assess.BaselineOf(base, path)
	if got.Framework != want.Framework || got.Region != want.Region || got.Period != want.Period || got.Respondents != 3 || len(got.Nodes) != len(want.Nodes) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	for id, w := range want.Nodes {
		g := got.Nodes[id]
		if !sameFloat(g.Score, w.Score) || !sameFloat(g.Spread.SD, w.Spread.SD) || g.Spread.N != w.Spread.N {
			t.Errorf("node %q: got %+v, want %+v", id, g, w)
		}
	}
}

func sameFloat(a, b *float64) bool {
	return (a == nil) == (b == nil) && (a == nil || math.Abs(*a-*b) < 1e-9)
}

func TestReadBaselineProblems(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ content, want string }{
		{`{"framework": {"id": "r3lplus"}, "region": {"id": "x"}, "period": "2022", "areas": [{"id": "A", "score": "high"}]}`,
			`b.json:1:112: score must be a number, not string`},
		{"{\n  \"framework\": {\"id\": \"r3lplus\"},\n  \"region\": {\"id\": \"x\"},,\n}", `b.json:3:26: invalid character ',' looking for beginning of object key string`},
		{`{"framework": {"id": "r3lplus"}, "region": {"id": "x"}}`, `b.json: not the JSON report of one assessment (r3l assess -f json): it lacks framework, region, period or areas`},
	} {
		path := filepath.Join(dir, "b.json")
		if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadBaseline(path)
		if err == nil || strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)) != tc.want {
			t.Errorf("got %v\nwant %s", err, tc.want)
		}
	}
}

// FuzzReadBaseline: any file gives a baseline or a one-line problem, never
// a panic.
func FuzzReadBaseline(f *testing.F) {
	for _, name := range []string{"lake-constance.json", "lake-constance-planned.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", "golden", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"framework":{"id":"x"},"region":{"id":"r"},"period":"1","areas":[{"id":"A","criteria":[{"id":"A1","score":1e308,"spread":{"n":-1,"sd":null}}]}]}`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "b.json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := ReadBaseline(path)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("a problem of more than one line: %q", err)
			}
			return
		}
		if b.Nodes == nil {
			t.Fatal("a baseline without nodes")
		}
	})
}
