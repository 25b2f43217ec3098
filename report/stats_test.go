package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
)

// TestStatColumnsCoverStats: every measure of assess.Stats has exactly one
// column, so a measure added to the statistics cannot be left out of the
// reports.
func TestStatColumnsCoverStats(t *testing.T) {
	var st assess.Stats
	v := reflect.ValueOf(&st).Elem()
	// Each field gets its own value: 1, 2, 3, … in field order.
	want := map[float64]string{}
	for i := range v.NumField() {
		f := v.Field(i)
		x := float64(i + 1)
		switch f.Kind() {
		case reflect.Int:
			f.SetInt(int64(x))
		case reflect.Pointer:
			f.Set(reflect.ValueOf(&x))
		default:
			t.Fatalf("assess.Stats.%s is a %s: teach statColumn about it", v.Type().Field(i).Name, f.Kind())
		}
		want[x] = v.Type().Field(i).Name
	}
	seen := map[string]string{}
	keys := map[string]bool{}
	for _, c := range statColumns {
		if (c.count == nil) == (c.value == nil) {
			t.Errorf("column %q needs exactly one of count and value", c.key)
			continue
		}
		if c.key == "" || c.key != strings.ToLower(c.key) || keys[c.key] {
			t.Errorf("column key %q: JSON keys are lower case and unique", c.key)
		}
		keys[c.key] = true
		var x float64
		if c.count != nil {
			x = float64(c.count(st))
		} else if p := c.value(st); p != nil {
			x = *p
		}
		field, ok := want[x]
		if !ok {
			t.Errorf("column %q reads no field of assess.Stats", c.key)
			continue
		}
		if other, dup := seen[field]; dup {
			t.Errorf("columns %q and %q both show %s", other, c.key, field)
		}
		seen[field] = c.key
	}
	for _, field := range want {
		if _, ok := seen[field]; !ok {
			t.Errorf("assess.Stats.%s has no column in statColumns", field)
		}
	}
}

// statLabels are the headers of statColumns in a language.
func statLabels(s style) []string {
	var labels []string
	for _, c := range statColumns {
		labels = append(labels, c.header(s))
	}
	return labels
}

// statTexts are the cells of statColumns for some statistics.
func statTexts(s style, st assess.Stats) []string {
	var cells []string
	for _, c := range statColumns {
		cells = append(cells, c.text(s, st))
	}
	return cells
}

// textStats finds, below the heading, the statistics table of a table or
// Markdown rendering: the header's cells and the cells of the row named
// overall, without the first column.
func textStats(t *testing.T, out, heading, sep, overall string) (header, row []string) {
	t.Helper()
	i := strings.Index(out, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("no %q heading in\n%s", heading, out)
	}
	for line := range strings.SplitSeq(out[i:], "\n") {
		if line == "" && header != nil {
			break // the end of the table
		}
		if !strings.HasPrefix(line, sep) {
			continue // a border, or the text above the table
		}
		cells := strings.Split(strings.Trim(line, sep), sep)
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		switch {
		case header == nil:
			header = cells[1:]
		case cells[0] == overall:
			row = cells[1:]
		}
	}
	return header, row
}

var (
	htmlHeadCell = regexp.MustCompile(`<th class="num">([^<]*)</th>`)
	htmlCell     = regexp.MustCompile(`<td class="num">([^<]*)</td>`)
)

// htmlStats is textStats for the HTML page.
func htmlStats(t *testing.T, out, heading, overall string) (header, row []string) {
	t.Helper()
	_, section, ok := strings.Cut(out, "<h2>"+heading+"</h2>")
	section, _, _ = strings.Cut(section, "</table>")
	if !ok {
		t.Fatalf("no %q section", heading)
	}
	head, body, _ := strings.Cut(section, "</thead>")
	for _, m := range htmlHeadCell.FindAllStringSubmatch(head, -1) {
		header = append(header, m[1])
	}
	for line := range strings.SplitSeq(body, "\n") {
		if strings.HasPrefix(line, "<tr><td>"+overall+"</td>") {
			for _, m := range htmlCell.FindAllStringSubmatch(line, -1) {
				row = append(row, m[1])
			}
		}
	}
	return header, row
}

// TestStatColumnsInEveryWriter: each writer shows every column of
// statColumns, in order, with its value, so no writer can drop a measure
// again (sd was once missing from the table, Markdown and HTML).
func TestStatColumnsInEveryWriter(t *testing.T) {
	c := sampleComparison(t, 2)
	overall := c.Statistics[assess.OverallNode]
	for _, lang := range []string{"en", "de"} {
		s := newStyle(Options{Lang: lang})
		labels, cells := statLabels(s), statTexts(s, overall)
		check := func(format string, header, row []string) {
			t.Helper()
			if !slices.Equal(header, labels) {
				t.Errorf("%s (%s): statistics header %q, want %q", format, lang, header, labels)
			}
			if !slices.Equal(row, cells) {
				t.Errorf("%s (%s): overall statistics %q, want %q", format, lang, row, cells)
			}
		}
		out := string(renderComparison(t, "table", Options{Lang: lang}, c))
		header, row := textStats(t, out, s.t("statistics"), "│", s.t("overall"))
		check("table", header, row)

		out = string(renderComparison(t, "markdown", Options{Lang: lang}, c))
		header, row = textStats(t, out, "## "+s.t("statistics"), "|", s.t("overall"))
		check("markdown", header, row)

		out = string(renderComparison(t, "html", Options{Lang: lang}, c))
		header, row = htmlStats(t, out, s.t("statistics"), s.t("overall"))
		check("html", header, row)

		// The sheet holds numbers; shown with one decimal, they read as
		// the English text.
		header, row = xlsxStats(t, renderComparison(t, "xlsx", Options{Lang: lang}, c))
		if !slices.Equal(header, labels) {
			t.Errorf("xlsx (%s): Statistics header %q, want %q", lang, header, labels)
		}
		if want := statTexts(newStyle(Options{}), overall); !slices.Equal(row, want) {
			t.Errorf("xlsx (%s): overall statistics %q, want %q", lang, row, want)
		}
	}
}

// xlsxStats reads the Statistics sheet's header and overall row, without
// the id, kind and title columns.
func xlsxStats(t *testing.T, data []byte) (header, row []string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Statistics")
	if err != nil || len(rows) < 2 || len(rows[0]) < 3 || rows[1][0] != assess.OverallNode {
		t.Fatalf("Statistics sheet %v: %v", rows[:min(len(rows), 2)], err)
	}
	return rows[0][3:], rows[1][3:]
}

// TestStatColumnsInJSON: each statistics object, of all assessments and of
// a peer group, has the keys of statColumns in their order, with values.
func TestStatColumnsInJSON(t *testing.T) {
	c := sampleComparison(t, 2)
	out := renderComparison(t, "json", Options{}, c)
	var keys []string
	for _, col := range statColumns {
		keys = append(keys, col.key)
	}
	// Consumers rely on these names: a new measure may join them, none may
	// be renamed.
	for _, k := range []string{"n", "mean", "median", "sd", "min", "max", "q1", "q3"} {
		if !slices.Contains(keys, k) {
			t.Errorf("no statistics column has the JSON key %q", k)
		}
	}
	for _, path := range [][]string{{"statistics", "overall"}, {"statistics", "D5.b"}, {"groups", "city", "statistics", "A"}} {
		if got := objectKeys(t, out, path...); !slices.Equal(got, keys) {
			t.Errorf("%s has keys %v, want %v", strings.Join(path, "."), got, keys)
		}
	}
	var doc comparisonDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	st := c.Statistics[assess.OverallNode]
	for _, col := range statColumns {
		var want float64
		switch v := col.jsonValue(st).(type) {
		case int:
			want = float64(v)
		case *float64:
			want = *v
		default:
			t.Fatalf("column %q: JSON value %T", col.key, v)
		}
		if got := doc.Statistics[assess.OverallNode][col.key]; got == nil || *got != want {
			t.Errorf("statistics.overall.%s = %v, want %v", col.key, got, want)
		}
	}
}
