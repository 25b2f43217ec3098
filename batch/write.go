package batch

import (
	"io"
	"path/filepath"
	"slices"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/r3l/r3l/assess"
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

// failedWrite is a report that could not be written.
type failedWrite struct {
	path string
	err  error
}

// write writes every report and the comparison. With more than one job
// the comparison files are written while the reports are: the workbook
// keeps one core busy for a while. A file that cannot be written (an
// input bears its name, a folder stands where it goes, the disk is full)
// is listed in the summary; the others are still written.
func (r *run) write(results []*assess.Result) {
	var compared chan bool
	if r.opts.Jobs > 1 {
		compared = make(chan bool)
		go func() { r.compare(results); close(compared) }()
	}
	failed := r.reports(results)
	if compared != nil {
		<-compared
	} else {
		r.compare(results)
	}
	for _, f := range failed {
		r.fail(f.path, f.err)
	}
}

// reports writes each assessment's report in each format on the workers
// and returns those that failed, in order.
func (r *run) reports(results []*assess.Result) []failedWrite {
	names := reportNames(results)
	bar := newProgress(r.opts.Progress, len(results)*len(r.formats), "writing")
	errs := make([]error, len(results)*len(r.formats))
	// An assessment's answers, with their evidence and comments, are
	// forgotten once its last report is written: the comparison needs
	// only the scores, and a batch of thousands of files holds less.
	left := make([]atomic.Int32, len(results))
	for i := range left {
		left[i].Store(int32(len(r.formats)))
	}
	var g errgroup.Group
	g.SetLimit(r.opts.Jobs)
	for i, res := range results {
		for j, f := range r.formats {
			g.Go(func() error {
				defer bar.Add(1)
				defer func() {
					if left[i].Add(-1) == 0 {
						for _, q := range res.Questionnaires {
							q.DropAnswers()
						}
					}
				}()
				path := filepath.Join(r.opts.Dir, names[i]+f.Ext())
				if r.opts.Context.Err() != nil {
					r.unfinished(path)
					return nil
				}
				errs[i*len(r.formats)+j] = r.writeFile(path, f.Name, func(w report.Writer, out io.Writer) error {
					return w.Assessment(out, res)
				})
				return nil
			})
		}
	}
	g.Wait()
	bar.Finish()
	var failed []failedWrite
	for k, err := range errs {
		if err != nil {
			path := filepath.Join(r.opts.Dir, names[k/len(r.formats)]+r.formats[k%len(r.formats)].Ext())
			failed = append(failed, failedWrite{path, err})
		}
	}
	return failed
}

// compare writes the comparison files, one set per framework (named with
// its id when there are several).
func (r *run) compare(results []*assess.Result) {
	for _, part := range byFramework(results) {
		suffix := ""
		if len(part) < len(results) {
			suffix = "_" + part[0].Framework.ID
		}
		c := assess.Compare(part[0].Framework, part, r.opts.Compare)
		for _, format := range r.comparisonFormats() {
			f, _ := report.FormatNamed(format)
			path := filepath.Join(r.opts.Dir, "comparison"+suffix+f.Ext())
			if r.opts.Context.Err() != nil {
				r.unfinished(path)
				continue
			}
			err := r.writeFile(path, format, func(w report.Writer, out io.Writer) error { return w.Comparison(out, c) })
			if err != nil {
				r.fail(path, err)
			}
		}
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
}
