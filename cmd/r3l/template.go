package main

import (
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/report"
)

type templateOptions struct {
	framework string
	format    string
	output    string
	lang      string
	region    string
	period    string
}

var templateFormats = []string{"yaml", "xlsx"}

func newTemplateCmd(s *streams) *cobra.Command {
	opts := &templateOptions{}
	cmd := &cobra.Command{
		Use:   "template",
		Short: "Write a questionnaire to fill in, listing every indicator",
		Example: `  r3l template -o r07.yaml --region lake-constance --period 2024
  r3l template --lang de > fragebogen.yaml
  r3l template -o r07.xlsx --region lake-constance --period 2024   # an Excel workbook`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.validate(); err != nil {
				return err
			}
			return runTemplate(s, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.framework, "framework", "F", framework.DefaultID, "framework: a bundled id or a YAML file")
	fl.StringVarP(&opts.format, "format", "f", "", "yaml or xlsx (default: from -o's extension, else yaml)")
	fl.StringVarP(&opts.output, "output", "o", "", "write to this new file (never overwrites) instead of standard output")
	fl.StringVar(&opts.lang, "lang", "en", "language of the questions")
	fl.StringVar(&opts.region, "region", "", "prefill the region id")
	fl.StringVar(&opts.period, "period", "", "prefill the period")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return templateFormats, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("lang", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return supportedLanguages(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func (o *templateOptions) validate() error {
	if o.format == "" {
		o.format = "yaml"
		if ext := strings.ToLower(filepath.Ext(o.output)); ext == ".xlsx" {
			o.format = "xlsx"
		}
	}
	if !slices.Contains(templateFormats, o.format) {
		return usagef("unknown template format %q (one of: %s)", o.format, strings.Join(templateFormats, ", "))
	}
	if o.format == "xlsx" && o.output == "" {
		return usagef("format xlsx is binary and is not written to the terminal: give -o FILE")
	}
	lang, err := matchLanguage(o.lang)
	if err != nil {
		return usageError{err}
	}
	o.lang = lang
	return nil
}

func runTemplate(s *streams, o *templateOptions) error {
	fw, err := framework.Resolve(o.framework)
	if err != nil {
		return err
	}
	topts := report.TemplateOptions{Lang: o.lang, Region: o.region, Period: o.period}
	write := func(w io.Writer) error { return report.TemplateYAML(w, fw, topts) }
	if o.format == "xlsx" {
		write = func(w io.Writer) error { return report.TemplateXLSX(w, fw, topts) }
	}
	if o.output == "" {
		return write(s.out)
	}
	return report.WriteNewFile(o.output, write)
}
