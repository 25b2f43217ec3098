package report

import (
	"fmt"
	"slices"
	"strings"
)

// Format is one report format.
type Format struct {
	Name string
	// Exts are the extensions of an output file that choose the format
	// (-o FILE); the first is the one batch gives its files.
	Exts []string
	// Binary formats are never written to a terminal.
	Binary bool
	// Terminal formats are for a person at a terminal: the default on
	// standard output, and not among batch's files.
	Terminal bool
	// Notes says whether the format shows the respondents' evidence and
	// comments, which runs that need none can drop as they read.
	Notes bool
	// Summary says whether the format has a one-screen view
	// (Options.Summary).
	Summary bool
	// writer makes the format's writer.
	writer func(s style) Writer
	// recognise tells a file of the format r3l wrote (see Output).
	recognise func(data []byte) bool
}

// DefaultFormat is the format of a report on standard output when none is
// asked for.
const DefaultFormat = "table"

// formats are the report formats, in the order they are offered.
var formats = []Format{
	{Name: "table", Exts: []string{".txt"}, Terminal: true, Summary: true, writer: func(s style) Writer { return &tableWriter{s} }},
	{Name: "markdown", Exts: []string{".md", ".markdown"}, Notes: true, Summary: true, writer: func(s style) Writer { return &markdownWriter{s} },
		recognise: isMarkdownOutput},
	{Name: "json", Exts: []string{".json"}, writer: func(s style) Writer { return jsonWriter{s.Options} },
		recognise: isJSONOutput},
	{Name: "csv", Exts: []string{".csv"}, writer: func(style) Writer { return csvWriter{} },
		recognise: isCSVOutput},
	{Name: "xlsx", Exts: []string{".xlsx"}, Binary: true, Notes: true, writer: func(s style) Writer { return &xlsxWriter{style: s} },
		recognise: isXLSXOutput},
	{Name: "html", Exts: []string{".html", ".htm"}, Notes: true, writer: func(s style) Writer { return newHTMLWriter(s) },
		recognise: isHTMLOutput},
}

// Formats lists the report formats.
func Formats() []Format { return slices.Clone(formats) }

// FormatNames lists the names of the formats keep says yes to (all with
// nil), for flags, completion and messages.
func FormatNames(keep func(Format) bool) []string {
	var names []string
	for _, f := range formats {
		if keep == nil || keep(f) {
			names = append(names, f.Name)
		}
	}
	return names
}

// FormatNamed returns the format of a name.
func FormatNamed(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// FormatForExt returns the format an output file's extension chooses.
func FormatForExt(ext string) (Format, bool) {
	ext = strings.ToLower(ext)
	for _, f := range formats {
		if slices.Contains(f.Exts, ext) {
			return f, true
		}
	}
	return Format{}, false
}

// Ext is the extension batch gives files of the format: ".md".
func (f Format) Ext() string { return f.Exts[0] }

// New returns the writer of a format.
func New(format string, opts Options) (Writer, error) {
	f, ok := FormatNamed(format)
	if !ok {
		return nil, fmt.Errorf("unknown format %q (one of: %s)", format, strings.Join(FormatNames(nil), ", "))
	}
	if opts.Lang == "" {
		opts.Lang = "en"
	}
	if opts.Width <= 0 {
		opts.Width = 80
	}
	return f.writer(newStyle(opts)), nil
}
