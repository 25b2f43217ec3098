package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise
// the module version is used.
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// streams are the command's standard streams and what is known about them
// and the environment, passed in so that tests run commands in-process,
// on a terminal or not.
type streams struct {
	in       io.Reader
	out, err io.Writer
	outTerm  bool   // out is a terminal
	errTerm  bool   // err is a terminal (progress bars)
	width    int    // out's width in columns, when a terminal
	color    bool   // ANSI styles are welcome on a terminal
	date     string // the report date: today, or SOURCE_DATE_EPOCH's
	// ctx is cancelled by Ctrl-C or SIGTERM (interruptible): commands
	// start no more work.
	ctx context.Context
}

// systemStreams describes the process's own streams and environment.
func systemStreams(stdin io.Reader, stdout, stderr io.Writer) *streams {
	s := &streams{in: stdin, out: stdout, err: stderr}
	s.outTerm, s.width = terminal(stdout)
	s.errTerm, _ = terminal(stderr)
	// The NO_COLOR convention, and terminals that show no styles.
	s.color = os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
	// SOURCE_DATE_EPOCH fixes the date, so that reports can be rebuilt
	// byte for byte.
	t := time.Now()
	if epoch, err := strconv.ParseInt(os.Getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil {
		t = time.Unix(epoch, 0).UTC()
	}
	s.date = t.Format("2006-01-02")
	return s
}

// terminal reports whether w is a terminal, and its width.
func terminal(w io.Writer) (bool, int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return false, 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width <= 0 {
		width = 80
	}
	return true, width
}

// usageError marks wrong usage: exit code 2.
type usageError struct{ error }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// errSilent fails a command (exit 1) whose problems are already printed.
var errSilent = errors.New("the problems are listed above")

// Exit codes (docs/reference.md §5.5).
const (
	exitOK    = 0
	exitInput = 1
	exitUsage = 2
)

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

// runContext runs a command line until done or ctx is cancelled by a
// signal (interruptible).
func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return executeContext(ctx, systemStreams(stdin, stdout, stderr), args)
}

// execute runs the command line args on s and returns the exit code.
func execute(s *streams, args []string) int {
	return executeContext(context.Background(), s, args)
}

func executeContext(ctx context.Context, s *streams, args []string) int {
	s.ctx = ctx
	root := newRootCmd(s)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if in := interruption(ctx); in != nil {
		// Whatever the command got done, the run was cut short.
		if err != nil && !errors.Is(err, errSilent) && !errors.Is(err, in) {
			fmt.Fprintln(s.err, strings.TrimRight(err.Error(), "\n"))
		}
		fmt.Fprintf(s.err, "r3l: %v\n", in)
		return in.exitCode()
	}
	if err == nil {
		return exitOK
	}
	if !errors.Is(err, errSilent) {
		fmt.Fprintln(s.err, strings.TrimRight(err.Error(), "\n"))
	}
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		// The help of the command that was run, where its flags are.
		fmt.Fprintf(s.err, "Run '%s --help' for usage.\n", cmd.CommandPath())
		return exitUsage
	}
	return exitInput
}

// isCobraUsage recognises the errors cobra itself returns for unknown
// commands; flag errors are wrapped by the flag error func.
func isCobraUsage(err error) bool {
	return strings.HasPrefix(err.Error(), "unknown command") || strings.HasPrefix(err.Error(), "unknown shorthand flag")
}

func newRootCmd(s *streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "r3l",
		Short: "Quality self-assessment of learning cities and learning regions",
		Long: `r3l scores the questionnaires that a learning region's stakeholders fill in
against a quality framework (by default R3L+: partnerships, participation,
progress and sustainability, learning culture) and reports scores, maturity
levels, strengths, weaknesses and where stakeholder groups disagree.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       toolVersion(),
		Args:          noArgs,
		RunE:          helpCmd,
	}
	root.SetIn(s.in)
	root.SetOut(s.out)
	root.SetErr(s.err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		newFrameworkCmd(s),
		newTemplateCmd(s),
		newAssessCmd(s),
		newPlanCmd(s),
		newCompareCmd(s),
		newBatchCmd(s),
		newImportCmd(s),
		newSchemaCmd(s),
		newVersionCmd(s),
	)
	return root
}

// noArgs rejects arguments as a usage error; for a command with
// subcommands an argument is an unknown command.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 && cmd.HasSubCommands() {
		return usagef("%s: unknown command %q", cmd.CommandPath(), args[0])
	}
	if len(args) > 0 {
		return usagef("%s: unexpected argument %q", cmd.CommandPath(), args[0])
	}
	return nil
}

// helpCmd is the run function of commands that only group subcommands. It
// makes them runnable, so that cobra checks their arguments (noArgs) instead
// of printing help and succeeding on an unknown command.
func helpCmd(cmd *cobra.Command, _ []string) error { return cmd.Help() }

// minArgs requires at least n arguments, naming what they are.
func minArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef("%s: missing %s", cmd.CommandPath(), what)
		}
		return nil
	}
}

// maxArgs allows at most n arguments.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usagef("%s: too many arguments (at most %d)", cmd.CommandPath(), n)
		}
		return nil
	}
}

func newVersionCmd(s *streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of r3l",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(s.out, "r3l %s\n", toolVersion())
			return err
		},
	}
}

// usageProblems turns the problems found with the flags, if any, into one
// usage error listing them all.
func usageProblems(problems []string) error {
	if len(problems) == 0 {
		return nil
	}
	return usagef("%s", strings.Join(problems, "\n"))
}
