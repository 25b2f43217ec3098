package main

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// fakeStreams are streams for an in-process run, on a terminal or not.
func fakeStreams(outTerm, errTerm bool, width int, color bool) (*streams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &streams{in: strings.NewReader(""), out: &out, err: &errOut,
		outTerm: outTerm, errTerm: errTerm, width: width, color: color, date: "2026-01-02"}, &out, &errOut
}

func sampleFiles(t *testing.T, region string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "regions", region, "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no sample files for %s: %v", region, err)
	}
	return paths
}

// TestTerminalTable runs assess as on a terminal: the table takes the
// terminal's width and bold headings, and none of that when piped or with
// colour unwelcome.
func TestTerminalTable(t *testing.T) {
	args := append([]string{"assess"}, sampleFiles(t, "kaunas")...)
	tests := []struct {
		name        string
		term, color bool
		width       int
		wantWidth   int // the longest line
		wantStyled  bool
	}{
		{"terminal", true, true, 120, 120, true},
		{"terminal without colour", true, false, 120, 120, false},
		{"narrow terminal", true, true, 40, 60, true}, // never narrower than 60
		{"pipe", false, true, 120, 80, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out, errOut := fakeStreams(tt.term, false, tt.width, tt.color)
			if code := execute(s, args); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if styled := strings.Contains(out.String(), "\x1b[1m"); styled != tt.wantStyled {
				t.Errorf("bold escapes: %v, want %v", styled, tt.wantStyled)
			}
			longest := 0
			for _, line := range strings.Split(out.String(), "\n") {
				longest = max(longest, twwidth.Width(line))
			}
			// The long criterion titles fill the width they are given.
			if longest > tt.wantWidth || longest < tt.wantWidth-8 {
				t.Errorf("longest line %d columns, want about %d", longest, tt.wantWidth)
			}
		})
	}
}

// TestReportDateFromStreams checks that the HTML page carries the date the
// streams give (today, or SOURCE_DATE_EPOCH's).
func TestReportDateFromStreams(t *testing.T) {
	s, out, errOut := fakeStreams(false, false, 0, false)
	args := append([]string{"assess", "-f", "html"}, sampleFiles(t, "limerick")...)
	if code := execute(s, args); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out.String(), "2026-01-02") {
		t.Error("the page does not show the streams' date")
	}
}

// TestBatchProgressOnTerminal checks that batch shows its progress on a
// terminal's stderr, and not with --quiet or in a pipe.
func TestBatchProgressOnTerminal(t *testing.T) {
	for _, tt := range []struct {
		name    string
		errTerm bool
		quiet   bool
		want    bool
	}{{"terminal", true, false, true}, {"quiet", true, true, false}, {"pipe", false, false, false}} {
		t.Run(tt.name, func(t *testing.T) {
			s, _, errOut := fakeStreams(false, tt.errTerm, 80, false)
			args := []string{"batch", filepath.Join("..", "..", "testdata", "regions", "kaunas"), "-o", t.TempDir()}
			if tt.quiet {
				args = append(args, "-q")
			}
			if code := execute(s, args); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if got := strings.Contains(errOut.String(), "reading"); got != tt.want {
				t.Errorf("progress shown: %v, want %v\n%s", got, tt.want, errOut)
			}
		})
	}
}

// TestCompletion asks the shell-completion command for the values of each
// flag with fixed values: they come from the lists that validate them.
func TestCompletion(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"assess", "--format", ""}, []string{"table", "markdown", "json", "csv", "xlsx", "html"}},
		{[]string{"assess", "--lang", ""}, []string{"de", "en", "sv"}},
		{[]string{"assess", "--aggregate", ""}, []string{"mean", "median"}},
		{[]string{"assess", "-F", ""}, []string{"r3lplus", "unesco-guidelines", "unesco-klc"}},
		{[]string{"compare", "--by", ""}, []string{"area", "criterion", "indicator"}},
		{[]string{"compare", "--as", ""}, []string{"r3lplus", "unesco-guidelines", "unesco-klc"}},
		{[]string{"compare", "--group-by", ""}, []string{"group", "country"}},
		{[]string{"batch", "--formats", ""}, []string{"json", "csv", "markdown", "xlsx", "html"}},
		{[]string{"batch", "--lang", ""}, []string{"de", "en", "sv"}},
		{[]string{"batch", "--aggregate", ""}, []string{"mean", "median"}},
		{[]string{"batch", "-F", ""}, []string{"r3lplus", "unesco-guidelines", "unesco-klc"}},
		{[]string{"template", "--format", ""}, []string{"yaml", "xlsx", "limesurvey", "xlsform"}},
		{[]string{"template", "--lang", ""}, []string{"de", "en", "sv"}},
		{[]string{"framework", "show", ""}, []string{"r3lplus", "unesco-guidelines", "unesco-klc"}},
		{[]string{"framework", "show", "--format", ""}, []string{"table", "yaml"}},
		{[]string{"framework", "list", "--lang", ""}, []string{"de", "en", "sv"}},
	}
	for _, tt := range tests {
		s, out, errOut := fakeStreams(false, false, 0, false)
		if code := execute(s, append([]string{"__complete"}, tt.args...)); code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, errOut)
		}
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			if !strings.HasPrefix(line, ":") { // the last line is the directive
				got = append(got, strings.SplitN(line, "\t", 2)[0])
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%v: completions %q, want %q", tt.args, got, tt.want)
		}
	}
}
