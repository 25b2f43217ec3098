package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/crosswalk"
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
	inputs     []string
	by         string
	as         string
	crosswalks []string
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
  r3l compare testdata/regions -f json --plan testdata/plans/lake-constance.yaml
  r3l compare testdata/cities/cork-2022 testdata/cities/cork-2024 --as unesco-klc -o cork.html`,
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
	cmd.Flags().StringVar(&opts.as, "as", "", "show every assessment on this framework (a bundled id or a file), through crosswalks where it was scored with another")
	cmd.Flags().StringArrayVar(&opts.crosswalks, "crosswalk", nil, "crosswalk file for --as, the flag repeated for several (default: the bundled crosswalk, where there is one)")
	_ = cmd.RegisterFlagCompletionFunc("as", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return bundledIDs(), cobra.ShellCompDirectiveDefault
	})
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
	// No comparison format shows evidence or comments: forget them as
	// each file is read.
	popts.DropNotes = true
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
	defer pipeline.TuneGCForWriting()()
	noteSkipped(s, p.Skipped)
	noteIncomplete(s, p.Incomplete)
	var fw *framework.Framework
	if opts.as != "" {
		fw, results, err = opts.translate(results)
	} else {
		fw, err = oneFramework(results, p.Fixed)
	}
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

// translate shows every result on the framework of --as: those scored with
// another framework through the crosswalk of --crosswalk, or the bundled
// one, that maps between the two.
func (o *compareOptions) translate(results []*assess.Result) (*framework.Framework, []*assess.Result, error) {
	to, err := framework.Resolve(o.as)
	if err != nil {
		return nil, nil, fmt.Errorf("--as: %w", err)
	}
	var given []*crosswalk.Crosswalk
	for _, path := range uniquePaths(o.crosswalks) {
		cw, err := crosswalk.Load(path)
		if err != nil {
			return nil, nil, err
		}
		given = append(given, cw)
	}
	out := make([]*assess.Result, len(results))
	for i, r := range results {
		if r.Framework.ID == to.ID && r.Framework.Version == to.Version {
			out[i] = r
			continue
		}
		cw, err := crosswalk.Find(given, r.Framework, to)
		if err != nil {
			return nil, nil, err
		}
		if cw == nil {
			return nil, nil, fmt.Errorf("no crosswalk from %s %s to %s %s, which %s %s was scored with: give --crosswalk FILE",
				r.Framework.ID, r.Framework.Version, to.ID, to.Version, r.Region.ID, r.Period)
		}
		if err := cw.Check(r.Framework, to); err != nil {
			return nil, nil, err
		}
		out[i] = assess.Translate(r, to, cw)
	}
	return to, out, nil
}
