package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/r3l/r3l/instrument"
)

// ExpandInputs turns arguments into questionnaire files: a file is taken as
// it is, a folder is searched recursively for the files a reader takes, and
// anything else is tried as a glob pattern whose matches are taken the same
// way (files as they are, folders searched). Each file appears once, in the
// order first named (folders in name order).
func ExpandInputs(args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		key := p
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	var problems []string
	// walk adds the questionnaires in a folder and its subfolders.
	walk := func(dir string) {
		n := len(out)
		unreadable := 0
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir {
					return err
				}
				// An unreadable subfolder is a problem of its own: the
				// rest of the folder is still read.
				problems = append(problems, fmt.Sprintf("%s: cannot read this folder (%v)", p, errors.Unwrap(err)))
				unreadable++
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != dir && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if instrument.IsInput(d.Name()) {
				add(p)
			}
			return nil
		})
		if err != nil {
			problems = append(problems, err.Error())
		} else if len(out) == n && unreadable == 0 {
			problems = append(problems, fmt.Sprintf("%s: no questionnaires (%s) in this folder", dir, instrument.InputPatterns()))
		}
	}
	for _, arg := range args {
		st, err := os.Stat(arg)
		switch {
		case err == nil && st.IsDir():
			walk(arg)
		case err == nil:
			add(arg)
		default:
			matches, gerr := filepath.Glob(arg)
			if gerr != nil || len(matches) == 0 {
				problems = append(problems, fmt.Sprintf("%s: no such file or folder", arg))
				continue
			}
			// A pattern's matches are taken as if named one by one: files
			// as they are, folders searched (as the shell would pass them).
			for _, m := range matches {
				if st, err := os.Stat(m); err == nil && st.IsDir() {
					walk(m)
				} else if err == nil {
					add(m)
				}
			}
		}
	}
	if len(problems) > 0 {
		return out, fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return out, nil
}
