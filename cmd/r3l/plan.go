package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/instrument"
	"github.com/r3l/r3l/internal/i18n"
	"github.com/r3l/r3l/pipeline"
	"github.com/r3l/r3l/plan"
	"github.com/r3l/r3l/report"
)

type planOptions struct {
	scoringFlags
	warningFlags
	langFlag
	baselineFlag
	files        []string
	output       string
	focus        int
	targetPeriod string
	workbook     bool
}

func newPlanCmd(s *streams) *cobra.Command {
	opts := &planOptions{}
	cmd := &cobra.Command{
		Use:   "plan FILE...",
		Short: "Draft an improvement plan from an assessment, for the partners to decide",
		Long: `Draft a plan from the questionnaires of one assessment: the criteria to focus
on, why each (a low score, many priority points, disagreement among
respondents, little evidence, a fall since --baseline), and a proposed target
for each, the next maturity level. The draft is a proposal, marked as one: the
partners change it, add their actions and set it to agreed. Reports against
it: r3l assess --plan FILE.`,
		Example: `  r3l plan testdata/regions/lake-constance-2022/*.yaml -o plan.yaml
  r3l plan testdata/regions/lake-constance-2022/*.yaml -o plan.xlsx --focus 5
  r3l plan --lang de --target-period 2025 testdata/regions/kaunas/*.yaml`,
		Args: minArgs(1, "questionnaire files (FILE...)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = uniquePaths(args)
			if err := opts.validate(cmd); err != nil {
				return err
			}
			return runPlan(s, opts)
		},
	}
	opts.scoringFlags.add(cmd)
	opts.warningFlags.add(cmd)
	opts.langFlag.add(cmd, "language of the reasons")
	opts.baselineFlag.add(cmd)
	fl := cmd.Flags()
	fl.StringVarP(&opts.output, "output", "o", "", "write to this new file (never overwrites), .yaml or .xlsx, instead of standard output")
	fl.IntVar(&opts.focus, "focus", assess.DefaultFocus, "how many focus criteria to propose")
	fl.StringVar(&opts.targetPeriod, "target-period", "", "the period by which the targets are to be met (default: two years after a period that is a year)")
	return cmd
}

func (o *planOptions) validate(cmd *cobra.Command) error {
	problems := o.langFlag.problems()
	problems = append(problems, o.scoringFlags.problems(cmd)...)
	o.output = stdoutDash(o.output)
	switch strings.ToLower(filepath.Ext(o.output)) {
	case "", ".yaml", ".yml":
	case ".xlsx":
		o.workbook = true
	default:
		problems = append(problems, fmt.Sprintf("-o %q: a plan is written as .yaml or .xlsx", o.output))
	}
	if o.output == "" && o.workbook {
		problems = append(problems, "a workbook is not written to the terminal: give -o FILE.xlsx")
	}
	if o.focus < 1 {
		problems = append(problems, fmt.Sprintf("--focus must be at least 1, not %d", o.focus))
	}
	return usageProblems(problems)
}

func runPlan(s *streams, o *planOptions) error {
	res, err := o.score(s)
	if err != nil {
		return err
	}
	target := o.targetPeriod
	if target == "" {
		year, err := strconv.Atoi(res.Period)
		if err != nil || len(res.Period) != 4 {
			return usageError{fmt.Errorf("the period %q is not a year: give --target-period", res.Period)}
		}
		target = strconv.Itoa(year + 2)
	}
	if target <= res.Period {
		return usageError{fmt.Errorf("--target-period %s is not after the assessment's period %s", target, res.Period)}
	}
	props := assess.Propose(res, o.focus)
	draft, head, help := report.DraftPlan(res, props, target, o.lang, reportDay(s))
	write := func(w io.Writer) error {
		if o.workbook {
			return instrument.WritePlanWorkbook(w, draft, res.Framework, o.lang)
		}
		data, err := draft.YAML(head, help)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	if o.output == "" {
		err = write(s.out)
	} else {
		err = report.WriteNewFile(o.output, write)
	}
	if err != nil {
		return err
	}
	o.warningFlags.print(s, res.Notes)
	if o.output != "" {
		fmt.Fprintf(s.err, "%s: a proposal of %d focus %s (%s); the partners decide, then set status: %s\n",
			o.output, len(props), i18n.Plural(len(props), "criterion", "criteria"), focusIDs(props), plan.Agreed)
	}
	return nil
}

// score scores the one assessment the files hold, with the change since
// --baseline.
func (o *planOptions) score(s *streams) (*assess.Result, error) {
	popts, err := o.pipeline()
	if err != nil {
		return nil, err
	}
	popts.Context = s.ctx
	p, err := pipeline.New(popts)
	if err != nil {
		return nil, err
	}
	results, err := p.Run(o.files)
	if err != nil {
		return nil, err
	}
	noteSkipped(s, p.Skipped)
	noteIncomplete(s, p.Incomplete)
	if len(results) != 1 {
		return nil, fmt.Errorf("the files hold %d assessments; a plan starts from one region and period", len(results))
	}
	base, err := o.baselineFlag.load(s, popts)
	if err != nil {
		return nil, err
	}
	return results[0], applyProgress(s, results[0], base, nil)
}

func focusIDs(props []assess.Proposal) string {
	ids := make([]string, len(props))
	for i, p := range props {
		ids[i] = p.Criterion.Criterion.ID
	}
	return strings.Join(ids, ", ")
}
