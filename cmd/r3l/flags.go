package main

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/instrument"
	"github.com/r3l/r3l/internal/i18n"
	"github.com/r3l/r3l/pipeline"
	"github.com/r3l/r3l/report"
)

// The flags commands share come in groups, each with the lists that both
// validate its values and complete them in the shell.

var (
	aggregates = []string{assess.Mean, assess.Median}
	groupKeys  = []string{assess.ByGroup, assess.ByCountry}
)

// completeValues completes a flag or argument from a fixed list.
func completeValues(values func() []string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values(), cobra.ShellCompDirectiveNoFileComp
	}
}

func fixed(values []string) func() []string { return func() []string { return values } }

// bundledIDs lists the bundled frameworks' ids.
func bundledIDs() []string {
	fws, _ := framework.Bundled()
	var ids []string
	for _, fw := range fws {
		ids = append(ids, fw.ID)
	}
	return ids
}

// addFrameworkFlag adds -F, completed with the bundled frameworks' ids or
// a file.
func addFrameworkFlag(cmd *cobra.Command, dst *string, value, usage string) {
	cmd.Flags().StringVarP(dst, "framework", "F", value, usage)
	_ = cmd.RegisterFlagCompletionFunc("framework", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return bundledIDs(), cobra.ShellCompDirectiveDefault
	})
}

// langFlag is --lang: the language of texts and labels.
type langFlag struct{ lang string }

func (f *langFlag) add(cmd *cobra.Command, usage string) {
	cmd.Flags().StringVar(&f.lang, "lang", "en", usage+": "+strings.Join(i18n.Languages, ", "))
	_ = cmd.RegisterFlagCompletionFunc("lang", completeValues(fixed(i18n.Languages)))
}

// problems settles the language (a tag such as de-AT picks the closest).
func (f *langFlag) problems() []string {
	lang, err := i18n.Match(f.lang)
	if err != nil {
		return []string{err.Error()}
	}
	f.lang = lang
	return nil
}

// scoringFlags say how questionnaires are read and scored: assess, compare
// and batch.
type scoringFlags struct {
	framework    string
	aggregate    string
	minCoverage  float64
	disagreement float64
	strict       bool
	minRole      int
	anonymous    bool
	survey       surveyFlags
}

// surveyFlags say what survey exports leave out.
type surveyFlags struct {
	region, period, role, mapping string
}

func (f *surveyFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.region, "region", "", "region id of survey responses whose survey does not ask it")
	fl.StringVar(&f.period, "period", "", "period of survey responses whose survey does not ask it")
	fl.StringVar(&f.role, "role", "", "stakeholder role of survey responses whose survey does not ask it")
	fl.StringVar(&f.mapping, "map", "", "mapping file: how to read the export of a survey r3l did not make")
}

// options loads the mapping file, if any.
func (f *surveyFlags) options() (instrument.SurveyOptions, error) {
	o := instrument.SurveyOptions{Region: f.region, Period: f.period, Role: f.role}
	if f.mapping != "" {
		m, err := instrument.LoadMapping(f.mapping)
		if err != nil {
			return o, err
		}
		o.Map = m
	}
	return o, nil
}

func (f *scoringFlags) add(cmd *cobra.Command) {
	addFrameworkFlag(cmd, &f.framework, "", "framework: a bundled id or a YAML file (default: the one the questionnaires name)")
	fl := cmd.Flags()
	fl.StringVar(&f.aggregate, "aggregate", assess.Mean, "how respondents' scores combine: "+strings.Join(aggregates, " or "))
	fl.Float64Var(&f.minCoverage, "min-coverage", 0, "share of applicable indicators that must be scored, in (0, 1] (default: the framework's, 0.5 in R3L+)")
	fl.Float64Var(&f.disagreement, "disagreement", assess.DefaultDisagreement, "standard deviation from which respondents are said to disagree")
	fl.BoolVar(&f.strict, "strict", false, "treat unanswered indicators as errors")
	fl.IntVar(&f.minRole, "min-role", assess.DefaultMinRole, "smallest stakeholder group whose scores are shown")
	fl.BoolVar(&f.anonymous, "anonymous", false, "no respondent ids, file names, answers by respondent or roles of groups below --min-role")
	_ = cmd.RegisterFlagCompletionFunc("aggregate", completeValues(fixed(aggregates)))
	f.survey.add(cmd)
}

// problems checks the scoring flags. Numbers are checked as "within"
// rather than "not outside", so that NaN, which compares false with
// everything, is refused too; --disagreement must be finite as well.
func (f *scoringFlags) problems(cmd *cobra.Command) []string {
	var out []string
	if !slices.Contains(aggregates, f.aggregate) {
		out = append(out, fmt.Sprintf("--aggregate must be %s, not %q", strings.Join(aggregates, " or "), f.aggregate))
	}
	if cmd.Flags().Changed("min-coverage") && !(f.minCoverage > 0 && f.minCoverage <= 1) {
		out = append(out, fmt.Sprintf("--min-coverage must be above 0 and at most 1, not %v", f.minCoverage))
	}
	switch {
	case !(f.disagreement > 0):
		out = append(out, fmt.Sprintf("--disagreement must be above 0, not %v", f.disagreement))
	case math.IsInf(f.disagreement, 1):
		out = append(out, fmt.Sprintf("--disagreement must be a finite number, not %v", f.disagreement))
	}
	if f.minRole < 1 {
		out = append(out, fmt.Sprintf("--min-role must be at least 1, not %d", f.minRole))
	}
	return out
}

// pipeline returns the pipeline options the flags set, with the mapping
// file read.
func (f *scoringFlags) pipeline() (pipeline.Options, error) {
	survey, err := f.survey.options()
	return pipeline.Options{Framework: f.framework, Strict: f.strict, Skip: report.Output, Survey: survey,
		Scoring: assess.Options{Aggregate: f.aggregate, MinCoverage: f.minCoverage, Disagreement: f.disagreement,
			MinRole: f.minRole, Anonymous: f.anonymous}}, err
}

// outputFlags are -f and -o of the commands that write one report.
type outputFlags struct {
	format string
	output string
}

func (f *outputFlags) add(cmd *cobra.Command) {
	names := report.FormatNames(nil)
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "", "output format: "+strings.Join(names, ", ")+" (default: from -o's extension, else "+report.DefaultFormat+")")
	fl.StringVarP(&f.output, "output", "o", "", "write to this file instead of standard output")
	_ = cmd.RegisterFlagCompletionFunc("format", completeValues(fixed(names)))
}

// problems settles the format: -f, else -o's extension, else table.
func (f *outputFlags) problems() []string {
	var out []string
	f.output = stdoutDash(f.output)
	names := report.FormatNames(nil)
	if f.format == "" && f.output != "" {
		format, ok := report.FormatForExt(filepath.Ext(f.output))
		if !ok {
			out = append(out, fmt.Sprintf("cannot tell the format from %q: give -f (%s)", f.output, strings.Join(names, ", ")))
		}
		f.format = format.Name
	}
	if f.format == "" {
		f.format = report.DefaultFormat
	}
	format, ok := report.FormatNamed(f.format)
	byExt, known := report.FormatForExt(filepath.Ext(f.output))
	switch {
	case !ok:
		out = append(out, fmt.Sprintf("unknown format %q (one of: %s)", f.format, strings.Join(names, ", ")))
	case format.Binary && f.output == "":
		out = append(out, fmt.Sprintf("format %s is binary and is not written to the terminal: give -o FILE", f.format))
	case known && byExt.Name != format.Name:
		out = append(out, mismatch(f.format, f.output, byExt.Name))
	}
	return out
}

// stdoutDash reads -o - as standard output, as most tools do.
func stdoutDash(output string) string {
	if output == "-" {
		return ""
	}
	return output
}

// mismatch words a format that contradicts its output file's extension.
func mismatch(format, output, byExt string) string {
	return fmt.Sprintf("-f %s does not match the extension of %q (%s): change one of them", format, output, byExt)
}

// writer returns the report writer of the settled format with the given
// options: on a terminal as wide as the terminal, and coloured where that
// is welcome.
func (f *outputFlags) writer(s *streams, opts report.Options) (report.Writer, error) {
	opts.Version, opts.Date = toolVersion(), s.date
	if format, _ := report.FormatNamed(f.format); format.Terminal && f.output == "" && s.outTerm {
		opts.Color = s.color
		opts.Width = max(s.width, 60)
	}
	return report.New(f.format, opts)
}

// emit writes a report to -o (atomically, never over one of protect) or to
// standard output.
func (f *outputFlags) emit(s *streams, protect []string, write func(io.Writer) error) error {
	if f.output == "" {
		return write(s.out)
	}
	return report.WriteFile(f.output, protect, write)
}

// peerFlags are the peer-group flags of compare and batch.
type peerFlags struct {
	groupBy  string
	minGroup int
}

func (p *peerFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&p.groupBy, "group-by", assess.ByGroup, "peer groups by region "+strings.Join(groupKeys, " or "))
	cmd.Flags().IntVar(&p.minGroup, "min-group", assess.DefaultMinGroup, "smallest peer group that gets statistics")
	_ = cmd.RegisterFlagCompletionFunc("group-by", completeValues(fixed(groupKeys)))
}

func (p *peerFlags) problems() []string {
	var out []string
	if !slices.Contains(groupKeys, p.groupBy) {
		out = append(out, fmt.Sprintf("--group-by must be %s, not %q", strings.Join(groupKeys, " or "), p.groupBy))
	}
	if p.minGroup < 1 {
		out = append(out, fmt.Sprintf("--min-group must be at least 1, not %d", p.minGroup))
	}
	return out
}

func (p *peerFlags) compareOptions() assess.CompareOptions {
	return assess.CompareOptions{GroupBy: p.groupBy, MinGroup: p.minGroup}
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

// noteSkipped says once which inputs were left out as r3l's own reports.
func noteSkipped(s *streams, skipped []string) {
	if len(skipped) > 0 {
		fmt.Fprintf(s.err, "note: left out %d %s r3l wrote itself (reports and plans, not questionnaires): %s\n",
			len(skipped), i18n.Plural(len(skipped), "file", "files"), strings.Join(skipped, ", "))
	}
}

// noteIncomplete lists the survey responses left out as unfinished or
// rejected, so that none goes unscored unseen.
func noteIncomplete(s *streams, incomplete []string) {
	if len(incomplete) > 0 {
		fmt.Fprintf(s.err, "note: left out %d %s the survey tool holds as unfinished or rejected: %s\n",
			len(incomplete), i18n.Plural(len(incomplete), "response", "responses"), strings.Join(incomplete, ", "))
	}
}

// warningFlags say how much of the warnings standard error shows.
type warningFlags struct{ verbose bool }

func (f *warningFlags) add(cmd *cobra.Command) {
	cmd.Flags().BoolVarP(&f.verbose, "verbose", "v", false, "every warning on its own line, instead of one line per kind")
}

// print writes warnings to standard error: one line per kind, with how
// many files and the worst of them, or every warning with --verbose.
func (f *warningFlags) print(s *streams, warnings []assess.Warning) {
	lines := assess.SummariseWarnings(warnings)
	if f.verbose {
		lines = lines[:0]
		for _, w := range warnings {
			lines = append(lines, w.Msg)
		}
	}
	for _, line := range lines {
		fmt.Fprintf(s.err, "warning: %s\n", line)
	}
}
