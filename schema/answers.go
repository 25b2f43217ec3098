package schema

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/i18n"
)

// The answers a scale takes, as assess.ParseAnswer reads them: ignoring
// case and surrounding spaces, a point's value, code or label in any
// language, a drop-down item "4 – Largely in place" (only the part before
// the dash counts), yes/no/true/false, a number, na and dk where allowed;
// empty is a skipped answer. A schema's enum cannot ignore case, so each
// answer schema is
//
//   - an enum of the canonical forms (values, codes, yes and no, na and
//     dk), which editors offer for completion;
//   - a string pattern for every other form: each letter as a class of its
//     case forms ([Ll][Aa]…, as strings.EqualFold folds it), the labels,
//     the drop-down items, a value written as text ("4.0");
//   - null, for an answer left empty.
//
// Patterns use only what ECMAScript (editors) and Python's re (the tests)
// read alike. Where the schema and r3l differ: a number written as text
// ("101") on a numeric scale is checked for its form, not its range;
// YAML's .nan passes as a number; and a value in exponent form ("4e0") is
// not recognised on an ordinal scale. `r3l assess` has the last word.

// special describes a special answer (na, dk) as templates word it.
func special(code string) string { return i18n.Common.Get("en", "special."+code) }

// valueSchema is the schema of a single answer on sc.
func valueSchema(sc *framework.Scale) *object {
	var enum, descs []any
	var words []string // what a drop-down item may start with
	var whole []string // whole answers, apart from words
	add := func(v any, desc string) {
		if !slices.Contains(enum, v) { // a code 1 beside the value 1
			enum, descs = append(enum, v), append(descs, desc)
		}
	}
	var typed *object // the answer as a YAML number, on a numeric scale
	switch sc.Kind {
	case framework.Ordinal:
		for _, p := range sc.Points {
			label := p.Label.Get("en")
			add(p.Value, label+" ("+p.Code+")")
			words = append(words, numberPattern(p.Value))
		}
		for _, p := range sc.Points {
			for _, c := range withNumber(p.Code) {
				add(c, strconv.FormatFloat(p.Value, 'f', -1, 64)+" = "+p.Label.Get("en"))
			}
			words = append(words, caseless(p.Code))
			for _, l := range p.Label {
				if l = strings.TrimSpace(l); l != "" {
					whole = append(whole, caseless(l))
				}
			}
		}
	case framework.Boolean:
		add("yes", "yes")
		add("no", "no")
		add(true, "yes")
		add(false, "no")
		words = append(words, caseless("yes"), caseless("no"), caseless("true"), caseless("false"))
	default:
		typed = obj("type", "number")
		if sc.Min != nil {
			typed.set("minimum", *sc.Min)
		}
		if sc.Max != nil {
			typed.set("maximum", *sc.Max)
		}
		whole = append(whole, numberText)
	}
	for _, a := range sc.Allow {
		add(a, special(a))
		words = append(words, caseless(a))
	}
	var branches []any
	if typed != nil {
		branches = append(branches, typed)
	}
	if len(enum) > 0 {
		branches = append(branches, obj("enum", enum, "enumDescriptions", descs))
	}
	branches = append(branches,
		obj("type", "string", "pattern", textPattern(words, whole)),
		obj("type", "null"))
	return obj("description", "Answers on scale "+sc.ID+": "+scaleHint(sc)+
		". Values, codes and labels may be written in any case; empty skips the indicator.",
		"anyOf", branches)
}

// textPattern matches an answer written as text: empty, one of words or
// whole, or a drop-down item whose part before the dash is one of words.
// The dash is an en dash, or else a hyphen or em dash between spaces
// (assess.CutListItem), so the later ones count only without an earlier
// kind in the text.
func textPattern(words, whole []string) string {
	w := `\s*(?:` + strings.Join(words, "|") + `)\s*`
	alts := []string{
		`^\s*$`,
		`^\s*(?:` + strings.Join(append(append([]string{}, words...), whole...), "|") + `)\s*$`,
	}
	if len(words) > 0 {
		alts = append(alts,
			`^`+w+`–[\s\S]*$`,
			`^(?![\s\S]*–)`+w+` - [\s\S]*$`,
			`^(?![\s\S]*–)(?![\s\S]* - )`+w+` — [\s\S]*$`)
	}
	return strings.Join(alts, "|")
}

// numberText is a number as strconv.ParseFloat reads it once '_' are
// dropped, in decimal.
const numberText = `[-+]?_*(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]*[0-9][0-9_]*)(?:[eE][-+]?[0-9_]+)?`

// numberPattern matches v written as text in decimal: "4", "+4", "04",
// "4.0", "4.", ".5" for 0.5.
func numberPattern(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	sign := `\+?`
	if v < 0 {
		sign = `-`
	}
	if v == 0 {
		return `[-+]?(?:0+(?:\.0*)?|0*\.0+)`
	}
	digits := "0*" + strings.TrimLeft(whole, "0")
	if frac == "" {
		return sign + digits + `(?:\.0*)?`
	}
	return sign + digits + `\.` + frac + `0*`
}

// caseless matches s ignoring case as strings.EqualFold does: each rune
// as a class of the runes it folds to.
func caseless(s string) string {
	var b strings.Builder
	for _, r := range s {
		orbit := []rune{r}
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			orbit = append(orbit, f)
		}
		if len(orbit) == 1 {
			b.WriteString(quoteRune(r))
			continue
		}
		b.WriteByte('[')
		for _, f := range orbit {
			b.WriteRune(f) // letters: nothing to escape in a class
		}
		b.WriteByte(']')
	}
	return b.String()
}

// quoteRune escapes a regular-expression syntax character. Only these
// are escaped: ECMAScript's unicode mode, which editors use, refuses
// escapes of other characters such as \-.
func quoteRune(r rune) string {
	if strings.ContainsRune(`^$\.*+?()[]{}|/`, r) {
		return `\` + string(r)
	}
	return string(r)
}

// yamlNumber is a plain YAML 1.2 scalar that reads as a number.
var yamlNumber = regexp.MustCompile(`^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$`)

// withNumber is an id or code with, if it reads as a number in YAML (a
// code 10, a criterion 1.2), that number too: r3l takes either, as it
// reads the text as written.
func withNumber(id string) []any {
	if yamlNumber.MatchString(id) {
		if v, err := strconv.ParseFloat(id, 64); err == nil {
			return []any{id, v}
		}
	}
	return []any{id}
}

// scaleHint lists the answers a scale takes, for descriptions.
func scaleHint(sc *framework.Scale) string {
	var parts []string
	switch sc.Kind {
	case framework.Ordinal:
		for _, p := range sc.Points {
			parts = append(parts, strconv.FormatFloat(p.Value, 'f', -1, 64)+" = "+p.Label.Get("en")+" ("+p.Code+")")
		}
	case framework.Boolean:
		parts = append(parts, "yes", "no")
	default:
		rng := "a number"
		if sc.Min != nil {
			rng += " from " + strconv.FormatFloat(*sc.Min, 'f', -1, 64)
		}
		if sc.Max != nil {
			rng += " up to " + strconv.FormatFloat(*sc.Max, 'f', -1, 64)
		}
		parts = append(parts, strings.TrimSpace(rng+" "+sc.Unit))
	}
	for _, a := range sc.Allow {
		parts = append(parts, a+" = "+special(a))
	}
	return strings.Join(parts, "; ")
}
