package main

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/crosswalk"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/instrument"
	"github.com/r3l/r3l/internal/yamlx"
	"github.com/r3l/r3l/pipeline"
	"github.com/r3l/r3l/plan"
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
	defer pipeline.TuneGC()()
	pk, err := p.ParkAll(files)
	if err != nil {
		return err
	}
	defer pk.Close()
	as := pk.Assessments()
	noteSkipped(s, p.Skipped)
	noteIncomplete(s, p.Incomplete)
	fws := p.Frameworks(as)
	fw, show, err := opts.shownOn(as, fws, p.Fixed)
	if err != nil {
		return err
	}
	entries, err := keepByRegion(s, p, pk, fws, show, fw, plans)
	if err != nil {
		return err
	}
	defer entries.kept.Close()
	defer pipeline.TuneGCForWriting()()
	c := assess.CompareKept(fw, entries.list, entries.kept, opts.compareOptions())
	w, err := opts.writer(s, report.Options{Lang: opts.lang, By: opts.by})
	if err != nil {
		return err
	}
	if err := opts.emit(s, p.Protected(files), func(out io.Writer) error { return w.Comparison(out, c) }); err != nil {
		return err
	}
	// The warnings are read back once the comparison is written.
	notes, err := entries.kept.AllNotes(entries.notes)
	if err != nil {
		return err
	}
	opts.warningFlags.print(s, notes)
	return nil
}

// shownOn is the framework the assessments are compared on, and how each
// result is shown on it (nil: as it is): the one framework of all, or
// that of --as through crosswalks.
func (o *compareOptions) shownOn(as []*assess.Assessment, fws []*framework.Framework, fixed *framework.Framework) (
	*framework.Framework, func(*assess.Result) *assess.Result, error) {
	if o.as != "" {
		return o.translation(as, fws)
	}
	fw, err := oneFramework(fws, fixed)
	return fw, nil, err
}

// keptEntries are the compared assessments' entries and their results,
// kept in a temporary file.
type keptEntries struct {
	list  []assess.Entry
	kept  *pipeline.Kept
	notes []int // the numbers of the assessments' warnings in kept
}

// keepByRegion reads back the parked assessments a region at a time on the
// workers, scores them, shows them through show, applies the plans and
// keeps each result: what a comparison of thousands holds in memory is
// their entries. Repeated respondents and copies in any assessment fail
// the run. The assessments' warnings are kept too.
func keepByRegion(s *streams, p *pipeline.Pipeline, pk *pipeline.Parked, fws []*framework.Framework,
	show func(*assess.Result) *assess.Result, fw *framework.Framework, plans []*plan.Plan) (keptEntries, error) {
	as := pk.Assessments()
	kept, err := pipeline.NewKept()
	if err != nil {
		return keptEntries{}, err
	}
	entries := make([]assess.Entry, len(as))
	notes := make([]int, len(as))
	var mu sync.Mutex
	failed := map[string]error{}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	if show != nil {
		// Shown on one framework, a region's periods chain across the
		// frameworks they were scored with.
		fws = slices.Repeat([]*framework.Framework{fw}, len(as))
	}
	regions := pipeline.Regions(as, fws)
	problems := make([]yamlx.Problems, len(regions))
	for ri, region := range regions {
		g.Go(func() error {
			found, err := pk.Unpark(as, region)
			if err != nil {
				return err
			}
			problems[ri] = found
			results := p.ScoreRegion(as, region, show)
			bad := assess.ApplyPlans(results, plans, reportDay(s))
			mu.Lock()
			maps.Copy(failed, bad)
			mu.Unlock()
			for k, i := range region {
				e, err := kept.Keep(fw, results[k])
				if err != nil {
					return err
				}
				if notes[i], err = kept.KeepNotes(results[k].Notes); err != nil {
					return err
				}
				entries[i] = e
			}
			return nil
		})
	}
	err = g.Wait()
	if err == nil {
		err = cmp.Or(slices.Concat(problems...).Err(), plansError(failed))
	}
	if err != nil {
		kept.Close()
		return keptEntries{}, err
	}
	return keptEntries{entries, kept, notes}, nil
}

// oneFramework checks that all assessments use one framework: scores of
// different frameworks cannot be put side by side.
func oneFramework(fws []*framework.Framework, fixed *framework.Framework) (*framework.Framework, error) {
	if fixed != nil {
		return fixed, nil
	}
	if len(fws) == 0 {
		return nil, fmt.Errorf("no questionnaires to compare")
	}
	var ids []string
	for _, fw := range fws {
		if !slices.Contains(ids, fw.ID) {
			ids = append(ids, fw.ID)
		}
	}
	if len(ids) > 1 {
		return nil, fmt.Errorf("the questionnaires use %d frameworks (%s); compare the assessments of one framework at a time",
			len(ids), strings.Join(ids, ", "))
	}
	return fws[0], nil
}

// translation is how every result is shown on the framework of --as:
// those scored with another framework through the crosswalk of
// --crosswalk, or the bundled one, that maps between the two. Each
// framework's crosswalk is found and checked once, before anything is
// scored.
func (o *compareOptions) translation(as []*assess.Assessment, fws []*framework.Framework) (*framework.Framework, func(*assess.Result) *assess.Result, error) {
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
	through := map[*framework.Framework]*crosswalk.Crosswalk{}
	for i, from := range fws {
		if _, done := through[from]; done || from.ID == to.ID && from.Version == to.Version {
			continue
		}
		cw, err := crosswalk.Find(given, from, to)
		if err != nil {
			return nil, nil, err
		}
		if cw == nil {
			return nil, nil, fmt.Errorf("no crosswalk from %s %s to %s %s, which %s %s was scored with: give --crosswalk FILE",
				from.ID, from.Version, to.ID, to.Version, as[i].Region.ID, as[i].Period)
		}
		if err := cw.Check(from, to); err != nil {
			return nil, nil, err
		}
		through[from] = cw
	}
	return to, func(r *assess.Result) *assess.Result {
		if cw := through[r.Framework]; cw != nil {
			return assess.Translate(r, to, cw)
		}
		return r
	}, nil
}
