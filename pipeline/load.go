// Package pipeline is what every scoring command does: find the input
// files, read them on all cores with the reader that claims each, group
// the questionnaires into assessments and score them.
package pipeline

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/instrument"
)

// Options say how a run reads and scores.
type Options struct {
	// Framework is a bundled framework's id or a framework file (-F);
	// empty, each questionnaire is scored against the bundled framework
	// it names.
	Framework string
	Strict    bool // unanswered indicators are errors
	// DropNotes forgets evidence and comments as files are read, and the
	// answers once scored: for runs whose reports show neither.
	DropNotes bool
	Scoring   assess.Options
	Workers   int // files read and assessments scored at once; 0: one per CPU
	// Skip tells files among the inputs that are no questionnaires by
	// their content, such as r3l's own reports (report.Output): they are
	// left out and listed, not read.
	Skip func(data []byte) bool
	// Survey says what survey exports leave out (--region, --period,
	// --role, --map).
	Survey instrument.SurveyOptions
	// Context, once cancelled (Ctrl-C), starts no more reads: the files
	// not yet read are Loaded.Unread. Nil: never cancelled.
	Context context.Context
}

// Pipeline reads and scores with one set of options.
type Pipeline struct {
	opts Options
	// Fixed is the framework of -F, or nil.
	Fixed *framework.Framework
	// Skipped are the files Run left out because r3l wrote them.
	Skipped []string
	// Incomplete are the survey responses Run left out as unfinished or
	// rejected, by name (assess.Questionnaire.Name).
	Incomplete []string
	load       instrument.LoadOptions
}

// New resolves the framework of the options, if they name one.
func New(opts Options) (*Pipeline, error) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	p := &Pipeline{opts: opts, load: instrument.LoadOptions{Strict: opts.Strict, DropNotes: opts.DropNotes, Pick: instrument.BundledFramework,
		Skip: opts.Skip, Survey: opts.Survey}}
	if opts.Framework != "" {
		fw, err := framework.Resolve(opts.Framework)
		if err != nil {
			return nil, err
		}
		p.Fixed, p.load.Pick = fw, instrument.FixedFramework(fw)
		p.load.Indicators = len(fw.Indicators)
	}
	return p, nil
}

// Protected lists the files a run's reports must never be written over:
// the questionnaire files and the framework file of -F, with the files it
// extends.
func (p *Pipeline) Protected(files []string) []string {
	out := slices.Clone(files)
	if p.Fixed != nil {
		out = append(out, p.opts.Framework)
		out = append(out, baseFiles(p.Fixed)...)
	}
	if m := p.opts.Survey.Map; m != nil {
		out = append(out, m.Path)
	}
	return out
}

// ownFiles are the files the options name, by absolute path.
func (p *Pipeline) ownFiles() map[string]bool {
	own := map[string]bool{}
	if p.Fixed != nil {
		own[absPath(p.opts.Framework)] = true
		for _, f := range baseFiles(p.Fixed) {
			own[absPath(f)] = true
		}
	}
	if m := p.opts.Survey.Map; m != nil {
		own[absPath(m.Path)] = true
	}
	return own
}

// baseFiles are the files of the frameworks fw extends, directly or
// further down (docs/reference.md §1.2): found among the inputs, they are
// no questionnaires either.
func baseFiles(fw *framework.Framework) []string {
	var out []string
	for b := fw.Base; b != nil; b = b.Base {
		if !b.Bundled() {
			out = append(out, b.Path)
		}
	}
	return out
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// Loaded is the outcome of reading one input file.
type Loaded struct {
	Path           string
	Questionnaires []*assess.Questionnaire
	Err            error
	Skipped        bool // a file r3l wrote itself, not read
	Unread         bool // not read: the run was interrupted first
	// Incomplete names the responses of a survey export left out as
	// unfinished or rejected; they are not among Questionnaires.
	Incomplete []string
}

// Load reads the files on the pipeline's workers, calling done (if not
// nil) after each. Results keep the order of paths; each carries its own
// error.
func (p *Pipeline) Load(paths []string, done func()) []Loaded { return p.read(paths, done, nil) }

// read is Load, keeping the questionnaires in pk where it is not nil.
func (p *Pipeline) read(paths []string, done func(), pk *Parked) []Loaded {
	out := make([]Loaded, len(paths))
	own := p.ownFiles()
	var g errgroup.Group
	g.SetLimit(p.opts.Workers)
	for i, path := range paths {
		if own[absPath(path)] {
			// The framework file (-F) or mapping file (--map), found in
			// a folder of inputs: not a questionnaire.
			out[i] = Loaded{Path: path}
			continue
		}
		g.Go(func() error {
			if p.opts.Context.Err() != nil {
				out[i] = Loaded{Path: path, Unread: true}
				return nil
			}
			qs, err := instrument.ReadFile(path, p.load)
			out[i] = Loaded{Path: path, Err: err}
			for _, q := range qs {
				if q.Incomplete {
					out[i].Incomplete = append(out[i].Incomplete, q.Name())
				} else {
					out[i].Questionnaires = append(out[i].Questionnaires, q)
				}
			}
			if errors.Is(err, instrument.ErrSkipped) {
				out[i].Err, out[i].Skipped = nil, true
			}
			if pk != nil {
				if out[i].Err == nil { // a bad file's questionnaires are not used
					pk.park(i, out[i].Questionnaires)
				}
				out[i].Questionnaires = nil
			}
			if done != nil {
				done()
			}
			return nil
		})
	}
	g.Wait()
	return out
}

// Split returns the questionnaires read and every error, joined.
func Split(ls []Loaded) ([]*assess.Questionnaire, error) {
	var qs []*assess.Questionnaire
	var errs []error
	for _, l := range ls {
		if l.Err != nil {
			errs = append(errs, l.Err)
			continue
		}
		qs = append(qs, l.Questionnaires...)
	}
	return qs, errors.Join(errs...)
}

// Skipped lists the files left out as r3l's own.
func Skipped(ls []Loaded) []string {
	var out []string
	for _, l := range ls {
		if l.Skipped {
			out = append(out, l.Path)
		}
	}
	return out
}

// Unread lists the files not read because the run was interrupted.
func Unread(ls []Loaded) []string {
	var out []string
	for _, l := range ls {
		if l.Unread {
			out = append(out, l.Path)
		}
	}
	return out
}

// Incomplete lists the survey responses left out as unfinished or
// rejected.
func Incomplete(ls []Loaded) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Incomplete...)
	}
	return out
}

// Score scores the assessments on the pipeline's workers; results keep the
// assessments' order.
func (p *Pipeline) Score(as []*assess.Assessment) []*assess.Result {
	results := make([]*assess.Result, len(as))
	var g errgroup.Group
	g.SetLimit(p.opts.Workers)
	for i, a := range as {
		g.Go(func() error {
			results[i] = assess.Score(p.frameworkOf(a), a, p.opts.Scoring)
			if p.opts.DropNotes {
				// No report shows answers: keep the scores only.
				for _, q := range a.Questionnaires {
					q.DropAnswers()
				}
			}
			return nil
		})
	}
	g.Wait()
	return results
}

// Run reads, groups and scores the files; any bad file or repeated
// respondent fails the whole run (batch is the command that skips them).
// Files r3l wrote itself are left out, and listed in p.Skipped.
func (p *Pipeline) Run(files []string) ([]*assess.Result, error) {
	as, err := p.Assessments(files)
	if err != nil {
		return nil, err
	}
	return p.Score(as), nil
}

// Frameworks is the framework each assessment is scored with: -F's, or
// the one its questionnaires name.
func (p *Pipeline) Frameworks(as []*assess.Assessment) []*framework.Framework {
	fws := make([]*framework.Framework, len(as))
	for i, a := range as {
		fws[i] = p.frameworkOf(a)
	}
	return fws
}

// frameworkOf is the framework a is scored with.
func (p *Pipeline) frameworkOf(a *assess.Assessment) *framework.Framework {
	if p.Fixed != nil {
		return p.Fixed
	}
	return a.Framework
}

// Regions lists the assessments of each region and framework id (fws[i]
// is assessment i's), in the order the regions first appear: the unit a
// run scores, chains (assess.ChainBaselines) and writes at a time.
func Regions(as []*assess.Assessment, fws []*framework.Framework) [][]int {
	return Partition(len(as), func(i int) [2]string { return [2]string{fws[i].ID, as[i].Region.ID} })
}

// Partition lists the indexes 0 … n-1 by their key, the keys in the
// order they first appear.
func Partition[K comparable](n int, key func(i int) K) [][]int {
	idx := map[K]int{}
	var out [][]int
	for i := range n {
		k := key(i)
		p, ok := idx[k]
		if !ok {
			p = len(out)
			idx[k] = p
			out = append(out, nil)
		}
		out[p] = append(out[p], i)
	}
	return out
}

// ScoreRegion scores the assessments as[i] of one region (i in region),
// shows each through show (nil: as scored) and gives each the change
// since the region's previous period among them (assess.ChainBaselines).
// The assessments are forgotten (as[i] = nil): the results hold what of
// them is needed.
func (p *Pipeline) ScoreRegion(as []*assess.Assessment, region []int, show func(*assess.Result) *assess.Result) []*assess.Result {
	results := make([]*assess.Result, len(region))
	for k, i := range region {
		results[k] = assess.Score(p.frameworkOf(as[i]), as[i], p.opts.Scoring)
		if show != nil {
			results[k] = show(results[k])
		}
		as[i] = nil
	}
	assess.ChainBaselines(results)
	return results
}

// Assessments reads and groups the files; any bad file or repeated
// respondent is an error. Files r3l wrote itself are left out, and listed
// in p.Skipped.
func (p *Pipeline) Assessments(files []string) ([]*assess.Assessment, error) {
	loaded := p.Load(files, nil)
	if err := p.noteLoaded(loaded); err != nil {
		return nil, err
	}
	qs, err := Split(loaded)
	if err != nil {
		return nil, err
	}
	return assess.Group(qs)
}

// noteLoaded notes the files left out in p, and returns the interruption
// that stopped the reading, if one did.
func (p *Pipeline) noteLoaded(loaded []Loaded) error {
	if err := context.Cause(p.opts.Context); err != nil {
		return err
	}
	p.Skipped, p.Incomplete = Skipped(loaded), Incomplete(loaded)
	return nil
}
