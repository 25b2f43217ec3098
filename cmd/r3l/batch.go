package main

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

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/report"
)

type batchOptions struct {
	reportFlags
	inputs  []string
	dir     string
	formats []string
	jobs    int
	quiet   bool
	peerFlags
}

// batchFormats are the per-assessment formats batch can write.
var batchFormats = []string{"json", "csv", "markdown", "xlsx", "html"}

func newBatchCmd(s *streams) *cobra.Command {
	opts := &batchOptions{}
	cmd := &cobra.Command{
		Use:   "batch INPUT... -o DIR",
		Short: "Write a report per assessment and a comparison of all into a folder",
		Long: `Read every questionnaire in the inputs (files, folders searched recursively,
glob patterns), group them into assessments and write into DIR:
  <region>_<period>.<ext>   one report per assessment in each of --formats
  comparison.xlsx           all assessments side by side
  comparison.csv            the tidy table of every score, down to indicators
  summary.json              inputs, assessments, failures and outputs
A bad input file is listed in summary.json and on stderr, and the rest are
still written; the exit code is then 1.`,
		Example: `  r3l batch testdata/regions -o out
  r3l batch surveys/ -o reports --formats json,xlsx,markdown -j 4`,
		Args: minArgs(1, "questionnaire files or folders (INPUT...)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.inputs = args
			if err := opts.validate(cmd); err != nil {
				return err
			}
			return runBatch(s, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.framework, "framework", "F", "", "framework: a bundled id or a YAML file (default: the one the questionnaires name)")
	fl.StringVarP(&opts.dir, "output", "o", "", "folder to write into (created if missing)")
	fl.StringSliceVar(&opts.formats, "formats", []string{"json"}, "formats of the per-assessment reports: "+strings.Join(batchFormats, ", "))
	fl.IntVarP(&opts.jobs, "jobs", "j", runtime.NumCPU(), "files read and reports written at once")
	fl.BoolVarP(&opts.quiet, "quiet", "q", false, "no progress bar and no warnings")
	fl.StringVar(&opts.lang, "lang", "en", "language of texts and labels: "+strings.Join(supportedLanguages(), ", "))
	fl.StringVar(&opts.aggregate, "aggregate", assess.Mean, "how respondents' scores combine: mean or median")
	fl.Float64Var(&opts.minCoverage, "min-coverage", 0, "share of applicable indicators that must be scored (default: the framework's)")
	fl.Float64Var(&opts.disagreement, "disagreement", assess.DefaultDisagreement, "standard deviation from which respondents disagree")
	fl.BoolVar(&opts.strict, "strict", false, "treat unanswered indicators as errors")
	opts.peerFlags.addFlags(cmd)
	_ = cmd.RegisterFlagCompletionFunc("formats", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return batchFormats, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func (o *batchOptions) validate(cmd *cobra.Command) error {
	var problems []string
	if o.dir == "" {
		problems = append(problems, "batch needs -o DIR, the folder to write into")
	}
	for _, f := range o.formats {
		if !slices.Contains(batchFormats, f) {
			problems = append(problems, fmt.Sprintf("--formats: unknown format %q (one of: %s)", f, strings.Join(batchFormats, ", ")))
		}
	}
	if o.jobs < 1 {
		problems = append(problems, fmt.Sprintf("-j must be at least 1, not %d", o.jobs))
	}
	// The shared flags are checked with a format that needs no terminal.
	o.format = "json"
	o.reportFlags.formats = report.Formats
	if err := o.reportFlags.validate(cmd); err != nil {
		problems = append(problems, err.Error())
	}
	problems = append(problems, o.peerFlags.problems()...)
	if len(problems) > 0 {
		return usagef("%s", strings.Join(problems, "\n"))
	}
	return nil
}

// batchFailure is one input that could not be used.
type batchFailure struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

type batchSummary struct {
	Inputs      int            `json:"inputs"`
	Assessments int            `json:"assessments"`
	Failed      []batchFailure `json:"failed"`
	Outputs     []string       `json:"outputs"`
}

// needsNotes says whether any format shows evidence and comments, which
// are otherwise dropped as files are read to save memory.
func needsNotes(formats []string) bool {
	for _, f := range formats {
		if f == "markdown" || f == "xlsx" || f == "html" {
			return true
		}
	}
	return false
}

func runBatch(s *streams, opts *batchOptions) error {
	if err := os.MkdirAll(opts.dir, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", opts.dir, err)
	}
	sum := batchSummary{Failed: []batchFailure{}, Outputs: []string{}}
	fail := func(path string, err error) {
		for _, line := range strings.Split(err.Error(), "\n") {
			sum.Failed = append(sum.Failed, batchFailure{Path: path, Error: line})
		}
	}
	files := batchInputs(opts.inputs, opts.dir, fail)
	sum.Inputs = len(files)
	defer tuneBatchGC(len(files))()
	loadOpts, fixed, err := opts.loadOptions()
	if err != nil {
		return err
	}
	loadOpts.DropNotes = !needsNotes(opts.formats)

	bar := newProgress(s, opts.quiet, len(files), "reading")
	loaded := assess.LoadFilesProgress(files, loadOpts, opts.jobs, func() { bar.Add(1) })
	bar.Finish()
	var qs []*assess.Questionnaire
	for _, l := range loaded {
		if l.Err != nil {
			fail(l.Path, l.Err)
		} else {
			qs = append(qs, l.Questionnaire)
		}
	}
	as, problems := assess.GroupAll(qs)
	for _, p := range problems {
		fail(p.Path, p)
	}
	sum.Assessments = len(as)

	// Score on all workers; results keep the assessments' order.
	results := make([]*assess.Result, len(as))
	var g errgroup.Group
	g.SetLimit(opts.jobs)
	for i, a := range as {
		g.Go(func() error {
			fw := a.Framework
			if fixed != nil {
				fw = fixed
			}
			results[i] = assess.Score(fw, a, opts.scoring())
			if loadOpts.DropNotes {
				// No report shows answers: keep the scores only.
				for _, q := range a.Questionnaires {
					q.Answers, q.Priorities = nil, nil
				}
			}
			return nil
		})
	}
	g.Wait()

	protect := append(slices.Clone(files), opts.framework)
	names := reportNames(results)
	var mu sync.Mutex
	// Outputs are listed relative to DIR, so summaries of the same inputs
	// match wherever they were written.
	wrote := func(path string) {
		mu.Lock()
		sum.Outputs = append(sum.Outputs, filepath.Base(path))
		mu.Unlock()
	}
	compare := func() error {
		for _, part := range byFramework(results) {
			suffix := ""
			if len(part) < len(results) {
				suffix = "_" + part[0].Framework.ID
			}
			c := assess.Compare(part[0].Framework, part, opts.compareOptions())
			formats := []string{"xlsx", "csv"}
			if slices.Contains(opts.formats, "html") {
				formats = append(formats, "html")
			}
			for _, format := range formats {
				w, err := report.New(format, report.Options{Lang: opts.lang, Version: toolVersion(), Date: reportDate()})
				if err != nil {
					return err
				}
				path := filepath.Join(opts.dir, "comparison"+suffix+"."+format)
				if err := report.WriteFile(path, protect, func(out io.Writer) error { return w.Comparison(out, c) }); err != nil {
					if !isInput(path, protect) {
						return err
					}
					fail(path, err)
					continue
				}
				wrote(path)
			}
		}
		return nil
	}
	// With more than one job, the comparison files are written while the
	// reports are: the workbook keeps one core busy for a while.
	var compared chan error
	if opts.jobs > 1 {
		compared = make(chan error, 1)
		go func() { compared <- compare() }()
	}
	bar = newProgress(s, opts.quiet, len(results)*len(opts.formats), "writing")
	writeErrs := make([]error, len(results)*len(opts.formats))
	for i, r := range results {
		for j, format := range opts.formats {
			g.Go(func() error {
				defer bar.Add(1)
				w, err := report.New(format, report.Options{Lang: opts.lang, Version: toolVersion(), Date: reportDate()})
				if err != nil {
					writeErrs[i*len(opts.formats)+j] = err
					return nil
				}
				path := filepath.Join(opts.dir, names[i]+"."+extension(format))
				if err := report.WriteFile(path, protect, func(out io.Writer) error { return w.Assessment(out, r) }); err != nil {
					writeErrs[i*len(opts.formats)+j] = err
					return nil
				}
				wrote(path)
				return nil
			})
		}
	}
	g.Wait()
	bar.Finish()
	var compareErr error
	if compared != nil {
		compareErr = <-compared
	}
	for k, err := range writeErrs {
		if err == nil {
			continue
		}
		path := filepath.Join(opts.dir, names[k/len(opts.formats)]+"."+extension(opts.formats[k%len(opts.formats)]))
		if !isInput(path, protect) {
			return err // the folder is not writable: nothing else will be
		}
		fail(path, err) // an input bears the report's name: it stays, the report is not written
	}

	if compared == nil {
		compareErr = compare()
	}
	if compareErr != nil {
		return compareErr
	}
	summaryPath := filepath.Join(opts.dir, "summary.json")
	wrote(summaryPath)
	slices.Sort(sum.Outputs)
	slices.SortStableFunc(sum.Failed, func(a, b batchFailure) int { return cmp.Compare(a.Path, b.Path) })
	if err := report.WriteFile(summaryPath, protect, func(out io.Writer) error {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}); err != nil {
		return err
	}
	if !opts.quiet {
		for _, r := range results {
			printWarnings(s, r.Warnings)
		}
	}
	fmt.Fprintf(s.err, "%d %s, %d %s, %d files written to %s", sum.Inputs, plural(sum.Inputs, "input", "inputs"),
		sum.Assessments, plural(sum.Assessments, "assessment", "assessments"), len(sum.Outputs), opts.dir)
	if len(sum.Failed) > 0 {
		fmt.Fprintf(s.err, ", %d problems:\n", len(sum.Failed))
		for _, f := range sum.Failed {
			fmt.Fprintln(s.err, f.Error)
		}
		return errSilent
	}
	fmt.Fprintln(s.err)
	return nil
}

// isInput reports whether path is one of the inputs, which batch never
// writes over.
func isInput(path string, inputs []string) bool {
	out, err := os.Stat(path)
	if err != nil {
		return false
	}
	for _, in := range inputs {
		if st, err := os.Stat(in); err == nil && os.SameFile(st, out) {
			return true
		}
	}
	return false
}

// batchInputs expands each argument on its own, so a missing one is
// reported under its own name. It leaves out the files a previous run wrote
// into the output folder (as its summary.json lists them): a run into a
// folder among the inputs must not read its own reports the next time.
func batchInputs(args []string, dir string, fail func(string, error)) []string {
	previous := map[string]bool{}
	if data, err := os.ReadFile(filepath.Join(dir, "summary.json")); err == nil {
		var old batchSummary
		if json.Unmarshal(data, &old) == nil {
			for _, name := range old.Outputs {
				if abs, err := filepath.Abs(filepath.Join(dir, name)); err == nil {
					previous[abs] = true
				}
			}
		}
	}
	seen := map[string]bool{}
	var files []string
	for _, arg := range args {
		found, err := assess.ExpandInputs([]string{arg})
		if err != nil {
			fail(arg, err)
		}
		for _, f := range found {
			abs, _ := filepath.Abs(f)
			if seen[abs] || previous[abs] {
				continue
			}
			seen[abs] = true
			files = append(files, f)
		}
	}
	return files
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// errSilent fails the command (exit 1) with nothing more to print.
var errSilent = silentError{}

type silentError struct{}

func (silentError) Error() string { return "" }

// extension is a format's file extension.
func extension(format string) string {
	if format == "markdown" {
		return "md"
	}
	return format
}

// reportNames gives each assessment a file name "<region>_<period>", with
// the framework id added where two frameworks would share a name.
func reportNames(results []*assess.Result) []string {
	names := make([]string, len(results))
	count := map[string]int{}
	for i, r := range results {
		names[i] = safeName(r.Region.ID) + "_" + safeName(r.Period)
		count[names[i]]++
	}
	for i, r := range results {
		if count[names[i]] > 1 {
			names[i] += "_" + r.Framework.ID
		}
	}
	// Ids that differ only in characters safeName replaces ("a_b", "a-b"),
	// or in case on a case-insensitive disk, would still share a file:
	// later ones get a number.
	used := map[string]bool{}
	for i := range names {
		name := names[i]
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = fmt.Sprintf("%s-%d", names[i], n)
		}
		used[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

// safeName keeps a period or id usable as part of a file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.':
			return r
		}
		return '-'
	}, s)
}

// byFramework splits results by framework, in order of first appearance.
func byFramework(results []*assess.Result) [][]*assess.Result {
	var parts [][]*assess.Result
	idx := map[*framework.Framework]int{}
	for _, r := range results {
		i, ok := idx[r.Framework]
		if !ok {
			i = len(parts)
			idx[r.Framework] = i
			parts = append(parts, nil)
		}
		parts[i] = append(parts[i], r)
	}
	return parts
}

// newProgress shows a progress bar on stderr when it is a terminal.
func newProgress(s *streams, quiet bool, total int, what string) *progressbar.ProgressBar {
	tty, _ := isTerminal(s.err)
	if quiet || !tty || total == 0 {
		return progressbar.NewOptions(total, progressbar.OptionSetVisibility(false), progressbar.OptionSetWriter(io.Discard))
	}
	return progressbar.NewOptions(total, progressbar.OptionSetWriter(s.err), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100e6))
}
