package instrument

import (
	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

// A questionnaire workbook (`r3l template -f xlsx`) holds the same data as a
// YAML questionnaire in three sheets: Region (keys in column A, values in
// column B), Answers (a header row, then one row per indicator) and
// Priorities (one row per area, the ranked criteria in columns C, D, …).
// The names below are shared by the template writer and the reader.

// Sheet names of a questionnaire workbook.
const (
	SheetInstructions = "Instructions"
	SheetRegion       = "Region"
	SheetAnswers      = "Answers"
	SheetPriorities   = "Priorities"
	SheetLists        = "Lists" // hidden: the items of the drop-down lists
)

// RegionKeys are the keys in column A of the Region sheet, in template order.
var RegionKeys = []string{
	"framework", "region.id", "region.name", "region.country", "region.group",
	"period", "respondent.id", "respondent.role",
}

// AnswerHeaders are the header texts of the Answers columns the reader
// needs, in each language of the template. The reader recognises any of
// them (and the column key itself), ignoring case.
var AnswerHeaders = map[string]framework.Text{
	"id":       {"en": "ID"},
	"answer":   {"en": "Answer", "de": "Antwort", "sv": "Svar"},
	"evidence": {"en": "Evidence", "de": "Nachweise", "sv": "Belägg"},
	"comment":  {"en": "Comment", "de": "Kommentar", "sv": "Kommentar"},
}

// ListSep joins a drop-down item's code and its label: "4 – Largely in place".
// assess.CutListItem splits such an item for every reader.
const ListSep = assess.ListSep

// ListItem is the text of a drop-down item; the reader takes the part before
// ListSep.
func ListItem(code, label string) string {
	if label == "" || label == code {
		return code
	}
	return code + ListSep + label
}
