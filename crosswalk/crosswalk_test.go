package crosswalk_test

import (
	"os"
	"strings"
	"testing"

	"github.com/r3l/r3l/crosswalk"
	"github.com/r3l/r3l/framework"
)

func TestParseProblems(t *testing.T) {
	src := `schema: r3l.crosswalk/v2
from: ""
to: scoring-target
map:
  - to: X1
    from: []
  - to: X1
    from: [A1, A1, {id: B1, weight: 0}]
  - {to: X2, form: B1}
`
	_, err := crosswalk.Parse("cw.yaml", []byte(src))
	want := []string{
		`cw.yaml:1:9: schema must be "r3l.crosswalk/v1", not "r3l.crosswalk/v2"`,
		`cw.yaml:2:7: from is empty: name a framework id`,
		`cw.yaml:6:11: X1 maps from nothing: name at least one criterion or indicator`,
		`cw.yaml:7:9: X1 is mapped twice: give all its sources in one entry`,
		`cw.yaml:8:16: X1 maps from A1 twice`,
		`cw.yaml:8:37: weight must be above 0 and at most 1e6, not 0`,
		`cw.yaml:9:5: a map entry is missing "from"`,
		`cw.yaml:9:14: unknown key "form" in a map entry (did you mean "from"?)`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

func TestCheck(t *testing.T) {
	from, err := framework.LoadFile("../testdata/frameworks/scoring.yaml")
	if err != nil {
		t.Fatal(err)
	}
	to, err := framework.LoadFile("../testdata/frameworks/scoring-target.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cw, err := crosswalk.Load("testdata/scoring.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := cw.Check(from, to); err != nil {
		t.Fatal(err)
	}
	if err := cw.Check(to, from); err == nil || !strings.Contains(err.Error(), "the crosswalk maps from scoring, not from scoring-target 1") {
		t.Errorf("reversed: %v", err)
	}
	bad, err := crosswalk.Parse("bad.yaml", []byte("schema: r3l.crosswalk/v1\nfrom: scoring\nto: scoring-target\nmap:\n  - {to: Z9, from: [B9.z]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := "bad.yaml:5:5: framework scoring-target has no criterion \"Z9\"\nbad.yaml:5:21: framework scoring has no criterion or indicator \"B9.z\""
	if err := bad.Check(from, to); err == nil || err.Error() != want {
		t.Errorf("got %v, want\n%s", err, want)
	}
}

// TestBundled: every bundled crosswalk fits the bundled frameworks it
// names, and is found for them.
func TestBundled(t *testing.T) {
	cws, err := crosswalk.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if len(cws) == 0 {
		t.Fatal("no bundled crosswalk")
	}
	for _, cw := range cws {
		from, err := framework.Get(cw.From)
		if err != nil {
			t.Fatal(err)
		}
		to, err := framework.Get(cw.To)
		if err != nil {
			t.Fatal(err)
		}
		if err := cw.Check(from, to); err != nil {
			t.Errorf("%s: %v", cw.Path, err)
		}
		if found, _ := crosswalk.Find(nil, from, to); found != cw {
			t.Errorf("%s is not found for %s → %s", cw.Path, from.ID, to.ID)
		}
		for _, m := range cw.Maps {
			if strings.TrimSpace(m.Why) == "" {
				t.Errorf("%s: %s gives no reason", cw.Path, m.To)
			}
		}
	}
}

func FuzzParseCrosswalk(f *testing.F) {
	for _, path := range []string{"testdata/scoring.yaml", "bundled/r3lplus--unesco-klc.yaml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("schema: r3l.crosswalk/v1\nfrom: a@1\nto: b\nmap: [{to: x, from: {id: y, weight: 1e400}}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cw, err := crosswalk.Parse("fuzz.yaml", data)
		if err != nil {
			if strings.Contains(err.Error(), "\n\n") {
				t.Fatalf("an empty problem line: %q", err)
			}
			return
		}
		for _, m := range cw.Maps {
			for _, s := range m.From {
				if !(s.Weight > 0) {
					t.Fatalf("weight %v taken", s.Weight)
				}
			}
		}
	})
}
