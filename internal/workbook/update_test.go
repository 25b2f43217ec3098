package workbook

import "flag"

// The package has no golden files; the flag is accepted so that
// `go test ./... -update` runs across every package.
var _ = flag.Bool("update", false, "rewrite golden files (none here)")
