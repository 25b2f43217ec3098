package report

import (
	"bytes"
	"io"
	"reflect"
	"sync"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// tablePool keeps tablewriter tables of one kind for reuse: every new
// table allocates a cache of 10,240 entries (tw.DefaultCacheStringCapacity,
// about 0.3 MB) that string cells never use, and a report draws several
// tables — that cache was most of what `assess` allocated.
type tablePool struct {
	pool sync.Pool
	base func() []tablewriter.Option // the options every table of the pool has
}

// pooledTable draws into its own buffer: a table's writer is fixed when
// it is made.
type pooledTable struct {
	buf bytes.Buffer
	tbl *tablewriter.Table
}

func newTablePool(base func() []tablewriter.Option) *tablePool {
	tp := &tablePool{base: base}
	tp.pool.New = func() any {
		t := &pooledTable{}
		t.tbl = tablewriter.NewTable(&t.buf, append(base(), tablewriter.WithStringerCacheCustom(noStringerCache{}))...)
		return t
	}
	return tp
}

// noStringerCache stands in for the table's stringer cache: Reset would
// otherwise make the cache anew (Purge allocates its 10,240 entries again),
// and cells of strings never go through a stringer.
type noStringerCache struct{}

func (noStringerCache) Add(reflect.Type, reflect.Value) bool        { return false }
func (noStringerCache) Get(reflect.Type) (v reflect.Value, ok bool) { return v, false }
func (noStringerCache) Purge()                                      {}

// render draws a table (header may be nil) with opts on top of the pool's
// options; opts must set every option any table of the pool sets, so that
// none is left over from the table drawn before.
func (tp *tablePool) render(w io.Writer, opts []tablewriter.Option, header []string, rows [][]string) error {
	t := tp.pool.Get().(*pooledTable)
	defer tp.pool.Put(t)
	t.buf.Reset()
	t.tbl.Reset()
	t.tbl.Options(opts...)
	if header != nil {
		t.tbl.Header(header)
	}
	if err := t.tbl.Bulk(rows); err != nil {
		return err
	}
	if err := t.tbl.Render(); err != nil {
		return err
	}
	_, err := w.Write(t.buf.Bytes())
	return err
}

// terminalTables draw the terminal's tables: light box lines, long texts
// wrapped.
var terminalTables = newTablePool(func() []tablewriter.Option {
	return []tablewriter.Option{
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleLight)})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
		tablewriter.WithTrimSpace(tw.Off),
	}
})

// markdownTables draw GitHub-flavoured Markdown tables, nothing wrapped.
var markdownTables = newTablePool(func() []tablewriter.Option {
	return []tablewriter.Option{
		tablewriter.WithRenderer(renderer.NewMarkdown()),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
	}
})
