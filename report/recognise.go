package report

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"regexp"
	"strings"
)

// Recognising r3l's own files. A report written into a folder of
// questionnaires is found there the next time: Output tells it by its
// content, whatever it is called, so that it is skipped rather than read
// as a questionnaire.

// markdownMark starts every Markdown file r3l writes; Markdown renderers
// show nothing of it.
const markdownMark = "<!-- r3l report -->\n"

// Output reports whether data is a file r3l wrote: a report or
// comparison in any format, a batch summary, or a plan (YAML; r3l's
// workbooks are told apart from questionnaires as reports are).
func Output(data []byte) bool {
	for _, f := range formats {
		if f.recognise != nil && f.recognise(data) {
			return true
		}
	}
	return isPlanYAML(data)
}

// planSchema is a plan file's schema line, quoted or not.
var planSchema = regexp.MustCompile(`(?m)^schema:[ \t]*["']?r3l\.plan/v1["']?[ \t]*(#.*)?\r?$`)

// isPlanYAML knows a plan file by its schema line: a plan kept in the
// folder of the questionnaires it plans for is no questionnaire.
func isPlanYAML(data []byte) bool {
	head := data[:min(len(data), 64<<10)]
	// The regular expression only where the id occurs at all: run on
	// every questionnaire of a batch, it cost 5% of the run.
	return bytes.Contains(head, []byte("r3l.plan/v1")) && planSchema.Match(head)
}

func isMarkdownOutput(data []byte) bool { return bytes.HasPrefix(data, []byte(markdownMark)) }

func isHTMLOutput(data []byte) bool {
	head := data[:min(len(data), 1024)]
	return bytes.HasPrefix(head, []byte("<!DOCTYPE html>")) && bytes.Contains(head, []byte(`<meta name="generator" content="r3l`))
}

// isCSVOutput knows r3l's CSV by its header, today's or the one before
// the target and change columns.
func isCSVOutput(data []byte) bool {
	for _, h := range [][]string{CSVHeader, csvHeaderV1} {
		if bytes.HasPrefix(data, []byte(strings.Join(h, ",")+"\n")) {
			return true
		}
	}
	return false
}

// isJSONOutput knows the JSON objects r3l writes by their keys: an
// assessment, a comparison, a batch summary.
func isJSONOutput(data []byte) bool { return jsonOutputKind(data) != "" }

// jsonOutputKind tells which JSON object of r3l's data is, by its keys:
// "assessment", "comparison" or "summary"; "" for any other data.
func jsonOutputKind(data []byte) string {
	if !bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
		return ""
	}
	var keys map[string]json.RawMessage
	if json.Unmarshal(data, &keys) != nil {
		return ""
	}
	has := func(names ...string) bool {
		for _, n := range names {
			if _, ok := keys[n]; !ok {
				return false
			}
		}
		return true
	}
	switch {
	case has("framework", "region", "period", "areas"):
		return "assessment"
	case has("framework", "assessments", "statistics"):
		return "comparison"
	case has("inputs", "assessments", "failed", "outputs"):
		return "summary"
	}
	return ""
}

// isXLSXOutput knows r3l's report and comparison workbooks: made by r3l
// (the document's creator, which saving in a spreadsheet keeps) and
// without the Answers sheet of a questionnaire workbook.
func isXLSXOutput(data []byte) bool {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return false
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	part := func(name string) []byte {
		f, err := zr.Open(name)
		if err != nil {
			return nil
		}
		defer f.Close()
		b, _ := io.ReadAll(io.LimitReader(f, 1<<20))
		return b
	}
	core, book := part("docProps/core.xml"), part("xl/workbook.xml")
	return bytes.Contains(core, []byte("<dc:creator>r3l")) && len(book) > 0 && !bytes.Contains(book, []byte(`name="Answers"`))
}
