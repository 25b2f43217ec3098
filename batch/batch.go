// Package batch is what `r3l batch` does: read every questionnaire of the
// inputs, going on past bad files, and write a report per assessment, a
// comparison of all and summary.json into a folder.
package batch

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/pipeline"
	"github.com/r3l/r3l/report"
)

// Options say what a batch run reads and writes.
type Options struct {
	Inputs  []string // files, folders and glob patterns
	Dir     string   // the folder written into, created if missing
	Formats []string // the formats of the per-assessment reports
	Jobs    int      // files read, scored and written at once; 0: one per CPU
	// Report options: language, tool version and date of the reports.
	Lang, Version, Date string
	Pipeline            pipeline.Options // framework, strictness, scoring
	Compare             assess.CompareOptions
	// Progress receives a progress bar; nil shows none.
	Progress io.Writer
}

// Failure is an input that could not be used, or a report that was not
// written.
type Failure struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

// Summary is the content of summary.json.
type Summary struct {
	Inputs      int       `json:"inputs"`
	Assessments int       `json:"assessments"`
	Failed      []Failure `json:"failed"`
	Outputs     []string  `json:"outputs"` // file names in the folder
}

// SummaryFile is the name of the summary in the output folder.
const SummaryFile = "summary.json"

// Outcome is what a run did.
type Outcome struct {
	Summary
	Warnings []string // the assessments' warnings, in order
}

// Formats lists the formats batch writes reports in: every format but the
// terminal's, those without evidence and comments first (a run in those
// alone keeps only the scores in memory).
func Formats() []string {
	lean := report.FormatNames(func(f report.Format) bool { return !f.Terminal && !f.Notes })
	return append(lean, report.FormatNames(func(f report.Format) bool { return !f.Terminal && f.Notes })...)
}

// run is one batch run's state. Failures and outputs are recorded from
// the workers, under mu.
type run struct {
	opts    Options
	formats []report.Format
	protect []string // never written over: the inputs and the framework file
	mu      sync.Mutex
	sum     Summary
}

// Run does a batch run. Bad inputs and reports that would overwrite an
// input are failures in the summary; the error is for what stops the run,
// such as a folder that cannot be written.
func Run(opts Options) (*Outcome, error) {
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.NumCPU()
	}
	r := &run{opts: opts, sum: Summary{Failed: []Failure{}, Outputs: []string{}}}
	for _, name := range opts.Formats {
		f, ok := report.FormatNamed(name)
		if !ok || f.Terminal {
			return nil, fmt.Errorf("unknown format %q (one of: %s)", name, strings.Join(Formats(), ", "))
		}
		r.formats = append(r.formats, f)
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", opts.Dir, err)
	}
	files := r.inputs()
	r.sum.Inputs = len(files)
	defer tuneGC(len(files))()
	popts := opts.Pipeline
	popts.Workers, popts.DropNotes = opts.Jobs, !r.showsNotes()
	p, err := pipeline.New(popts)
	if err != nil {
		return nil, err
	}
	r.protect = p.Protected(files)
	results := r.score(p, files)
	if err := r.write(results); err != nil {
		return nil, err
	}
	if err := r.writeSummary(); err != nil {
		return nil, err
	}
	out := &Outcome{Summary: r.sum}
	for _, res := range results {
		out.Warnings = append(out.Warnings, res.Warnings...)
	}
	return out, nil
}

// showsNotes says whether a chosen format shows evidence and comments;
// without one they are dropped as each file is read, so that a run over
// thousands of files keeps only the scores in memory.
func (r *run) showsNotes() bool {
	return slices.ContainsFunc(r.formats, func(f report.Format) bool { return f.Notes })
}

// fail records a failure, one per line of its error.
func (r *run) fail(path string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, line := range strings.Split(err.Error(), "\n") {
		r.sum.Failed = append(r.sum.Failed, Failure{Path: path, Error: line})
	}
}

// wrote records an output, relative to the folder, so that summaries of
// the same inputs match wherever they were written.
func (r *run) wrote(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sum.Outputs = append(r.sum.Outputs, filepath.Base(path))
}

// score reads the files, groups them and scores the assessments, leaving
// out (and recording) bad files and repeated respondents.
func (r *run) score(p *pipeline.Pipeline, files []string) []*assess.Result {
	bar := newProgress(r.opts.Progress, len(files), "reading")
	loaded := p.Load(files, func() { bar.Add(1) })
	bar.Finish()
	var qs []*assess.Questionnaire
	for _, l := range loaded {
		if l.Err != nil {
			r.fail(l.Path, l.Err)
		} else {
			qs = append(qs, l.Questionnaires...)
		}
	}
	as, problems := assess.GroupAll(qs)
	for _, pr := range problems {
		r.fail(pr.Path, pr)
	}
	r.sum.Assessments = len(as)
	return p.Score(as)
}

// writeSummary writes summary.json, listing itself among the outputs.
func (r *run) writeSummary() error {
	path := filepath.Join(r.opts.Dir, SummaryFile)
	r.wrote(path)
	slices.Sort(r.sum.Outputs)
	slices.SortStableFunc(r.sum.Failed, func(a, b Failure) int { return cmp.Compare(a.Path, b.Path) })
	return report.WriteFile(path, r.protect, func(out io.Writer) error {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(r.sum)
	})
}
