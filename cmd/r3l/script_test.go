package main

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

// TestMain lets the test binary act as the r3l command inside scripts
// ("exec r3l ..."), running the same run function as main.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"r3l": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// update rewrites the cmp files of the scripts.
var update = flag.Bool("update", false, "rewrite expected output in the scripts")

// TestScript runs the end-to-end user stories in testdata/script/*.txtar.
// $REPO is the repository root, so scripts can copy the sample
// questionnaires in testdata/regions. Run with -testwork to keep the work
// directories.
func TestScript(t *testing.T) {
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		UpdateScripts:       *update, // rewrites cmp files in the scripts

		Setup: func(env *testscript.Env) error {
			env.Setenv("REPO", repo)
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":   cmdExits,
			"json":    cmdJSON,
			"subst":   cmdSubst,
			"glob":    cmdGlob,
			"xlsxset": cmdXLSXSet,
		},
	})
}

// cmdExits runs a program like exec and checks its exact exit code:
//
//	exits 2 r3l assess
//
// Its stdout and stderr are kept for the stdout and stderr commands.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exits")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad exit code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

// cmdJSON checks that a file (or stdout) is valid JSON and that fields
// reached by dotted paths (object keys or array indices) hold the given
// JSON values:
//
//	json stdout status="scored" respondents=5 areas.0.id="A"
func cmdJSON(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 {
		ts.Fatalf("usage: json FILE [PATH=VALUE...]")
	}
	var doc any
	err := json.Unmarshal([]byte(ts.ReadFile(args[0])), &doc)
	if neg {
		if err == nil && len(args) == 1 {
			ts.Fatalf("%s is valid JSON", args[0])
		}
		if len(args) > 1 {
			ts.Fatalf("unsupported: ! json with fields")
		}
		return
	}
	if err != nil {
		ts.Fatalf("%s is not valid JSON: %v", args[0], err)
	}
	for _, kv := range args[1:] {
		path, want, ok := strings.Cut(kv, "=")
		if !ok {
			ts.Fatalf("json: %q is not PATH=VALUE", kv)
		}
		v := doc
		for _, key := range strings.Split(path, ".") {
			switch node := v.(type) {
			case map[string]any:
				if v, ok = node[key]; !ok {
					ts.Fatalf("json: %s: no field %q", path, key)
				}
			case []any:
				i, err := strconv.Atoi(key)
				if err != nil || i < 0 || i >= len(node) {
					ts.Fatalf("json: %s: no element %q", path, key)
				}
				v = node[i]
			default:
				ts.Fatalf("json: %s: %q is not in an object or array", path, key)
			}
		}
		got, _ := json.Marshal(v)
		var wantV any
		if err := json.Unmarshal([]byte(want), &wantV); err != nil {
			ts.Fatalf("json: %s: bad value %s: %v", path, want, err)
		}
		wantB, _ := json.Marshal(wantV)
		if string(got) != string(wantB) {
			ts.Fatalf("json: %s is %s, want %s", path, got, wantB)
		}
	}
}

// cmdSubst edits a file in place, replacing every match of a regular
// expression (RE2, (?m) for line anchors) as a user filling in a file would:
//
//	subst q.yaml '(?m)^  A1\.a:$' '  A1.a: 4'
//
// It fails when nothing matches.
func cmdSubst(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: subst FILE REGEXP REPLACEMENT")
	}
	re, err := regexp.Compile(args[1])
	ts.Check(err)
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	if !re.Match(data) {
		ts.Fatalf("subst: no match for %s in %s", args[1], args[0])
	}
	ts.Check(os.WriteFile(path, re.ReplaceAll(data, []byte(args[2])), 0o666))
}

// cmdGlob succeeds when a pattern matches a file in the current directory;
// "! glob '.*.tmp'" checks that no temporary file was left behind.
func cmdGlob(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: glob PATTERN")
	}
	matches, err := filepath.Glob(ts.MkAbs(args[0]))
	ts.Check(err)
	switch {
	case neg && len(matches) > 0:
		ts.Fatalf("unexpected files: %s", strings.Join(matches, ", "))
	case !neg && len(matches) == 0:
		ts.Fatalf("no file matches %s", args[0])
	}
}

// cmdXLSXSet fills cells of a workbook as a respondent would in Excel:
//
//	xlsxset q.xlsx Answers E2 '4 – Largely in place' E3 '#5'
//
// Values are text, or numbers when they start with '#'; an empty value
// clears the cell.
func cmdXLSXSet(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 4 || len(args)%2 != 0 {
		ts.Fatalf("usage: xlsxset FILE SHEET CELL VALUE [CELL VALUE...]")
	}
	path := ts.MkAbs(args[0])
	f, err := excelize.OpenFile(path)
	ts.Check(err)
	defer f.Close()
	for i := 2; i+1 < len(args); i += 2 {
		cell, v := args[i], args[i+1]
		if num, ok := strings.CutPrefix(v, "#"); ok {
			n, err := strconv.ParseFloat(num, 64)
			ts.Check(err)
			ts.Check(f.SetCellFloat(args[1], cell, n, -1, 64))
		} else {
			ts.Check(f.SetCellStr(args[1], cell, v))
		}
	}
	ts.Check(f.Save())
}
