package assess

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Kinds of warning.
const (
	WarnUnanswered = "unanswered" // indicators left out
	WarnVersion    = "version"    // written for another version of the framework
	WarnRegion     = "region"     // region details differ between files
	WarnRole       = "role"       // a role read as one of the framework's
	WarnDropped    = "dropped"    // answers to indicators an extension dropped
)

// Warning is something about one file a coordinator should look at; it
// does not stop the file from being scored.
type Warning struct {
	Kind string
	Path string
	Msg  string // the whole message, naming the file
	// Weight orders the warnings of a kind, the worst first: how many
	// indicators are unanswered, for instance.
	Weight int
}

func (w Warning) String() string { return w.Msg }

// kindPhrases word a kind of warning for a summary line: what the files
// did, and how one file's detail reads.
var kindPhrases = map[string]struct{ did, detail string }{
	WarnUnanswered: {"leave indicators unanswered", "%d"},
	WarnVersion:    {"were written for another version of the framework", ""},
	WarnRegion:     {"describe the region differently from another file", ""},
	WarnRole:       {"name a role in other words than the framework", ""},
	WarnDropped:    {"answer indicators the framework in use dropped", "%d"},
}

// SummariseWarnings puts warnings in one line per kind: how many files, and the
// worst few. A kind with one warning keeps its whole message.
func SummariseWarnings(ws []Warning) []string {
	byKind := map[string][]Warning{}
	var kinds []string
	for _, w := range ws {
		if _, ok := byKind[w.Kind]; !ok {
			kinds = append(kinds, w.Kind)
		}
		byKind[w.Kind] = append(byKind[w.Kind], w)
	}
	var out []string
	for _, kind := range kinds {
		list := byKind[kind]
		if len(list) == 1 {
			out = append(out, list[0].Msg)
			continue
		}
		slices.SortStableFunc(list, func(a, b Warning) int { return cmp.Compare(b.Weight, a.Weight) })
		var worst []string
		for _, w := range list[:min(3, len(list))] {
			name := w.Path
			if f := kindPhrases[kind].detail; f != "" {
				name += " (" + fmt.Sprintf(f, w.Weight) + ")"
			}
			worst = append(worst, name)
		}
		did := kindPhrases[kind].did
		if did == "" {
			did = "have warnings of kind " + kind
		}
		more := ""
		if len(list) > len(worst) {
			more = ", …"
		}
		out = append(out, fmt.Sprintf("%d questionnaires %s: %s%s", len(list), did, strings.Join(worst, ", "), more))
	}
	return out
}
