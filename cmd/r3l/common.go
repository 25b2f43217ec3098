package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/report"
)

// reportFlags are the flags of the commands that score and report:
// framework, format, output, language and scoring options.
type reportFlags struct {
	framework    string
	format       string
	output       string
	lang         string
	aggregate    string
	minCoverage  float64
	disagreement float64
	strict       bool
	formats      []string // the formats this command offers
}

var aggregates = []string{assess.Mean, assess.Median}

func (f *reportFlags) add(cmd *cobra.Command, formats []string) {
	f.formats = formats
	fl := cmd.Flags()
	fl.StringVarP(&f.framework, "framework", "F", "", "framework: a bundled id or a YAML file (default: the one the questionnaires name)")
	fl.StringVarP(&f.format, "format", "f", "", "output format: "+strings.Join(formats, ", ")+" (default: from -o's extension, else table)")
	fl.StringVarP(&f.output, "output", "o", "", "write to this file instead of standard output")
	fl.StringVar(&f.lang, "lang", "en", "language of texts and labels: "+strings.Join(supportedLanguages(), ", "))
	fl.StringVar(&f.aggregate, "aggregate", assess.Mean, "how respondents' scores combine: mean or median")
	fl.Float64Var(&f.minCoverage, "min-coverage", 0, "share of applicable indicators that must be scored, in (0, 1] (default: the framework's, 0.5 in R3L+)")
	fl.Float64Var(&f.disagreement, "disagreement", assess.DefaultDisagreement, "standard deviation from which respondents are said to disagree")
	fl.BoolVar(&f.strict, "strict", false, "treat unanswered indicators as errors")
	complete := func(values []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values, cobra.ShellCompDirectiveNoFileComp
		}
	}
	_ = cmd.RegisterFlagCompletionFunc("format", complete(formats))
	_ = cmd.RegisterFlagCompletionFunc("aggregate", complete(aggregates))
	_ = cmd.RegisterFlagCompletionFunc("lang", complete(supportedLanguages()))
	_ = cmd.RegisterFlagCompletionFunc("framework", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return bundledIDs(), cobra.ShellCompDirectiveDefault
	})
}

// validate checks the flags before any work and settles the format; every
// problem is reported at once.
func (f *reportFlags) validate(cmd *cobra.Command) error {
	var errs []error
	if f.format == "" && f.output != "" {
		ext := filepath.Ext(f.output)
		format, ok := report.FormatForExt(ext)
		if !ok || !slices.Contains(f.formats, format) {
			errs = append(errs, fmt.Errorf("cannot tell the format from %q: give -f (%s)", f.output, strings.Join(f.formats, ", ")))
		}
		f.format = format
	}
	if f.format == "" {
		f.format = "table"
	}
	if !slices.Contains(f.formats, f.format) {
		errs = append(errs, fmt.Errorf("unknown format %q (one of: %s)", f.format, strings.Join(f.formats, ", ")))
	}
	if report.Binary(f.format) && f.output == "" {
		errs = append(errs, fmt.Errorf("format %s is binary and is not written to the terminal: give -o FILE", f.format))
	}
	lang, err := matchLanguage(f.lang)
	if err != nil {
		errs = append(errs, err)
	}
	f.lang = lang
	if !slices.Contains(aggregates, f.aggregate) {
		errs = append(errs, fmt.Errorf("--aggregate must be mean or median, not %q", f.aggregate))
	}
	if cmd.Flags().Changed("min-coverage") && (f.minCoverage <= 0 || f.minCoverage > 1) {
		errs = append(errs, fmt.Errorf("--min-coverage must be above 0 and at most 1, not %v", f.minCoverage))
	}
	if f.disagreement <= 0 {
		errs = append(errs, fmt.Errorf("--disagreement must be above 0, not %v", f.disagreement))
	}
	if err := errors.Join(errs...); err != nil {
		return usageError{err}
	}
	return nil
}

func (f *reportFlags) scoring() assess.Options {
	return assess.Options{Aggregate: f.aggregate, MinCoverage: f.minCoverage, Disagreement: f.disagreement}
}

// loadOptions resolves -F, if given, into the framework every questionnaire
// is read against.
func (f *reportFlags) loadOptions() (assess.LoadOptions, *framework.Framework, error) {
	opts := assess.LoadOptions{Strict: f.strict, Pick: assess.BundledFramework}
	if f.framework == "" {
		return opts, nil, nil
	}
	fw, err := framework.Resolve(f.framework)
	if err != nil {
		return opts, nil, err
	}
	opts.Pick = assess.FixedFramework(fw)
	return opts, fw, nil
}

// writer returns the report writer for the settled format.
func (f *reportFlags) writer(s *streams) (report.Writer, error) { return f.writerBy(s, "") }

// writerBy is writer with the columns of comparison tables (--by).
func (f *reportFlags) writerBy(s *streams, by string) (report.Writer, error) {
	opts := report.Options{Lang: f.lang, Version: toolVersion(), By: by, Date: reportDate()}
	if f.output == "" && f.format == "table" {
		if tty, width := isTerminal(s.out); tty {
			opts.Color = colorAllowed()
			opts.Width = max(width, 60)
		}
	}
	return report.New(f.format, opts)
}

// reportDate is today's date for report headers, or the date of
// SOURCE_DATE_EPOCH when it is set, so pages can be rebuilt byte for byte.
func reportDate() string {
	t := time.Now()
	if epoch, err := strconv.ParseInt(os.Getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil {
		t = time.Unix(epoch, 0).UTC()
	}
	return t.Format("2006-01-02")
}

// emit writes a report to -o (atomically, never over an input) or stdout.
func (f *reportFlags) emit(s *streams, inputs []string, write func(io.Writer) error) error {
	if f.output == "" {
		return write(s.out)
	}
	return report.WriteFile(f.output, inputs, write)
}

// uniquePaths drops repeated mentions of the same file, as overlapping
// globs produce, keeping the first.
func uniquePaths(paths []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range paths {
		key := filepath.Clean(p)
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}

// supportedLanguages are the languages of the report labels and of the
// bundled frameworks' texts.
func supportedLanguages() []string { return report.Languages() }

// matchLanguage turns a language tag such as "de-AT" into the closest
// supported language.
func matchLanguage(tag string) (string, error) {
	supported := supportedLanguages()
	t, err := language.Parse(tag)
	if err != nil {
		return "", fmt.Errorf("--lang %q: unknown language (one of: %s)", tag, strings.Join(supported, ", "))
	}
	tags := make([]language.Tag, len(supported))
	for i, l := range supported {
		tags[i] = language.Make(l)
	}
	_, idx, conf := language.NewMatcher(tags).Match(t)
	if conf < language.High {
		return "", fmt.Errorf("--lang %q: r3l has no texts in that language (one of: %s)", tag, strings.Join(supported, ", "))
	}
	return supported[idx], nil
}

func bundledIDs() []string {
	fws, _ := framework.Bundled()
	var ids []string
	for _, fw := range fws {
		ids = append(ids, fw.ID)
	}
	return ids
}

// printWarnings writes warnings to stderr, one per line.
func printWarnings(s *streams, warnings []string) {
	for _, w := range warnings {
		fmt.Fprintf(s.err, "warning: %s\n", w)
	}
}
