package framework

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/r3l/r3l/internal/yamlx"
)

//go:embed bundled/*.yaml
var bundledFS embed.FS

// bundledFramework keeps a bundled framework with the bytes it was loaded
// from, so that BundledSource finds them by the id the file declares rather
// than by the file's name.
type bundledFramework struct {
	fw   *Framework
	src  []byte
	file string // for messages
}

var bundled = sync.OnceValues(func() (map[string]*bundledFramework, error) {
	dir, err := fs.Sub(bundledFS, "bundled")
	if err != nil {
		return nil, err
	}
	return loadBundled(dir)
})

// loadBundled loads every framework file at the top of fsys, keyed by the id
// each declares. It takes an fs.FS so tests can feed it files of their own.
// A bundled framework may extend another bundled one (extends: ID), which
// is then loaded first.
func loadBundled(fsys fs.FS) (map[string]*bundledFramework, error) {
	files, err := readBundled(fsys)
	if err != nil {
		return nil, err
	}
	out := map[string]*bundledFramework{}
	r := &resolver{onlyBundled: true}
	r.bundled = func(id string, r *resolver) (*Framework, error) {
		if b, ok := out[id]; ok {
			return b.fw, nil
		}
		bf, ok := files[id]
		if !ok {
			return nil, nil
		}
		f, err := r.loadRoot(link{key: "bundled:" + id, name: id}, bf.file, bf.data, bf.root)
		if err != nil {
			return nil, err
		}
		f.Path, f.bundled = "bundled:"+f.ID, true
		out[id] = &bundledFramework{fw: f, src: bf.data, file: bf.file}
		return f, nil
	}
	ids := make([]string, 0, len(files))
	for id := range files {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if _, err := r.bundled(id, r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// bundledFile is a bundled framework file, parsed.
type bundledFile struct {
	file string // for messages
	data []byte
	root *yaml.Node
}

// readBundled parses the framework files at the top of fsys, keyed by the
// id each declares.
func readBundled(fsys fs.FS) (map[string]*bundledFile, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	out := map[string]*bundledFile{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		file := "bundled:" + e.Name()
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, err
		}
		root, err := yamlx.Parse(file, data, yamlx.Limits{MaxNodes: yamlx.MaxFrameworkNodes})
		if err != nil {
			return nil, err
		}
		id, _ := nodeID(root)
		if prev, ok := out[id]; ok {
			return nil, fmt.Errorf("%s and %s both declare framework id %q", prev.file, file, id)
		}
		out[id] = &bundledFile{file: file, data: data, root: root}
	}
	return out, nil
}

// Bundled returns the frameworks built into the tool, sorted by id.
func Bundled() ([]*Framework, error) {
	m, err := bundled()
	if err != nil {
		return nil, err
	}
	out := make([]*Framework, 0, len(m))
	for _, b := range m {
		out = append(out, b.fw)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// BundledSource returns the YAML text of the bundled framework whose id is
// id.
func BundledSource(id string) ([]byte, error) {
	m, err := bundled()
	if err != nil {
		return nil, err
	}
	if b, ok := m[id]; ok {
		return bytes.Clone(b.src), nil // the caller may change its copy
	}
	return nil, fmt.Errorf("no bundled framework %q", id)
}

// DefaultID is the framework used when nothing else is named.
const DefaultID = "r3lplus"

// Get returns a bundled framework by id.
func Get(id string) (*Framework, error) {
	m, err := bundled()
	if err != nil {
		return nil, err
	}
	if b, ok := m[id]; ok {
		return b.fw, nil
	}
	ids := make([]string, 0, len(m))
	for k := range m {
		ids = append(ids, k)
	}
	sort.Strings(ids)
	return nil, fmt.Errorf("unknown framework %q: bundled are %s; or give a framework file with -F FILE", id, strings.Join(ids, ", "))
}

// Resolve returns the bundled framework with id ref, or else loads ref as a
// file when it names one.
func Resolve(ref string) (*Framework, error) {
	if f, err := Get(ref); err == nil {
		return f, nil
	}
	if st, err := os.Stat(ref); err == nil && !st.IsDir() {
		return LoadFile(ref)
	}
	if strings.ContainsAny(ref, `/\`) || strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml") {
		return nil, fmt.Errorf("%s: framework file not found", ref)
	}
	return Get(ref)
}
