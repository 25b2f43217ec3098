package framework

import (
	"embed"
	"fmt"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed bundled/*.yaml
var bundledFS embed.FS

var bundled = sync.OnceValues(func() (map[string]*Framework, error) {
	entries, err := bundledFS.ReadDir("bundled")
	if err != nil {
		return nil, err
	}
	out := map[string]*Framework{}
	for _, e := range entries {
		data, err := bundledFS.ReadFile("bundled/" + e.Name())
		if err != nil {
			return nil, err
		}
		f, err := Load("bundled:"+e.Name(), data)
		if err != nil {
			return nil, err
		}
		f.Path = "bundled:" + f.ID
		out[f.ID] = f
	}
	return out, nil
})

// Bundled returns the frameworks built into the tool, sorted by id.
func Bundled() ([]*Framework, error) {
	m, err := bundled()
	if err != nil {
		return nil, err
	}
	out := make([]*Framework, 0, len(m))
	for _, f := range m {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// BundledSource returns the YAML text of a bundled framework.
func BundledSource(id string) ([]byte, error) {
	entries, _ := bundledFS.ReadDir("bundled")
	for _, e := range entries {
		if strings.TrimSuffix(e.Name(), path.Ext(e.Name())) == id {
			return bundledFS.ReadFile("bundled/" + e.Name())
		}
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
	if f, ok := m[id]; ok {
		return f, nil
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
