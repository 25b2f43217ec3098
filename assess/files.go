package assess

import (
	"bytes"
	"errors"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/r3l/r3l/internal/yamlx"
)

// LoadFile reads one questionnaire file: an Excel workbook when its name
// ends in .xlsx (or its content is a zip archive), else YAML.
func LoadFile(path string, opts LoadOptions) (*Questionnaire, error) {
	limit := int64(MaxQuestionnaireSize)
	if IsWorkbook(path) {
		limit = MaxWorkbookSize
	}
	data, err := yamlx.ReadFile(path, limit)
	if err != nil {
		return nil, err
	}
	var q *Questionnaire
	if IsWorkbook(path) || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		q, err = LoadWorkbook(path, data, opts)
	} else {
		q, err = LoadQuestionnaire(path, data, opts)
	}
	if err == nil && opts.DropNotes {
		for i := range q.Answers {
			q.Answers[i].Evidence, q.Answers[i].Comment = "", ""
		}
	}
	return q, err
}

// Loaded is the outcome of reading one input file.
type Loaded struct {
	Path          string
	Questionnaire *Questionnaire
	Err           error
}

// LoadFiles reads questionnaires on up to workers goroutines (0: one per
// CPU). Results keep the order of paths; each carries its own error.
func LoadFiles(paths []string, opts LoadOptions, workers int) []Loaded {
	return LoadFilesProgress(paths, opts, workers, nil)
}

// LoadFilesProgress is LoadFiles calling done (if not nil) after each file.
func LoadFilesProgress(paths []string, opts LoadOptions, workers int, done func()) []Loaded {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	out := make([]Loaded, len(paths))
	var g errgroup.Group
	g.SetLimit(workers)
	for i, path := range paths {
		g.Go(func() error {
			q, err := LoadFile(path, opts)
			out[i] = Loaded{Path: path, Questionnaire: q, Err: err}
			if done != nil {
				done()
			}
			return nil
		})
	}
	g.Wait()
	return out
}

// Split returns the questionnaires read and every error, joined.
func Split(ls []Loaded) ([]*Questionnaire, error) {
	var qs []*Questionnaire
	var errs []error
	for _, l := range ls {
		if l.Err != nil {
			errs = append(errs, l.Err)
			continue
		}
		qs = append(qs, l.Questionnaire)
	}
	return qs, errors.Join(errs...)
}
