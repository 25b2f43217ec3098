package instrument

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/i18n"
)

// yamlString quotes s as a YAML scalar (JSON strings are valid YAML).
func yamlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// comment writes text as YAML comment lines wrapped at 78 columns; lead
// starts the first line and continuation lines align under the text.
func comment(b *strings.Builder, indent, lead, text string) {
	hang := strings.Repeat(" ", len([]rune(lead)))
	for i, line := range strings.Split(i18n.Wrap(text, 76-len(indent)-len(hang)), "\n") {
		if i == 0 {
			fmt.Fprintf(b, "%s# %s%s\n", indent, lead, line)
		} else {
			fmt.Fprintf(b, "%s# %s%s\n", indent, hang, line)
		}
	}
}

// TemplateYAML writes a questionnaire listing every indicator of fw with its
// question and scale as comments, ready to fill in. The answers are left
// empty, which reads as "missing" until filled.
func TemplateYAML(w io.Writer, fw *framework.Framework, opts Options) error {
	lang := opts.Lang
	t := func(key string) string { return words.Get(lang, key) }
	b := &strings.Builder{}
	schemaLines(b, fw, lang)
	comment(b, "", "", fmt.Sprintf("%s (%s %s)", fw.Title.Get(lang), fw.ID, fw.Version))
	comment(b, "", "", t("tpl.intro"))
	if q := opts.From; q != nil {
		comment(b, "", "", fmt.Sprintf(t("tpl.imported"), q.Name()))
	}
	b.WriteString("#\n")
	for _, sc := range fw.Scales {
		comment(b, "", "", scaleLine(sc, lang))
	}
	b.WriteString("#\n")
	comment(b, "", "", t("tpl.long"))
	first := fw.Indicators[0]
	fmt.Fprintf(b, "#   %s: {answer: %s, evidence: \"…\", comment: \"…\"}\n\n", first.ID, first.Scale.Example())

	fmt.Fprintf(b, "schema: r3l.questionnaire/v1\n")
	fmt.Fprintf(b, "framework: %s\n", yamlString(fw.ID+"@"+fw.Version))
	yamlRespondent(b, fw, opts)
	b.WriteString("\nanswers:\n")
	for _, a := range fw.Areas {
		b.WriteString("\n")
		comment(b, "  ", a.ID+"  ", strings.ToUpper(a.Title.Get(lang)))
		for _, c := range a.Criteria {
			b.WriteString("\n")
			comment(b, "  ", c.ID+"  ", c.Title.Get(lang))
			if q := c.Question.Get(lang); q != "" {
				comment(b, "  ", "    ", q)
			}
			for _, ind := range c.Indicators {
				comment(b, "  ", ind.ID+"  ", ind.Text.Get(lang))
				if len(ind.Evidence) > 0 {
					ev := make([]string, len(ind.Evidence))
					for i, e := range ind.Evidence {
						ev[i] = e.Get(lang)
					}
					comment(b, "  ", "      ", t("evidence")+": "+strings.Join(ev, "; "))
				}
				if ind.ScaleID != fw.DefaultScale {
					comment(b, "  ", "      ", scaleLine(ind.Scale, lang))
				}
				fmt.Fprintf(b, "  %s:%s\n", ind.ID, filledAnswer(opts.From, ind))
			}
		}
	}
	b.WriteString("\n")
	comment(b, "", "", fmt.Sprintf(t("tpl.priorities"), len(fw.PriorityPoints), priorityExample(fw)))
	b.WriteString("priorities:\n")
	for _, a := range fw.Areas {
		ids := make([]string, len(a.Criteria))
		for i, c := range a.Criteria {
			ids[i] = c.ID
		}
		fmt.Fprintf(b, "  %s: []  # %s\n", a.ID, strings.Join(ids, " "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// schemaLines point editors with yaml-language-server (VS Code's YAML
// extension and others) to the framework's questionnaire schema, so that
// they complete and check the file as a stakeholder types: a file next
// to the questionnaire, which the coordinator makes with the command on
// the second line (package schema names it the same way).
func schemaLines(b *strings.Builder, fw *framework.Framework, lang string) {
	file := fw.ID + ".questionnaire.schema.json"
	ref := fw.ID
	if !fw.Bundled() {
		ref = shellWord(fw.Path)
	}
	fmt.Fprintf(b, "# yaml-language-server: $schema=%s\n", file)
	fmt.Fprintf(b, "# %s r3l schema questionnaire -F %s -o %s\n", words.Get(lang, "tpl.schema"), ref, file)
}

// shellWord quotes a path for a shell command line where it needs it.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// yamlRespondent writes the region, period and respondent, prefilled from
// opts. The role's comment lists the framework's roles, if it has any.
func yamlRespondent(b *strings.Builder, fw *framework.Framework, opts Options) {
	t := func(key string) string { return words.Get(opts.Lang, key) }
	fmt.Fprintf(b, "region:\n")
	fmt.Fprintf(b, "  id: %s  # %s\n", yamlString(opts.Region), t("tpl.region"))
	fmt.Fprintf(b, "  name: %s\n", yamlString(opts.Name))
	fmt.Fprintf(b, "  country: %s  # %s\n", yamlString(opts.Country), t("tpl.country"))
	fmt.Fprintf(b, "  group: %s  # %s\n", yamlString(opts.Group), t("tpl.group"))
	fmt.Fprintf(b, "period: %s  # %s\n", yamlString(opts.Period), t("tpl.period"))
	fmt.Fprintf(b, "respondent:\n  id: %s  # %s\n", yamlString(opts.Respondent), t("tpl.respondent"))
	if len(fw.Roles) == 0 {
		fmt.Fprintf(b, "  role: %s  # %s\n", yamlString(opts.Role), t("tpl.role"))
		return
	}
	fmt.Fprintf(b, "  role: %s  # %s\n", yamlString(opts.Role), t("tpl.roles"))
	width := 0
	for _, r := range fw.Roles {
		width = max(width, len(r.ID)) // ids are ASCII
	}
	for _, r := range fw.Roles {
		comment(b, "  ", "  "+r.ID+strings.Repeat(" ", width-len(r.ID)+2), r.Label.Get(opts.Lang))
	}
	comment(b, "  ", "  ", t("tpl.roles.other"))
}

// scaleLine describes a scale's answers in one line.
func scaleLine(sc *framework.Scale, lang string) string {
	t := func(key string) string { return words.Get(lang, key) }
	var parts []string
	switch sc.Kind {
	case framework.Ordinal:
		for _, p := range sc.Points {
			parts = append(parts, fmt.Sprintf("%s = %s (%s)", strconv.FormatFloat(p.Value, 'f', -1, 64), p.Label.Get(lang), p.Code))
		}
	case framework.Boolean:
		parts = append(parts, "yes", "no")
	case framework.Numeric:
		rng := t("tpl.number")
		if sc.Min != nil || sc.Max != nil {
			lo, hi := "…", "…"
			if sc.Min != nil {
				lo = strconv.FormatFloat(*sc.Min, 'f', -1, 64)
			}
			if sc.Max != nil {
				hi = strconv.FormatFloat(*sc.Max, 'f', -1, 64)
			}
			rng += " " + lo + "–" + hi
		}
		parts = append(parts, strings.TrimSpace(rng+" "+sc.Unit))
	}
	for _, a := range sc.Allow {
		parts = append(parts, a+" = "+t("special."+a))
	}
	name := sc.ID
	if l := sc.Label.Get(lang); l != "" {
		name = l
	}
	return name + ": " + strings.Join(parts, "; ")
}

// priorityExample ranks the first area's criteria backwards, e.g. "A: [A3, A2, A1]".
func priorityExample(fw *framework.Framework) string {
	a := fw.Areas[0]
	var ids []string
	for i := min(len(a.Criteria), len(fw.PriorityPoints)) - 1; i >= 0; i-- {
		ids = append(ids, a.Criteria[i].ID)
	}
	return a.ID + ": [" + strings.Join(ids, ", ") + "]"
}

// filledAnswer is an indicator's answer in a questionnaire read elsewhere,
// after its key: " 4", " na", or nothing when unanswered.
func filledAnswer(q *assess.Questionnaire, ind *framework.Indicator) string {
	if q == nil {
		return ""
	}
	a := q.Answers[ind.Index]
	answer := a.Display(ind.Scale)
	if answer == "" {
		return ""
	}
	if a.Evidence() == "" && a.Comment() == "" {
		return " " + answer
	}
	out := " {answer: " + yamlString(answer)
	if a.Evidence() != "" {
		out += ", evidence: " + yamlString(a.Evidence())
	}
	if a.Comment() != "" {
		out += ", comment: " + yamlString(a.Comment())
	}
	return out + "}"
}
