package instrument

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

// TestBundledInstruments checks that every instrument r3l writes works for
// every bundled framework in each language the framework declares: each
// template is written, filled or answered, read back and scored. The
// questionnaire templates (yaml, xlsx) are filled with each scale's
// example answer and each area's first criteria as priorities; a response
// to each online survey (limesurvey, xlsform) is exported with headings
// as codes and as texts in the survey's language (survey round trip).
// framework-digits.yaml stands in for frameworks whose ids start with a
// digit. A template this test does not know fails it: a new instrument
// needs its read-back here.
func TestBundledInstruments(t *testing.T) {
	fws, err := framework.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	fws = append(fws, surveyFramework(t, "framework-digits.yaml"))
	for _, fw := range fws {
		for _, lang := range fw.Languages {
			filled := map[string]*assess.Questionnaire{}
			for _, tpl := range Templates() {
				where := fmt.Sprintf("framework %s, language %s, instrument %s", fw.ID, lang, tpl.Name)
				t.Run(fw.ID+"/"+lang+"/"+tpl.Name, func(t *testing.T) {
					qs := bundledReadBack(t, where, fw, lang, tpl)
					for _, q := range qs {
						checkBundledScore(t, where, fw, q, !tpl.Survey)
					}
					if !tpl.Survey && len(qs) == 1 {
						filled[tpl.Name] = qs[0]
					}
				})
			}
			// The two questionnaire templates, filled alike, read alike.
			y, x := filled["yaml"], filled["xlsx"]
			if y != nil && x != nil && (!reflect.DeepEqual(y.Answers, x.Answers) || !reflect.DeepEqual(y.Priorities, x.Priorities)) {
				t.Errorf("framework %s, language %s: the filled yaml and xlsx templates read differently:\nyaml %v %v\nxlsx %v %v",
					fw.ID, lang, y.Answers, y.Priorities, x.Answers, x.Priorities)
			}
		}
	}
}

// bundledReadBack writes one template of fw in lang, fills or answers it,
// and reads back what was filled in.
func bundledReadBack(t *testing.T, where string, fw *framework.Framework, lang string, tpl Template) []*assess.Questionnaire {
	t.Helper()
	opts := Options{Lang: lang, Region: "lake-constance", Name: "Lake Constance", Country: "DE", Group: "cross-border",
		Period: "2024", Respondent: "r1"}
	if tpl.Survey {
		opts = Options{Langs: []string{lang}}
	}
	if len(fw.Roles) > 0 {
		opts.Role = fw.Roles[0].ID
	}
	var buf bytes.Buffer
	if err := tpl.Write(&buf, fw, opts); err != nil {
		t.Fatalf("%s: writing the template: %v", where, err)
	}
	load := LoadOptions{Pick: FixedFramework(fw), Strict: true}
	switch tpl.Name {
	case "yaml":
		q, err := LoadQuestionnaire("q.yaml", fillYAMLTemplate(t, where, fw, buf.String()), load)
		if err != nil {
			t.Fatalf("%s: reading the filled template: %v", where, err)
		}
		return []*assess.Questionnaire{q}
	case "xlsx":
		q, err := LoadWorkbook("q.xlsx", fillXLSXTemplate(t, where, fw, buf.Bytes()), load)
		if err != nil {
			t.Fatalf("%s: reading the filled template: %v", where, err)
		}
		return []*assess.Questionnaire{q}
	case "limesurvey":
		f := lssParse(t, buf.Bytes())
		lssCheckCodes(t, f)
		var qs []*assess.Questionnaire
		for _, l := range []string{"", lang} {
			head, row := limeResponse(t, f, l)
			qs = append(qs, checkRoundTrip(t, fw, where+", export headed "+cmpOr(l, "by codes"), ';',
				append([]string{"id", "submitdate"}, head...), append([]string{"7", "2024-05-01"}, row...)))
		}
		return qs
	case "xlsform":
		_, x := xfOpen(t, buf.Bytes())
		var qs []*assess.Questionnaire
		for _, l := range []string{"", xfLanguage(lang)} {
			head, row := koboResponse(x, l, "/")
			qs = append(qs, checkRoundTrip(t, fw, where+", KoboToolbox export headed "+cmpOr(l, "by names"), ';',
				append(head, "_id", "_uuid"), append(row, "7", "u-7")))
		}
		head, row := koboResponse(x, "", "-")
		qs = append(qs, checkRoundTrip(t, fw, where+", ODK Central export", ',',
			append(append([]string{"SubmissionDate"}, head...), "KEY", "ReviewState"),
			append(append([]string{"2024-05-01"}, row...), "7", "approved")))
		return qs
	}
	t.Fatalf("%s: the test does not know how to read this template back: add it to bundledReadBack", where)
	return nil
}

// bundledPriorities ranks the first criteria of each area, as many as
// the framework gives points for.
func bundledPriorities(fw *framework.Framework, a *framework.Area) []string {
	var ids []string
	for _, c := range a.Criteria[:min(len(a.Criteria), len(fw.PriorityPoints))] {
		ids = append(ids, c.ID)
	}
	return ids
}

// fillYAMLTemplate answers every indicator of a YAML template with its
// scale's example and ranks each area's first criteria, as a respondent
// would type them (1.1.a: 4, 1: [1.1, 1.2]).
func fillYAMLTemplate(t *testing.T, where string, fw *framework.Framework, src string) []byte {
	t.Helper()
	for _, ind := range fw.Indicators {
		line := "\n  " + ind.ID + ":\n"
		if strings.Count(src, line) != 1 {
			t.Fatalf("%s: no line %q to fill in", where, strings.TrimSpace(line))
		}
		src = strings.Replace(src, line, "\n  "+ind.ID+": "+ind.Scale.Example()+"\n", 1)
	}
	for _, a := range fw.Areas {
		line := "\n  " + a.ID + ": []  #"
		if strings.Count(src, line) != 1 {
			t.Fatalf("%s: no priorities line %q to fill in", where, strings.TrimSpace(line))
		}
		src = strings.Replace(src, line, "\n  "+a.ID+": ["+strings.Join(bundledPriorities(fw, a), ", ")+"]  #", 1)
	}
	return []byte(src)
}

// fillXLSXTemplate answers every indicator of a questionnaire workbook
// with its scale's example and ranks each area's first criteria.
func fillXLSXTemplate(t *testing.T, where string, fw *framework.Framework, data []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	defer f.Close()
	set := func(sheet string, col, row int, want, value string) {
		t.Helper()
		id, _ := excelize.CoordinatesToCellName(1, row)
		if got, _ := f.GetCellValue(sheet, id); got != want {
			t.Fatalf("%s: %s!%s is %q, want %q", where, sheet, id, got, want)
		}
		cell, _ := excelize.CoordinatesToCellName(col, row)
		if err := f.SetCellStr(sheet, cell, value); err != nil {
			t.Fatal(err)
		}
	}
	for i, ind := range fw.Indicators {
		set(SheetAnswers, qwbAnswer, i+2, ind.ID, ind.Scale.Example())
	}
	for i, a := range fw.Areas {
		for j, id := range bundledPriorities(fw, a) {
			set(SheetPriorities, 3+j, i+2, a.ID, id)
		}
	}
	out, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// checkBundledScore scores one questionnaire: the whole is scored, and
// where all is set every area and indicator too (survey responses answer
// some indicators na or dk, which may leave an area unscored).
func checkBundledScore(t *testing.T, where string, fw *framework.Framework, q *assess.Questionnaire, all bool) {
	t.Helper()
	as, err := assess.Group([]*assess.Questionnaire{q})
	if err != nil || len(as) != 1 {
		t.Fatalf("%s: grouping: %v", where, err)
	}
	res := assess.Score(fw, as[0], assess.Options{})
	n := len(fw.Indicators)
	if res.Score == nil || all && res.Answered != (assess.Count{Scored: n, Applicable: n}) {
		t.Errorf("%s: overall score %v with %+v of %d indicators scored", where, res.Score, res.Answered, n)
	}
	for _, a := range res.Areas {
		if all && a.Score == nil {
			t.Errorf("%s: area %s not scored", where, a.Area.ID)
		}
	}
	if q.Priorities != nil && len(res.Priorities) == 0 {
		t.Errorf("%s: priorities %v give no points", where, q.Priorities)
	}
}

// bundledIDs lists the bundled frameworks as messages name them:
// "r3lplus, unesco-guidelines, …".
func bundledIDs(t testing.TB) string {
	t.Helper()
	fws, err := framework.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(fws))
	for i, fw := range fws {
		ids[i] = fw.ID
	}
	return strings.Join(ids, ", ")
}
