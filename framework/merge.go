package framework

import (
	"gopkg.in/yaml.v3"

	"github.com/r3l/r3l/internal/yamlx"
)

// The keys of a framework file and of its parts. The loader reads them,
// and an extension merges them into its base (docs/reference.md §1.2).
var (
	frameworkKeys = []string{"schema", "id", "version", "extends", "drop", "title", "description", "languages",
		"source", "levels", "scales", "default_scale", "maturity", "min_coverage", "priority_points", "roles", "areas"}
	areaKeys      = []string{"id", "title", "description", "weight", "criteria"}
	criterionKeys = []string{"id", "title", "description", "question", "cycle", "cluster", "weight", "indicators"}
	indicatorKeys = []string{"id", "text", "scale", "weight", "evidence", "origin"}
)

// treeLevel is one level of the tree of areas, criteria and indicators.
type treeLevel struct {
	noun, article string   // "area", "an"
	child         string   // the key of its children's list, or ""
	keys          []string // the keys it may have
}

var treeLevels = []treeLevel{
	{"area", "an", "criteria", areaKeys},
	{"criterion", "a", "indicators", criterionKeys},
	{"indicator", "an", "", indicatorKeys},
}

// merger merges an extension's nodes into a copy of its base's tree,
// recording problems with the loader.
type merger struct {
	l       *loader
	base    *Framework
	marks   map[string]Change
	dropped []string
	given   map[string]*yaml.Node // the extension's area, criterion and indicator ids, where first given
	drops   map[string]bool
}

// merge returns the base's tree with the extension root merged into it:
// a tree the loader reads as any framework file, without extends and
// drop. The nodes from the base have no position (line 0), so that their
// problems print as `PATH: message`, not at a line of another file.
func (m *merger) merge(root *yaml.Node) *yaml.Node {
	tree := copyTree(m.base.tree)
	fields := m.l.Map(root, "framework", frameworkKeys...)
	m.l.Require(root, fields, "framework", "schema", "id", "version")
	if fl, ok := fields["drop"]; ok {
		m.drop(tree, fl.Value)
	}
	for _, fl := range inOrder(root, fields) {
		switch fl.Key.Value {
		case "extends", "drop":
		case "id":
			m.ownID(fl.Value)
			setField(tree, fl)
		case "levels":
			m.levels(tree, fl)
		case "scales", "roles":
			m.byID(tree, fl)
		case "areas":
			m.children(yamlx.Lookup(tree, "areas"), fl.Value, 0, "")
		default:
			setField(tree, fl)
		}
	}
	return tree
}

// copyTree copies the tree under n, without positions.
func copyTree(n *yaml.Node) *yaml.Node {
	c := *n
	c.Line, c.Column = 0, 0
	if n.Content != nil {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, ch := range n.Content {
			c.Content[i] = copyTree(ch)
		}
	}
	return &c
}

// inOrder returns the fields of mapping n that Map kept, in file order.
func inOrder(n *yaml.Node, fields map[string]yamlx.Field) []yamlx.Field {
	var out []yamlx.Field
	for i := 0; i+1 < len(n.Content); i += 2 {
		if fl, ok := fields[n.Content[i].Value]; ok && fl.Key == n.Content[i] {
			out = append(out, fl)
		}
	}
	return out
}

// setField sets a key of mapping dst to the extension's field, key node
// and all, so that problems with it are at the extension's lines.
func setField(dst *yaml.Node, fl yamlx.Field) {
	for i := 0; i+1 < len(dst.Content); i += 2 {
		if dst.Content[i].Value == fl.Key.Value {
			dst.Content[i], dst.Content[i+1] = fl.Key, fl.Value
			return
		}
	}
	dst.Content = append(dst.Content, fl.Key, fl.Value)
}

// ownID checks that the extension's id is not one of the frameworks it
// extends.
func (m *merger) ownID(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && m.base.Ancestor(n.Value) != nil {
		m.l.Errorf(n, "id %q is that of the framework it extends; an extension needs an id of its own", n.Value)
	}
}

// levels merges the names of the tree's levels by key.
func (m *merger) levels(tree *yaml.Node, fl yamlx.Field) {
	dst := yamlx.Lookup(tree, "levels")
	if dst == nil || fl.Value.Kind != yaml.MappingNode {
		setField(tree, fl) // the loader reports what is wrong with it
		return
	}
	fields := m.l.Map(fl.Value, "levels", "area", "criterion", "indicator")
	for _, f := range inOrder(fl.Value, fields) {
		setField(dst, f)
	}
}

// byID merges a list of scales or roles by id: an item with an id of the
// base's list takes the place of that item (a scale whole, a role's label
// if given), others are added. An id given twice is added the second
// time, for the loader to report.
func (m *merger) byID(tree *yaml.Node, fl yamlx.Field) {
	dst := yamlx.Lookup(tree, fl.Key.Value)
	if dst == nil || dst.Kind != yaml.SequenceNode || fl.Value.Kind != yaml.SequenceNode {
		setField(tree, fl)
		return
	}
	seen := map[string]bool{}
	for _, it := range fl.Value.Content {
		id, _ := nodeID(it)
		i := indexByID(dst, id)
		switch {
		case id == "" || seen[id] || i < 0:
			dst.Content = append(dst.Content, it)
		case fl.Key.Value == "roles":
			fields := m.l.Map(it, named("role", id), "id", "label")
			for _, f := range inOrder(it, fields) {
				setField(dst.Content[i], f)
			}
		default:
			dst.Content[i] = it
		}
		seen[id] = true
	}
}

// nodeID returns the id of a mapping item and its node, or "".
func nodeID(n *yaml.Node) (string, *yaml.Node) {
	v := yamlx.Lookup(n, "id")
	if v == nil || v.Kind != yaml.ScalarNode {
		return "", nil
	}
	return v.Value, v
}

// indexByID is the position of the item with the id in list, or -1.
func indexByID(list *yaml.Node, id string) int {
	if list == nil || id == "" {
		return -1
	}
	for i, it := range list.Content {
		if got, _ := nodeID(it); got == id {
			return i
		}
	}
	return -1
}

// children merges the extension's list src of nodes at depth (0 areas, 1
// criteria, 2 indicators) under parent into the base's list dst: a node
// with an id dst holds is merged into it, others are added at the end.
func (m *merger) children(dst, src *yaml.Node, depth int, parent string) {
	what := "areas"
	if depth > 0 {
		what = named(treeLevels[depth-1].noun, parent) + " " + treeLevels[depth-1].child
	}
	for _, it := range m.l.Seq(src, what) {
		id, at := nodeID(it)
		if !m.claim(id, at, depth, parent) {
			continue
		}
		if i := indexByID(dst, id); i >= 0 {
			m.mergeNode(dst.Content[i], it, depth, id)
			continue
		}
		dst.Content = append(dst.Content, it)
		m.added(it, depth, id)
	}
}

// claim checks the id of a node the extension gives at depth under
// parent: given once, not dropped, and where the base has it, of the same
// kind and under the same parent (no moving).
func (m *merger) claim(id string, at *yaml.Node, depth int, parent string) bool {
	if id == "" {
		return true // the loader reports the missing id
	}
	if first, dup := m.given[id]; dup {
		m.l.Errorf(at, "id %q is already used at line %d", id, first.Line)
		return false
	}
	m.given[id] = at
	lv := treeLevels[depth]
	kind, where := m.inBase(id)
	switch {
	case m.drops[id]:
		m.l.Errorf(at, "%s is dropped (drop:): an extension cannot drop an id and give it again", named(lv.noun, id))
	case kind >= 0 && kind != depth:
		m.l.Errorf(at, "%s is %s %s of the base framework, not %s %s", id, treeLevels[kind].article, treeLevels[kind].noun, lv.article, lv.noun)
	case kind >= 0 && where != parent:
		up := treeLevels[depth-1].noun
		m.l.Errorf(at, "%s is in %s %s of the base framework: an extension cannot move it (drop it and add one with a new id)",
			named(lv.noun, id), up, where)
	default:
		return true
	}
	return false
}

// inBase returns the depth of the base's node with the id and its
// parent's id, or -1.
func (m *merger) inBase(id string) (int, string) {
	switch n := m.base.byID[id].(type) {
	case *Area:
		return 0, ""
	case *Criterion:
		return 1, n.Area.ID
	case *Indicator:
		return 2, n.Criterion.ID
	}
	return -1, ""
}

// mergeNode merges the extension's node src into the copy dst of the
// base's node id at depth: each field given replaces the base's, and the
// list of children merges as children does.
func (m *merger) mergeNode(dst, src *yaml.Node, depth int, id string) {
	lv := treeLevels[depth]
	fields := m.l.Map(src, named(lv.noun, id), lv.keys...)
	changed := false
	for _, fl := range inOrder(src, fields) {
		switch fl.Key.Value {
		case "id":
		case lv.child:
			m.children(yamlx.Lookup(dst, lv.child), fl.Value, depth+1, id)
		default:
			setField(dst, fl)
			changed = true
		}
	}
	if changed {
		m.marks[id] = Changed
	}
}

// added marks a node the extension adds, with everything under it, and
// checks the ids under it as claim does; a child claim refuses is left out.
func (m *merger) added(n *yaml.Node, depth int, id string) {
	if id != "" {
		m.marks[id] = Added
	}
	lv := treeLevels[depth]
	list := yamlx.Lookup(n, lv.child)
	if lv.child == "" || list == nil || list.Kind != yaml.SequenceNode {
		return
	}
	kept := list.Content[:0]
	for _, c := range list.Content {
		cid, at := nodeID(c)
		if m.claim(cid, at, depth+1, id) {
			kept = append(kept, c)
			m.added(c, depth+1, cid)
		}
	}
	list.Content = kept
}

// drop removes the ids of the drop list from the copy of the base's tree.
func (m *merger) drop(tree *yaml.Node, n *yaml.Node) {
	for _, it := range m.l.Seq(n, "drop") {
		id, ok := m.l.String(it, "drop item")
		if !ok {
			continue
		}
		kind, parent := m.inBase(id)
		switch {
		case m.drops[id]:
			m.l.Errorf(it, "drop: %s is listed twice", id)
			continue
		case kind < 0:
			m.l.Errorf(it, "drop: %q is not an area, criterion or indicator of framework %s", id, m.base.ID)
			continue
		}
		m.drops[id] = true
		m.dropped = append(m.dropped, id)
		list := m.listOf(tree, kind, parent)
		if i := indexByID(list, id); i >= 0 {
			list.Content = append(list.Content[:i:i], list.Content[i+1:]...)
		}
	}
}

// listOf returns the list in tree that holds the base's nodes at depth
// under parent, or nil when an earlier drop removed it.
func (m *merger) listOf(tree *yaml.Node, depth int, parent string) *yaml.Node {
	areas := yamlx.Lookup(tree, "areas")
	switch depth {
	case 0:
		return areas
	case 1:
		return childList(areas, parent, "criteria")
	}
	c := m.base.Criterion(parent)
	return childList(childList(areas, c.Area.ID, "criteria"), parent, "indicators")
}

// childList returns the list under key of the item with the id in list.
func childList(list *yaml.Node, id, key string) *yaml.Node {
	if i := indexByID(list, id); i >= 0 {
		return yamlx.Lookup(list.Content[i], key)
	}
	return nil
}
