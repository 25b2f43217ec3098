// Package batch is what `r3l batch` does: read every questionnaire of the
// inputs, going on past bad files, and write a report per assessment, a
// comparison of all and summary.json into a folder.
package batch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/instrument"
	"github.com/r3l/r3l/pipeline"
	"github.com/r3l/r3l/plan"
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
	// Plans are applied to the assessments they cover
	// (assess.ApplyPlans), as of Today; one that cannot be is a failure.
	Plans []*plan.Plan
	Today time.Time
	// Progress receives a progress bar; nil shows none.
	Progress io.Writer
	// Context, once cancelled (Ctrl-C, SIGTERM), starts no more work:
	// what is being written is finished, the rest is listed as
	// unfinished in summary.json, and Run returns the context's cause.
	// Nil: never cancelled.
	Context context.Context
}

// Failure is an input that could not be used, or a report that was not
// written.
type Failure struct {
	Path  string `json:"path"`
	Error string `json:"error"`
	// Assessment is "region/period" of the assessment the input belongs
	// to, where it could be told; that assessment's reports say they
	// lack the file.
	Assessment string `json:"assessment,omitempty"`
}

// Note is a warning about one input.
type Note struct {
	Path    string `json:"path"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// Summary is the content of summary.json.
type Summary struct {
	Inputs      int       `json:"inputs"` // questionnaire files and exports, not r3l's own outputs
	Assessments int       `json:"assessments"`
	Failed      []Failure `json:"failed"`
	// Skipped are inputs r3l wrote itself (reports found among them),
	// left out.
	Skipped []string `json:"skipped"`
	// Incomplete are survey responses left out as unfinished (LimeSurvey)
	// or rejected (ODK Central): "export.csv (response 4)".
	Incomplete []string `json:"incomplete"`
	Warnings   []Note   `json:"warnings"`
	Outputs    []string `json:"outputs"` // file names in the folder
	// Interrupted names the signal that stopped the run ("SIGINT"), if
	// one did; Unfinished then lists the inputs not read and the files
	// not written.
	Interrupted string   `json:"interrupted,omitempty"`
	Unfinished  []string `json:"unfinished"`
}

// SummaryFile is the name of the summary in the output folder.
const SummaryFile = "summary.json"

// Outcome is what a run did.
type Outcome struct {
	Summary
	Notes []assess.Warning // the assessments' warnings, in order
}

// Formats lists the formats batch writes reports in: every format but the
// terminal's, those without evidence and comments first (a run in those
// alone drops evidence and comments as each file is read).
func Formats() []string {
	lean := report.FormatNames(func(f report.Format) bool { return !f.Terminal && !f.Notes })
	return append(lean, report.FormatNames(func(f report.Format) bool { return !f.Terminal && f.Notes })...)
}

// run is one batch run's state. Failures and outputs are recorded from
// the workers, under mu.
type run struct {
	opts    Options
	formats []report.Format
	protect *report.Inputs // never written over: the inputs and the framework file
	mu      sync.Mutex
	sum     Summary
	// cut says the run left something undone when it was interrupted: a
	// signal that comes after the last output was written leaves the
	// run whole.
	cut bool
}

// Run does a batch run. Bad inputs and reports that would overwrite an
// input are failures in the summary; the error is for what stops the run,
// such as a folder that cannot be written.
func Run(opts Options) (*Outcome, error) {
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.NumCPU()
	}
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	r := &run{opts: opts, sum: Summary{Failed: []Failure{}, Skipped: []string{}, Incomplete: []string{}, Warnings: []Note{}, Outputs: []string{},
		Unfinished: []string{}}}
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
	defer pipeline.TuneGC()()
	popts := opts.Pipeline
	popts.Workers, popts.DropNotes = opts.Jobs, !r.showsNotes()
	// Reports of earlier runs into a folder among the inputs, whichever
	// run wrote them, are told by their content and left out.
	popts.Skip = report.Output
	popts.Context = opts.Context
	p, err := pipeline.New(popts)
	if err != nil {
		return nil, err
	}
	pk, err := r.group(p, files)
	if err != nil {
		return nil, err
	}
	if pk != nil {
		defer pk.Close()
	}
	// r3l's own outputs among the inputs, left out, may be replaced.
	skipped := map[string]bool{}
	for _, f := range r.sum.Skipped {
		skipped[f] = true
	}
	r.protect = report.NewInputs(p.Protected(slices.DeleteFunc(slices.Clone(files), func(f string) bool { return skipped[f] })))
	notes, err := r.process(p, pk) // once interrupted, lists what it does not write
	if err != nil {
		return nil, err
	}
	stopped := context.Cause(opts.Context)
	if stopped != nil && r.cut {
		r.sum.Interrupted = interruptedBy(stopped)
	}
	if err := r.writeSummary(); err != nil {
		return nil, err
	}
	return &Outcome{Summary: r.sum, Notes: notes}, stopped
}

// showsNotes says whether a chosen format shows evidence and comments;
// without one they are dropped as each file is read, so that a run over
// thousands of files holds only the answers until they are scored.
func (r *run) showsNotes() bool {
	return slices.ContainsFunc(r.formats, func(f report.Format) bool { return f.Notes })
}

// fail records a failure, one per line of its error.
func (r *run) fail(path string, err error) { r.failIn(path, "", err) }

// failIn records a failure of an input of an assessment ("region/period").
func (r *run) failIn(path, assessment string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, line := range strings.Split(err.Error(), "\n") {
		r.sum.Failed = append(r.sum.Failed, Failure{Path: path, Error: line, Assessment: assessment})
	}
}

// wrote records an output, relative to the folder, so that summaries of
// the same inputs match wherever they were written.
func (r *run) wrote(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sum.Outputs = append(r.sum.Outputs, filepath.Base(path))
}

// group reads the files and sorts their questionnaires by assessment,
// keeping them in a temporary file (pipeline.Parked) until each
// assessment is scored; bad files are left out and recorded. An
// assessment whose files were left out knows which (Assessment.Missing),
// and so do the failures. Interrupted, it returns nil.
func (r *run) group(p *pipeline.Pipeline, files []string) (*pipeline.Parked, error) {
	bar := newProgress(r.opts.Progress, len(files), "reading")
	loaded, pk, err := p.Park(files, func() { bar.Add(1) })
	bar.Finish()
	if err != nil {
		return nil, err
	}
	r.sum.Skipped = append(r.sum.Skipped, pipeline.Skipped(loaded)...)
	r.sum.Inputs -= len(r.sum.Skipped) // r3l's own outputs are no inputs
	r.sum.Incomplete = append(r.sum.Incomplete, pipeline.Incomplete(loaded)...)
	r.sum.Unfinished = append(r.sum.Unfinished, pipeline.Unread(loaded)...)
	if r.opts.Context.Err() != nil {
		r.cut = true
		pk.Close()
		return nil, nil // interrupted: nothing is scored or written
	}
	as := pk.Assessments()
	for _, l := range loaded {
		if l.Err == nil {
			continue
		}
		var fe *instrument.FileError
		a := (*assess.Assessment)(nil)
		if errors.As(l.Err, &fe) {
			a = findAssessment(as, fe)
		}
		if a != nil {
			a.Missing = append(a.Missing, l.Path)
		}
		r.failIn(l.Path, label(a), l.Err)
	}
	r.sum.Assessments = len(as)
	return pk, nil
}

// findAssessment is the assessment a file that could not be read names.
func findAssessment(as []*assess.Assessment, fe *instrument.FileError) *assess.Assessment {
	for _, a := range as {
		if a.Region.ID == fe.Region && a.Period == fe.Period && (fe.FrameworkID == "" || fe.FrameworkID == a.Framework.ID) {
			return a
		}
	}
	return nil
}

// holding is the assessment as[i], i in region, that left out a file, or
// nil.
func holding(as []*assess.Assessment, region []int, path string) *assess.Assessment {
	for _, i := range region {
		a := as[i]
		if slices.Contains(a.Missing, path) {
			return a
		}
	}
	return nil
}

// label names an assessment in summary.json: "region/period".
func label(a *assess.Assessment) string {
	if a == nil {
		return ""
	}
	return a.Region.ID + "/" + a.Period
}

// writeSummary writes summary.json, listing itself among the outputs,
// once the reports are on disk: a summary says the run is done.
func (r *run) writeSummary() error {
	if err := report.SyncFolder(r.opts.Dir); err != nil {
		return err
	}
	path := filepath.Join(r.opts.Dir, SummaryFile)
	r.wrote(path)
	slices.Sort(r.sum.Outputs)
	slices.SortStableFunc(r.sum.Failed, func(a, b Failure) int { return cmp.Compare(a.Path, b.Path) })
	slices.Sort(r.sum.Unfinished)
	return r.protect.WriteFile(path, func(out io.Writer) error { return report.WriteIndentedJSON(out, r.sum) })
}

// interruptedBy names what stopped a run: the signal, where the cause
// names one ("interrupted by SIGINT"), else the cause.
func interruptedBy(cause error) string {
	msg := cause.Error()
	if _, sig, ok := strings.Cut(msg, "interrupted by "); ok {
		return sig
	}
	return msg
}
