// Command r3l scores quality self-assessments of learning cities and
// learning regions against a framework such as R3L+.
package main

import "os"

func main() {
	ctx, stop := interruptible()
	code := runContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
