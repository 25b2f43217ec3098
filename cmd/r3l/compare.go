package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/report"
)

type compareOptions struct {
	reportFlags
	peerFlags
	inputs []string
	by     string
}

// peerFlags are the peer-group flags of compare and batch.
type peerFlags struct {
	groupBy  string
	minGroup int
}

func (p *peerFlags) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&p.groupBy, "group-by", assess.ByGroup, "peer groups by region group or country")
	cmd.Flags().IntVar(&p.minGroup, "min-group", assess.DefaultMinGroup, "smallest peer group that gets statistics")
	_ = cmd.RegisterFlagCompletionFunc("group-by", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return groupKeys, cobra.ShellCompDirectiveNoFileComp
	})
}

// problems lists what is wrong with the flags.
func (p *peerFlags) problems() []string {
	var out []string
	if !slices.Contains(groupKeys, p.groupBy) {
		out = append(out, fmt.Sprintf("--group-by must be group or country, not %q", p.groupBy))
	}
	if p.minGroup < 1 {
		out = append(out, fmt.Sprintf("--min-group must be at least 1, not %d", p.minGroup))
	}
	return out
}

func (p *peerFlags) compareOptions() assess.CompareOptions {
	return assess.CompareOptions{GroupBy: p.groupBy, MinGroup: p.minGroup}
}

var (
	byLevels  = []string{"area", "criterion", "indicator"}
	groupKeys = []string{assess.ByGroup, assess.ByCountry}
)

func newCompareCmd(s *streams) *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare INPUT...",
		Short: "Compare several regions and periods side by side",
		Long: `Score the questionnaires of any number of assessments (files, folders searched
recursively for *.yaml, *.yml and *.xlsx, or glob patterns) and report them side
by side: ranks within each period, statistics per area, criterion and
indicator, peer groups, and trends where a region has several periods.`,
		Example: `  r3l compare testdata/regions
  r3l compare testdata/regions --by criterion
  r3l compare testdata/regions -o comparison.xlsx
  r3l compare 'surveys/*/*.yaml' -f csv > all.csv`,
		Args: minArgs(1, "questionnaire files or folders (INPUT...)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.inputs = args
			if err := opts.validate(cmd); err != nil {
				return err
			}
			return runCompare(s, opts)
		},
	}
	opts.add(cmd, report.Formats)
	fl := cmd.Flags()
	fl.StringVar(&opts.by, "by", "area", "columns of the table and Markdown: area, criterion or indicator")
	opts.peerFlags.addFlags(cmd)
	complete := func(values []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values, cobra.ShellCompDirectiveNoFileComp
		}
	}
	_ = cmd.RegisterFlagCompletionFunc("by", complete(byLevels))
	return cmd
}

func (o *compareOptions) validate(cmd *cobra.Command) error {
	var problems []string
	if err := o.reportFlags.validate(cmd); err != nil {
		problems = append(problems, err.Error())
	}
	if !slices.Contains(byLevels, o.by) {
		problems = append(problems, fmt.Sprintf("--by must be area, criterion or indicator, not %q", o.by))
	}
	problems = append(problems, o.peerFlags.problems()...)
	if len(problems) > 0 {
		return usagef("%s", strings.Join(problems, "\n"))
	}
	return nil
}

// scoreAll reads, groups and scores every input; any bad file fails the
// whole run (batch is the command that skips them).
func scoreAll(opts *reportFlags, inputs []string) (*framework.Framework, []*assess.Result, []string, error) {
	files, err := assess.ExpandInputs(inputs)
	if err != nil {
		return nil, nil, nil, err
	}
	loadOpts, fixed, err := opts.loadOptions()
	if err != nil {
		return nil, nil, nil, err
	}
	qs, err := assess.Split(assess.LoadFiles(files, loadOpts, 0))
	if err != nil {
		return nil, nil, nil, err
	}
	as, err := assess.Group(qs)
	if err != nil {
		return nil, nil, nil, err
	}
	fw, err := oneFramework(as, fixed)
	if err != nil {
		return nil, nil, nil, err
	}
	results := make([]*assess.Result, len(as))
	for i, a := range as {
		results[i] = assess.Score(fw, a, opts.scoring())
	}
	if fixed != nil {
		files = append(files, opts.framework)
	}
	return fw, results, files, nil
}

// oneFramework checks that all assessments use one framework: scores of
// different frameworks cannot be put side by side.
func oneFramework(as []*assess.Assessment, fixed *framework.Framework) (*framework.Framework, error) {
	if fixed != nil {
		return fixed, nil
	}
	if len(as) == 0 {
		return nil, fmt.Errorf("no questionnaires to compare")
	}
	var ids []string
	for _, a := range as {
		if !slices.Contains(ids, a.Framework.ID) {
			ids = append(ids, a.Framework.ID)
		}
	}
	if len(ids) > 1 {
		return nil, fmt.Errorf("the questionnaires use %d frameworks (%s); compare the assessments of one framework at a time",
			len(ids), strings.Join(ids, ", "))
	}
	return as[0].Framework, nil
}

func runCompare(s *streams, opts *compareOptions) error {
	fw, results, inputs, err := scoreAll(&opts.reportFlags, opts.inputs)
	if err != nil {
		return err
	}
	c := assess.Compare(fw, results, opts.compareOptions())
	w, err := opts.writerBy(s, opts.by)
	if err != nil {
		return err
	}
	if err := opts.emit(s, inputs, func(out io.Writer) error { return w.Comparison(out, c) }); err != nil {
		return err
	}
	for _, r := range results {
		printWarnings(s, r.Warnings)
	}
	return nil
}
