package codecheck

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The package has no golden files; the flag is accepted so that
// `go test ./... -update` runs across every package.
var _ = flag.Bool("update", false, "rewrite golden files (none here)")

const module = "github.com/r3l/r3l/"

// layers are the module's packages from the bottom up, with the module
// packages each may import. Internal helpers may be used by any layer that
// lists them. A package missing here fails the test, so that a new one
// takes its place in the order deliberately.
var layers = map[string][]string{
	"internal/textsafe":   nil,
	"internal/yamlx":      {"internal/textsafe"},
	"internal/i18n":       nil,
	"internal/workbook":   nil,
	"internal/officetest": nil,
	"internal/workload":   nil,
	"internal/codecheck":  nil,
	"framework":           {"internal/yamlx", "internal/textsafe"},
	"plan":                {"framework", "internal/yamlx"},
	"crosswalk":           {"framework", "internal/yamlx"},
	"assess":              {"plan", "crosswalk", "framework", "internal/yamlx"},
	"instrument":          {"assess", "plan", "framework", "internal/i18n", "internal/workbook", "internal/yamlx"},
	"report":              {"assess", "plan", "crosswalk", "framework", "internal/i18n", "internal/workbook", "internal/yamlx", "internal/textsafe"},
	"pipeline":            {"instrument", "assess", "framework", "internal/yamlx"},
	"batch":               {"pipeline", "plan", "instrument", "report", "assess", "framework", "internal/i18n", "internal/yamlx"},
	"schema":              {"framework", "internal/i18n"},
	"cmd/r3l":             {"batch", "plan", "crosswalk", "pipeline", "instrument", "report", "schema", "assess", "framework", "internal/i18n", "internal/yamlx", "internal/textsafe"},
	"testdata/gen":        {"internal/workload"},
}

// sources parses every Go file of the module but tests and testdata
// corpora, by package folder.
func sources(t *testing.T) (map[string][]*ast.File, *token.FileSet) {
	t.Helper()
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	pkgs := map[string][]*ast.File{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "fuzz") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkgs[filepath.ToSlash(rel)] = append(pkgs[filepath.ToSlash(rel)], f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 8 {
		t.Fatalf("found only %d packages", len(pkgs))
	}
	return pkgs, fset
}

// TestDependenciesDownward checks that each package imports only the
// module packages below it (cmd → batch → pipeline → instrument/report →
// assess → framework).
func TestDependenciesDownward(t *testing.T) {
	pkgs, _ := sources(t)
	for dir, files := range pkgs {
		allowed, known := layers[dir]
		if !known {
			t.Errorf("package %s has no place in the layers of codecheck_test.go", dir)
			continue
		}
		for _, f := range files {
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				dep, ok := strings.CutPrefix(path, module)
				if ok && !slices.Contains(allowed, dep) {
					t.Errorf("%s imports %s, which is not below it", dir, dep)
				}
			}
		}
	}
}

// TestFunctionLength checks that no function is longer than 60 lines in
// cmd/ or 100 lines elsewhere, tests aside.
func TestFunctionLength(t *testing.T) {
	pkgs, fset := sources(t)
	for dir, files := range pkgs {
		limit := 100
		if strings.HasPrefix(dir, "cmd/") {
			limit = 60
		}
		for _, f := range files {
			for _, decl := range f.Decls {
				fn, ok := decl.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				from, to := fset.Position(fn.Pos()), fset.Position(fn.End())
				if n := to.Line - from.Line + 1; n > limit {
					t.Errorf("%s:%d: %s is %d lines, more than %d", from.Filename, from.Line, fn.Name.Name, n, limit)
				}
			}
		}
	}
}

// TestSourcesFound keeps the walk honest: the command's main file is
// among the parsed sources.
func TestSourcesFound(t *testing.T) {
	pkgs, fset := sources(t)
	var names []string
	for _, f := range pkgs["cmd/r3l"] {
		names = append(names, filepath.Base(fset.Position(f.Pos()).Filename))
	}
	if !slices.Contains(names, "main.go") {
		t.Errorf("cmd/r3l files %v", names)
	}
	if _, err := os.Stat(filepath.Join("..", "..", "go.mod")); err != nil {
		t.Errorf("the module root is not two folders up: %v", err)
	}
}

// TestReferencesExist checks that every section of docs/reference.md a
// comment or document cites exists, and that nothing cites the original
// specification, which is not in the repository.
func TestReferencesExist(t *testing.T) {
	root := filepath.Join("..", "..")
	doc, err := os.ReadFile(filepath.Join(root, "docs", "reference.md"))
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]bool{}
	for _, line := range strings.Split(string(doc), "\n") {
		if m := heading.FindStringSubmatch(line); m != nil {
			sections[m[1]] = true
		}
	}
	if len(sections) < 20 {
		t.Fatalf("%d numbered sections in docs/reference.md", len(sections))
	}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".md")) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := string(data)
		if strings.Contains(text, "SPEC §") && !strings.HasSuffix(path, "codecheck_test.go") {
			t.Errorf("%s cites SPEC, which is not in the repository", path)
		}
		for _, m := range citation.FindAllStringSubmatch(text, -1) {
			for _, sec := range strings.Split(m[1], ", §") {
				if !sections[sec] {
					t.Errorf("%s cites docs/reference.md §%s, which has no such section", path, sec)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var (
	heading  = regexp.MustCompile(`^#+ (\d+(?:\.\d+)?)\.? `)
	citation = regexp.MustCompile(`reference\.md §(\d+(?:\.\d+)?(?:, §\d+(?:\.\d+)?)*)`)
)
