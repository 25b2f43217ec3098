package instrument

import (
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

// The surveys r3l writes and the export readers agree: an export of a
// response to r3l's LimeSurvey survey or XLSForm, made the way each tool
// makes it (headings as codes, or as texts in each of the framework's
// languages; values as codes, or as texts), reads back with every
// indicator answered and the region, period and role given. It holds for
// every bundled framework and for the survey samples: R3L+ has dotted ids
// (A1.a), long point codes and roles whose ids are longer than
// LimeSurvey's answer codes; framework-digits.yaml has ids that start with
// a digit (1.1.a), which the surveys name with a prefix (Q11a, Q1.1.a).
func TestSurveyRoundTrip(t *testing.T) {
	fws, err := framework.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	fws = append(fws, surveyFramework(t, "framework-full.yaml"), surveyFramework(t, "framework-digits.yaml"))
	for _, fw := range fws {
		t.Run(fw.ID+"/limesurvey", func(t *testing.T) {
			f := lssParse(t, lssOf(t, fw, Options{}))
			for _, lang := range append([]string{""}, f.Languages...) {
				head, row := limeResponse(t, f, lang)
				checkRoundTrip(t, fw, "ls.csv", ';', append([]string{"id", "submitdate"}, head...), append([]string{"7", "2024-05-01"}, row...))
			}
		})
		t.Run(fw.ID+"/xlsform", func(t *testing.T) {
			_, x := xfOpen(t, xfWrite(t, fw, Options{}))
			for _, lang := range append([]string{""}, x.langs...) {
				head, row := koboResponse(x, lang, "/")
				checkRoundTrip(t, fw, "kobo.csv", ';', append(head, "_id", "_uuid"), append(row, "7", "u-7"))
			}
			head, row := koboResponse(x, "", "-")
			checkRoundTrip(t, fw, "central.csv", ',', append(append([]string{"SubmissionDate"}, head...), "KEY", "ReviewState"),
				append(append([]string{"2024-05-01"}, row...), "7", "approved"))
		})
	}
}

// checkRoundTrip reads a one-response CSV export, checks its answers and
// returns it.
func checkRoundTrip(t *testing.T, fw *framework.Framework, name string, sep rune, head, row []string) *assess.Questionnaire {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma = sep
	_ = w.Write(head)
	_ = w.Write(row)
	w.Flush()
	qs, err := readCSVResponses(name, []byte(b.String()), LoadOptions{Pick: FixedFramework(fw)})
	if err != nil {
		t.Fatalf("%s (%s): %v", name, head[len(head)/2], err)
	}
	q := qs[0]
	if q.Region.ID != "lake-constance" || q.Period != "2024" || q.Response != "7" {
		t.Errorf("%s: region %q period %q response %q", name, q.Region.ID, q.Period, q.Response)
	}
	if len(fw.Roles) > 0 && q.Respondent.Role != fw.Roles[0].ID {
		t.Errorf("%s: role %q, want %s", name, q.Respondent.Role, fw.Roles[0].ID)
	}
	for _, ind := range fw.Indicators {
		if q.Answers[ind.Index].Kind == assess.Missing {
			t.Errorf("%s: %s unanswered", name, ind.ID)
		}
	}
	return q
}

// limeResponse is the heading row and one response of a LimeSurvey
// export of the survey f: headings as codes (A1[A1a]) and values as
// codes, or headings and values as texts in lang. Each array row takes
// another answer, so that every answer code is read once.
func limeResponse(t testing.TB, f *lssFile, lang string) (head, row []string) {
	text := func(qid string) string {
		if lang == "" {
			return ""
		}
		return f.texts(qid, false)[lang]
	}
	answerText := func(qid, code string) string {
		if lang == "" {
			return code
		}
		for _, a := range f.rows("answers", "qid", qid) {
			if a["code"] == code {
				for _, l := range f.rows("answer_l10ns", "aid", a["aid"]) {
					if l["language"] == lang {
						return l["answer"]
					}
				}
			}
		}
		t.Fatalf("no text for answer %s of question %s", code, qid)
		return ""
	}
	n := 0
	for _, q := range f.Tables["questions"] {
		code, qid := q["title"], q["qid"]
		switch q["type"] {
		case "F":
			codes := f.answerCodes(qid)
			for _, sq := range f.rows("subquestions", "parent_qid", qid) {
				h := code + "[" + sq["title"] + "]"
				if lang != "" {
					h = text(qid) + " [" + text(sq["qid"]) + "]"
				}
				head = append(head, h)
				row = append(row, answerText(qid, codes[n%len(codes)]))
				n++
			}
		case "L":
			head = append(head, cmpOr(text(qid), code))
			row = append(row, answerText(qid, f.answerCodes(qid)[0]))
		case "S":
			head = append(head, cmpOr(text(qid), code))
			row = append(row, map[string]string{surveyRegion: "lake-constance", surveyPeriod: "2024", surveyRole: "adult"}[code])
		case "N":
			head, row = append(head, cmpOr(text(qid), code)), append(row, "40")
		case "Y":
			yes := "Y"
			if lang != "" {
				yes = surveyWord("sv.yes", lang)
			}
			head, row = append(head, cmpOr(text(qid), code)), append(row, yes)
		default:
			t.Fatalf("question %s of type %s", code, q["type"])
		}
	}
	return head, row
}

// koboResponse is the heading row and one response of a KoboToolbox or ODK
// Central export of the XLSForm x: group paths joined by sep, with names
// and choice names, or (lang set) with labels.
func koboResponse(x *xfForm, lang, sep string) (head, row []string) {
	label := func(cells map[string]string, name string) string {
		if lang == "" {
			return name
		}
		return cells["label::"+lang]
	}
	n := 0
	for _, node := range x.nodes {
		if node.typ == "begin_group" || node.typ == "start" || node.typ == "end" {
			continue
		}
		var path []string
		for p := node; p != x.root; p = p.parent {
			path = append(path, label(p.cells, p.name))
		}
		slices.Reverse(path)
		head = append(head, strings.Join(path, sep))
		switch {
		case node.list != "":
			choices := x.lists[node.list]
			c := choices[n%len(choices)]
			if node.name == surveyRole {
				c = choices[0]
			}
			row = append(row, label(c, c["name"]))
			n++
		case node.name == surveyRegion:
			row = append(row, "lake-constance")
		case node.name == surveyPeriod:
			row = append(row, "2024")
		case node.name == surveyRole:
			row = append(row, "adult")
		case node.typ == "decimal":
			row = append(row, "40")
		default:
			panic(fmt.Sprintf("question %s of type %s", node.name, node.typ))
		}
	}
	return head, row
}
