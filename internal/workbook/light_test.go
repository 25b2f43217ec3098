package workbook

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// lightValues are trickyRows without excelize cells, which light sheets
// do not take.
func lightValues() [][]any {
	var rows [][]any
	for _, row := range trickyRows() {
		var vs []any
		for _, v := range row {
			switch v := v.(type) {
			case excelize.Cell:
				vs = append(vs, v.Value)
			case *excelize.Cell:
				vs = append(vs, v.Value)
			default:
				vs = append(vs, v)
			}
		}
		rows = append(rows, vs)
	}
	return rows
}

// beyondStyles are rows with values beyond the styled columns, empty
// ones among them, which Rows writes and LightRows refuses.
func beyondStyles() [][]any {
	return [][]any{{1, nil, nil, nil, nil, nil, (*float64)(nil)}, {nil, nil, nil, nil, nil, nil, "g", nil}}
}

// lightBook writes a sheet of kept rows 1 and len(rows)+5 with rows
// 3 to len(rows)+2 between them, through rows.
func lightBook(t *testing.T, values [][]any, rows func(b *Book, sheet string, first, n int, styles []int, fill TallRowSource)) string {
	t.Helper()
	b := New()
	b.Sheet("S")
	b.Light("S")
	b.Set("S", 1, 1, "head")
	b.SetStyle("S", 1, 1, 3, 1, 4)
	styles := []int{0, 5, 6, 7, 8}
	rows(b, "S", 3, len(values), styles, func(add func(float64, ...any) error) error {
		for i, v := range values {
			if err := add(rowHeight(i), v...); err != nil {
				return err
			}
		}
		return nil
	})
	b.Set("S", 2, len(values)+5, "foot")
	var buf bytes.Buffer
	if err := b.SaveTo(&buf); err != nil {
		t.Fatal(err)
	}
	return sheetData(t, buf.Bytes(), "xl/worksheets/sheet1.xml")
}

// TestLightRowsAsSet: rows written as the workbook is saved, and rows
// written at once, are the rows the cells set one by one give, kept rows
// before and after them in place.
func TestLightRowsAsSet(t *testing.T) {
	values := slices.DeleteFunc(lightValues(), func(row []any) bool { return len(row) > 5 })
	deferred, set := lightBook(t, values, (*Book).LightRows), lightBook(t, values, (*Book).setRows)
	if deferred != set {
		t.Fatalf("rows written at save differ from cells set one by one:\n%.600s\n---\n%.600s", deferred, set)
	}
	all := append(lightValues(), beyondStyles()...)
	if now, set := lightBook(t, all, (*Book).Rows), lightBook(t, all, (*Book).setRows); now != set {
		t.Fatalf("rows written at once differ from cells set one by one:\n%.600s\n---\n%.600s", now, set)
	}
	foot := fmt.Sprintf(`<row r="%d"><c r="B%[1]d" t="inlineStr"><is><t>foot</t></is></c></row>`, len(values)+5)
	for _, want := range []string{`<row r="1">`, `<row r="3">`, `<row r="5" ht="30" customHeight="1">`, `<c r="E3" s="8"/>`, foot} {
		if !strings.Contains(deferred, want) {
			t.Errorf("no %s in the sheet", want)
		}
	}
}

// TestLightRowsRefused: rows that overlap kept cells, or a fill that
// gives more or fewer rows than it said, fail the save.
func TestLightRowsRefused(t *testing.T) {
	for name, c := range map[string]struct {
		kept, rows int
		want       string
	}{
		"overlap": {kept: 4, rows: 3, want: "row 4 is both kept and in rows 2 to 4"},
		"fewer":   {rows: 2, want: "rows 2 to 4 got 2 rows"},
		"more":    {rows: 4, want: "more than 3 rows from row 2"},
		"blocks":  {rows: 3, want: "rows 2 to 4 and 4 to 4 overlap"},
		"wide":    {rows: 3, want: "row 2 has 2 values for 1 columns"},
	} {
		b := New()
		b.Sheet("S")
		b.Light("S")
		if c.kept > 0 {
			b.Set("S", 1, c.kept, "kept")
		}
		fill := func(rows int) TallRowSource {
			return func(add func(float64, ...any) error) error {
				for range rows {
					values := []any{1.5}
					if name == "wide" {
						values = append(values, "beyond")
					}
					if err := add(0, values...); err != nil {
						return err
					}
				}
				return nil
			}
		}
		b.LightRows("S", 2, 3, []int{0}, fill(c.rows))
		if name == "blocks" {
			b.LightRows("S", 4, 1, []int{0}, fill(1))
		}
		err := b.SaveTo(&bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
}
