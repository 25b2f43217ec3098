package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/instrument"
)

// formCase is a questionnaire fragment (YAML lines under the required
// keys) and whether r3l reads it. Loose cases are the documented ones the
// schema accepts although r3l does not.
type formCase struct {
	yaml  string
	valid bool
	loose bool
}

// formCases are the answer forms of assess.ParseAnswer's tests, and more,
// on the scales of testdata/forms.yaml: A1.a agree5 (na, dk), A1.b yes/no
// (na), A1.c share 0–100 (dk), A1.d grade (codes "10" and "20").
var formCases = []formCase{
	{"answers: {A1.a: 4}", true, false},
	{`answers: {A1.a: " 4.0 "}`, true, false},
	{"answers: {A1.a: 4.0}", true, false},
	{`answers: {A1.a: "04"}`, true, false},
	{"answers: {A1.a: largely}", true, false},
	{"answers: {A1.a: LARGELY}", true, false},
	{"answers: {A1.a: First-Steps}", true, false},
	{"answers: {A1.a: Largely in place}", true, false},
	{"answers: {A1.a: largely IN PLACE}", true, false},
	{"answers: {A1.a: Weitgehend umgesetzt}", true, false},
	{"answers: {A1.a: VOLLSTÄNDIG umgesetzt}", true, false},
	{"answers: {A1.a: Started - not yet in use}", true, false},
	{"answers: {A1.a: 4 – Largely in place}", true, false},
	{"answers: {A1.a: 4 – anything}", true, false},
	{"answers: {A1.a: 4–anything}", true, false},
	{"answers: {A1.a: 4 - Largely in place}", true, false},
	{"answers: {A1.a: 4 — Largely in place}", true, false},
	{"answers: {A1.a: 4 – a - b}", true, false},
	{"answers: {A1.a: Largely – Largely in place}", true, false},
	{"answers: {A1.a: na}", true, false},
	{`answers: {A1.a: " NA "}`, true, false},
	{"answers: {A1.a: na – not applicable}", true, false},
	{"answers: {A1.a: Dk – weiß nicht}", true, false},
	{"answers: {A1.a: }", true, false},
	{`answers: {A1.a: ""}`, true, false},
	{`answers: {A1.a: "  "}`, true, false},
	{"answers: {A1.a: {answer: 4, evidence: Charter 2019, comment: signed}}", true, false},
	{"answers: {A1.a: {evidence: Charter 2019}}", true, false},
	{"answers: {A1.a: {answer: , comment: later}}", true, false},
	{"answers:", true, false},
	{"answers: {A1.a: 7}", false, false},
	{"answers: {A1.a: 0}", false, false},
	{"answers: {A1.a: 4.5}", false, false},
	{"answers: {A1.a: 7 – Excellent}", false, false},
	{"answers: {A1.a: Started}", false, false},
	{"answers: {A1.a: Mostly in place}", false, false},
	{"answers: {A1.a: largely in}", false, false},
	{"answers: {A1.a: 4 -x}", false, false},
	{"answers: {A1.a: x – 4}", false, false},
	{"answers: {A1.a: a - b – 4}", false, false},
	{"answers: {A1.a: 4 - x – y}", false, false},
	{"answers: {A1.a: true}", false, false},
	{"answers: {A1.a: [4]}", false, false},
	{"answers: {A1.a: {answer: 4, note: x}}", false, false},
	{"answers: {A1.a: {answer: 9}}", false, false},
	{"answers: {A1.b: yes}", true, false},
	{"answers: {A1.b: YES}", true, false},
	{"answers: {A1.b: True}", true, false},
	{"answers: {A1.b: no}", true, false},
	{"answers: {A1.b: FALSE}", true, false},
	{"answers: {A1.b: yes – ja}", true, false},
	{"answers: {A1.b: no - nein}", true, false},
	{"answers: {A1.b: na – nicht zutreffend}", true, false},
	{"answers: {A1.b: ja}", false, false},
	{"answers: {A1.b: 1}", false, false},
	{"answers: {A1.b: on}", false, false},
	{"answers: {A1.b: dk}", false, false},
	{"answers: {A1.b: dk – don't know}", false, false},
	{"answers: {A1.c: 42.5}", true, false},
	{`answers: {A1.c: "42.5"}`, true, false},
	{"answers: {A1.c: 1_0}", true, false},
	{"answers: {A1.c: 0}", true, false},
	{"answers: {A1.c: 100}", true, false},
	{`answers: {A1.c: " 50 "}`, true, false},
	{"answers: {A1.c: dk}", true, false},
	{"answers: {A1.c: DK – don't know}", true, false},
	{"answers: {A1.c: 101}", false, false},
	{"answers: {A1.c: -1}", false, false},
	{`answers: {A1.c: "101"}`, false, true}, // a number as text: its form only
	{"answers: {A1.c: 1 - 5}", false, false},
	{"answers: {A1.c: 50 – half}", false, false},
	{"answers: {A1.c: na}", false, false},
	{"answers: {A1.c: na – not applicable}", false, false},
	{"answers: {A1.c: abc}", false, false},
	{"answers: {A1.c: .nan}", false, true}, // not a number, but validators take YAML's NaN for one
	{"answers: {A1.d: 10}", true, false},
	{`answers: {A1.d: "20"}`, true, false},
	{"answers: {A1.d: 0.5}", true, false},
	{"answers: {A1.d: 2}", true, false},
	{"answers: {A1.d: pass (JUST)}", true, false},
	{`answers: {A1.d: "MERIT [a+]"}`, true, false},
	{"answers: {A1.d: 20 – Merit}", true, false},
	{"answers: {A1.d: 1}", false, false},
	{"answers: {A1.d: Merit A+}", false, false},
	{"answers: {A1.d: na}", false, false},
	{"answers: {A2a: 4}", false, false},
	{"answers: {A1: 4}", false, false},
	{"priorities: {A: [A3, A1, A4]}", true, false},
	{"priorities: {A: [], B: [B1]}", true, false},
	{"priorities:", true, false},
	{"priorities: {A: [A1, A2, A3, A4]}", false, false},
	{"priorities: {A: [A1, A1]}", false, false},
	{"priorities: {B: [A1]}", false, false},
	{"priorities: {C: [A1]}", false, false},
	{"priorities: {A: A1}", false, false},
	{"respondent: {id: r1, role: school}", true, false},
	{"respondent: {id: r1, role: town-hall}", true, false},
	{"respondent: {id: r1, rôle: school}", false, false},
	{"framework: forms@1", true, false},
	{"framework: forms@2", true, false},
	{"framework: other", false, false},
}

// TestAnswerFormsAgree checks the forms framework's questionnaire schema
// against r3l itself: each fragment is valid for the one exactly when it
// is for the other, but for the loose cases.
func TestAnswerFormsAgree(t *testing.T) {
	fw, err := framework.LoadFile(filepath.Join("testdata", "forms.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := QuestionnaireFor(fw)
	if err != nil {
		t.Fatal(err)
	}
	schema := schemaFile(t, QuestionnaireFile(fw.ID), data)
	dir := t.TempDir()
	var docs []string
	r3l := map[string]error{}
	for i, fc := range formCases {
		doc := questionnaireWith(fc.yaml)
		path := filepath.Join(dir, fmt.Sprintf("case%03d.yaml", i))
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, path)
		_, r3l[path] = instrument.LoadQuestionnaire(path, []byte(doc), instrument.LoadOptions{Pick: instrument.FixedFramework(fw)})
	}
	results := validate(t, schema, docs...)
	for i, fc := range formCases {
		path := docs[i]
		if got := r3l[path] == nil; got != fc.valid {
			t.Errorf("%s: r3l reads it: %v, want %v (%v)", fc.yaml, got, fc.valid, r3l[path])
		}
		if got, want := len(results[path]) == 0, fc.valid || fc.loose; got != want {
			t.Errorf("%s: valid against the schema: %v, want %v %q", fc.yaml, got, want, results[path])
		}
	}
}

// questionnaireWith is a questionnaire of the forms framework with a
// fragment in place of its key.
func questionnaireWith(fragment string) string {
	lines := map[string]string{
		"schema":     "schema: r3l.questionnaire/v1",
		"framework":  "framework: forms",
		"region":     "region: {id: town}",
		"period":     `period: "2024"`,
		"respondent": "respondent: {id: r1}",
	}
	key, _, _ := strings.Cut(fragment, ":")
	lines[key] = fragment
	var b strings.Builder
	for _, k := range []string{"schema", "framework", "region", "period", "respondent", "answers", "priorities"} {
		if l, ok := lines[k]; ok {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}
