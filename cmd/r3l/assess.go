package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/report"
)

type assessOptions struct {
	reportFlags
	files []string
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
  r3l assess -f json --aggregate median testdata/regions/limerick/*.yaml`,
		Args: minArgs(1, "questionnaire files (FILE...)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = uniquePaths(args)
			if err := opts.validate(cmd); err != nil {
				return err
			}
			return runAssess(s, opts)
		},
	}
	opts.add(cmd, report.Formats)
	return cmd
}

func runAssess(s *streams, opts *assessOptions) error {
	loadOpts, fixed, err := opts.loadOptions()
	if err != nil {
		return err
	}
	qs, err := assess.Split(assess.LoadFiles(opts.files, loadOpts, 0))
	if err != nil {
		return err
	}
	as, err := assess.Group(qs)
	if err != nil {
		return err
	}
	if len(as) > 1 {
		var names []string
		for _, a := range as {
			n := len(a.Questionnaires)
			names = append(names, fmt.Sprintf("%s %s (%d %s)", a.Region.ID, a.Period, n, map[bool]string{true: "file", false: "files"}[n == 1]))
		}
		return fmt.Errorf("the files hold %d assessments (%s); assess takes one region and period: use 'r3l compare' or 'r3l batch' for several",
			len(as), strings.Join(names, ", "))
	}
	a := as[0]
	fw := a.Framework
	if fixed != nil {
		fw = fixed
	}
	res := assess.Score(fw, a, opts.scoring())
	w, err := opts.writer(s)
	if err != nil {
		return err
	}
	inputs := append([]string{}, opts.files...)
	if fixed != nil {
		inputs = append(inputs, opts.framework)
	}
	if err := opts.emit(s, inputs, func(out io.Writer) error { return w.Assessment(out, res) }); err != nil {
		return err
	}
	printWarnings(s, res.Warnings)
	return nil
}
