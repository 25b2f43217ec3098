package framework

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/r3l/r3l/internal/yamlx"
)

// MaxExtendsDepth is how many frameworks one chain of `extends` may hold,
// the file loaded first included (docs/reference.md §1.2).
const MaxExtendsDepth = 8

// resolver finds the bases of extensions while a framework loads
// (docs/reference.md §1.2): a bundled framework by its id, or else a file
// by its path from the extending file's folder.
type resolver struct {
	// bundled returns the bundled framework with the id, or nil when
	// there is none; r is the resolver of the file that extends it.
	bundled func(id string, r *resolver) (*Framework, error)
	// onlyBundled refuses bases that are files: the bundled frameworks
	// are loading, and they extend only each other.
	onlyBundled bool
	// known names the bundled frameworks, for messages.
	known func() string
	// chain are the frameworks being loaded, the one asked for first.
	chain []link
}

// link is one framework of a chain of extends: key tells two apart (a
// file's absolute path, or "bundled:ID"), name is how messages call it.
type link struct{ key, name string }

// chainError is a chain of extends that cannot be loaded however its
// files are written: a cycle, or too deep. It is reported at the extends
// of the file loaded first.
type chainError struct{ msg string }

func (e *chainError) Error() string { return e.msg }

// newResolver finds bundled bases among the frameworks built in.
func newResolver() *resolver {
	return &resolver{bundled: func(id string, _ *resolver) (*Framework, error) {
		set, err := bundled()
		if err != nil {
			return nil, err
		}
		b, err := set.get(id)
		if b == nil {
			return nil, err
		}
		return b.fw, err
	}, known: bundledList}
}

// with is r with l at the end of its chain, or a chainError when l closes
// a cycle or makes the chain too long.
func (r *resolver) with(l link) (*resolver, error) {
	names := func(more string) string {
		var out []string
		for _, c := range r.chain {
			out = append(out, c.name)
		}
		return strings.Join(append(out, more), " → ")
	}
	if slices.ContainsFunc(r.chain, func(c link) bool { return c.key == l.key }) {
		return nil, &chainError{"extends makes a cycle: " + names(l.name)}
	}
	if len(r.chain) >= MaxExtendsDepth {
		return nil, &chainError{fmt.Sprintf("extends goes more than %d frameworks deep: %s", MaxExtendsDepth, names(l.name))}
	}
	out := *r
	out.chain = append(slices.Clip(r.chain), l)
	return &out, nil
}

// nested reports whether the framework loading is the base of another.
func (r *resolver) nested() bool { return len(r.chain) > 1 }

// load parses and loads one framework file as a link of r's chain.
func (r *resolver) load(l link, path string, data []byte) (*Framework, error) {
	root, err := yamlx.Parse(path, data, yamlx.Limits{MaxNodes: yamlx.MaxFrameworkNodes})
	if err != nil {
		return nil, err
	}
	return r.loadRoot(l, path, data, root)
}

// loadRoot loads the framework parsed as root from data; an extension is
// merged into a copy of its base first.
func (r *resolver) loadRoot(lk link, path string, data []byte, root *yaml.Node) (*Framework, error) {
	r, err := r.with(lk)
	if err != nil {
		return nil, err
	}
	if r.nested() && !isFramework(root) {
		return nil, fmt.Errorf("%s is not a framework file (a framework has schema: %s)", path, Schema)
	}
	l := &loader{Reader: yamlx.Reader{Path: path}, ids: map[string]*yaml.Node{}}
	var ext *extension
	if root.Kind == yaml.MappingNode && yamlx.Lookup(root, "extends") != nil {
		if ext, err = l.extend(root, r, filepath.Dir(path)); err != nil || ext == nil {
			return nil, firstErr(err, l.Reader.Err())
		}
		root = ext.tree
	}
	f := l.framework(root)
	if err := l.Reader.Err(); err != nil {
		return nil, err
	}
	f.Warnings = l.warnings
	h := sha256.New()
	h.Write(data)
	if ext != nil {
		h.Write([]byte(ext.base.SHA256))
	}
	f.Path, f.SHA256, f.tree = path, hex.EncodeToString(h.Sum(nil)), root
	ext.apply(f)
	return f, nil
}

// firstErr is the first error that is not nil.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// isFramework reports whether root says it is a framework.
func isFramework(root *yaml.Node) bool {
	v := yamlx.Lookup(root, "schema")
	return v != nil && v.Kind == yaml.ScalarNode && v.Value == Schema
}

// base finds and loads the framework ref names, from the folder dir of
// the file that extends it: a bundled framework of that id, or else a
// file.
func (r *resolver) base(ref, dir string) (*Framework, error) {
	if frameworkIDPattern.MatchString(ref) {
		if _, err := r.with(link{key: "bundled:" + ref, name: ref}); err != nil {
			return nil, err // a cycle among bundled frameworks
		}
		if f, err := r.bundled(ref, r); f != nil || err != nil {
			return f, err
		}
	}
	name := yamlx.Shorten(ref, maxEcho)
	looksLikeFile := strings.ContainsAny(ref, `/\`) || strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml")
	if r.onlyBundled {
		return nil, fmt.Errorf("no bundled framework %q: a bundled framework extends only bundled ones", name)
	}
	path := ref
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, ref)
	}
	st, err := os.Stat(path)
	switch {
	case err != nil && looksLikeFile:
		return nil, fmt.Errorf("base framework file %s not found", yamlx.Shorten(path, maxEcho))
	case err != nil:
		return nil, fmt.Errorf("unknown framework %q: bundled are %s; or give the path of a framework file", name, r.known())
	case !st.Mode().IsRegular():
		return nil, fmt.Errorf("base framework %s is not a file", yamlx.Shorten(path, maxEcho))
	}
	data, err := yamlx.ReadFile(path, MaxFileSize)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return r.load(link{key: abs, name: path}, path, data)
}

// bundledList names the bundled frameworks, for messages.
func bundledList() string {
	set, err := bundled()
	if err != nil {
		return "none"
	}
	return strings.Join(set.ids(), ", ")
}

// extension is an extension merged into a copy of its base.
type extension struct {
	tree    *yaml.Node
	base    *Framework
	marks   map[string]Change // by area, criterion or indicator id
	dropped []string
}

// extend resolves the base of the extension root and merges root into a
// copy of it. It returns nil when the base cannot be had, the problem
// recorded; an error only for a chain of extends that cannot load, when
// root is itself a base (the first file of the chain reports it).
func (l *loader) extend(root *yaml.Node, r *resolver, dir string) (*extension, error) {
	at := yamlx.Lookup(root, "extends")
	ref, ok := l.String(at, "extends")
	if !ok {
		return nil, nil
	}
	base, err := r.base(ref, dir)
	var chain *chainError
	switch {
	case errors.As(err, &chain) && r.nested():
		return nil, err
	case err != nil:
		l.baseProblems(at, err)
		return nil, nil
	}
	m := &merger{l: l, base: base, marks: map[string]Change{}, given: map[string]*yaml.Node{}, drops: map[string]bool{}}
	tree := m.merge(root)
	return &extension{tree: tree, base: base, marks: m.marks, dropped: m.dropped}, nil
}

// baseProblems reports why the base did not load at the extends node n:
// each problem of the base file on a line of its own, after the
// extension's position.
func (l *loader) baseProblems(n *yaml.Node, err error) {
	var ps yamlx.Problems
	var p yamlx.Problem
	switch {
	case errors.As(err, &ps):
	case errors.As(err, &p):
		ps = yamlx.Problems{p}
	default:
		l.Reader.Errorf(n, "%s", err.Error())
		return
	}
	for _, p := range ps {
		l.Reader.Errorf(n, "in the base: %s", p.Error())
	}
}

// apply records on f what the extension did.
func (e *extension) apply(f *Framework) {
	if e == nil {
		return
	}
	f.Extends, f.Base, f.Dropped = e.base.ID, e.base, e.dropped
	for id, c := range e.marks {
		switch n := f.byID[id].(type) {
		case *Area:
			n.Change = c
		case *Criterion:
			n.Change = c
		case *Indicator:
			n.Change = c
		}
	}
}
