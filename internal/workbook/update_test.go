package workbook

import "flag"

// update is accepted, as in every package, so that `go test ./... -update`
// runs; this package has no golden files.
var _ = flag.Bool("update", false, "rewrite golden files (none here)")
