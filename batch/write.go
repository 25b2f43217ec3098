package batch

import (
	"io"
	"maps"
	"path/filepath"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/yamlx"
	"github.com/r3l/r3l/pipeline"
	"github.com/r3l/r3l/report"
)

// comparisonFormats are the formats of the comparison files: a workbook
// and the tidy CSV always, and an HTML page when reports are in HTML.
func (r *run) comparisonFormats() []string {
	formats := []string{"xlsx", "csv"}
	if slices.ContainsFunc(r.formats, func(f report.Format) bool { return f.Name == "html" }) {
		formats = append(formats, "html")
	}
	return formats
}

// process scores the assessments a region at a time, on the workers, and
// writes each one's reports as soon as it is scored. Then the result is
// kept in a temporary file (pipeline.Kept) and forgotten, so that what a
// run holds does not grow with its inputs; the comparison files are
// written from the kept results once all are scored. A file that cannot
// be written (an input bears its name, a folder stands where it goes, the
// disk is full) is listed in the summary; the others are still written.
// It returns the assessments' warnings, in order.
func (r *run) process(p *pipeline.Pipeline, pk *pipeline.Parked) ([]assess.Warning, error) {
	if pk == nil {
		return nil, nil
	}
	as := pk.Assessments()
	fws := p.Frameworks(as)
	names := reportNames(as, fws)
	kept, err := pipeline.NewKept()
	if err != nil {
		return nil, err
	}
	defer kept.Close()
	bar := newProgress(r.opts.Progress, len(as)*len(r.formats), "writing")
	errs := make([]error, len(as)*len(r.formats))
	notes := slices.Repeat([]int{-1}, len(as)) // the warnings' numbers in kept; -1: not scored
	entries := make([]assess.Entry, len(as))
	regions := pipeline.Regions(as, fws)
	problems := make([]labelled, len(regions))
	var g errgroup.Group
	g.SetLimit(r.opts.Jobs)
	for ri, region := range regions {
		g.Go(func() error {
			if r.opts.Context.Err() != nil {
				for _, i := range region {
					for _, f := range r.formats {
						r.unfinished(filepath.Join(r.opts.Dir, names[i]+f.Ext()))
					}
					bar.Add(len(r.formats))
				}
				return nil
			}
			found, err := pk.Unpark(as, region)
			if err != nil {
				return err
			}
			problems[ri] = labelProblems(as, region, found)
			// Each report shows the change since the region's previous
			// period among the inputs, and its plan's targets.
			results := p.ScoreRegion(as, region, nil)
			for key, err := range assess.ApplyPlans(results, r.opts.Plans, r.opts.Today) {
				r.fail(key, err)
			}
			for k, i := range region {
				res := results[k]
				for j, f := range r.formats {
					path := filepath.Join(r.opts.Dir, names[i]+f.Ext())
					if r.opts.Context.Err() != nil {
						r.unfinished(path)
					} else {
						errs[i*len(r.formats)+j] = r.writeFile(path, f.Name, func(w report.Writer, out io.Writer) error {
							return w.Assessment(out, res)
						})
					}
					bar.Add(1)
				}
				// The answers, with their evidence and comments, are
				// shown by the reports of the assessment only.
				e, err := kept.Keep(fws[i], res)
				if err != nil {
					return err
				}
				if notes[i], err = kept.KeepNotes(res.Notes); err != nil {
					return err
				}
				entries[i] = e
				results[k] = nil
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	bar.Finish()
	r.failProblems(problems)
	restore := pipeline.TuneGCForWriting()
	r.compare(fws, entries, kept)
	restore()
	// The warnings are read back once the comparison is written, and its
	// entries are gone.
	all, err := kept.AllNotes(notes)
	if err != nil {
		return nil, err
	}
	for _, w := range all {
		r.sum.Warnings = append(r.sum.Warnings, Note{Path: w.Path, Kind: w.Kind, Message: w.Msg})
	}
	for k, err := range errs {
		if err != nil {
			path := filepath.Join(r.opts.Dir, names[k/len(r.formats)]+r.formats[k%len(r.formats)].Ext())
			r.fail(path, err)
		}
	}
	return all, nil
}

// labelled are the problems the check of a region's assessments found
// (repeated respondents, copies), each with the assessment that left its
// file out.
type labelled struct {
	problems yamlx.Problems
	labels   map[yamlx.Problem]string
}

func labelProblems(as []*assess.Assessment, region []int, found yamlx.Problems) labelled {
	l := labelled{problems: found}
	if len(found) > 0 {
		l.labels = map[yamlx.Problem]string{}
	}
	for _, pr := range found {
		l.labels[pr] = label(holding(as, region, pr.Path))
	}
	return l
}

// failProblems records the regions' problems as failures, in the order a
// check of all assessments at once gives them.
func (r *run) failProblems(regions []labelled) {
	var all yamlx.Problems
	labels := map[yamlx.Problem]string{}
	for _, l := range regions {
		all = append(all, l.problems...)
		maps.Copy(labels, l.labels)
	}
	all.Err() // sorts
	for _, pr := range all {
		r.failIn(pr.Path, labels[pr], pr)
	}
}

// compare writes the comparison files, one set per framework (named with
// its id when there are several), from the kept results.
// Once interrupted it writes none (they are listed as unfinished), so
// every entry is of a scored assessment.
func (r *run) compare(fws []*framework.Framework, entries []assess.Entry, kept *pipeline.Kept) {
	parts := byFramework(fws)
	for _, part := range parts {
		suffix := ""
		if len(parts) > 1 {
			suffix = "_" + fws[part[0]].ID
		}
		var c *assess.Comparison
		if r.opts.Context.Err() == nil {
			es := entries // one framework: all, as they are
			if len(parts) > 1 {
				es = make([]assess.Entry, len(part))
				for k, i := range part {
					es[k] = entries[i]
				}
			}
			c = assess.CompareKept(fws[part[0]], es, kept, r.opts.Compare)
		}
		// The formats are written at once: the workbook keeps one core
		// busy for a while, and each reads the kept results on its own.
		var g errgroup.Group
		g.SetLimit(r.opts.Jobs)
		for _, format := range r.comparisonFormats() {
			f, _ := report.FormatNamed(format)
			path := filepath.Join(r.opts.Dir, "comparison"+suffix+f.Ext())
			if r.opts.Context.Err() != nil {
				r.unfinished(path)
				continue
			}
			g.Go(func() error {
				err := r.writeFile(path, format, func(w report.Writer, out io.Writer) error { return w.Comparison(out, c) })
				if err != nil {
					r.fail(path, err)
				}
				return nil
			})
		}
		g.Wait()
	}
}

// writeFile writes one file in a format, atomically and never over an
// input, and records it.
func (r *run) writeFile(path, format string, render func(report.Writer, io.Writer) error) error {
	w, err := report.New(format, report.Options{Lang: r.opts.Lang, Version: r.opts.Version, Date: r.opts.Date})
	if err != nil {
		return err
	}
	if err := r.protect.WriteFileUnsynced(path, func(out io.Writer) error { return render(w, out) }); err != nil {
		return err
	}
	r.wrote(path)
	return nil
}

// unfinished records a file not written because the run was interrupted.
func (r *run) unfinished(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sum.Unfinished = append(r.sum.Unfinished, filepath.Base(path))
	r.cut = true
}
