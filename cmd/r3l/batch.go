package main

import (
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/batch"
	"github.com/r3l/r3l/internal/i18n"
)

type batchOptions struct {
	scoringFlags
	warningFlags
	langFlag
	peerFlags
	plansFlag
	inputs  []string
	dir     string
	formats []string
	jobs    int
	quiet   bool
}

func newBatchCmd(s *streams) *cobra.Command {
	opts := &batchOptions{}
	cmd := &cobra.Command{
		Use:   "batch INPUT... -o DIR",
		Short: "Write a report per assessment and a comparison of all into a folder",
		Long: `Read every questionnaire in the inputs (files, folders searched recursively,
glob patterns), group them into assessments and write into DIR:
  <region>_<period>.<ext>   one report per assessment in each of --formats
  comparison.xlsx           all assessments side by side
  comparison.csv            the tidy table of every score, down to indicators
  summary.json              inputs, assessments, failures and outputs
Each report shows the change since the region's previous period among the
inputs and, with --plan, the targets of the region's plan.
A bad input file is listed in summary.json and on stderr, and the rest are
still written; the exit code is then 1.`,
		Example: `  r3l batch testdata/regions -o out
  r3l batch surveys/ -o reports --formats json,xlsx,markdown -j 4
  r3l batch testdata/regions -o out --plan testdata/plans/lake-constance.yaml`,
		Args: minArgs(1, "questionnaire files or folders (INPUT...)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.inputs = args
			if err := opts.validate(cmd); err != nil {
				return err
			}
			return runBatch(s, opts)
		},
	}
	opts.scoringFlags.add(cmd)
	opts.warningFlags.add(cmd)
	fl := cmd.Flags()
	fl.StringVarP(&opts.dir, "output", "o", "", "folder to write into (created if missing)")
	fl.StringSliceVar(&opts.formats, "formats", []string{"json"}, "formats of the per-assessment reports: "+strings.Join(batch.Formats(), ", "))
	fl.IntVarP(&opts.jobs, "jobs", "j", runtime.NumCPU(), "files read and reports written at once")
	fl.BoolVarP(&opts.quiet, "quiet", "q", false, "no progress bar and no warnings")
	_ = cmd.RegisterFlagCompletionFunc("formats", completeValues(batch.Formats))
	opts.langFlag.add(cmd, "language of texts and labels")
	opts.peerFlags.add(cmd)
	opts.plansFlag.add(cmd)
	return cmd
}

func (o *batchOptions) validate(cmd *cobra.Command) error {
	var problems []string
	if o.dir == "" {
		problems = append(problems, "batch needs -o DIR, the folder to write into")
	}
	for _, f := range o.formats {
		if !slices.Contains(batch.Formats(), f) {
			problems = append(problems, fmt.Sprintf("--formats: unknown format %q (one of: %s)", f, strings.Join(batch.Formats(), ", ")))
		}
	}
	if o.jobs < 1 {
		problems = append(problems, fmt.Sprintf("-j must be at least 1, not %d", o.jobs))
	}
	problems = append(problems, o.langFlag.problems()...)
	problems = append(problems, o.scoringFlags.problems(cmd)...)
	problems = append(problems, o.peerFlags.problems()...)
	return usageProblems(problems)
}

func runBatch(s *streams, opts *batchOptions) error {
	popts, err := opts.pipeline()
	if err != nil {
		return err
	}
	plans, err := opts.plansFlag.load()
	if err != nil {
		return err
	}
	bopts := batch.Options{
		Inputs: opts.inputs, Dir: opts.dir, Formats: opts.formats, Jobs: opts.jobs,
		Lang: opts.lang, Version: toolVersion(), Date: s.date,
		Pipeline: popts, Compare: opts.compareOptions(), Context: s.ctx,
		Plans: plans, Today: reportDay(s),
	}
	if s.errTerm && !opts.quiet {
		bopts.Progress = s.err // never in pipes or CI
	}
	out, err := batch.Run(bopts)
	if out == nil {
		return err
	}
	if out.Interrupted != "" {
		fmt.Fprintf(s.err, "stopped: %d %s not finished (listed in %s)\n", len(out.Unfinished),
			i18n.Plural(len(out.Unfinished), "input or report", "inputs and reports"), filepath.Join(opts.dir, batch.SummaryFile))
	}
	if !opts.quiet {
		noteSkipped(s, out.Skipped)
		noteIncomplete(s, out.Incomplete)
		opts.warningFlags.print(s, out.Notes)
	}
	sum := out.Summary
	fmt.Fprintf(s.err, "%d %s, %d %s, %d files written to %s", sum.Inputs, i18n.Plural(sum.Inputs, "input", "inputs"),
		sum.Assessments, i18n.Plural(sum.Assessments, "assessment", "assessments"), len(sum.Outputs), opts.dir)
	if len(sum.Failed) == 0 {
		fmt.Fprintln(s.err)
		return err
	}
	fmt.Fprintf(s.err, ", %d problems:\n", len(sum.Failed))
	for _, f := range sum.Failed {
		fmt.Fprintln(s.err, f.Error)
	}
	return errSilent
}
