package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/r3l/r3l/report"
)

// interrupted is the cause of a run's context cancelled by a signal.
type interrupted struct{ sig os.Signal }

func (i *interrupted) Error() string { return "interrupted by " + signalName(i.sig) }

// exitCode is the shell's code for a process ended by a signal: 128 and
// its number (130 for SIGINT, 143 for SIGTERM).
func (i *interrupted) exitCode() int {
	if s, ok := i.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitInput
}

func signalName(sig os.Signal) string {
	switch sig {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sig.String()
}

// interruptible returns a context that SIGINT or SIGTERM cancels: the
// commands then start no more work, finish or remove what they are
// writing, and batch writes its summary. A second signal ends the process
// at once, removing the temporary files of the writes in progress.
func interruptible() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig, ok := <-signals
		if !ok {
			return
		}
		cancel(&interrupted{sig})
		if sig, ok = <-signals; ok {
			report.RemoveTemps()
			fmt.Fprintf(os.Stderr, "r3l: stopped at once by a second %s\n", signalName(sig))
			os.Exit((&interrupted{sig}).exitCode())
		}
	}()
	return ctx, func() {
		signal.Stop(signals)
		close(signals)
		cancel(nil)
	}
}

// interruption returns the signal that cancelled ctx, if one did.
func interruption(ctx context.Context) *interrupted {
	var in *interrupted
	if errors.As(context.Cause(ctx), &in) {
		return in
	}
	return nil
}
