package framework

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"

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

// bundled is the set of bundled frameworks. Each is parsed when it is first
// asked for: `assess` needs one of them, and parsing all took longer than
// everything else it does.
var bundled = sync.OnceValues(func() (*bundledSet, error) {
	dir, err := fs.Sub(bundledFS, "bundled")
	if err != nil {
		return nil, err
	}
	return newBundledSet(dir)
})

// bundledSet knows the bundled framework files by the id each declares and
// loads each once, on demand.
type bundledSet struct {
	files  map[string]*bundledFile // by id
	mu     sync.Mutex
	loaded map[string]*bundledFramework
	errs   map[string]error
	r      *resolver
}

// bundledFile is a bundled framework file, its id read off its text.
type bundledFile struct {
	file string // for messages
	data []byte
}

// topID finds a file's top-level id without parsing it; the loader checks
// that the id it parses is the same.
var topID = regexp.MustCompile(`(?m)^id:[ \t]*["']?([^"'\s#]+)["']?[ \t]*(?:#.*)?\r?$`)

// newBundledSet reads the framework files at the top of fsys, keyed by the
// id each declares. It takes an fs.FS so tests can feed it files of their
// own.
func newBundledSet(fsys fs.FS) (*bundledSet, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	set := &bundledSet{files: map[string]*bundledFile{}, loaded: map[string]*bundledFramework{}, errs: map[string]error{}}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		file := "bundled:" + e.Name()
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, err
		}
		m := topID.FindSubmatch(data)
		if m == nil {
			return nil, fmt.Errorf("%s declares no framework id", file)
		}
		id := string(m[1])
		if prev, ok := set.files[id]; ok {
			return nil, fmt.Errorf("%s and %s both declare framework id %q", prev.file, file, id)
		}
		set.files[id] = &bundledFile{file: file, data: data}
	}
	// A bundled framework may extend another bundled one (extends: ID),
	// which is then loaded first.
	set.r = &resolver{onlyBundled: true}
	set.r.bundled = func(id string, r *resolver) (*Framework, error) {
		b, err := set.load(id, r)
		if b == nil {
			return nil, err
		}
		return b.fw, err
	}
	return set, nil
}

// get loads the framework with the id, or returns nil when none has it.
func (s *bundledSet) get(id string) (*bundledFramework, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.load(id, s.r)
}

// load is get with the lock held: an extension loads its base through it.
func (s *bundledSet) load(id string, r *resolver) (*bundledFramework, error) {
	if b, ok := s.loaded[id]; ok {
		return b, nil
	}
	if err, ok := s.errs[id]; ok {
		return nil, err
	}
	bf, ok := s.files[id]
	if !ok {
		return nil, nil
	}
	f, err := func() (*Framework, error) {
		root, err := yamlx.Parse(bf.file, bf.data, yamlx.Limits{MaxNodes: yamlx.MaxFrameworkNodes})
		if err != nil {
			return nil, err
		}
		if got, _ := nodeID(root); got != id {
			return nil, fmt.Errorf("%s: its id %q was read as %q", bf.file, got, id)
		}
		return r.loadRoot(link{key: "bundled:" + id, name: id}, bf.file, bf.data, root)
	}()
	if err != nil {
		s.errs[id] = err
		return nil, err
	}
	f.Path, f.bundled = "bundled:"+f.ID, true
	b := &bundledFramework{fw: f, src: bf.data, file: bf.file}
	s.loaded[id] = b
	return b, nil
}

// ids are the bundled frameworks' ids, sorted.
func (s *bundledSet) ids() []string {
	ids := make([]string, 0, len(s.files))
	for id := range s.files {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// all loads every bundled framework.
func (s *bundledSet) all() (map[string]*bundledFramework, error) {
	out := map[string]*bundledFramework{}
	for _, id := range s.ids() {
		b, err := s.get(id)
		if err != nil {
			return nil, err
		}
		out[id] = b
	}
	return out, nil
}

// loadBundled loads every framework file at the top of fsys, keyed by the
// id each declares (for tests).
func loadBundled(fsys fs.FS) (map[string]*bundledFramework, error) {
	set, err := newBundledSet(fsys)
	if err != nil {
		return nil, err
	}
	return set.all()
}

// Bundled returns the frameworks built into the tool, sorted by id.
func Bundled() ([]*Framework, error) {
	set, err := bundled()
	if err != nil {
		return nil, err
	}
	m, err := set.all()
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
	set, err := bundled()
	if err != nil {
		return nil, err
	}
	if b, ok := set.files[id]; ok {
		return bytes.Clone(b.data), nil // the caller may change its copy
	}
	return nil, fmt.Errorf("no bundled framework %q", id)
}

// DefaultID is the framework used when nothing else is named.
const DefaultID = "r3lplus"

// Get returns a bundled framework by id.
func Get(id string) (*Framework, error) {
	set, err := bundled()
	if err != nil {
		return nil, err
	}
	b, err := set.get(id)
	if err != nil {
		return nil, err
	}
	if b != nil {
		return b.fw, nil
	}
	ids := set.ids()
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
