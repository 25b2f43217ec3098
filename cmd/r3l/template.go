package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/instrument"
	"github.com/r3l/r3l/internal/i18n"
	"github.com/r3l/r3l/report"
)

type templateOptions struct {
	langFlag
	framework string
	format    string
	output    string
	prefill   instrument.Options // all but Lang, from the flags
	langs     []string           // a survey's languages, from --lang
	langSet   bool               // --lang was given
	langErr   error              // --lang is none of r3l's languages
	template  instrument.Template
}

func newTemplateCmd(s *streams) *cobra.Command {
	opts := &templateOptions{}
	cmd := &cobra.Command{
		Use:   "template",
		Short: "Write a questionnaire to fill in, listing every indicator",
		Example: `  r3l template -o r07.yaml --region lake-constance --period 2024
  r3l template -o r07.yaml --region lake-constance --name "Lake Constance Learning Region" \
      --country DE --group cross-border --period 2024 --respondent r07 --role adult-education
  r3l template --lang de > fragebogen.yaml
  r3l template -o r07.xlsx --region lake-constance --period 2024   # an Excel workbook
  r3l template -f limesurvey -o survey.lss --lang en,de,sv         # a LimeSurvey survey
  r3l template -f xlsform -o survey.xlsx --region lake-constance   # KoboToolbox or ODK`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.langSet = cmd.Flags().Changed("lang")
			if err := opts.validate(); err != nil {
				return err
			}
			return runTemplate(s, opts)
		},
	}
	names := instrument.TemplateNames()
	addFrameworkFlag(cmd, &opts.framework, framework.DefaultID, "framework: a bundled id or a YAML file")
	fl := cmd.Flags()
	fl.StringVarP(&opts.format, "format", "f", "", strings.Join(names, " or ")+" (default: from -o's extension, else "+names[0]+")")
	fl.StringVarP(&opts.output, "output", "o", "", "write to this new file (never overwrites) instead of standard output")
	p := &opts.prefill
	fl.StringVar(&p.Region, "region", "", "prefill the region id")
	fl.StringVar(&p.Name, "name", "", "prefill the region's name")
	fl.StringVar(&p.Country, "country", "", "prefill the region's country")
	fl.StringVar(&p.Group, "group", "", "prefill the region's peer group")
	fl.StringVar(&p.Period, "period", "", "prefill the period")
	fl.StringVar(&p.Respondent, "respondent", "", "prefill the respondent id")
	fl.StringVar(&p.Role, "role", "", "prefill the respondent's stakeholder role, such as adult-education")
	_ = cmd.RegisterFlagCompletionFunc("format", completeValues(instrument.TemplateNames))
	_ = cmd.RegisterFlagCompletionFunc("role", completeValues(func() []string { return roleIDs(opts.framework) }))
	opts.langFlag.add(cmd, "language of the questions; for a survey, its languages (default: the framework's), such as en,de,sv")
	return cmd
}

func (o *templateOptions) validate() error {
	var problems []string
	o.output = stdoutDash(o.output)
	if o.format == "" {
		var ok bool
		if o.template, ok = instrument.TemplateForPath(o.output); !ok {
			o.template = instrument.Templates()[0]
		}
	} else if t, ok := instrument.TemplateNamed(o.format); ok {
		o.template = t
		if byExt, known := instrument.TemplateForPath(o.output); known && !t.Takes(o.output) {
			problems = append(problems, mismatch(o.format, o.output, byExt.Name))
		}
	} else {
		problems = append(problems, fmt.Sprintf("unknown template format %q (one of: %s)", o.format, strings.Join(instrument.TemplateNames(), ", ")))
	}
	if o.template.Binary && o.output == "" {
		problems = append(problems, fmt.Sprintf("format %s is binary and is not written to the terminal: give -o FILE", o.template.Name))
	}
	if o.template.Survey {
		// A survey holds several languages, checked against the
		// framework's when it is loaded.
		if o.langSet {
			o.langs = splitList(o.lang)
		}
	} else if lp := o.langFlag.problems(); len(lp) > 0 {
		// Not one of r3l's own languages: it may be one of the
		// framework's (unesco-klc has French and Spanish), checked when
		// the framework is loaded.
		o.langErr = errors.New(lp[0])
	}
	return usageProblems(problems)
}

// roleIDs lists the stakeholder roles of the framework -F names, to
// complete --role; none when it cannot be loaded.
func roleIDs(name string) []string {
	fw, err := framework.Resolve(name)
	if err != nil {
		return nil
	}
	ids := make([]string, len(fw.Roles))
	for i, r := range fw.Roles {
		ids[i] = r.ID
	}
	return ids
}

func runTemplate(s *streams, o *templateOptions) error {
	fw, err := framework.Resolve(o.framework)
	if err != nil {
		return err
	}
	if o.langErr != nil {
		if !slices.Contains(fw.Languages, o.lang) {
			return usageError{fmt.Errorf("--lang %q: neither r3l (%s) nor framework %s (%s) has texts in that language",
				o.lang, strings.Join(i18n.Languages, ", "), fw.ID, strings.Join(fw.Languages, ", "))}
		}
		// The framework's texts in its language, r3l's own words in English.
	}
	topts := o.prefill
	topts.Lang = o.lang
	if o.template.Survey {
		topts.Lang, topts.Langs = "", o.langs
	}
	write := func(w io.Writer) error { return o.template.Write(w, fw, topts) }
	if o.output == "" {
		return write(s.out)
	}
	return report.WriteNewFile(o.output, write)
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
