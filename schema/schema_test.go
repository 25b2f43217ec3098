package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/r3l/r3l/framework"
)

// update copies the assessment schema's definitions into the comparison
// schema.
var update = flag.Bool("update", false, "copy the assessment schema's $defs into comparison.schema.json")

// TestSchemasDescribed checks what editors and readers rely on: each
// schema is JSON with the draft, its id, a title and a description, and
// every property says what it is (itself or through the definition it
// refers to).
func TestSchemasDescribed(t *testing.T) {
	for _, name := range Names() {
		data, ok := Get(name)
		if !ok {
			t.Fatalf("no schema %q", name)
		}
		var s map[string]any
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema %v", name, s["$schema"])
		}
		if want := baseID + FileName(name); s["$id"] != want {
			t.Errorf("%s: $id %v, want %s", name, s["$id"], want)
		}
		for _, key := range []string{"title", "description"} {
			if text, _ := s[key].(string); text == "" {
				t.Errorf("%s: no %s", name, key)
			}
		}
		defs, _ := s["$defs"].(map[string]any)
		for _, path := range undescribed(s, defs, "") {
			t.Errorf("%s: property %s has no description", name, path)
		}
	}
	if _, ok := Get("report"); ok {
		t.Error(`Get("report") found a schema`)
	}
}

// undescribed lists the properties under v (at path) without a
// description of their own or in the definition their $ref names.
func undescribed(v any, defs map[string]any, path string) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		if props, ok := v["properties"].(map[string]any); ok {
			for key, p := range props {
				if !described(p, defs) {
					out = append(out, path+"/"+key)
				}
			}
		}
		for key, sub := range v {
			out = append(out, undescribed(sub, defs, path+"/"+key)...)
		}
	case []any:
		for _, sub := range v {
			out = append(out, undescribed(sub, defs, path)...)
		}
	}
	return out
}

func described(p any, defs map[string]any) bool {
	m, ok := p.(map[string]any)
	if !ok {
		return p == false // a property forbidden in a branch needs no words
	}
	if d, _ := m["description"].(string); d != "" {
		return true
	}
	if ref, ok := m["$ref"].(string); ok {
		return described(defs[strings.TrimPrefix(ref, "#/$defs/")], defs)
	}
	// A property of an if clause or a prefixItems constraint refines one
	// described elsewhere.
	_, hasConst := m["const"]
	return hasConst && len(m) == 1
}

// TestComparisonHoldsAssessment keeps the comparison schema complete in
// itself: it carries every definition of the assessment schema unchanged.
// -update copies them.
func TestComparisonHoldsAssessment(t *testing.T) {
	assessment := mustDecode(t, "assessment")
	comparison := mustDecode(t, "comparison")
	from, to := assessment.getObject("$defs"), comparison.getObject("$defs")
	for _, key := range from.keys {
		if *update {
			to.set(key, from.get(key))
			continue
		}
		if !reflect.DeepEqual(plain(t, from.get(key)), plain(t, to.get(key))) {
			t.Errorf("comparison.schema.json: $defs/%s differs from assessment.schema.json's (go test ./schema -update copies it)", key)
		}
	}
	if *update {
		data, err := encode(comparison)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(FileName("comparison"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mustDecode(t *testing.T, name string) *object {
	t.Helper()
	data, _ := Get(name)
	v, err := decode(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v.(*object)
}

// plain turns an ordered value into maps and slices, to compare.
func plain(t *testing.T, v any) any {
	t.Helper()
	data, err := marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestObjectRoundTrip checks that decoding and encoding a schema file
// gives back its bytes: key order, numbers and text as written.
func TestObjectRoundTrip(t *testing.T) {
	for _, name := range Names() {
		data, _ := Get(name)
		v, err := decode(data)
		if err != nil {
			t.Fatal(err)
		}
		again, err := encode(v)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, data) {
			t.Errorf("%s: decoded and encoded again differs from the file", name)
		}
	}
}

// TestQuestionnaireFor checks the R3L+ questionnaire schema's parts: the
// indicators in framework order, each described by its text; the areas'
// criteria; the roles as suggestions.
func TestQuestionnaireFor(t *testing.T) {
	fw, err := framework.Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	data, err := QuestionnaireFor(fw)
	if err != nil {
		t.Fatal(err)
	}
	v, err := decode(data)
	if err != nil {
		t.Fatal(err)
	}
	root := v.(*object)
	if root.get("$id") != baseID+"r3lplus.questionnaire.schema.json" || QuestionnaireFile("r3lplus") != "r3lplus.questionnaire.schema.json" {
		t.Errorf("$id %v", root.get("$id"))
	}
	props := root.getObject("properties")
	answers := props.getObject("answers").getObject("properties")
	var ids []string
	for _, ind := range fw.Indicators {
		ids = append(ids, ind.ID)
	}
	if !slices.Equal(answers.keys, ids) {
		t.Errorf("answers list %v, want the indicators in framework order", answers.keys)
	}
	first := answers.getObject("A1.a")
	if d, _ := first.get("description").(string); !strings.HasPrefix(d, fw.Indicators[0].Text.Get("en")) || !strings.Contains(d, "4 = Largely in place (largely)") {
		t.Errorf("A1.a description %q", d)
	}
	if props.getObject("answers").get("additionalProperties") != false {
		t.Error("answers take other keys than the indicators")
	}
	a := props.getObject("priorities").getObject("properties").getObject("A")
	if a.get("maxItems") != json.Number("3") || len(a.getObject("items").get("enum").([]any)) != len(fw.Areas[0].Criteria) {
		t.Errorf("priorities A: %s", mustMarshal(t, a))
	}
	role := props.getObject("respondent").getObject("properties").getObject("role")
	if ex := role.get("examples").([]any); len(ex) != len(fw.Roles) || ex[0] != fw.Roles[0].ID || role.get("enum") != nil {
		t.Errorf("role: %s", mustMarshal(t, role))
	}
	if fwp := props.getObject("framework"); fwp.get("pattern") != `^r3lplus(@.*)?$` {
		t.Errorf("framework: %s", mustMarshal(t, fwp))
	}
	whole := plain(t, root).(map[string]any)
	for _, path := range undescribed(whole, whole["$defs"].(map[string]any), "") {
		t.Errorf("property %s has no description", path)
	}
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	data, err := marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestCaseless checks the case classes against strings.EqualFold, the
// comparison r3l makes; Go's regexp reads these patterns as editors do.
func TestCaseless(t *testing.T) {
	tests := []struct {
		word  string
		match []string
		not   []string
	}{
		{"largely", []string{"largely", "LARGELY", "LarGely"}, []string{"larger", "largely!"}},
		{"first-steps", []string{"First-Steps"}, []string{"first steps", "firststeps"}},
		{"Vollständig", []string{"VOLLSTÄNDIG", "vollständig"}, []string{"vollstandig"}},
		{"Merit [A+]", []string{"merit [a+]"}, []string{"merit A+", "Merit [AA]"}},
		{"Pass (just).", []string{"PASS (JUST)."}, []string{"pass just", "Pass (just)x"}},
		{"kelvin", []string{"\u212aELVIN"}, nil}, // the Kelvin sign folds to k
	}
	for _, tt := range tests {
		re := regexp.MustCompile(`^(?:` + caseless(tt.word) + `)$`)
		for _, s := range tt.match {
			if !re.MatchString(s) || !strings.EqualFold(s, tt.word) {
				t.Errorf("%q does not match %q (%s)", s, tt.word, re)
			}
		}
		for _, s := range tt.not {
			if re.MatchString(s) {
				t.Errorf("%q matches %q (%s)", s, tt.word, re)
			}
		}
	}
}

// TestNumberPattern checks a point's value written as text.
func TestNumberPattern(t *testing.T) {
	tests := []struct {
		v     float64
		match []string
		not   []string
	}{
		{4, []string{"4", "+4", "04", "4.0", "4.", "4.000"}, []string{"40", "14", "4.5", "-4", "4e0x"}},
		{2.5, []string{"2.5", "02.50", "+2.5"}, []string{"2", "2.05", "25"}},
		{0.5, []string{"0.5", ".5", "0.50"}, []string{"5", "0.05"}},
		{0, []string{"0", "0.0", "-0", ".0", "+0"}, []string{"", ".", "1"}},
		{-3, []string{"-3", "-03.0"}, []string{"3", "+3"}},
	}
	for _, tt := range tests {
		re := regexp.MustCompile(`^(?:` + numberPattern(tt.v) + `)$`)
		for _, s := range tt.match {
			if !re.MatchString(s) {
				t.Errorf("%q does not match %v (%s)", s, tt.v, re)
			}
		}
		for _, s := range tt.not {
			if re.MatchString(s) {
				t.Errorf("%q matches %v (%s)", s, tt.v, re)
			}
		}
	}
}
