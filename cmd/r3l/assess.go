package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/instrument"
	"github.com/r3l/r3l/internal/i18n"
	"github.com/r3l/r3l/pipeline"
	"github.com/r3l/r3l/plan"
	"github.com/r3l/r3l/report"
)

type assessOptions struct {
	scoringFlags
	warningFlags
	outputFlags
	langFlag
	baselineFlag
	files   []string
	summary bool
	plan    string
}

func newAssessCmd(s *streams) *cobra.Command {
	opts := &assessOptions{}
	cmd := &cobra.Command{
		Use:   "assess FILE...",
		Short: "Score the questionnaires of one region and period",
		Long: `Score the questionnaires of one assessment (one region, one period; one file
per respondent) and report the region's profile: overall and area scores,
maturity levels, coverage, strengths, weaknesses, indicators where respondents
disagree, priorities and stakeholder groups.`,
		Example: `  r3l assess testdata/regions/lake-constance/*.yaml
  r3l assess --lang de testdata/regions/kaunas/*.yaml
  r3l assess -o report.md testdata/regions/limerick/*.yaml
  r3l assess -f json --aggregate median testdata/regions/limerick/*.yaml
  r3l assess --summary testdata/regions/kaunas/*.yaml   # one screen
  r3l assess --baseline testdata/regions/lake-constance-2022 \
      --plan testdata/plans/lake-constance.yaml testdata/regions/lake-constance`,
		Args: minArgs(1, "questionnaire files (FILE...)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = uniquePaths(args)
			if err := opts.validate(cmd); err != nil {
				return err
			}
			return runAssess(s, opts)
		},
	}
	opts.scoringFlags.add(cmd)
	opts.warningFlags.add(cmd)
	opts.outputFlags.add(cmd)
	opts.langFlag.add(cmd, "language of texts and labels")
	cmd.Flags().BoolVar(&opts.summary, "summary", false, "one screen: the headline, the areas, strengths, weaknesses and disagreements")
	opts.baselineFlag.add(cmd)
	cmd.Flags().StringVar(&opts.plan, "plan", "", "plan file (YAML or workbook): show targets, gaps and actions")
	return cmd
}

// validate checks the flags before any work; every problem is reported at
// once.
func (o *assessOptions) validate(cmd *cobra.Command) error {
	problems := o.outputFlags.problems()
	problems = append(problems, o.langFlag.problems()...)
	problems = append(problems, o.scoringFlags.problems(cmd)...)
	if f, ok := report.FormatNamed(o.format); ok && o.summary && !f.Summary {
		problems = append(problems, fmt.Sprintf("--summary is a view of the %s formats, not of %s",
			strings.Join(report.FormatNames(func(f report.Format) bool { return f.Summary }), " and "), o.format))
	}
	return usageProblems(problems)
}

func runAssess(s *streams, opts *assessOptions) error {
	popts, err := opts.pipeline()
	if err != nil {
		return err
	}
	popts.Context = s.ctx
	p, err := pipeline.New(popts)
	if err != nil {
		return err
	}
	results, err := p.Run(opts.files)
	if err != nil {
		return err
	}
	noteSkipped(s, p.Skipped)
	noteIncomplete(s, p.Incomplete)
	if len(results) == 0 {
		return fmt.Errorf("the files hold no questionnaires")
	}
	if len(results) > 1 {
		var names []string
		for _, r := range results {
			n := len(r.Questionnaires)
			names = append(names, fmt.Sprintf("%s %s (%d %s)", r.Region.ID, r.Period, n, i18n.Plural(n, "file", "files")))
		}
		return fmt.Errorf("the files hold %d assessments (%s); assess takes one region and period: use 'r3l compare' or 'r3l batch' for several",
			len(results), strings.Join(names, ", "))
	}
	res := results[0]
	base, err := opts.baselineFlag.load(s, popts)
	if err != nil {
		return err
	}
	var pl *plan.Plan
	if opts.plan != "" {
		if pl, err = instrument.LoadPlan(opts.plan); err != nil {
			return err
		}
	}
	if err := applyProgress(s, res, base, pl); err != nil {
		return err
	}
	w, err := opts.writer(s, report.Options{Lang: opts.lang, Summary: opts.summary})
	if err != nil {
		return err
	}
	if err := opts.emit(s, p.Protected(opts.files), func(out io.Writer) error { return w.Assessment(out, res) }); err != nil {
		return err
	}
	opts.warningFlags.print(s, res.Notes)
	return nil
}
