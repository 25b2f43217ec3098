package batch

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/r3l/r3l/pipeline"
)

// inputs expands each argument on its own, so a missing one is reported
// under its own name. It leaves out the files a previous run wrote into
// the output folder (as its summary.json lists them): a run into a folder
// among the inputs must not read its own reports the next time.
func (r *run) inputs() []string {
	previous := map[string]bool{}
	if data, err := os.ReadFile(filepath.Join(r.opts.Dir, SummaryFile)); err == nil {
		var old Summary
		if json.Unmarshal(data, &old) == nil {
			for _, name := range old.Outputs {
				if abs, err := filepath.Abs(filepath.Join(r.opts.Dir, name)); err == nil {
					previous[abs] = true
				}
			}
		}
	}
	seen := map[string]bool{}
	var files []string
	for _, arg := range r.opts.Inputs {
		found, err := pipeline.ExpandInputs([]string{arg})
		if err != nil {
			r.fail(arg, err)
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
