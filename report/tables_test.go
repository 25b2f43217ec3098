package report

import (
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// A table drawn by a pooled tablewriter table is the table a new one draws,
// whatever the table drawn before set: widths, alignments, a header.
func TestPooledTablesDrawLikeNewOnes(t *testing.T) {
	narrow := tw.NewMapper[int, int]().Set(1, 16)
	tables := []struct {
		name   string
		pool   *tablePool
		opts   []tablewriter.Option
		header []string
		rows   [][]string
	}{
		{"terminal, narrowed", terminalTables, []tablewriter.Option{
			tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: []tw.Align{tw.AlignLeft, tw.AlignLeft, tw.AlignRight}}),
			tablewriter.WithColumnWidths(narrow),
		}, []string{"Id", "Criterion", "Score"}, [][]string{{"1.1", "A shared vision of lifelong learning in the region", "72.5"}, {"1.2", "Partners", "n/a"}}},
		{"terminal, plain", terminalTables, []tablewriter.Option{
			tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: []tw.Align{tw.AlignRight, tw.AlignLeft}}),
			tablewriter.WithColumnWidths(tw.NewMapper[int, int]()),
		}, nil, [][]string{{"3", "A shared vision of lifelong learning in the region"}, {"12", "x"}}},
		{"markdown", markdownTables, []tablewriter.Option{
			tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: []tw.Align{tw.AlignLeft, tw.AlignRight}}),
		}, []string{"Area", "Score"}, [][]string{{"Governance", "61.0"}, {"Learning", "—"}}},
	}
	for round := range 3 {
		for _, tc := range tables {
			var want strings.Builder
			fresh := tablewriter.NewTable(&want, append(tc.pool.base(), tc.opts...)...)
			if tc.header != nil {
				fresh.Header(tc.header)
			}
			if err := fresh.Bulk(tc.rows); err != nil {
				t.Fatal(err)
			}
			if err := fresh.Render(); err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			if err := tc.pool.render(&got, tc.opts, tc.header, tc.rows); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("round %d, %s: pooled table drew\n%s\nwant\n%s", round, tc.name, got.String(), want.String())
			}
		}
	}
}
