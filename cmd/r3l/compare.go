package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/instrument"
	"github.com/r3l/r3l/pipeline"
	"github.com/r3l/r3l/report"
)

type compareOptions struct {
	scoringFlags
	warningFlags
	outputFlags
	langFlag
	peerFlags
	plansFlag
	inputs []string
	by     string
}

// byLevels are the columns --by offers.
var byLevels = []string{"area", "criterion", "indicator"}

func newCompareCmd(s *streams) *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare INPUT...",
		Short: "Compare several regions and periods side by side",
		Long: `Score the questionnaires of any number of assessments (files, folders searched
recursively for ` + instrument.InputPatterns() + `, or glob patterns) and report them side
by side: ranks within each period, statistics per area, criterion and
indicator, peer groups, and trends where a region has several periods.`,
		Example: `  r3l compare testdata/regions
  r3l compare testdata/regions --by criterion
  r3l compare testdata/regions -o comparison.xlsx
  r3l compare 'surveys/*/*.yaml' -f csv > all.csv
  r3l compare testdata/regions -f json --plan testdata/plans/lake-constance.yaml`,
		Args: minArgs(1, "questionnaire files or folders (INPUT...)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.inputs = args
			if err := opts.validate(cmd); err != nil {
				return err
			}
			return runCompare(s, opts)
		},
	}
	opts.scoringFlags.add(cmd)
	opts.warningFlags.add(cmd)
	opts.outputFlags.add(cmd)
	opts.langFlag.add(cmd, "language of texts and labels")
	cmd.Flags().StringVar(&opts.by, "by", "area", "columns of the table and Markdown: "+strings.Join(byLevels, ", "))
	_ = cmd.RegisterFlagCompletionFunc("by", completeValues(fixed(byLevels)))
	opts.peerFlags.add(cmd)
	opts.plansFlag.add(cmd)
	return cmd
}

func (o *compareOptions) validate(cmd *cobra.Command) error {
	problems := o.outputFlags.problems()
	problems = append(problems, o.langFlag.problems()...)
	problems = append(problems, o.scoringFlags.problems(cmd)...)
	if !slices.Contains(byLevels, o.by) {
		problems = append(problems, fmt.Sprintf("--by must be area, criterion or indicator, not %q", o.by))
	}
	problems = append(problems, o.peerFlags.problems()...)
	return usageProblems(problems)
}

func runCompare(s *streams, opts *compareOptions) error {
	files, err := pipeline.ExpandInputs(opts.inputs)
	if err != nil {
		return err
	}
	popts, err := opts.pipeline()
	if err != nil {
		return err
	}
	popts.Context = s.ctx
	plans, err := opts.plansFlag.load()
	if err != nil {
		return err
	}
	p, err := pipeline.New(popts)
	if err != nil {
		return err
	}
	results, err := p.Run(files)
	if err != nil {
		return err
	}
	noteSkipped(s, p.Skipped)
	noteIncomplete(s, p.Incomplete)
	fw, err := oneFramework(results, p.Fixed)
	if err != nil {
		return err
	}
	assess.ChainBaselines(results)
	if err := opts.plansFlag.apply(s, results, plans); err != nil {
		return err
	}
	c := assess.Compare(fw, results, opts.compareOptions())
	w, err := opts.writer(s, report.Options{Lang: opts.lang, By: opts.by})
	if err != nil {
		return err
	}
	if err := opts.emit(s, p.Protected(files), func(out io.Writer) error { return w.Comparison(out, c) }); err != nil {
		return err
	}
	var notes []assess.Warning
	for _, r := range results {
		notes = append(notes, r.Notes...)
	}
	opts.warningFlags.print(s, notes)
	return nil
}

// oneFramework checks that all assessments use one framework: scores of
// different frameworks cannot be put side by side.
func oneFramework(results []*assess.Result, fixed *framework.Framework) (*framework.Framework, error) {
	if fixed != nil {
		return fixed, nil
	}
	if len(results) == 0 {
		return nil, fmt.Errorf("no questionnaires to compare")
	}
	var ids []string
	for _, r := range results {
		if !slices.Contains(ids, r.Framework.ID) {
			ids = append(ids, r.Framework.ID)
		}
	}
	if len(ids) > 1 {
		return nil, fmt.Errorf("the questionnaires use %d frameworks (%s); compare the assessments of one framework at a time",
			len(ids), strings.Join(ids, ", "))
	}
	return results[0].Framework, nil
}
