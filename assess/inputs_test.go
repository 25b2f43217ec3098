package assess

import (
	"slices"
	"strings"
	"testing"
)

// TestPackedInputs: every input reads back as it was, digests that are
// not r3l's lower-case hex among them.
func TestPackedInputs(t *testing.T) {
	sha := "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea"
	var qs []*Questionnaire
	var want []Input
	for _, in := range []Input{
		{Path: "regions/kaunas/2024-school.yaml", SHA256: sha, Respondent: Respondent{ID: "school-1", Role: "school"}},
		{Path: "input 2", SHA256: strings.ToUpper(sha)},
		{Path: "export.csv (response 4)", SHA256: ""},
		{Path: "Zürich/😀.yaml", SHA256: strings.Repeat("g", 64), Respondent: Respondent{ID: "\x1b[2J", Role: strings.Repeat("r", 300)}},
		{Path: "", SHA256: sha[:62]},
	} {
		qs = append(qs, &Questionnaire{Path: in.Path, SHA256: in.SHA256, Respondent: in.Respondent})
		want = append(want, in)
	}
	e := Entry{inputs: packInputs(qs), nInputs: len(qs)}
	if got := slices.Collect(e.Inputs()); !slices.Equal(got, want) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, want)
	}
	if e.InputCount() != len(want) {
		t.Errorf("InputCount = %d, want %d", e.InputCount(), len(want))
	}
	// Stopping early stops.
	for in := range e.Inputs() {
		if in != want[0] {
			t.Errorf("first %+v", in)
		}
		break
	}
	if packed, strs := len(packInputs(qs[:1])), len(qs[0].Path)+len(sha)+len("school-1")+len("school"); packed >= strs {
		t.Errorf("packed in %d bytes, the strings alone are %d", packed, strs)
	}
	if got := slices.Collect((&Entry{}).Inputs()); len(got) != 0 {
		t.Errorf("no inputs read as %v", got)
	}
}
