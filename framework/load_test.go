package framework

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/r3l/r3l/internal/yamlx"
)

// loadErrs loads src as fw.yaml and returns the lines of its error.
func loadErrs(t *testing.T, src string) []string {
	t.Helper()
	f, err := Load("fw.yaml", []byte(src))
	if err == nil {
		t.Fatalf("loaded %q without error, want problems", f.ID)
	}
	if f != nil {
		t.Errorf("got a framework together with an error")
	}
	return strings.Split(err.Error(), "\n")
}

func loadOK(t *testing.T, src string) *Framework {
	t.Helper()
	f, err := Load("fw.yaml", []byte(src))
	if err != nil {
		t.Fatalf("load:\n%v", err)
	}
	return f
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") == strings.Join(want, "\n") {
		return
	}
	t.Errorf("got %d lines:\n\t%s\nwant %d lines:\n\t%s", len(got), strings.Join(got, "\n\t"),
		len(want), strings.Join(want, "\n\t"))
}

// minimal is the smallest valid framework; the tests below vary it.
const minimal = `schema: r3l.framework/v1
id: t
version: "1"
scales:
  - {id: s, kind: boolean}
default_scale: s
areas:
  - id: A
    title: Area A
    criteria:
      - id: A1
        title: Criterion A1
        indicators:
          - {id: A1.a, text: Statement}
`

func TestLoadMinimal(t *testing.T) {
	f := loadOK(t, minimal)
	if f.ID != "t" || f.Version != "1" || f.DefaultScale != "s" {
		t.Errorf("id %q version %q default scale %q", f.ID, f.Version, f.DefaultScale)
	}
	if f.MinCoverage != 0.5 || len(f.PriorityPoints) != 3 || f.PriorityPoints[0] != 3 || f.PriorityPoints[2] != 1 {
		t.Errorf("defaults: min_coverage %v, priority_points %v", f.MinCoverage, f.PriorityPoints)
	}
	ind := f.Indicator("A1.a")
	if ind == nil || ind.Scale == nil || ind.Scale.ID != "s" || ind.Weight != 1 || ind.Criterion != f.Criterion("A1") {
		t.Fatalf("indicator A1.a: %+v", ind)
	}
	if f.Area("A").Weight != 1 || f.Criterion("A1").Area != f.Area("A") {
		t.Errorf("area A: %+v", f.Area("A"))
	}
	if f.Title.Get("en") != "t" {
		t.Errorf("title without a title key: %q, want the id", f.Title.Get("en"))
	}
	if f.Path != "fw.yaml" || len(f.SHA256) != 64 {
		t.Errorf("path %q sha256 %q", f.Path, f.SHA256)
	}
	if len(f.Warnings) != 0 {
		t.Errorf("warnings: %v", f.Warnings)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"syntax", "schema: r3l.framework/v1\nid: [t\nversion: \"1\"\n", []string{
			`fw.yaml:2: YAML syntax: did not find expected ',' or ']'`,
		}},
		{"empty", "", []string{
			`fw.yaml:1: file is empty`,
		}},
		{"only comments", "# nothing\n", []string{
			`fw.yaml:1: file is empty`,
		}},
		{"not a mapping", "- a\n- b\n", []string{
			`fw.yaml:1:1: framework must be a mapping, not a list`,
		}},
		{"wrong schema", strings.Replace(minimal, "r3l.framework/v1", "r3l.framework/v2", 1), []string{
			`fw.yaml:1:9: schema must be "r3l.framework/v1", not "r3l.framework/v2"`,
		}},
		{"questionnaire schema", strings.Replace(minimal, "r3l.framework/v1", "r3l.questionnaire/v1", 1), []string{
			`fw.yaml:1:9: this is a questionnaire, not a framework (a framework has schema: r3l.framework/v1)`,
		}},
		{"bad framework id", strings.Replace(minimal, "id: t\n", "id: R3L Plus\n", 1), []string{
			`fw.yaml:2:5: framework id "R3L Plus" must be lower-case letters, digits, '.', '_' or '-', starting with a letter or digit`,
		}},
		{"version not a string", strings.Replace(minimal, "version: \"1\"", "version: [1]", 1), []string{
			`fw.yaml:3:10: version must be a text, not a list`,
		}},
		{"missing top keys", "title: Nothing else\n", []string{
			`fw.yaml:1:1: framework is missing "schema"`,
			`fw.yaml:1:1: framework is missing "id"`,
			`fw.yaml:1:1: framework is missing "version"`,
			`fw.yaml:1:1: framework is missing "scales"`,
			`fw.yaml:1:1: framework is missing "default_scale"`,
			`fw.yaml:1:1: framework is missing "areas"`,
		}},
		{"area missing keys", `schema: r3l.framework/v1
id: t
version: "1"
scales: [{id: s, kind: boolean}]
default_scale: s
areas:
  - {weight: 2}
  - id: B
`, []string{
			`fw.yaml:7:5: area is missing "id"`,
			`fw.yaml:7:5: area is missing "title"`,
			`fw.yaml:7:5: area is missing "criteria"`,
			`fw.yaml:8:5: area B is missing "title"`,
			`fw.yaml:8:5: area B is missing "criteria"`,
		}},
		{"criterion missing keys", `schema: r3l.framework/v1
id: t
version: "1"
scales: [{id: s, kind: boolean}]
default_scale: s
areas:
  - id: A
    title: Area A
    criteria:
      - {cycle: plan}
      - {id: A2}
`, []string{
			`fw.yaml:10:9: criterion is missing "id"`,
			`fw.yaml:10:9: criterion is missing "title"`,
			`fw.yaml:10:9: criterion is missing "indicators"`,
			`fw.yaml:11:9: criterion A2 is missing "title"`,
			`fw.yaml:11:9: criterion A2 is missing "indicators"`,
		}},
		{"indicator missing keys", `schema: r3l.framework/v1
id: t
version: "1"
scales: [{id: s, kind: boolean}]
default_scale: s
areas:
  - id: A
    title: Area A
    criteria:
      - id: A1
        title: Criterion A1
        indicators:
          - {scale: s}
          - {id: A1.b}
`, []string{
			`fw.yaml:13:13: indicator is missing "id"`,
			`fw.yaml:13:13: indicator is missing "text"`,
			`fw.yaml:14:13: indicator A1.b is missing "text"`,
		}},
		{"empty lists", `schema: r3l.framework/v1
id: t
version: "1"
scales: []
default_scale: s
areas:
  - id: A
    title: Area A
    criteria:
      - id: A1
        title: Criterion A1
        indicators: []
  - id: B
    title: Area B
    criteria: []
`, []string{
			`fw.yaml:4:9: scales must list at least one scale`,
			`fw.yaml:12:21: criterion A1 must list at least one indicator`,
			`fw.yaml:15:15: area B must list at least one criterion`,
		}},
		{"no areas", `schema: r3l.framework/v1
id: t
version: "1"
scales: [{id: s, kind: boolean}]
default_scale: s
areas: []
`, []string{
			`fw.yaml:6:8: areas must list at least one area`,
		}},
		{"unknown top key", strings.Replace(minimal, "version: \"1\"\n", "version: \"1\"\ntitel: T\n", 1), []string{
			`fw.yaml:4:1: unknown key "titel" in framework (did you mean "title"?)`,
		}},
		{"unknown key far from all", strings.Replace(minimal, "version: \"1\"\n", "version: \"1\"\nzzzzzzzz: T\n", 1), []string{
			`fw.yaml:4:1: unknown key "zzzzzzzz" in framework (expected one of: areas, default_scale, description, drop, extends, id, languages, levels, maturity, min_coverage, priority_points, roles, scales, schema, source, title, version)`,
		}},
		{"typo in area beside a text map", strings.Replace(minimal, "    title: Area A\n",
			"    title: {en: Area A, de: Bereich A}\n    descripton: {en: About A}\n", 1), []string{
			`fw.yaml:10:5: unknown key "descripton" in area (did you mean "description"?)`,
		}},
		{"typo inside a text map", strings.Replace(minimal, "    title: Area A\n",
			"    title: {en: Area A, germna: Bereich A}\n", 1), []string{
			`fw.yaml:9:25: area A title: "germna" is not a language code`,
		}},
		{"typo in point with a label", `schema: r3l.framework/v1
id: t
version: "1"
scales:
  - id: s
    kind: ordinal
    points:
      - {value: 1, code: low, label: {en: Low}}
      - {value: 2, code: high, lable: {en: High}}
default_scale: s
areas:
  - id: A
    title: Area A
    criteria:
      - id: A1
        title: Criterion A1
        indicators:
          - {id: A1.a, text: Statement}
`, []string{
			`fw.yaml:9:32: unknown key "lable" in scale s point (did you mean "label"?)`,
		}},
		{"typo in nested indicator", strings.Replace(minimal, "{id: A1.a, text: Statement}",
			"{id: A1.a, text: {en: Statement}, wieght: 2}", 1), []string{
			`fw.yaml:14:47: unknown key "wieght" in indicator (did you mean "weight"?)`,
		}},
		{"typo in block indicator", strings.Replace(minimal, "          - {id: A1.a, text: Statement}\n",
			"          - id: A1.a\n            text:\n              en: Statement\n            evidence:\n              - en: Minutes\n            orgin: source\n", 1), []string{
			`fw.yaml:19:13: unknown key "orgin" in indicator (did you mean "origin"?)`,
		}},
		{"duplicate ids", `schema: r3l.framework/v1
id: t
version: "1"
scales: [{id: s, kind: boolean}]
default_scale: s
areas:
  - id: A
    title: Area A
    criteria:
      - id: A1
        title: Criterion A1
        indicators:
          - {id: A1.a, text: Statement}
          - {id: A1.a, text: Statement}
      - id: A
        title: Same id as the area
        indicators:
          - {id: A1, text: Same id as a criterion}
  - id: B
    title: Area B
    criteria:
      - id: A1
        title: Same id as a criterion in area A
        indicators:
          - {id: B1.a, text: Statement}
`, []string{
			`fw.yaml:14:18: id "A1.a" is already used at line 13`,
			`fw.yaml:15:13: id "A" is already used at line 7`,
			`fw.yaml:18:18: id "A1" is already used at line 10`,
			`fw.yaml:22:13: id "A1" is already used at line 10`,
		}},
		{"bad area id", strings.Replace(minimal, "  - id: A\n", "  - id: A B\n", 1), []string{
			`fw.yaml:8:9: area id "A B" must be letters, digits, '.', '_' or '-', starting with a letter or digit`,
		}},
		{"ids with a line break", `schema: r3l.framework/v1
id: t
version: "1"
scales: [{id: "s\nt", kind: numeric}]
default_scale: s
areas: [{id: "A\nB"}]
`, []string{
			`fw.yaml:4:10: scale s\nt is missing "worst"`,
			`fw.yaml:4:10: scale s\nt is missing "best"`,
			`fw.yaml:4:15: scale id "s\nt" must be letters, digits, '.', '_' or '-'`,
			`fw.yaml:5:16: default_scale "s" is not one of the scales`,
			`fw.yaml:6:9: area A\nB is missing "title"`,
			`fw.yaml:6:9: area A\nB is missing "criteria"`,
			`fw.yaml:6:14: area id "A\nB" must be letters, digits, '.', '_' or '-', starting with a letter or digit`,
		}},
		{"scale defined twice", strings.Replace(minimal, "  - {id: s, kind: boolean}\n",
			"  - {id: s, kind: boolean}\n  - {id: s, kind: numeric, worst: 0, best: 1}\n", 1), []string{
			`fw.yaml:6:5: scale "s" is defined twice`,
		}},
		{"unknown default scale", strings.Replace(minimal, "default_scale: s", "default_scale: agree5", 1), []string{
			`fw.yaml:6:16: default_scale "agree5" is not one of the scales`,
		}},
		{"undefined indicator scale", strings.Replace(minimal, "{id: A1.a, text: Statement}",
			"{id: A1.a, text: Statement, scale: yesno}", 1), []string{
			`fw.yaml:14:48: indicator A1.a: scale "yesno" is not defined`,
		}},
		{"unknown kind", strings.Replace(minimal, "kind: boolean", "kind: likert", 1), []string{
			`fw.yaml:5:19: scale s: kind must be ordinal, boolean or numeric, not "likert"`,
		}},
		{"ordinal one point", strings.Replace(minimal, "  - {id: s, kind: boolean}\n",
			"  - id: s\n    kind: ordinal\n    points:\n      - {value: 1, code: only}\n", 1), []string{
			`fw.yaml:8:7: scale s: an ordinal scale needs at least two points`,
		}},
		{"ordinal without points", strings.Replace(minimal, "kind: boolean", "kind: ordinal", 1), []string{
			`fw.yaml:5:5: scale s: an ordinal scale needs points`,
		}},
		{"ordinal duplicates", strings.Replace(minimal, "  - {id: s, kind: boolean}\n",
			`  - id: s
    kind: ordinal
    points:
      - {value: 1, code: low}
      - {value: 1, code: mid}
      - {value: 3, code: low}
      - {value: 4, code: na}
      - {value: 5, code: "very high"}
      - {code: top}
`, 1), []string{
			`fw.yaml:9:17: scale s: point value 1 appears twice`,
			`fw.yaml:10:26: scale s: point code "low" appears twice`,
			`fw.yaml:11:26: scale s: point code "na" is reserved for the special answer`,
			`fw.yaml:12:26: scale s: point code "very high" must be letters, digits, '.', '_' or '-'`,
			`fw.yaml:13:9: scale s point is missing "value"`,
		}},
		{"numeric without worst and best", strings.Replace(minimal, "{id: s, kind: boolean}",
			"{id: s, kind: numeric, min: 0, max: 10}", 1), []string{
			`fw.yaml:5:5: scale s is missing "worst"`,
			`fw.yaml:5:5: scale s is missing "best"`,
		}},
		{"numeric best equals worst", strings.Replace(minimal, "{id: s, kind: boolean}",
			"{id: s, kind: numeric, worst: 5, best: 5}", 1), []string{
			`fw.yaml:5:44: scale s: best and worst must differ`,
		}},
		{"numeric min not below max", strings.Replace(minimal, "{id: s, kind: boolean}",
			"{id: s, kind: numeric, min: 10, max: 10, worst: 0, best: 10}", 1), []string{
			`fw.yaml:5:33: scale s: min must be below max`,
		}},
		{"points on a numeric scale", strings.Replace(minimal, "  - {id: s, kind: boolean}\n",
			"  - id: s\n    kind: numeric\n    worst: 0\n    best: 1\n    points: [{value: 1, code: a}, {value: 2, code: b}]\n", 1), []string{
			`fw.yaml:9:5: scale s: "points" applies only to ordinal scales`,
		}},
		{"numeric keys on a boolean scale", strings.Replace(minimal, "{id: s, kind: boolean}",
			"{id: s, kind: boolean, unit: '%', best: 1}", 1), []string{
			`fw.yaml:5:28: scale s: "unit" applies only to numeric scales`,
			`fw.yaml:5:39: scale s: "best" applies only to numeric scales`,
		}},
		{"allow other than na and dk", strings.Replace(minimal, "{id: s, kind: boolean}",
			"{id: s, kind: boolean, allow: [na, maybe, na]}", 1), []string{
			`fw.yaml:5:40: scale s: allow may list only na and dk, not "maybe"`,
			`fw.yaml:5:47: scale s: "na" is allowed twice`,
		}},
		{"maturity not from 0", strings.Replace(minimal, "areas:\n",
			"maturity:\n  - {id: low, from: 10}\n  - {id: high, from: 50}\nareas:\n", 1), []string{
			`fw.yaml:8:21: the first maturity band must start from 0, not 10`,
		}},
		{"maturity not ascending", strings.Replace(minimal, "areas:\n",
			"maturity:\n  - {id: low, from: 0}\n  - {id: high, from: 50}\n  - {id: mid, from: 30}\n  - {id: top, from: 120}\n  - {id: low, from: 90}\nareas:\n", 1), []string{
			`fw.yaml:10:21: maturity bands must ascend: mid starts at 30, not above high at 50`,
			`fw.yaml:11:21: maturity band top: from must be within 0–100, not 120`,
			`fw.yaml:12:10: maturity band "low" is defined twice`,
			`fw.yaml:12:21: maturity bands must ascend: low starts at 90, not above top at 120`,
		}},
		{"min_coverage 0", strings.Replace(minimal, "areas:\n", "min_coverage: 0\nareas:\n", 1), []string{
			`fw.yaml:7:15: min_coverage must be above 0 and at most 1, not 0`,
		}},
		{"min_coverage 1.5", strings.Replace(minimal, "areas:\n", "min_coverage: 1.5\nareas:\n", 1), []string{
			`fw.yaml:7:15: min_coverage must be above 0 and at most 1, not 1.5`,
		}},
		{"priority_points empty", strings.Replace(minimal, "areas:\n", "priority_points: []\nareas:\n", 1), []string{
			`fw.yaml:7:18: priority_points must list at least one number`,
		}},
		{"priority_points with 0", strings.Replace(minimal, "areas:\n", "priority_points: [3, 0, 1.5]\nareas:\n", 1), []string{
			`fw.yaml:7:22: priority points must be above 0, not 0`,
			`fw.yaml:7:25: priority_points item must be a whole number, not the number 1.5`,
		}},
		{"weight 0 and negative", `schema: r3l.framework/v1
id: t
version: "1"
scales: [{id: s, kind: boolean}]
default_scale: s
areas:
  - id: A
    title: Area A
    weight: 0
    criteria:
      - id: A1
        title: Criterion A1
        weight: -1
        indicators:
          - {id: A1.a, text: Statement, weight: -0.5}
          - {id: A1.b, text: Statement, weight: heavy}
`, []string{
			`fw.yaml:9:13: area A: weight must be above 0 and at most 1e6, not 0`,
			`fw.yaml:13:17: criterion A1: weight must be above 0 and at most 1e6, not -1`,
			`fw.yaml:15:49: indicator A1.a: weight must be above 0 and at most 1e6, not -0.5`,
			`fw.yaml:16:49: indicator A1.b weight must be a number, not "heavy"`,
		}},
		{"cycle and origin", strings.Replace(strings.Replace(minimal, "        title: Criterion A1\n",
			"        title: Criterion A1\n        cycle: review\n", 1),
			"{id: A1.a, text: Statement}", "{id: A1.a, text: Statement, origin: handbook}", 1), []string{
			`fw.yaml:13:16: criterion A1: cycle must be plan, do, check or act, not "review"`,
			`fw.yaml:15:49: indicator A1.a: origin must be source or project, not "handbook"`,
		}},
		{"text map without en", strings.Replace(minimal, "    title: Area A\n",
			"    title: {de: Bereich A, sv: Område A}\n", 1), []string{
			`fw.yaml:9:12: area A title has no English (en) text`,
		}},
		{"text not a text", strings.Replace(minimal, "    title: Area A\n", "    title: [Area A]\n", 1), []string{
			`fw.yaml:9:12: area A title must be a text or a map of languages to texts, not a list`,
		}},
		{"empty text", strings.Replace(minimal, "    title: Area A\n", "    title:\n", 1), []string{
			`fw.yaml:9:11: area A title must be a text or a map of languages to texts, not empty`,
		}},
		{"languages not starting with en", strings.Replace(minimal, "scales:\n", "languages: [de, en, de, \"!!\"]\nscales:\n", 1), []string{
			`fw.yaml:4:13: languages must start with en, the fallback language`,
			`fw.yaml:4:21: language "de" is listed twice`,
			`fw.yaml:4:25: "!!" is not a language code`,
		}},
		{"levels", strings.Replace(minimal, "scales:\n",
			"levels:\n  area: [Area]\n  criterion: {de: Kriterium}\n  indicator: Indicator\n  item: Item\nscales:\n", 1), []string{
			`fw.yaml:5:9: levels.area must be a text or a map of languages to texts, not a list`,
			`fw.yaml:6:14: levels.criterion has no English (en) text`,
			`fw.yaml:8:3: unknown key "item" in levels (expected one of: area, criterion, indicator)`,
		}},
		{"several problems", `schema: r3l.framework/v2
id: T
version: "1"
scales:
  - {id: s, kind: ordinal, points: [{value: 1, code: a}]}
default_scale: s
min_coverage: 2
areas:
  - id: A
    title: {de: Bereich}
    criteria:
      - id: A1
        title: Criterion A1
        cycle: later
        indicators:
          - {id: A1.a, text: Statement, scale: none}
          - {id: A1.a, txt: Statement}
`, []string{
			`fw.yaml:1:9: schema must be "r3l.framework/v1", not "r3l.framework/v2"`,
			`fw.yaml:2:5: framework id "T" must be lower-case letters, digits, '.', '_' or '-', starting with a letter or digit`,
			`fw.yaml:5:36: scale s: an ordinal scale needs at least two points`,
			`fw.yaml:7:15: min_coverage must be above 0 and at most 1, not 2`,
			`fw.yaml:10:12: area A title has no English (en) text`,
			`fw.yaml:14:16: criterion A1: cycle must be plan, do, check or act, not "later"`,
			`fw.yaml:16:48: indicator A1.a: scale "none" is not defined`,
			`fw.yaml:17:13: indicator A1.a is missing "text"`,
			`fw.yaml:17:18: id "A1.a" is already used at line 16`,
			`fw.yaml:17:24: unknown key "txt" in indicator (did you mean "text"?)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameLines(t, loadErrs(t, tt.src), tt.want)
		})
	}
}

func TestLoadErrorIsProblems(t *testing.T) {
	_, err := Load("fw.yaml", []byte("title: x\n"))
	var ps yamlx.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %T, want yamlx.Problems", err)
	}
	if len(ps) != 6 || ps[0].Path != "fw.yaml" || ps[0].Line != 1 || ps[0].Col != 1 {
		t.Errorf("problems: %#v", ps)
	}
}

func TestLoadOrdinalPointsSorted(t *testing.T) {
	f := loadOK(t, strings.Replace(minimal, "  - {id: s, kind: boolean}\n", `  - id: s
    kind: ordinal
    points:
      - {value: 3, code: high, label: {en: High, de: Hoch}}
      - {value: -1, code: low}
      - {value: 2.5, code: mid, label: Middle}
`, 1))
	s := f.Scale("s")
	var got []string
	for _, p := range s.Points {
		got = append(got, fmt.Sprintf("%v %s %s/%s", p.Value, p.Code, p.Label.Get("en"), p.Label.Get("de")))
	}
	sameLines(t, got, []string{"-1 low low/low", "2.5 mid Middle/Middle", "3 high High/Hoch"})
	if sc := s.Score(2.5); sc != 87.5 {
		t.Errorf("score of 2.5: %v, want 87.5", sc)
	}
}

func TestLoadTexts(t *testing.T) {
	f := loadOK(t, `schema: r3l.framework/v1
id: t
version: "1"
title: Plain title
description: {en: English only}
levels:
  area: {en: Field, de: Feld}
scales:
  - {id: s, kind: numeric, unit: "%", min: 0, max: 100, worst: 100, best: 0, label: Share}
default_scale: s
maturity:
  - {id: low, from: 0}
  - {id: high, from: 50.5, label: {en: High, sv: Hög}}
areas:
  - id: A
    title: Area A
    criteria:
      - id: A1
        title: {en: Criterion, de: Kriterium}
        question: Is it?
        cluster: Cluster
        cycle: check
        weight: 2.5
        indicators:
          - id: A1.a
            text: Statement
            evidence: [Minutes, {en: Report, de: Bericht}]
            origin: project
`)
	if got := f.Title; len(got) != 1 || got["en"] != "Plain title" {
		t.Errorf("plain title: %#v, want {en: Plain title}", got)
	}
	tests := []struct {
		text       Text
		lang, want string
	}{
		{f.Title, "de", "Plain title"},
		{f.Description, "sv", "English only"},
		{f.Criterion("A1").Title, "de", "Kriterium"},
		{f.Criterion("A1").Title, "sv", "Criterion"},
		{f.Criterion("A1").Question, "en", "Is it?"},
		{f.Criterion("A1").Cluster, "de", "Cluster"},
		{f.Scale("s").Label, "de", "Share"},
		{f.Maturity[0].Label, "en", "low"}, // no label: the id
		{f.Maturity[1].Label, "sv", "Hög"},
		{f.Indicator("A1.a").Evidence[0], "de", "Minutes"},
		{f.Indicator("A1.a").Evidence[1], "de", "Bericht"},
		{Text{"en": "E", "de": ""}, "de", "E"}, // empty falls back too
		{Text{"en": "E"}, "", "E"},
	}
	for i, tt := range tests {
		if got := tt.text.Get(tt.lang); got != tt.want {
			t.Errorf("%d: Get(%q) of %v = %q, want %q", i, tt.lang, tt.text, got, tt.want)
		}
	}
	if got := f.LevelName("area", "de"); got != "Feld" {
		t.Errorf("level area de: %q", got)
	}
	if got := f.LevelName("criterion", "de"); got != "Kriterium" {
		t.Errorf("default level criterion de: %q", got)
	}
	c := f.Criterion("A1")
	if c.Cycle != "check" || c.Weight != 2.5 || f.Indicator("A1.a").Origin != "project" {
		t.Errorf("criterion %+v, origin %q", c, f.Indicator("A1.a").Origin)
	}
	s := f.Scale("s")
	if s.Unit != "%" || *s.Min != 0 || *s.Max != 100 || s.Worst != 100 || s.Best != 0 || s.Score(25) != 75 {
		t.Errorf("numeric scale: %+v", s)
	}
	if b := f.Level(50.4); b == nil || b.ID != "low" {
		t.Errorf("level of 50.4: %v", b)
	}
	if b := f.Level(50.5); b == nil || b.ID != "high" {
		t.Errorf("level of 50.5: %v", b)
	}
}

func TestLoadMissingLanguageWarns(t *testing.T) {
	src := strings.Replace(minimal, "scales:\n", "languages: [en, de]\ntitle: {en: T, de: T}\nscales:\n", 1)
	src = strings.Replace(src, "    title: Area A\n", "    title: {en: Area A, de: Bereich A}\n", 1)
	src = strings.Replace(src, "        title: Criterion A1\n", "        title: {en: Criterion A1}\n", 1)
	f := loadOK(t, src)
	if got := strings.Join(f.Languages, ","); got != "en,de" {
		t.Errorf("languages %q", got)
	}
	var got []string
	for _, w := range f.Warnings {
		got = append(got, w.Error())
	}
	sameLines(t, got, []string{
		`fw.yaml:14:16: criterion A1 title has no de text (English is used)`,
		`fw.yaml:16:30: indicator A1.a text has no de text (English is used)`,
	})
	if got := f.Criterion("A1").Title.Get("de"); got != "Criterion A1" {
		t.Errorf("fallback: %q", got)
	}
}

func TestLoadFile(t *testing.T) {
	if _, err := LoadFile("testdata/none.yaml"); err == nil || !strings.Contains(err.Error(), "testdata/none.yaml") {
		t.Errorf("missing file: %v", err)
	}
	big := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(big, []byte("# "+strings.Repeat("x", MaxFileSize)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadFile(big)
	if want := big + ": file is larger than 32 MiB"; err == nil || err.Error() != want {
		t.Errorf("big file: %v, want %s", err, want)
	}
	f, err := LoadFile("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if f.Path != "testdata/small.yaml" || f.ID != "small" || len(f.Indicators) != 3 {
		t.Errorf("path %q id %q indicators %d", f.Path, f.ID, len(f.Indicators))
	}
}

// withRoles is minimal with a roles key before the areas.
func withRoles(roles string) string {
	return strings.Replace(minimal, "areas:\n", roles+"areas:\n", 1)
}

func TestLoadRoles(t *testing.T) {
	f := loadOK(t, withRoles(`roles:
  - id: lead-partner
    label: {en: Lead partner, de: Federführung}
  - {id: adult_education, label: Adult education}
  - {id: School2}
`))
	var got []string
	for _, r := range f.Roles {
		got = append(got, fmt.Sprintf("%s %s/%s", r.ID, r.Label.Get("en"), r.Label.Get("de")))
	}
	sameLines(t, got, []string{
		"lead-partner Lead partner/Federführung",
		"adult_education Adult education/Adult education",
		"School2 School2/School2", // no label: the id
	})
	if r := f.Role("adult_education"); r == nil || r.ID != "adult_education" {
		t.Errorf("Role(adult_education) = %v", r)
	}
	if r := f.Role("adult-education"); r != nil {
		t.Errorf("Role matches %q inexactly", r.ID)
	}
	if f := loadOK(t, minimal); f.Roles != nil {
		t.Errorf("roles without a roles key: %v", f.Roles)
	}
	if f := loadOK(t, withRoles("roles: []\n")); len(f.Roles) != 0 {
		t.Errorf("roles: [] gave %v", f.Roles)
	}
}

func TestRoleKey(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"adult-education", "adulteducation"},
		{"Adult Education", "adulteducation"},
		{"ADULT_EDUCATION", "adulteducation"},
		{" adult -\teducation ", "adulteducation"},
		{"Lead-Partner", "leadpartner"},
		{"library.museum", "library.museum"}, // '.' counts
		{"Bildungsträger", "bildungsträger"},
		{"", ""},
	} {
		if got := RoleKey(tt.name); got != tt.want {
			t.Errorf("RoleKey(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLoadRoleErrors(t *testing.T) {
	tests := []struct {
		name, roles string
		want        []string
	}{
		{"not a list", "roles: lead-partner\n", []string{
			`fw.yaml:7:8: roles must be a list, not "lead-partner"`,
		}},
		{"items not mappings", "roles: [school, [employer]]\n", []string{
			`fw.yaml:7:9: role must be a mapping, not "school"`,
			`fw.yaml:7:17: role must be a mapping, not a list`,
		}},
		{"missing id, unknown key", "roles:\n  - {label: School}\n  - {id: employer, lable: Employer}\n", []string{
			`fw.yaml:8:5: role is missing "id"`,
			`fw.yaml:9:20: unknown key "lable" in role (did you mean "label"?)`,
		}},
		{"bad ids", "roles:\n  - {id: adult education}\n  - {id: -school}\n  - {id: [a]}\n  - {id: \"\"}\n", []string{
			`fw.yaml:8:10: role id "adult education" must be letters, digits, '.', '_' or '-', starting with a letter or digit`,
			`fw.yaml:9:10: role id "-school" must be letters, digits, '.', '_' or '-', starting with a letter or digit`,
			`fw.yaml:10:10: role id must be a text, not a list`,
			`fw.yaml:11:10: role id "" must be letters, digits, '.', '_' or '-', starting with a letter or digit`,
		}},
		{"repeated ids", `roles:
  - {id: school}
  - {id: adult-education}
  - {id: school}
  - {id: Adult_Education}
  - {id: adulteducation}
`, []string{
			`fw.yaml:10:10: role "school" is listed twice (also at line 8)`,
			`fw.yaml:11:10: role "Adult_Education" is the same as "adult-education" at line 9: roles are matched ignoring case, '_' and '-'`,
			`fw.yaml:12:10: role "adulteducation" is the same as "adult-education" at line 9: roles are matched ignoring case, '_' and '-'`,
		}},
		{"labels", `roles:
  - {id: school, label: {de: Schule}}
  - {id: employer, label: [Employer]}
  - id: learner
    label:
      en: Learner
      deutsch: Lernende
`, []string{
			`fw.yaml:8:25: role school label has no English (en) text`,
			`fw.yaml:9:27: role employer label must be a text or a map of languages to texts, not a list`,
			`fw.yaml:13:7: role learner label: "deutsch" is not a language code`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameLines(t, loadErrs(t, withRoles(tt.roles)), tt.want)
		})
	}
}

func TestLoadRoleMissingLanguageWarns(t *testing.T) {
	src := strings.Replace(withRoles("roles:\n  - {id: school, label: {en: School, de: Schule}}\n  - {id: employer, label: Employer}\n  - {id: learner}\n"),
		"scales:\n", "languages: [en, de]\ntitle: {en: T, de: T}\nscales:\n", 1)
	src = strings.Replace(src, "    title: Area A\n", "    title: {en: Area A, de: Bereich A}\n", 1)
	src = strings.Replace(src, "        title: Criterion A1\n", "        title: {en: Criterion A1, de: Kriterium A1}\n", 1)
	src = strings.Replace(src, "{id: A1.a, text: Statement}", "{id: A1.a, text: {en: Statement, de: Aussage}}", 1)
	f := loadOK(t, src)
	var got []string
	for _, w := range f.Warnings {
		got = append(got, w.Error())
	}
	sameLines(t, got, []string{
		`fw.yaml:11:27: role employer label has no de text (English is used)`,
	})
}

// TestLoadPointForms checks that each code and label of a scale names one
// point, since answers are read by either, ignoring case.
func TestLoadPointForms(t *testing.T) {
	scale := func(points string) string {
		return strings.Replace(minimal, "  - {id: s, kind: boolean}\n", "  - id: s\n    kind: ordinal\n    points:\n"+points, 1)
	}
	tests := []struct {
		name, points string
		want         []string
	}{
		{"codes differing in case", "      - {value: 1, code: low}\n      - {value: 2, code: Low}\n      - {value: 3, code: NA}\n", []string{
			`fw.yaml:9:26: scale s: point code "Low" differs from "low" only in case (answers are read ignoring case)`,
			`fw.yaml:10:26: scale s: point code "NA" is reserved for the special answer`,
		}},
		{"label of another point", `      - {value: 1, code: low, label: {en: Low, de: Niedrig}}
      - {value: 2, code: mid, label: {en: " niedrig "}}
      - {value: 3, code: high, label: LOW}
`, []string{
			`fw.yaml:9:38: scale s: point label " niedrig " is also the code or a label of point low (answers are read by either, ignoring case)`,
			`fw.yaml:10:39: scale s: point label "LOW" is also the code or a label of point low (answers are read by either, ignoring case)`,
		}},
		{"code that is a label of another point", "      - {value: 1, code: a, label: High}\n      - {value: 2, code: high}\n", []string{
			`fw.yaml:9:26: scale s: point code "high" is also a label of point a`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameLines(t, loadErrs(t, scale(tt.points)), tt.want)
		})
	}
	// A label may repeat its own point's code, in any case and language.
	loadOK(t, scale("      - {value: 1, code: low, label: {en: LOW, de: low, sv: Låg}}\n      - {value: 2, code: high, label: High}\n"))
}

// TestBundledRoles checks the stakeholder roles of R3L+: the typical
// partners of a learning region, each labelled in every language of the
// framework (TestBundledLoad checks the other texts).
func TestBundledRoles(t *testing.T) {
	f, err := Get("r3lplus")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range f.Roles {
		ids = append(ids, r.ID)
		for _, lang := range f.Languages {
			if strings.TrimSpace(r.Label[lang]) == "" {
				t.Errorf("role %s: no %s label", r.ID, lang)
			}
		}
	}
	sameLines(t, ids, []string{"lead-partner", "adult-education", "school", "university", "library-museum",
		"regional-development", "social-partner", "employer", "civil-society", "learner", "municipality"})
}
