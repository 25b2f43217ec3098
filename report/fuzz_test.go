package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
)

// FuzzWriters writes a scored sample region, with its change since a
// baseline and its plan, whose untrusted texts — the region's name, group,
// a respondent's role, evidence and a comment, and the plan's action
// titles, leads, evidence and reasons — are the fuzzer's, in every format: each must write, parse back where a
// parser exists (JSON, CSV, the workbook), and hold no character that acts
// on a terminal in its text formats. Seeds: the three below (plain,
// escape sequences and markup, line breaks and broken UTF-8).
// Every execution writes a workbook and a page (about 20 ms), so CI runs
// it for fewer executions than the readers (.ci/run).
func FuzzWriters(f *testing.F) {
	base := samplePlanned(f)
	f.Add("Kaunas Learning City", "city", "school", "Minutes, 2024", "=SUM(A1:A9)")
	f.Add("\x1b[2J\x1b]0;t\a", "\u009b31m", "\u202egnp.exe", "[x](javascript:alert(1))", "<script>alert(1)</script>")
	f.Add("a\nb\r\nc", "\t", "", "\xff\xfe", "\"quoted\", with a comma")
	f.Fuzz(func(t *testing.T, name, group, role, evidence, comment string) {
		r := *base
		r.Region.Name, r.Region.Group = name, group
		qs := make([]*assess.Questionnaire, len(base.Questionnaires))
		for i, q := range base.Questionnaires {
			c := *q
			c.Answers = append([]assess.Answer(nil), q.Answers...)
			qs[i] = &c
		}
		qs[0].Respondent.Role = role
		qs[0].Answers[0].SetNotes(evidence, comment)
		r.Questionnaires = qs
		// The plan is the base's, its texts set anew on every run.
		p := base.Plan.Plan
		for i := range p.Actions {
			p.Actions[i].Title, p.Actions[i].Lead, p.Actions[i].Evidence = evidence, role, comment
		}
		for i := range p.Targets {
			p.Targets[i].Why = []string{comment, name}
		}
		for _, f := range formats {
			w, err := New(f.Name, Options{Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := w.Assessment(&buf, &r); err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			out := buf.Bytes()
			switch f.Name {
			case "json":
				var doc struct{ Region struct{ Name string } }
				if err := json.Unmarshal(out, &doc); err != nil {
					t.Fatalf("json does not parse: %v", err)
				}
				// encoding/json puts U+FFFD for each byte of broken UTF-8.
				var want string
				if b, err := json.Marshal(name); err != nil || json.Unmarshal(b, &want) != nil {
					t.Fatalf("the name does not survive encoding/json itself: %v", err)
				}
				if doc.Region.Name != want {
					t.Fatalf("json region name %q, want %q", doc.Region.Name, want)
				}
			case "csv":
				if _, err := csv.NewReader(bytes.NewReader(out)).ReadAll(); err != nil {
					t.Fatalf("csv does not parse: %v", err)
				}
			case "xlsx":
				x, err := excelize.OpenReader(bytes.NewReader(out))
				if err != nil {
					t.Fatalf("the workbook does not open: %v", err)
				}
				x.Close()
				continue
			}
			if bad := actingRunes(out, f.Name != "table"); len(bad) > 0 {
				t.Fatalf("%s holds characters that act on a terminal: %v", f.Name, bad[:min(3, len(bad))])
			}
		}
	})
}
