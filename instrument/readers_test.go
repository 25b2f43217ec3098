package instrument

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/yamlx"
)

// readTSV is a reader of a toy survey export, to show that a file holding
// many respondents fits the table: a header "id<TAB>A1.a<TAB>…", then one
// respondent per row, for region r and period 2024.
func readTSV(path string, data []byte, opts LoadOptions) ([]*assess.Questionnaire, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = '\t'
	rows, err := cr.ReadAll()
	if err != nil || len(rows) < 1 {
		return nil, yamlx.Problem{Path: path, Msg: fmt.Sprintf("not a TSV export: %v", err)}
	}
	fw, err := opts.Pick("scoring", "")
	if err != nil {
		return nil, err
	}
	var qs []*assess.Questionnaire
	var problems yamlx.Problems
	for i, row := range rows[1:] {
		line := i + 2
		q := &assess.Questionnaire{Framework: fw, FrameworkID: fw.ID, Region: assess.Region{ID: "r"}, Period: "2024",
			Respondent: assess.Respondent{ID: row[0]}, Answers: make([]assess.Answer, len(fw.Indicators)),
			Source: yamlx.Pos{Line: line, Cell: `column "id"`}}
		for c, id := range rows[0][1:] {
			ind := fw.Indicator(id)
			kind, v, msg := assess.ParseAnswer(ind.Scale, row[c+1])
			if msg != "" {
				problems = append(problems, yamlx.Problem{Path: path, Line: line, Cell: fmt.Sprintf("column %q", id), Msg: msg})
				continue
			}
			q.Answers[ind.Index] = assess.Answer{Kind: kind, Value: v}
		}
		sum := sha256.Sum256([]byte(strings.Join(row, "\t")))
		q.Digest = hex.EncodeToString(sum[:])
		qs = append(qs, q)
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	stamp(path, data, qs...)
	return qs, nil
}

// TestReaderTableManyPerFile adds a reader for a toy export to the table
// and reads a file of three respondents through ReadFile, as the pipeline
// does: three questionnaires, each with its row, grouped into one
// assessment; a repeated respondent is reported at its row.
func TestReaderTableManyPerFile(t *testing.T) {
	saved := readers
	t.Cleanup(func() { readers = saved })
	readers = append(slices.Clone(readers), Reader{Name: "tsv", Exts: []string{".tsv"}, MaxSize: 1 << 20,
		Claims: func(path string, _ []byte) bool { return strings.HasSuffix(path, ".tsv") }, Read: readTSV})

	if !IsInput("export.tsv") || !strings.HasSuffix(InputPatterns(), ", *.tsv") {
		t.Errorf("the new reader's files are not searched for: %s", InputPatterns())
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "export.tsv")
	if err := os.WriteFile(path, []byte("id\tA1.a\tA1.b\nr1\t4\t2\nr2\t5\tna\nr3\t1\t3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := LoadOptions{Pick: FixedFramework(scoringFramework(t))}
	qs, err := ReadFile(path, opts)
	if err != nil || len(qs) != 3 {
		t.Fatalf("%d questionnaires, %v", len(qs), err)
	}
	for i, q := range qs {
		if q.Path != path || q.Source.Line != i+2 || q.Digest == q.SHA256 {
			t.Errorf("questionnaire %d: path %s, source %+v, digest %s", i, q.Path, q.Source, q.Digest)
		}
	}
	as, err := assess.Group(qs)
	if err != nil || len(as) != 1 || len(as[0].Questionnaires) != 3 || len(as[0].Warnings) != 3 /* each row leaves indicators unanswered */ {
		t.Fatalf("grouped: %v, %v", as, err)
	}
	// A1.a: 4 → 75, 5 → 100, 1 → 0; mean 175/3.
	a1a := assess.Score(as[0].Framework, as[0], assess.Options{}).Areas[0].Criteria[0].Indicators[0]
	if got := *a1a.Score; a1a.Indicator.ID != "A1.a" || got != 175.0/3 {
		t.Errorf("A1.a scored %v over the three rows, want %v", got, 175.0/3)
	}

	if err := os.WriteFile(path, []byte("id\tA1.a\nr1\t4\nr1\t5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	qs, err = ReadFile(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	_, err = assess.Group(qs)
	want := path + `:3: column "id": respondent "r1" already answered for r 2024 in ` + path
	if err == nil || err.Error() != want {
		t.Errorf("repeated respondent: %v, want %s", err, want)
	}
	if err := os.WriteFile(path, []byte("id\tA1.a\nr1\t9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(path, opts); err == nil || !strings.HasPrefix(err.Error(), path+`:2: column "A1.a": "9" is not on scale agree5`) {
		t.Errorf("bad answer: %v", err)
	}
}
