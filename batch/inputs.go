package batch

import (
	"path/filepath"

	"github.com/r3l/r3l/pipeline"
)

// inputs expands each argument on its own, so a missing one is reported
// under its own name. Reports of earlier runs found among them are told
// by their content when read (pipeline.Options.Skip), whichever run wrote
// them.
func (r *run) inputs() []string {
	seen := map[string]bool{}
	var files []string
	for _, arg := range r.opts.Inputs {
		found, err := pipeline.ExpandInputs([]string{arg})
		if err != nil {
			r.fail(arg, err)
		}
		for _, f := range found {
			abs, _ := filepath.Abs(f)
			if seen[abs] {
				continue
			}
			seen[abs] = true
			files = append(files, f)
		}
	}
	return files
}
