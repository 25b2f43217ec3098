package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/instrument"
	"github.com/r3l/r3l/internal/i18n"
	"github.com/r3l/r3l/pipeline"
	"github.com/r3l/r3l/report"
)

type importOptions struct {
	langFlag
	framework string
	dir       string
	survey    surveyFlags
	inputs    []string
}

func newImportCmd(s *streams) *cobra.Command {
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import EXPORT... -o DIR",
		Short: "Write one questionnaire file per survey response, to check or correct",
		Long: `Read the response exports of an online survey (LimeSurvey, KoboToolbox or
ODK Central: CSV, JSON or Excel) and write one YAML questionnaire per
response into DIR, named after the export and the response id. The files
can be checked, corrected and then scored like any questionnaire.

assess, compare and batch read exports directly; import is for looking at
the answers one response at a time. Responses the survey tool holds as
unfinished or rejected are listed, not written. Nothing is written unless
every export reads without a problem, and no file is ever replaced.`,
		Example: `  r3l import responses.csv -o lake-constance-2024/
  r3l import kobo.xlsx -F framework.yaml --period 2024 -o answers/
  r3l import survey.csv --map map.yaml -o answers/`,
		Args: minArgs(1, "a response export (CSV, JSON or Excel)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.inputs = args
			if err := opts.validate(); err != nil {
				return err
			}
			return runImport(s, opts)
		},
	}
	addFrameworkFlag(cmd, &opts.framework, "", "framework of the survey: a bundled id or a YAML file (default: "+framework.DefaultID+")")
	cmd.Flags().StringVarP(&opts.dir, "output", "o", "", "folder to write the questionnaires into (made if missing)")
	opts.survey.add(cmd)
	opts.langFlag.add(cmd, "language of the questionnaires' comments")
	return cmd
}

func (o *importOptions) validate() error {
	var problems []string
	if o.dir == "" {
		problems = append(problems, "give the folder to write into: -o DIR")
	}
	problems = append(problems, o.langFlag.problems()...)
	return usageProblems(problems)
}

func runImport(s *streams, o *importOptions) error {
	files, err := pipeline.ExpandInputs(o.inputs)
	if err != nil {
		return err
	}
	survey, err := o.survey.options()
	if err != nil {
		return err
	}
	p, err := pipeline.New(pipeline.Options{Framework: o.framework, Survey: survey, Skip: report.Output, Context: s.ctx})
	if err != nil {
		return err
	}
	loaded := p.Load(files, nil)
	if err := context.Cause(s.ctx); err != nil {
		return err
	}
	qs, err := pipeline.Split(loaded)
	if err != nil {
		return err
	}
	noteSkipped(s, pipeline.Skipped(loaded))
	noteIncomplete(s, pipeline.Incomplete(loaded))
	targets, err := importTargets(o.dir, qs)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return fmt.Errorf("cannot make folder %s: %w", o.dir, err)
	}
	for i, q := range qs {
		if err := context.Cause(s.ctx); err != nil {
			fmt.Fprintf(s.err, "%d of %d questionnaires written to %s\n", i, len(qs), o.dir)
			return err
		}
		topts := instrument.Options{Lang: o.lang, Region: q.Region.ID, Name: q.Region.Name, Country: q.Region.Country,
			Group: q.Region.Group, Period: q.Period, Respondent: q.Respondent.ID, Role: q.Respondent.Role, From: q}
		err := report.WriteNewFile(targets[i], func(w io.Writer) error { return instrument.TemplateYAML(w, q.Framework, topts) })
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(s.err, "%d %s written to %s\n", len(qs), i18n.Plural(len(qs), "questionnaire", "questionnaires"), o.dir)
	return nil
}

// importTargets names the file of each response, "<export>-<response>.yaml",
// and refuses the run before anything is written if one of them exists
// or a questionnaire is no survey response.
func importTargets(dir string, qs []*assess.Questionnaire) ([]string, error) {
	var targets, problems []string
	used := map[string]bool{}
	for _, q := range qs {
		if q.Response == "" {
			problems = append(problems, fmt.Sprintf("%s: a questionnaire file, not a survey export: import reads exports only", q.Path))
			continue
		}
		stem := strings.TrimSuffix(filepath.Base(q.Path), filepath.Ext(q.Path))
		name := safeName(stem + "-" + q.Response)
		target := filepath.Join(dir, name+".yaml")
		for n := 2; used[target]; n++ {
			target = filepath.Join(dir, fmt.Sprintf("%s-%d.yaml", name, n))
		}
		used[target] = true
		if _, err := os.Lstat(target); err == nil {
			problems = append(problems, fmt.Sprintf("%s already exists; r3l does not overwrite it (choose another folder or remove it)", target))
		}
		targets = append(targets, target)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return targets, nil
}

// safeName keeps letters, digits, '.', '-' and '_' of a file name, so that
// a response id such as "uuid:0b5e…" names a file on every system.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return r
		}
		return '_'
	}, s)
}
