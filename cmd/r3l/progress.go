package main

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/instrument"
	"github.com/r3l/r3l/internal/yamlx"
	"github.com/r3l/r3l/pipeline"
	"github.com/r3l/r3l/plan"
	"github.com/r3l/r3l/report"
)

// baselineFlag is --baseline: the earlier assessment a report shows the
// change since, as its questionnaires or its JSON report.
type baselineFlag struct{ baseline []string }

func (f *baselineFlag) add(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&f.baseline, "baseline", nil,
		"the earlier period's questionnaires (a folder, a quoted glob, or files, the flag repeated) or its JSON report: show the change since")
}

// load reads the baseline, scored with the same options as the
// assessment; nil without --baseline.
func (f *baselineFlag) load(s *streams, opts pipeline.Options) (*assess.Baseline, error) {
	if len(f.baseline) == 0 {
		return nil, nil
	}
	if len(f.baseline) == 1 {
		// A folder or glob cannot be read as a file: it is read as
		// questionnaires below.
		if data, err := yamlx.ReadFile(f.baseline[0], report.MaxBaselineSize); err == nil && report.IsAssessmentJSON(data) {
			return report.ParseBaseline(f.baseline[0], data)
		}
	}
	opts.Context = s.ctx
	p, err := pipeline.New(opts)
	if err != nil {
		return nil, err
	}
	files, err := pipeline.ExpandInputs(uniquePaths(f.baseline))
	if err != nil {
		return nil, fmt.Errorf("--baseline: %w", err)
	}
	results, err := p.Run(files)
	if err != nil {
		return nil, fmt.Errorf("--baseline: %w", err)
	}
	switch len(results) {
	case 0:
		return nil, fmt.Errorf("--baseline %s holds no questionnaires", strings.Join(f.baseline, " "))
	case 1:
		return assess.BaselineOf(results[0], strings.Join(f.baseline, " ")), nil
	}
	return nil, fmt.Errorf("--baseline holds %d assessments; it takes the questionnaires of one region and period", len(results))
}

// reportDay is the day a report is made, which decides which actions are
// overdue: today, or SOURCE_DATE_EPOCH's day.
func reportDay(s *streams) time.Time {
	t, err := time.Parse("2006-01-02", s.date)
	if err != nil {
		return time.Now()
	}
	return t
}

// applyProgress sets the change since the baseline and the plan's targets
// on a result.
func applyProgress(s *streams, res *assess.Result, base *assess.Baseline, p *plan.Plan) error {
	if base != nil {
		if err := assess.ApplyBaseline(res, base); err != nil {
			return err
		}
	}
	if p != nil {
		if err := assess.ApplyPlan(res, p, reportDay(s)); err != nil {
			return err
		}
	}
	return nil
}

// plansFlag is --plan of compare and batch: plans, each applied to the
// assessments of its region after its baseline period, up to its target
// period.
type plansFlag struct{ paths []string }

func (f *plansFlag) add(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&f.paths, "plan", nil, "plan file (YAML or workbook) of a region, the flag repeated for several: show targets, gaps and actions")
}

// load reads every plan; the error lists every file's problems.
func (f *plansFlag) load() ([]*plan.Plan, error) {
	var plans []*plan.Plan
	var errs []error
	for _, path := range uniquePaths(f.paths) {
		p, err := instrument.LoadPlan(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		plans = append(plans, p)
	}
	return plans, errors.Join(errs...)
}

// plansError joins what ApplyPlans could not apply, in order of the keys.
func plansError(failed map[string]error) error {
	keys := slices.Sorted(maps.Keys(failed))
	errs := make([]error, len(keys))
	for i, k := range keys {
		errs[i] = failed[k]
	}
	return errors.Join(errs...)
}
