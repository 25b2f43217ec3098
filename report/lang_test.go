package report

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/r3l/r3l/plan"
)

// TestNoEnglishInOtherLanguages renders reports in German and Swedish and
// looks for the English text of every report word that has a translation
// of its own: finding one means a writer used English where the reader
// chose another language.
func TestNoEnglishInOtherLanguages(t *testing.T) {
	r := sample(t, "limerick")
	c := sampleComparison(t, 2)
	// A baseline and a draft plan, the plan's own texts (the partners',
	// in English here) made neutral
	planned := samplePlanned(t)
	planned.Plan.Plan.Status = plan.Draft
	for i := range planned.Plan.Plan.Actions {
		a := &planned.Plan.Plan.Actions[i]
		a.Title, a.Lead, a.Evidence = "Xyz", "Xyz", "Xyz"
	}
	for i := range planned.Plan.Plan.Targets {
		planned.Plan.Plan.Targets[i].Why = []string{"Xyz"}
	}
	// and so are its respondents' notes, in English too.
	for _, q := range planned.Questionnaires {
		for i := range q.Answers {
			q.Answers[i].SetNotes("", "")
		}
	}
	for _, lang := range []string{"de", "sv"} {
		outputs := map[string]string{}
		for _, format := range []string{"table", "markdown", "html"} {
			outputs[format] = visible(render(t, format, Options{Lang: lang, Width: 120}, r))
			outputs[format+" comparison"] = visible(renderComparison(t, format, Options{Lang: lang, Width: 120}, c))
			outputs[format+" planned"] = visible(render(t, format, Options{Lang: lang, Width: 120}, planned))
			outputs[format+" planned summary"] = visible(render(t, format, Options{Lang: lang, Width: 120, Summary: true}, planned))
		}
		// Sheet names stay the same in every language, and the Data
		// sheet's codes are the CSV's: scripts read the workbooks by them.
		outputs["xlsx"] = workbookText(t, render(t, "xlsx", Options{Lang: lang}, r))
		outputs["xlsx comparison"] = workbookText(t, renderComparison(t, "xlsx", Options{Lang: lang}, c))
		outputs["xlsx planned"] = workbookText(t, render(t, "xlsx", Options{Lang: lang}, planned))
		for key, texts := range ui {
			en := texts["en"]
			if texts[lang] == en || !distinctive(en) {
				continue
			}
			word := regexp.MustCompile(`\b` + regexp.QuoteMeta(en) + `\b`)
			for what, out := range outputs {
				if word.MatchString(out) {
					t.Errorf("%s %s shows the English %q (word %q)", lang, what, en, key)
				}
			}
		}
	}
}

// workbookText is what a workbook shows a reader, without its sheet names
// and the codes of its Data sheet.
func workbookText(t *testing.T, data []byte) string {
	dump := dumpWorkbook(t, data)
	if i := strings.Index(dump, "== Data\n"); i >= 0 {
		end := strings.Index(dump[i+1:], "\n== ")
		dump = dump[:i] + dump[i+1+end+1:]
	}
	return sheetNames.ReplaceAllString(dump, "")
}

// visible is the text a reader sees: an HTML page without its style sheet
// and markup.
func visible(page []byte) string {
	s := styleSheet.ReplaceAllString(string(page), " ")
	return markup.ReplaceAllString(s, " ")
}

var (
	// sheetNames are the lines of a workbook dump that name sheets.
	sheetNames = regexp.MustCompile(`(?m)^(== .*|.*'[^']+'!.*|frozen at .*|table .*|name .*)$`)
	styleSheet = regexp.MustCompile(`(?s)<style>.*?</style>`)
	markup     = regexp.MustCompile(`<[^>]*>`)
)

// distinctive reports whether an English text is long enough not to
// occur by chance in other text: two words, or one of six letters.
func distinctive(s string) bool {
	if strings.ContainsRune(s, '%') {
		s, _, _ = strings.Cut(s, "%") // the part before a number
	}
	s = strings.TrimSpace(s)
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return strings.Contains(s, " ") && letters >= 8 || letters >= 6
}
