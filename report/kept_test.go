package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/crosswalk"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/pipeline"
)

// keptSamples are results of every kind a run keeps: plain, anonymous,
// against a baseline and a plan, and shown through a crosswalk.
func keptSamples(t *testing.T) []*assess.Result {
	t.Helper()
	rs := []*assess.Result{samplePlanned(t)}
	for _, region := range sampleRegions {
		rs = append(rs, sample(t, region))
	}
	paths, _ := filepath.Glob("../testdata/regions/limerick/*.yaml")
	p, err := pipeline.New(pipeline.Options{Workers: 1, Scoring: assess.Options{Anonymous: true, Aggregate: assess.Median}})
	if err != nil {
		t.Fatal(err)
	}
	anon, err := p.Run(paths)
	if err != nil {
		t.Fatal(err)
	}
	rs = append(rs, anon...)
	paths, _ = filepath.Glob("../testdata/cities/cork-2022/*.yaml")
	p, _ = pipeline.New(pipeline.Options{Workers: 1})
	cork, err := p.Run(paths)
	if err != nil {
		t.Fatal(err)
	}
	to, err := framework.Resolve("unesco-klc")
	if err != nil {
		t.Fatal(err)
	}
	cws, err := crosswalk.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	cw, err := crosswalk.Find(cws, cork[0].Framework, to)
	if err != nil {
		t.Fatal(err)
	}
	return append(rs, assess.Translate(cork[0], to, cw))
}

// TestCodecKeepsWhatReportsShow encodes results and reads them back: the
// same result but for the answers (which only the reports of one
// assessment show, written before a result is kept), and the same bytes
// in every format that shows no answers.
func TestCodecKeepsWhatReportsShow(t *testing.T) {
	var codec assess.Codec
	for _, r := range keptSamples(t) {
		name := r.Region.ID + "/" + r.Period
		for _, q := range r.Questionnaires {
			q.DropAnswers()
		}
		b := codec.Append(nil, r)
		if again := codec.Append(nil, r); !bytes.Equal(b, again) {
			t.Errorf("%s: two encodings differ", name)
		}
		got, err := codec.Decode(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, r) {
			t.Errorf("%s: read back\n%+v\nwant\n%+v", name, got, r)
		}
		for _, format := range []string{"json", "csv", "table"} {
			opts := Options{Lang: "en", Version: "test", Date: "2025-03-01"}
			if want, got := render(t, format, opts, r), render(t, format, opts, got); !bytes.Equal(want, got) {
				t.Errorf("%s: %s differs once read back", name, format)
			}
		}
		// The head and scores alone: the same tree, the same tidy rows.
		head, err := codec.DecodeScores(b)
		if err != nil {
			t.Fatalf("%s: scores: %v", name, err)
		}
		if head.Framework != r.Framework || head.Region != r.Region || head.Period != r.Period || head.Respondents != r.Respondents ||
			!reflect.DeepEqual(head.Node, r.Node) || !reflect.DeepEqual(head.Areas, r.Areas) {
			t.Errorf("%s: scores read back\n%+v\nwant those of\n%+v", name, head, r)
		}
		if want, got := csvRowsOf(t, r), csvRowsOf(t, head); want != got || len(got) < 1000 {
			t.Errorf("%s: tidy rows of the scores read back\n%s\nwant\n%s", name, got, want)
		}
		// Damaged bytes are an error, never a panic or a wrong result.
		for n := range len(b) {
			if _, err := codec.Decode(b[:n]); err == nil {
				t.Errorf("%s: %d of %d bytes read back without an error", name, n, len(b))
				break
			}
		}
	}
	if _, err := new(assess.Codec).DecodeScores(codec.Append(nil, sample(t, "kaunas"))); !errors.Is(err, assess.ErrKept) {
		t.Errorf("another codec's bytes as scores: %v", err)
	}
	if _, err := new(assess.Codec).Decode(codec.Append(nil, sample(t, "kaunas"))); !errors.Is(err, assess.ErrKept) {
		t.Errorf("another codec's bytes: %v", err)
	}
}

// csvRowsOf is r's tidy rows as the comparison CSV writes them.
func csvRowsOf(t *testing.T, r *assess.Result) string {
	t.Helper()
	var b strings.Builder
	cw := csv.NewWriter(&b)
	if err := CSVRows(cw, r); err != nil {
		t.Fatal(err)
	}
	cw.Flush()
	return b.String()
}

// BenchmarkDecodeScores reads back a kept result's head and scores, as
// the comparison CSV and workbook do for every assessment.
func BenchmarkDecodeScores(b *testing.B) {
	var codec assess.Codec
	kept := codec.Append(nil, sample(b, "lake-constance"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := codec.DecodeScores(kept); err != nil {
			b.Fatal(err)
		}
	}
}
