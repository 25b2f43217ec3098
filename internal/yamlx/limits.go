package yamlx

import "fmt"

// Limits bound what Parse reads.
type Limits struct {
	// NoAliases refuses anchors and aliases: questionnaires have no use
	// for them and they can multiply the size of a small file.
	NoAliases bool
	// MaxNodes caps the items (scalars, lists, mappings) of the file,
	// counted before yaml.v3 builds them: it takes about 200 bytes for
	// each, so that a 4 MiB list of one-character items would take 400
	// MB. 0: no cap.
	MaxNodes int
}

// Node caps of the files r3l reads: a questionnaire of R3L+ has about 300
// items and one of a framework with 5,000 indicators about 15,000 (the cap
// of a questionnaire grows with the indicators of the framework given with
// -F: instrument.LoadOptions); a framework with 5,000 indicators in three
// languages about 200,000, one with 100,000 in short form about 800,000.
const (
	MaxQuestionnaireNodes = 100_000
	MaxFrameworkNodes     = 4_000_000
)

// tooManyNodes returns the line on which an estimate of the YAML items of
// data passes max, or 0 when it stays within. The estimate is an upper
// bound, made without parsing: every line may hold an item, and every
// ',', '[', '{' and "- " and ": " outside quotes and comments starts one.
func tooManyNodes(data []byte, max int) int {
	if max <= 0 {
		return 0
	}
	count, line := 0, 1
	var quote byte // the quote of the scalar being read, or 0
	comment := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '\n' {
			line++
			count++
			comment = false
			if quote == '\'' || quote == '"' {
				// Quoted scalars span lines; they stay one item.
				count--
			}
		}
		switch {
		case comment:
		case quote == '"':
			if c == '\\' {
				i++
			} else if c == '"' {
				quote = 0
			}
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || data[i-1] == ' ' || data[i-1] == '\t' || data[i-1] == '\n'):
			comment = true
		case c == ',' || c == '[' || c == '{':
			count++
		case (c == '-' || c == ':') && (i+1 == len(data) || data[i+1] == ' ' || data[i+1] == '\n'):
			count++
		}
		if count > max {
			return line
		}
	}
	return 0
}

// nodesProblem words a file with too many items.
func nodesProblem(path string, line, max int) Problem {
	return Problem{Path: path, Line: line, Msg: fmt.Sprintf("more than %d YAML items by this line: far more than any r3l file holds, so the file is not read", max)}
}
