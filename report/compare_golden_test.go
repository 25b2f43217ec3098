package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/officetest"
)

// sampleRegions are the folders of testdata/regions: four assessments,
// Lake Constance in two periods.
var sampleRegions = []string{"kaunas", "lake-constance", "lake-constance-2022", "limerick"}

// sampleComparison compares every sample assessment. With MinGroup 2 both
// peer groups of the samples (city: Kaunas and Limerick; cross-border:
// Lake Constance in 2022 and 2024) are large enough for statistics.
func sampleComparison(t testing.TB, minGroup int) *assess.Comparison {
	t.Helper()
	var results []*assess.Result
	for _, region := range sampleRegions {
		results = append(results, sample(t, region))
	}
	return assess.Compare(results[0].Framework, results, assess.CompareOptions{MinGroup: minGroup})
}

func renderComparison(t *testing.T, format string, opts Options, c *assess.Comparison) []byte {
	t.Helper()
	w, err := New(format, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.Comparison(&buf, c); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// allResults reads back every result of a comparison, in its order.
func allResults(t testing.TB, c *assess.Comparison) []*assess.Result {
	t.Helper()
	out := make([]*assess.Result, c.Len())
	for i := range out {
		r, err := c.Result(i)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = r
	}
	return out
}

// result finds a region's assessment of a period in a comparison.
func result(t *testing.T, c *assess.Comparison, region, period string) (int, *assess.Result) {
	t.Helper()
	for i, r := range allResults(t, c) {
		if r.Region.ID == region && r.Period == period {
			return i, r
		}
	}
	t.Fatalf("no assessment %s %s", region, period)
	return -1, nil
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// The JSON of a comparison as a consumer reads it.
type comparisonDoc struct {
	Framework   struct{ ID, Version string }
	GroupBy     string `json:"group_by"`
	MinGroup    int    `json:"min_group"`
	Assessments []struct {
		Region struct{ ID, Group string }
		Period string
		Status string
		Score  *float64
		Rank   *int
		Areas  []struct {
			ID    string
			Score *float64
		}
	}
	Statistics map[string]map[string]*float64
	Groups     map[string]struct {
		N          int
		Suppressed bool
		Members    []string
		Statistics map[string]map[string]*float64
	}
	Trends []struct {
		Region, From, To string
		Delta            map[string]*float64
	}
}

// objectKeys returns the keys of the JSON object at path (object keys),
// in the order written.
func objectKeys(t *testing.T, data []byte, path ...string) []string {
	t.Helper()
	var raw json.RawMessage = data
	for _, p := range path {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		raw = m[p]
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("%v is not an object: %s", path, raw[:min(len(raw), 40)])
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestGoldenComparisonJSON(t *testing.T) {
	c := sampleComparison(t, 2)
	out := renderComparison(t, "json", Options{}, c)
	golden(t, "comparison.json", out, jsonEqual)

	var doc comparisonDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Framework.ID != "r3lplus" || doc.Framework.Version != "2012" || doc.GroupBy != "group" || doc.MinGroup != 2 {
		t.Errorf("header: framework %+v group_by %q min_group %d", doc.Framework, doc.GroupBy, doc.MinGroup)
	}

	// Assessments by region, then period, each with its rank.
	var order []string
	for _, a := range doc.Assessments {
		order = append(order, a.Region.ID+" "+a.Period)
	}
	if want := []string{"kaunas 2024", "lake-constance 2022", "lake-constance 2024", "limerick 2024"}; !slices.Equal(order, want) {
		t.Fatalf("assessments %v, want %v", order, want)
	}
	// Ranks computed here from the scores: 1 + the number of assessments of
	// the same period that scored higher.
	for _, a := range doc.Assessments {
		if a.Score == nil {
			t.Fatalf("%s %s has no overall score", a.Region.ID, a.Period)
		}
		want := 1
		for _, b := range doc.Assessments {
			if b.Period == a.Period && *b.Score > *a.Score {
				want++
			}
		}
		if a.Rank == nil || *a.Rank != want {
			t.Errorf("%s %s (%.2f): rank %v, want %d", a.Region.ID, a.Period, *a.Score, a.Rank, want)
		}
	}
	// What the samples give: Limerick leads 2024 ahead of Kaunas and Lake
	// Constance; Lake Constance 2022 is alone in its period.
	_, kaunas := result(t, c, "kaunas", "2024")
	_, lc22 := result(t, c, "lake-constance", "2022")
	_, lc24 := result(t, c, "lake-constance", "2024")
	_, limerick := result(t, c, "limerick", "2024")
	if !(*limerick.Score > *kaunas.Score && *kaunas.Score > *lc24.Score) {
		t.Fatalf("the samples changed: limerick %v, kaunas %v, lake-constance %v", *limerick.Score, *kaunas.Score, *lc24.Score)
	}
	ranks := map[string]int{}
	for _, a := range doc.Assessments {
		ranks[a.Region.ID+" "+a.Period] = *a.Rank
	}
	if want := map[string]int{"limerick 2024": 1, "kaunas 2024": 2, "lake-constance 2024": 3, "lake-constance 2022": 1}; !mapsEqual(ranks, want) {
		t.Errorf("ranks %v, want %v", ranks, want)
	}

	// Statistics: "overall", then every area, criterion and indicator in
	// framework order, each with the eight measures.
	fw := c.Framework
	wantKeys := []string{"overall"}
	for _, a := range fw.Areas {
		wantKeys = append(wantKeys, a.ID)
	}
	for _, cr := range fw.Criteria {
		wantKeys = append(wantKeys, cr.ID)
	}
	for _, ind := range fw.Indicators {
		wantKeys = append(wantKeys, ind.ID)
	}
	if len(wantKeys) != 1+4+24+64 {
		t.Fatalf("the framework has %d nodes", len(wantKeys))
	}
	if got := objectKeys(t, out, "statistics"); !slices.Equal(got, wantKeys) {
		t.Errorf("statistics keys %v, want %v", got, wantKeys)
	}
	for id, st := range doc.Statistics {
		for _, m := range []string{"n", "mean", "median", "sd", "min", "max", "q1", "q3"} {
			if _, ok := st[m]; !ok {
				t.Errorf("statistics[%q] lacks %q", id, m)
			}
		}
	}
	// The overall statistics, worked out here from the four scores.
	xs := []float64{*kaunas.Score, *lc22.Score, *lc24.Score, *limerick.Score}
	sort.Float64s(xs)
	mean := (xs[0] + xs[1] + xs[2] + xs[3]) / 4
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	// Type-7 quartiles of four values: positions 0.75, 1.5 and 2.25.
	want := map[string]float64{
		"n": 4, "mean": mean, "median": (xs[1] + xs[2]) / 2, "sd": math.Sqrt(ss / 4), "min": xs[0], "max": xs[3],
		"q1": xs[0] + 0.75*(xs[1]-xs[0]), "q3": xs[2] + 0.25*(xs[3]-xs[2]),
	}
	for k, w := range want {
		if got := doc.Statistics["overall"][k]; got == nil || !near(*got, w) {
			t.Errorf("statistics.overall.%s = %v, want %v", k, got, w)
		}
	}

	// Peer groups: both have two members; with MinGroup 2 neither is
	// suppressed. City statistics cover the overall, area and criterion
	// scores.
	if len(doc.Groups) != 2 {
		t.Fatalf("groups %v", doc.Groups)
	}
	city, border := doc.Groups["city"], doc.Groups["cross-border"]
	if city.N != 2 || city.Suppressed || !slices.Equal(city.Members, []string{"kaunas/2024", "limerick/2024"}) {
		t.Errorf("city %+v", city)
	}
	if border.N != 2 || border.Suppressed || !slices.Equal(border.Members, []string{"lake-constance/2022", "lake-constance/2024"}) {
		t.Errorf("cross-border %+v", border)
	}
	if got := objectKeys(t, out, "groups", "city", "statistics"); !slices.Equal(got, wantKeys[:1+4+24]) {
		t.Errorf("group statistics keys %v", got)
	}
	if m := city.Statistics["overall"]["mean"]; m == nil || !near(*m, (*kaunas.Score+*limerick.Score)/2) {
		t.Errorf("city mean %v", m)
	}
	if got := objectKeys(t, out, "groups"); !slices.Equal(got, []string{"city", "cross-border"}) {
		t.Errorf("groups in order %v", got)
	}

	// The trend of Lake Constance: the difference of its two scores,
	// overall and per area.
	if len(doc.Trends) != 1 {
		t.Fatalf("trends %+v", doc.Trends)
	}
	tr := doc.Trends[0]
	if tr.Region != "lake-constance" || tr.From != "2022" || tr.To != "2024" {
		t.Errorf("trend %+v", tr)
	}
	if d := tr.Delta["overall"]; d == nil || !near(*d, *lc24.Score-*lc22.Score) {
		t.Errorf("overall delta %v, want %v", d, *lc24.Score-*lc22.Score)
	}
	for i, a := range fw.Areas {
		if d := tr.Delta[a.ID]; d == nil || !near(*d, *lc24.Areas[i].Score-*lc22.Areas[i].Score) {
			t.Errorf("delta %s = %v", a.ID, d)
		}
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestComparisonJSONSuppressed: with the default minimum of five, both
// two-member groups are suppressed and carry no statistics (null), and no
// assessment has a difference to its group.
func TestComparisonJSONSuppressed(t *testing.T) {
	c := sampleComparison(t, 0)
	if c.MinGroup != assess.DefaultMinGroup {
		t.Fatalf("min group %d", c.MinGroup)
	}
	out := renderComparison(t, "json", Options{}, c)
	var doc struct {
		MinGroup int `json:"min_group"`
		Groups   map[string]map[string]any
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"city", "cross-border"} {
		g := doc.Groups[name]
		if g == nil || g["n"] != 2.0 || g["suppressed"] != true || g["statistics"] != nil {
			t.Errorf("group %s: %v", name, g)
		}
		if _, ok := g["statistics"]; !ok {
			t.Errorf("group %s: statistics must be null, not absent", name)
		}
	}
	for i := range c.Entries {
		if d := c.GroupDiff(i, assess.OverallNode); d != nil {
			t.Errorf("%s: difference %v to a suppressed group", c.Entries[i].Region.ID, *d)
		}
	}
	// Grouped by country, Lake Constance (DE) is a group of two; with a
	// minimum of two it gets statistics and Kaunas (LT) is suppressed.
	results := allResults(t, c)
	byCountry := assess.Compare(c.Framework, results, assess.CompareOptions{GroupBy: assess.ByCountry, MinGroup: 2})
	var names []string
	for _, g := range byCountry.Groups {
		names = append(names, g.Name)
		if want := g.Name != "DE"; g.Suppressed != want {
			t.Errorf("country %s suppressed %v", g.Name, g.Suppressed)
		}
	}
	if !slices.Equal(names, []string{"DE", "IE", "LT"}) {
		t.Errorf("country groups %v", names)
	}
}

func TestGoldenComparisonCSV(t *testing.T) {
	c := sampleComparison(t, 2)
	out := renderComparison(t, "csv", Options{}, c)
	golden(t, "comparison.csv", out, nil)
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "region,name,group,country,period,kind,node,score,coverage,status,maturity,target,gap,met,baseline_score,delta,noise" {
		t.Errorf("header %s", got)
	}
	// Per assessment: overall + 4 areas + 24 criteria + 64 indicators.
	if len(rows) != 1+4*(1+4+24+64) {
		t.Errorf("%d rows", len(rows))
	}
	count := map[string]int{}
	for _, row := range rows[1:] {
		count[row[0]+" "+row[4]]++
		count[row[5]]++
	}
	for k, n := range map[string]int{"kaunas 2024": 93, "lake-constance 2022": 93, "lake-constance 2024": 93, "limerick 2024": 93,
		"overall": 4, "area": 16, "criterion": 96, "indicator": 256} {
		if count[k] != n {
			t.Errorf("%d rows of %s, want %d", count[k], k, n)
		}
	}
	// Each overall row carries the score at full precision.
	for _, row := range rows[1:] {
		if row[5] != "overall" {
			continue
		}
		_, r := result(t, c, row[0], row[4])
		if v, err := strconv.ParseFloat(row[7], 64); err != nil || v != *r.Score {
			t.Errorf("%s %s: overall %q, want %v", row[0], row[4], row[7], *r.Score)
		}
	}
}

func TestGoldenComparisonTable(t *testing.T) {
	c := sampleComparison(t, 2)
	out := renderComparison(t, "table", Options{}, c)
	golden(t, "comparison.txt", out, nil)
	for i, line := range strings.Split(string(out), "\n") {
		if n := len([]rune(line)); n > 80 {
			t.Errorf("line %d is %d columns: %s", i+1, n, line)
		}
	}
	// Regions by name, ranks said to be within a period, peer groups
	// with their note.
	for _, want := range []string{"│ 1 │ Limerick Learning City ", "│ 2 │ Kaunas Learning City ", "│ 3 │ Lake Constance Learning   │ 2024 ",
		"│ 1 │ Lake Constance Learning   │ 2022 ", "\n#: rank by overall score among the assessments of the same period",
		"\nStatistics\n", "\nTrends\n", "│ Lake Constance        │ 2022 │ 2024 │", "\nPeer groups\n", "│ city         │ 2 │           61.2 │",
		"Peer groups with fewer than 2 assessments get no statistics."} {
		if !strings.Contains(string(out), want) {
			t.Errorf("table lacks %q", want)
		}
	}
}

func TestGoldenComparisonMarkdown(t *testing.T) {
	c := sampleComparison(t, 2)
	out := string(renderComparison(t, "markdown", Options{}, c))
	golden(t, "comparison.md", []byte(out), nil)
	for _, want := range []string{"# Comparison\n", "| # | Region ", "| Overall | A ", "## Statistics\n", "## Peer groups\n",
		"## Trends\n", "Peer groups with fewer than 2 assessments get no statistics."} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	// Neither group is suppressed at two: each shows its mean.
	if strings.Contains(out, "too small") {
		t.Error("a group of two is suppressed with --min-group 2")
	}
	out = string(renderComparison(t, "markdown", Options{}, sampleComparison(t, 3)))
	if strings.Count(out, " too small |") != 2 {
		t.Errorf("with --min-group 3 both groups should be suppressed:\n%s", out)
	}

	// --by criterion and indicator: those ids are the columns.
	byCrit := string(renderComparison(t, "markdown", Options{By: "criterion"}, c))
	header := strings.Split(byCrit, "\n")[6] // after the r3l mark, the title and the framework lines
	if !strings.HasPrefix(header, "| # | Region ") || !strings.Contains(header, "| Overall | A1 ") || !strings.Contains(header, "| D5 ") ||
		strings.Contains(header, "| A ") || strings.Count(header, "|") != 4+24+1 {
		t.Errorf("--by criterion header %s", header)
	}
	byInd := string(renderComparison(t, "markdown", Options{By: "indicator"}, c))
	header = strings.Split(byInd, "\n")[6]
	if !strings.Contains(header, "| A1.a ") || !strings.Contains(header, "| D5.b ") || strings.Count(header, "|") != 4+64+1 {
		t.Errorf("--by indicator header %s", header)
	}
}

func TestGoldenComparisonXLSX(t *testing.T) {
	c := sampleComparison(t, 2)
	data := renderComparison(t, "xlsx", Options{Version: "test"}, c)
	dump := dumpWorkbook(t, data)
	golden(t, "comparison.xlsx.txt", []byte(dump), nil)

	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Overview", "Criteria", "Indicators", "Statistics", "Groups", "Trends", "Data", "About"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}

	// Overview: one row per assessment with rank and overall score.
	rows, _ := f.GetRows("Overview")
	if len(rows) != 1+c.Len() || rows[0][0] != "#" || rows[0][7] != "Overall" {
		t.Fatalf("Overview rows %v", rows)
	}
	for i, r := range allResults(t, c) {
		row := rows[1+i]
		if row[0] != strconv.Itoa(*c.Ranks[i]) || row[1] != r.Region.ID+" "+r.Period || row[2] != r.Region.Name {
			t.Errorf("Overview row %d: %v", i+2, row)
		}
		ref, _ := excelize.CoordinatesToCellName(8, i+2)
		v, _ := f.GetCellValue("Overview", ref, excelize.Options{RawCellValue: true})
		if got, err := strconv.ParseFloat(v, 64); err != nil || !near(got, *r.Score) {
			t.Errorf("Overview!%s = %q, want %v", ref, v, *r.Score)
		}
	}
	// A colour scale over the overall and area scores, and a bar chart of
	// the overall scores.
	for _, ref := range []string{"H2:H5", "K2:K5", "N2:N5"} {
		if !strings.Contains(dump, "colour scale "+ref+" 3_color_scale") {
			t.Errorf("Overview has no colour scale on %s", ref)
		}
	}
	if !strings.Contains(dump, "barChart 'Overview'!$H$1 'Overview'!$B$2:$B$5 'Overview'!$H$2:$H$5") {
		t.Errorf("no bar chart of the overall scores on Overview:\n%s", dump[strings.Index(dump, "chart "):])
	}

	// Streamed matrices carry the heat map in each score cell's fill.
	for sheet, nodes := range map[string]int{"Criteria": 24, "Indicators": 64} {
		rows, _ := f.GetRows(sheet)
		if len(rows) != 1+c.Len() || len(rows[0]) != 3+nodes {
			t.Errorf("%s is %d×%d", sheet, len(rows), len(rows[0]))
			continue
		}
		for ri, r := range allResults(t, c) {
			scores := r.ScoreMap()
			for ci := 3; ci < 3+nodes; ci++ {
				ref, _ := excelize.CoordinatesToCellName(ci+1, ri+2)
				v := scores[rows[0][ci]]
				fill := cellFill(t, f, sheet, ref)
				if v == nil {
					if fill != "" {
						t.Errorf("%s!%s has no score but a fill %s", sheet, ref, fill)
					}
					continue
				}
				if want := scoreColour(math.Round(*v/5) * 5); fill != want {
					t.Errorf("%s!%s (%.1f): fill %q, want %q", sheet, ref, *v, fill, want)
				}
			}
		}
	}

	// Statistics: every node, with n = 4.
	rows, _ = f.GetRows("Statistics")
	if len(rows) != 1+len(c.Nodes) || rows[1][0] != "overall" || rows[len(rows)-1][0] != "D5.b" || rows[1][3] != "4" {
		t.Errorf("Statistics: %d rows, first %v", len(rows), rows[1])
	}
	// Groups: a mean row and a row per member, each with its difference to
	// the group mean.
	rows, _ = f.GetRows("Groups")
	var labels []string
	for _, row := range rows[1:] {
		labels = append(labels, row[0]+"|"+row[2])
	}
	if want := []string{"city|mean", "city|kaunas 2024", "city|limerick 2024", "cross-border|mean",
		"cross-border|lake-constance 2022", "cross-border|lake-constance 2024"}; !slices.Equal(labels, want) {
		t.Errorf("Groups rows %v, want %v", labels, want)
	}
	ki, _ := result(t, c, "kaunas", "2024")
	v, _ := f.GetCellValue("Groups", "E3", excelize.Options{RawCellValue: true})
	if got, err := strconv.ParseFloat(v, 64); err != nil || !near(got, *c.GroupDiff(ki, assess.OverallNode)) {
		t.Errorf("Groups!E3 (kaunas Δ overall) = %q", v)
	}
	// Trends: Lake Constance with the overall delta.
	rows, _ = f.GetRows("Trends")
	if len(rows) != 2 || rows[1][0] != "lake-constance" || rows[1][1] != "2022" || rows[1][2] != "2024" {
		t.Errorf("Trends %v", rows)
	}
	v, _ = f.GetCellValue("Trends", "D2", excelize.Options{RawCellValue: true})
	if got, err := strconv.ParseFloat(v, 64); err != nil || !near(got, *c.Trends[0].Delta[assess.OverallNode]) {
		t.Errorf("Trends!D2 = %q", v)
	}
	// Data: the tidy table down to criteria.
	rows, _ = f.GetRows("Data")
	if len(rows) != 1+4*(1+4+24) || strings.Join(rows[0], ",") != strings.Join(CSVHeader, ",") {
		t.Errorf("Data has %d rows, header %v", len(rows), rows[0])
	}
	// About: every input with its SHA-256, and the framework and options.
	about, _ := f.GetRows("About")
	inputs := 0
	for _, r := range allResults(t, c) {
		for _, q := range r.Questionnaires {
			for _, row := range about {
				if len(row) > 1 && row[0] == q.Path && row[1] == q.SHA256 {
					inputs++
				}
			}
		}
	}
	if inputs != 19 {
		t.Errorf("About lists %d of 19 inputs with their SHA-256", inputs)
	}
	facts := map[string]string{}
	for _, row := range about[1:] {
		if len(row) >= 8 {
			facts[row[6]] = row[7]
		}
	}
	for k, want := range map[string]string{"Framework": "r3lplus", "Version": "2012", "SHA-256": c.Framework.SHA256,
		"r3l": "test", "--aggregate": "mean", "--group-by": "group", "--min-group": "2", "--lang": "en"} {
		if facts[k] != want {
			t.Errorf("About: %s = %q, want %q", k, facts[k], want)
		}
	}
	// Each streamed sheet is a table (with its filter buttons); About's
	// spans the 19 inputs, not the facts beside them.
	for _, want := range []string{"table t_Criteria A1:AA5", "table t_Indicators A1:BO5", "table t_Statistics A1:K94",
		"table t_Groups A1:M7", "table t_Trends A1:H2", "table t_Data A1:Q117", "table t_About A1:E20"} {
		if !strings.Contains(dump, want+"\n") {
			t.Errorf("dump lacks %q", want)
		}
	}
	// About's rows are as tall as their wrapped texts: a path of 48
	// characters is two lines of its 28-character column, one of 61
	// three; the framework's SHA-256 beside row 4, 64 characters, three
	// lines of 24.
	for row, want := range map[int]float64{1: 15, 2: 30, 4: 45, 7: 45, 21: 15} {
		if h, err := f.GetRowHeight("About", row); err != nil || h != want {
			t.Errorf("About row %d: %v pt tall, want %v (%v)", row, h, want, err)
		}
	}
}

// cellFill is the fill colour of a cell's style, or "".
func cellFill(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Fill.Pattern != 1 || len(st.Fill.Color) == 0 {
		return ""
	}
	return strings.TrimPrefix(strings.ToUpper(st.Fill.Color[0]), "#")
}

func TestComparisonXLSXOpensInLibreOffice(t *testing.T) {
	c := sampleComparison(t, 2)
	path := filepath.Join(t.TempDir(), "comparison.xlsx")
	if err := os.WriteFile(path, renderComparison(t, "xlsx", Options{}, c), 0o644); err != nil {
		t.Fatal(err)
	}
	text := officetest.Text(t, officetest.PDF(t, path))
	wants := []string{"lake-constance 2022", "lake-constance 2024", "cross-border", "Overall", firstInput(&c.Entries[0]).SHA256}
	for _, r := range allResults(t, c) {
		wants = append(wants, r.Region.Name)
	}
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF LibreOffice made does not show %q", want)
		}
	}
}

// TestComparisonTiesAndUnranked: equal overall scores share a rank and the
// next is skipped; an assessment without an overall score has no rank
// (null in JSON, a dash in tables) and is left out of the statistics.
func TestComparisonTiesAndUnranked(t *testing.T) {
	var results []*assess.Result
	for _, region := range sampleRegions {
		results = append(results, sample(t, region))
	}
	byName := map[string]*assess.Result{}
	for _, r := range results {
		byName[r.Region.ID+" "+r.Period] = r
	}
	// Lake Constance 2024 ties with Limerick; Kaunas has too few answers.
	tie := *byName["limerick 2024"].Score
	byName["lake-constance 2024"].Score = &tie
	k := byName["kaunas 2024"]
	k.Status, k.Score, k.Level = assess.Insufficient, nil, nil
	c := assess.Compare(results[0].Framework, results, assess.CompareOptions{MinGroup: 2})

	var doc comparisonDoc
	if err := json.Unmarshal(renderComparison(t, "json", Options{}, c), &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]any{}
	for _, a := range doc.Assessments {
		if a.Rank == nil {
			got[a.Region.ID+" "+a.Period] = nil
		} else {
			got[a.Region.ID+" "+a.Period] = *a.Rank
		}
	}
	want := map[string]any{"kaunas 2024": nil, "lake-constance 2022": 1, "lake-constance 2024": 1, "limerick 2024": 1}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: rank %v, want %v", k, got[k], w)
		}
	}
	if n := doc.Statistics["overall"]["n"]; n == nil || *n != 3 {
		t.Errorf("overall statistics over %v assessments, want 3", n)
	}
	// City now has one overall score (Limerick's): its mean is that score.
	if m := doc.Groups["city"].Statistics["overall"]["mean"]; m == nil || *m != tie {
		t.Errorf("city mean %v, want %v", m, tie)
	}
	md := string(renderComparison(t, "markdown", Options{}, c))
	if !strings.Contains(md, "| – | Kaunas Learning City ") || !strings.Contains(md, "| 1 | Lake Constance Learning Region | 2024 ") {
		t.Errorf("markdown ranks:\n%s", md)
	}

	// A third 2024 assessment below the tie ranks 3rd, not 2nd.
	k.Status, k.Score = assess.Scored, new(tie-1)
	c = assess.Compare(results[0].Framework, results, assess.CompareOptions{})
	if i, _ := result(t, c, "kaunas", "2024"); c.Ranks[i] == nil || *c.Ranks[i] != 3 {
		t.Errorf("kaunas below a tie for first: rank %v, want 3", c.Ranks[i])
	}
}

// TestComparisonBy checks the --by columns: on an 80-column terminal the
// matrix of 24 criteria or 64 indicators is split into tables that fit,
// each with the rank, region and period; the HTML heat map has the same
// columns.
func TestComparisonBy(t *testing.T) {
	c := sampleComparison(t, 2)
	fw := c.Framework
	for _, by := range []string{"criterion", "indicator"} {
		var ids []string
		if by == "criterion" {
			for _, cr := range fw.Criteria {
				ids = append(ids, cr.ID)
			}
		} else {
			for _, ind := range fw.Indicators {
				ids = append(ids, ind.ID)
			}
		}
		out := string(renderComparison(t, "table", Options{By: by}, c))
		for i, line := range strings.Split(out, "\n") {
			if n := len([]rune(line)); n > 80 {
				t.Errorf("--by %s: line %d is %d columns", by, i+1, n)
			}
		}
		for _, id := range ids {
			if !strings.Contains(out, "│ "+id+" ") {
				t.Errorf("--by %s: no column %s", by, id)
			}
		}
		if n := strings.Count(out, "│ # │ Region "); n < 2 {
			t.Errorf("--by %s: %d tables with rank and region, want several", by, n)
		}
		page := string(renderComparison(t, "html", Options{By: by, Date: "2026-11-22", Version: "test"}, c))
		for _, id := range ids {
			if !strings.Contains(page, `">`+id+`</th>`) {
				t.Errorf("--by %s: the HTML heat map has no column %s", by, id)
			}
		}
		// The heat map comes in parts of at most 12 score columns (the
		// overall score and the --by nodes) so that each prints on A4.
		want := (1 + len(ids) + 11) / 12
		if n := strings.Count(page, `<table class="heat">`); n != want {
			t.Errorf("--by %s: %d heat map parts, want %d", by, n, want)
		}
		for i, part := range strings.Split(page, `<table class="heat">`)[1:] {
			head := part[:strings.Index(part, "</thead>")]
			if n := strings.Count(head, `<th class="num"`) - 1; n > 12 {
				t.Errorf("--by %s: heat map part %d has %d score columns", by, i+1, n)
			}
		}
	}
}

// TestComparisonJSONStreamedAsWhole: the comparison written one chunk of
// assessments at a time on all cores is, byte for byte, what encoding the
// whole object with encoding/json's indenting encoder gives — also past
// the first chunks, with commas between chunks and none after the last.
func TestComparisonJSONStreamedAsWhole(t *testing.T) {
	var results []*assess.Result
	for i := range 150 {
		r := *sample(t, sampleRegions[i%len(sampleRegions)])
		r.Region.ID = fmt.Sprintf("%s-%03d", r.Region.ID, i)
		results = append(results, &r)
	}
	c := assess.Compare(results[0].Framework, results, assess.CompareOptions{MinGroup: 2})
	got := renderComparison(t, "json", Options{}, c)
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	whole, err := ComparisonJSON(c, "en")
	if err != nil {
		t.Fatal(err)
	}
	if err := enc.Encode(whole); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("streamed comparison (%d bytes) differs from the whole object encoded (%d bytes)", len(got), want.Len())
	}
	if n := bytes.Count(got, []byte(`"region": {`)); n != 150 {
		t.Errorf("%d assessments written, want 150", n)
	}
}

func firstInput(e *assess.Entry) assess.Input {
	for in := range e.Inputs() {
		return in
	}
	return assess.Input{}
}
