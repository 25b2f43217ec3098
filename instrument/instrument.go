// Package instrument holds the questionnaires of a self-assessment — the
// instruments r3l hands out and reads back. Each instrument's writer (a
// questionnaire to fill in, made from a framework) and reader (filled-in
// files into assess.Questionnaires) sit side by side, so the layout both
// rely on lives in one place. Two tables list them: templates, the
// questionnaires `r3l template -f` writes, and readers, the files the
// scoring commands read, each recognised by its content. A new instrument
// is a file with its writer and reader plus an entry in each table. The
// workbook form of a region's improvement plan (package plan), which the
// partners fill in as they fill in questionnaires, is here too
// (plan_xlsx.go).
package instrument

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/yamlx"
)

// QuestionnaireSchema is the value a YAML questionnaire's `schema` key must
// hold; workbooks carry it among their document properties.
const QuestionnaireSchema = "r3l.questionnaire/v1"

// Options prefill a questionnaire template: the language of its texts, and
// what a coordinator fills in for each stakeholder so that nobody retypes
// it (an empty value is left to the respondent).
type Options struct {
	Lang string
	// Langs are an online survey's languages, the first its base
	// language; empty, the framework's languages.
	Langs      []string
	Region     string // region.id
	Name       string // region.name
	Country    string // region.country
	Group      string // region.group
	Period     string
	Respondent string // respondent.id
	Role       string // respondent.role
	// From fills in the answers of a questionnaire read elsewhere, such
	// as a survey response (r3l import); the YAML template only.
	From *assess.Questionnaire
}

// Template is a questionnaire r3l writes from a framework.
type Template struct {
	Name   string   // the value of `template -f`
	Exts   []string // file extensions that choose it from `-o FILE`
	Binary bool     // never written to a terminal
	// Survey marks an online survey, which holds several languages
	// (Options.Langs) rather than one.
	Survey bool
	Write  func(w io.Writer, fw *framework.Framework, opts Options) error
}

// templates are the instruments `r3l template` writes; the first is the
// default.
var templates = []Template{
	{Name: "yaml", Exts: []string{".yaml", ".yml"}, Write: TemplateYAML},
	{Name: "xlsx", Exts: []string{".xlsx"}, Binary: true, Write: TemplateXLSX},
	{Name: "limesurvey", Exts: []string{".lss"}, Survey: true, Write: TemplateLimeSurvey},
	{Name: "xlsform", Exts: []string{".xlsx"}, Binary: true, Survey: true, Write: TemplateXLSForm},
}

// Templates lists the templates, the default first.
func Templates() []Template { return slices.Clone(templates) }

// TemplateNames lists the templates' names, for flags and messages.
func TemplateNames() []string {
	names := make([]string, len(templates))
	for i, t := range templates {
		names[i] = t.Name
	}
	return names
}

// TemplateNamed returns the template of a name.
func TemplateNamed(name string) (Template, bool) {
	for _, t := range templates {
		if t.Name == name {
			return t, true
		}
	}
	return Template{}, false
}

// Takes reports whether the template writes files of path's extension.
func (t Template) Takes(path string) bool {
	return slices.Contains(t.Exts, strings.ToLower(filepath.Ext(path)))
}

// TemplateForPath returns the first template an output file's extension
// names.
func TemplateForPath(path string) (Template, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, t := range templates {
		if slices.Contains(t.Exts, ext) {
			return t, true
		}
	}
	return Template{}, false
}

// Reader reads one kind of questionnaire file.
type Reader struct {
	Name string
	// Exts are the extensions of the files it reads; a folder is searched
	// for files with any reader's extension.
	Exts []string
	// MaxSize caps the files it reads: a larger one is refused unread.
	MaxSize int64
	// Claims reports whether it reads a file, judged by the file's content
	// (as much as was read) and its name. A reader without Claims reads
	// what no other reader claims.
	Claims func(path string, data []byte) bool
	// Read returns every questionnaire in the file, each with its
	// position (Source). The error, if any, lists every problem found.
	Read func(path string, data []byte, opts LoadOptions) ([]*assess.Questionnaire, error)
}

// readers are the files the scoring commands read, in the order their
// extensions are listed to users.
var readers = []Reader{
	{Name: "yaml", Exts: []string{".yaml", ".yml"}, MaxSize: MaxQuestionnaireSize, Read: one(LoadQuestionnaire)},
	{Name: "xlsx", Exts: []string{".xlsx"}, MaxSize: MaxWorkbookSize, Claims: claimsWorkbook, Read: readWorkbook},
	{Name: "csv", Exts: []string{".csv"}, MaxSize: MaxExportSize, Claims: claimsCSV, Read: readCSVResponses},
	{Name: "json", Exts: []string{".json"}, MaxSize: MaxExportSize, Claims: claimsJSON, Read: readJSONResponses},
}

// one makes a reader of a function that reads the one questionnaire a
// file holds.
func one(load func(path string, data []byte, opts LoadOptions) (*assess.Questionnaire, error)) func(string, []byte, LoadOptions) ([]*assess.Questionnaire, error) {
	return func(path string, data []byte, opts LoadOptions) ([]*assess.Questionnaire, error) {
		q, err := load(path, data, opts)
		if err != nil {
			return nil, err
		}
		return []*assess.Questionnaire{q}, nil
	}
}

// FrameworkPicker returns the framework a questionnaire is scored against,
// given the id and version it names.
type FrameworkPicker func(id, version string) (*framework.Framework, error)

// FixedFramework picks fw for every questionnaire that names it (any
// version) or a framework fw extends, directly or further down
// (docs/reference.md §1.2), and for survey exports, which name none.
func FixedFramework(fw *framework.Framework) FrameworkPicker {
	return func(id, version string) (*framework.Framework, error) {
		if id != "" && fw.Ancestor(id) == nil {
			return nil, fmt.Errorf("questionnaire is for framework %q, but the framework in use is %q", id, fw.ID)
		}
		return fw, nil
	}
}

// BundledFramework picks a bundled framework by id; the default one for
// survey exports, which name none.
func BundledFramework(id, version string) (*framework.Framework, error) {
	if id == "" {
		id = framework.DefaultID
	}
	return framework.Get(id)
}

// LoadOptions say how questionnaires are read.
type LoadOptions struct {
	Pick   FrameworkPicker // nil: BundledFramework
	Strict bool            // missing answers are errors
	// DropNotes forgets evidence and comments once read, for runs whose
	// reports do not show them: a questionnaire is then little more than
	// its scores.
	DropNotes bool
	// Survey says what survey exports leave out.
	Survey SurveyOptions
	// Skip tells files that are no questionnaires by their content (r3l's
	// own reports, found among the inputs): ReadFile returns ErrSkipped
	// for them.
	Skip func(data []byte) bool
	// Indicators is the number of indicators of the framework the files
	// are read against (-F), if known: the limits a file is read within
	// grow with it (scale).
	Indicators int
}

// scale is how many times its fixed limits a questionnaire file may
// reach: they fit frameworks of up to 5,000 indicators, and a file for a
// larger framework is larger in proportion.
func (o LoadOptions) scale() int64 { return 1 + int64(o.Indicators)/5_000 }

// ErrSkipped is the error of a file LoadOptions.Skip leaves out.
var ErrSkipped = errors.New("not a questionnaire: skipped")

// IsInput reports whether a file found in a folder is read as a
// questionnaire: a reader takes its extension, and it is neither hidden nor
// an Office lock file ("~$q.xlsx").
func IsInput(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
		return false
	}
	ext := strings.ToLower(filepath.Ext(name))
	for _, r := range readers {
		if slices.Contains(r.Exts, ext) {
			return true
		}
	}
	return false
}

// InputPatterns lists the file names a folder is searched for: "*.yaml, …".
func InputPatterns() string {
	var out []string
	for _, r := range readers {
		for _, ext := range r.Exts {
			out = append(out, "*"+ext)
		}
	}
	return strings.Join(out, ", ")
}

// maxSize is the largest size any reader takes: a file is read up to it
// before its reader is known.
func maxSize() int64 {
	var m int64
	for _, r := range readers {
		m = max(m, r.MaxSize)
	}
	return m
}

// readerFor returns the reader that claims a file.
func readerFor(path string, data []byte) Reader {
	var fallback Reader
	for _, r := range readers {
		switch {
		case r.Claims == nil:
			fallback = r
		case r.Claims(path, data):
			return r
		}
	}
	return fallback
}

// ReadFile reads every questionnaire in one file, with the reader that
// claims it.
func ReadFile(path string, opts LoadOptions) ([]*assess.Questionnaire, error) {
	data, err := yamlx.ReadHead(path, maxSize()*opts.scale())
	if err != nil {
		return nil, err
	}
	if opts.Skip != nil && opts.Skip(data) {
		return nil, fmt.Errorf("%s: %w", path, ErrSkipped)
	}
	r := readerFor(path, data)
	if limit := r.MaxSize * opts.scale(); int64(len(data)) > limit {
		return nil, yamlx.TooLarge(path, limit)
	}
	qs, err := r.Read(path, data, opts)
	if err != nil {
		return nil, err
	}
	if opts.DropNotes {
		for _, q := range qs {
			q.DropNotes()
		}
	}
	return qs, nil
}

// FileError is a file that could not be read, with the assessment it
// belongs to where the file still said so (its framework, region and
// period), so that a run going on without it can say which assessment
// lacks it.
type FileError struct {
	Err         error
	FrameworkID string
	Region      string
	Period      string
}

func (e *FileError) Error() string { return e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// identified adds to a reader's problems the assessment the questionnaire
// names, where it names one.
func identified(err error, q *assess.Questionnaire) error {
	if q == nil || q.Region.ID == "" || q.Period == "" {
		return err
	}
	return &FileError{Err: err, FrameworkID: q.FrameworkID, Region: q.Region.ID, Period: q.Period}
}

// stamp records the file questionnaires came from: its path and SHA-256,
// which is also a questionnaire's digest unless its reader set one.
func stamp(path string, data []byte, qs ...*assess.Questionnaire) {
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	for _, q := range qs {
		q.Path, q.SHA256, q.Source.Path = path, hash, path
		if q.Digest == "" {
			q.Digest = hash
		}
	}
}
