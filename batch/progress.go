package batch

import (
	"io"

	"github.com/schollz/progressbar/v3"
)

// newProgress returns a progress bar of total steps on w, or an invisible
// one when w is nil.
func newProgress(w io.Writer, total int, what string) *progressbar.ProgressBar {
	if w == nil || total == 0 {
		return progressbar.NewOptions(total, progressbar.OptionSetVisibility(false), progressbar.OptionSetWriter(io.Discard))
	}
	return progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100e6))
}
