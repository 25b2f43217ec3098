package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/plan"
)

// The reports of one assessment with its change since a baseline and its
// plan: Lake Constance 2024 against 2022 and the partners' plan
// (samplePlanned). Without either, every report is as before: the other
// golden files hold that.

func TestGoldenPlannedTable(t *testing.T) {
	r := samplePlanned(t)
	out := render(t, "table", Options{}, r)
	golden(t, "lake-constance-planned.txt", out, nil)
	golden(t, "lake-constance-planned.de.txt", render(t, "table", Options{Lang: "de"}, r), nil)
	for _, want := range []string{
		"Overall: 55.1 (+12.4 since 2022) · Level: Reviewing",
		"Baseline: 2022 (3 respondents)",
		"│ Score │ Δ 2022 │ Level ",
		// A: +18.8, beyond twice its standard error; A1: +10.0 within it.
		"│  75.4 │  +18.8 │ Improving    │",
		"│  71.1 │ ~+10.0 │ Improving    │",
		"│  50.0 │  ~-8.3 │ Reviewing    │",
		"~ within noise: the change is smaller than twice the standard error",
		"\nPlan\nTargets for 2024, set against the baseline 2022; actions as of 2025-03-01.\n",
		// C1 is 3.6 short of implementing (30); C2 passed it.
		"│ C1 │ Monitoring and evaluation inform   │         30.0 │  26.4 │   3.6 │ no  │",
		"│    │ strategy, policy and practice      │ Implementing │",
		"│    │ Actions: M1 done                   │",
		"Targets met: 3 of 5\n",
		"Why C1: Among the lowest quarter of criteria in 2022 (19.4); Ranked a priority",
		"│ M2 │ Annual evaluation workshop of all     │ C2       │ 2024-10    │ running │",
		"│    │ Lead: Volkshochschule Konstanz        │          │            │         │",
		"│ C9       │            │ OVERDUE │",
		"Overdue actions: M2, R1\n",
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("table lacks %q", want)
		}
	}
	if bytes.Contains(out, []byte("Proposed plan")) {
		t.Error("an agreed plan is called a proposal")
	}
}

// TestPlannedTableFitsWidth renders the planned sample in every language
// at three widths: no line may be wider, the narrow terminal leaving out
// the answered counts and the targets' current scores (which the headline
// and the table of scores show) to make room.
func TestPlannedTableFitsWidth(t *testing.T) {
	r := samplePlanned(t)
	for _, summary := range []bool{false, true} {
		for _, lang := range []string{"en", "de", "sv"} {
			for _, width := range []int{60, 80, 120} {
				out := render(t, "table", Options{Lang: lang, Width: width, Summary: summary}, r)
				for i, line := range strings.Split(string(out), "\n") {
					if n := len([]rune(line)); n > width {
						t.Errorf("%s width %d summary %v: line %d is %d columns: %s", lang, width, summary, i+1, n, line)
					}
				}
				if !bytes.Contains(out, []byte("Δ 2022")) {
					t.Errorf("%s width %d: no change column", lang, width)
				}
			}
		}
	}
	// At 80 columns every column stays.
	out := string(render(t, "table", Options{Lang: "de"}, r))
	for _, want := range []string{"│ Bewertet │", "│ Wert │ Abstand │ Erreicht │"} {
		if !strings.Contains(out, want) {
			t.Errorf("German table at 80 columns lacks %q", want)
		}
	}
}

func TestPlannedSummary(t *testing.T) {
	r := samplePlanned(t)
	out := string(render(t, "table", Options{Summary: true}, r))
	for _, want := range []string{"Overall: 55.1 (+12.4 since 2022)", "│ C │ PROGRESS AND SUSTAINABILITY │  33.2 │ ~+10.5 │",
		"~ within noise", "Targets met: 3 of 5 · Overdue actions: M2, R1"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary table lacks %q", want)
		}
	}
	// One screen: the plan's line, not its tables.
	if strings.Contains(out, "Why C1") || strings.Contains(out, "Lead:") {
		t.Error("the summary shows the plan's tables")
	}
	md := string(render(t, "markdown", Options{Summary: true}, r))
	for _, want := range []string{"**Overall: 55.1 (+12.4 since 2022)", "| **C** | **Progress and sustainability** | **33.2** | ~+10.5 |",
		"**Targets met: 3 of 5 · Overdue actions: M2, R1**"} {
		if !strings.Contains(md, want) {
			t.Errorf("summary Markdown lacks %q", want)
		}
	}
	r.Plan.Plan.Status = plan.Draft
	out = string(render(t, "table", Options{Summary: true}, r))
	if !strings.Contains(out, "Proposed plan (draft, not yet agreed by the partners) · Targets met: 3 of 5") {
		t.Errorf("the summary of a draft does not say it is a proposal:\n%s", out)
	}
}

func TestGoldenPlannedMarkdown(t *testing.T) {
	out := string(render(t, "markdown", Options{}, samplePlanned(t)))
	golden(t, "lake-constance-planned.md", []byte(out), nil)
	for _, want := range []string{
		"- **Overall: 55.1 (+12.4 since 2022) · Level: Reviewing",
		"- Baseline: 2022 (3 respondents)",
		"| Score    | Δ 2022 | Level",
		"|     71.1 | ~+10.0 |",
		"~ within noise: the change is smaller",
		"## Plan\n\nTargets for 2024, set against the baseline 2022; actions as of 2025-03-01.\n",
		"| **C** | Progress and sustainability",
		"35.0 (Implementing) |  33.2 |   1.8 | no  | M1 done, M2 running, R1 planned |",
		"- **Why C9:** Lowest score but one in 2022 (11.1)",
		"### Actions",
		"| running **OVERDUE** |",
		"Overdue actions: M2, R1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
}

func TestGoldenPlannedCSV(t *testing.T) {
	r := samplePlanned(t)
	out := render(t, "csv", Options{}, r)
	golden(t, "lake-constance-planned.csv", out, nil)
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], CSVHeader) || len(rows[0]) != 17 {
		t.Fatalf("header %v", rows[0])
	}
	col := func(name string) int { return slices.Index(CSVHeader, name) }
	byNode := map[string][]string{}
	for _, row := range rows[1:] {
		byNode[row[col("kind")]+" "+row[col("node")]] = row
	}
	near := func(cell string, want float64) bool {
		v, err := strconv.ParseFloat(cell, 64)
		return err == nil && math.Abs(v-want) < 1e-9
	}
	c1 := byNode["criterion C1"]
	if !near(c1[col("target")], 30) || !near(c1[col("gap")], *r.Areas[2].Criteria[0].Target.Gap) || c1[col("met")] != "false" {
		t.Errorf("C1 target columns %v", c1[11:])
	}
	if b1 := byNode["criterion B1"]; b1[col("met")] != "true" || !near(b1[col("target")], 50) {
		t.Errorf("B1 target columns %v", b1[11:])
	}
	if c := byNode["area C"]; !near(c[col("target")], 35) || c[col("noise")] != "true" {
		t.Errorf("area C %v", c[11:])
	}
	overall := byNode["overall "]
	if !near(overall[col("baseline_score")], *r.Baseline.Nodes[""].Score) || !near(overall[col("delta")], *r.Change.Delta) ||
		overall[col("noise")] != "false" || overall[col("target")] != "" || overall[col("met")] != "" {
		t.Errorf("overall %v", overall[11:])
	}
	// Indicators have neither target nor change: six empty cells.
	if ind := byNode["indicator A1.a"]; strings.Join(ind[11:], "") != "" || len(ind) != 17 {
		t.Errorf("indicator A1.a %v", ind)
	}
}

// TestCSVHeaderRecognised checks that r3l still knows its CSV files of
// the header before the target and change columns among its inputs.
func TestCSVHeaderRecognised(t *testing.T) {
	old := "region,name,group,country,period,kind,node,score,coverage,status,maturity\nkaunas,Kaunas,city,LT,2024,overall,,55.9,1,scored,reviewing\n"
	if !Output([]byte(old)) {
		t.Error("a CSV report with the earlier header is not recognised")
	}
	if !Output(render(t, "csv", Options{}, samplePlanned(t))) {
		t.Error("a CSV report with targets is not recognised")
	}
}

func TestGoldenPlannedHTML(t *testing.T) {
	r := samplePlanned(t)
	page := render(t, "html", htmlOpts("en"), r)
	golden(t, "lake-constance-planned.html", page, nil)
	for _, want := range []string{
		`Respondents: 6 (adult-education 1, employer 2, lead-partner 1, regional-development 1, university 1) · Baseline: 2022 (3 respondents)</p>`,
		`<div class="change"><div>Change since 2022</div><div class="lvl">&#43;12.4</div></div>`,
		`<th class="num">Δ 2022</th>`,
		`<td class="num"><span class="noise" title="within noise">~</span>&#43;9.7</td>`,
		`<p class="note">~ within noise: the change is smaller`,
		`<section class="plan">`,
		`<tr class="criterion"><td>C</td><td>Progress and sustainability</td><td class="num">35.0<div class="level">Implementing</div></td><td class="num">33.2</td><td class="num">1.8</td><td><span class="badge unmet">no</span></td>`,
		`<span class="badge running">M2 running</span>`,
		`<div class="why">Why: Among the lowest quarter of criteria in 2022 (19.4); Ranked a priority by the partners</div>`,
		`<tr class="overdue"><td>M2</td>`,
		`<span class="badge overdue">OVERDUE</span>`,
		`<p class="overdue-line">Overdue actions: M2, R1</p>`,
		// Area C has a target: a ring on its axis and the legend.
		`<circle class="target-dot"`, `<title>Progress and sustainability: Target 35.0</title>`,
		`<g class="legend">`,
		// The styles of all this come with the page.
		`.badge.overdue`,
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("page lacks %q", want)
		}
	}
	if bytes.Contains(page, []byte(`class="proposal"`)) {
		t.Error("an agreed plan has the proposal banner")
	}
	// One area of four has a target: no dashed polygon, no line.
	if bytes.Contains(page, []byte(`<polygon class="target"`)) || bytes.Contains(page, []byte(`<polyline class="target"`)) {
		t.Error("the radar joins targets that are not neighbours")
	}

	r.Plan.Plan.Status = plan.Draft
	de := render(t, "html", htmlOpts("de"), r)
	if !bytes.Contains(de, []byte(`<p class="proposal" role="note">Vorgeschlagener Plan (Entwurf, von den Partnern noch nicht vereinbart)</p>`)) {
		t.Error("a draft's page has no proposal banner")
	}
}

// TestRadarTargets draws targets for every area, for some and for none:
// a dashed polygon, dashed lines between neighbouring targets, and
// nothing at all (the radar of a report without area targets is as
// before).
func TestRadarTargets(t *testing.T) {
	v := func(x float64) *float64 { return &x }
	items := []chartItem{{ID: "A", Label: "a", Value: v(50)}, {ID: "B", Label: "b", Value: v(60)}, {ID: "C", Label: "c", Value: v(70)}, {ID: "D", Label: "d", Value: v(40)}}
	legend := [2]string{"Current", "Target"}
	plain := string(radarSVG("t", items, func(p *float64) string { return "x" }, legend))
	if strings.Contains(plain, "target") || strings.Contains(plain, "legend") {
		t.Errorf("a radar without targets draws targets or a legend: %s", plain)
	}
	some := slices.Clone(items)
	some[0].Target, some[1].Target, some[3].Target = v(60), v(70), v(50)
	svg := string(radarSVG("t", some, func(p *float64) string { return "x" }, legend))
	// A–B and D–A are neighbours; C has none.
	if n := strings.Count(svg, `<polyline class="target"`); n != 2 || strings.Contains(svg, `<polygon class="target"`) {
		t.Errorf("%d dashed lines for targets of A, B, D", n)
	}
	if n := strings.Count(svg, `<circle class="target-dot"`); n != 3 {
		t.Errorf("%d target rings, want 3", n)
	}
	for i := range some {
		some[i].Target = v(80)
	}
	svg = string(radarSVG("t", some, func(p *float64) string { return "x" }, legend))
	if strings.Count(svg, `<polygon class="target"`) != 1 || !strings.Contains(svg, ">Current</text>") || !strings.Contains(svg, ">Target</text>") {
		t.Errorf("every area with a target: no polygon or legend: %s", svg)
	}

	// Criterion targets alone draw nothing on the radar of areas.
	r := samplePlanned(t)
	r.Areas[2].Target = nil
	page := render(t, "html", htmlOpts("en"), r)
	if bytes.Contains(page, []byte(`<circle class="target-dot"`)) || bytes.Contains(page, []byte(`<g class="legend">`)) {
		t.Error("criterion targets drew on the radar of areas")
	}
}

func TestGoldenPlannedXLSX(t *testing.T) {
	r := samplePlanned(t)
	data := render(t, "xlsx", Options{}, r)
	dump := dumpWorkbook(t, data)
	golden(t, "lake-constance-planned.xlsx.txt", []byte(dump), nil)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Summary", "Plan", "Criteria", "Indicators", "Strengths & weaknesses", "Stakeholders", "Priorities", "About"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	raw := func(sheet, cell string) float64 {
		t.Helper()
		v, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Errorf("%s!%s = %q, not a number", sheet, cell, v)
		}
		return n
	}
	// The Criteria sheet: the change after the score, a number shown
	// with its sign, marked within noise; the score stays in column F.
	rows, _ := f.GetRows("Criteria")
	if rows[0][5] != "Score" || rows[0][6] != "Δ 2022" || rows[1][1] != "A1" || rows[1][6] != "~+10.0" || rows[3][6] != "+19.4" {
		t.Errorf("Criteria: header %v, A1 %v, A3 %v", rows[0], rows[1], rows[3])
	}
	if got := raw("Criteria", "G2"); math.Abs(got-*r.Areas[0].Criteria[0].Change.Delta) > 1e-9 {
		t.Errorf("Criteria!G2 = %v", got)
	}
	// The Summary: the overall change among the key figures, the areas'
	// in their table; their targets on the radar, from a hidden column
	// beside their rows.
	summary, _ := f.GetRows("Summary")
	var change, draft bool
	for _, row := range summary {
		if len(row) > 1 && row[0] == "Δ 2022" && row[1] == "+12.4" {
			change = true
		}
		draft = draft || slices.Contains(row, "Proposed plan (draft, not yet agreed by the partners)")
	}
	if !change || draft {
		t.Errorf("Summary: overall change shown %v, draft %v", change, draft)
	}
	if !strings.Contains(dump, "radarChart 'Summary'!$C$20 'Summary'!$B$21:$B$24 'Summary'!$C$21:$C$24 'Summary'!$K$20 'Summary'!$B$21:$B$24 'Summary'!$K$21:$K$24") {
		t.Errorf("no radar of the area scores and targets:\n%s", dump[strings.Index(dump, "chart "):])
	}
	if v, _ := f.GetCellValue("Summary", "K20"); v != "Target" {
		t.Errorf("Summary!K20 = %q, want the targets' header", v)
	}
	if got := raw("Summary", "K23"); got != 35 {
		t.Errorf("area C's target %v", got)
	}
	if v, _ := f.GetCellValue("Summary", "K22"); v != "" {
		t.Errorf("area B has no target, but Summary!K22 = %q", v)
	}
	if visible, _ := f.GetColVisible("Summary", "K"); visible {
		t.Error("the targets' column is not hidden")
	}
	// The Plan sheet: targets with score, gap and met; actions with
	// status and overdue mark.
	p, _ := f.GetRows("Plan")
	find := func(id string) []string {
		for _, row := range p {
			if len(row) > 0 && row[0] == id {
				return row
			}
		}
		t.Errorf("Plan has no row %s", id)
		return make([]string, 9)
	}
	if c1 := find("C1"); c1[2] != "30.0" || c1[3] != "Implementing" || c1[4] != "26.4" || c1[5] != "3.6" || c1[6] != "no" || c1[7] != "M1 done" {
		t.Errorf("Plan C1 %q", c1)
	}
	if m2 := find("M2"); m2[2] != "C2, C9" || m2[6] != "running" || m2[7] != "OVERDUE" {
		t.Errorf("Plan M2 %q", m2)
	}
	if p[2][0] != "Targets met: 3 of 5 · Overdue actions: M2, R1" {
		t.Errorf("Plan!A3 = %q", p[2][0])
	}

	// Criterion targets alone: the radar of the areas has one series.
	noArea := samplePlanned(t)
	noArea.Areas[2].Target = nil
	if d := dumpWorkbook(t, render(t, "xlsx", Options{}, noArea)); !strings.Contains(d,
		"radarChart 'Summary'!$C$20 'Summary'!$B$21:$B$24 'Summary'!$C$21:$C$24\n") {
		t.Errorf("criterion targets changed the radar of the areas:\n%s", d[strings.Index(d, "chart "):])
	}

	r.Plan.Plan.Status = plan.Draft
	f2, err := excelize.OpenReader(bytes.NewReader(render(t, "xlsx", Options{}, r)))
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	for sheet, cell := range map[string]string{"Plan": "A1", "Summary": "B17"} {
		if v, _ := f2.GetCellValue(sheet, cell); v != "Proposed plan (draft, not yet agreed by the partners)" {
			t.Errorf("draft: %s!%s = %q", sheet, cell, v)
		}
	}
}

// hostilePlan is the planned sample with terminal controls, markup and
// formulas in every text of its plan.
func hostilePlan(t *testing.T) *assess.Result {
	r := samplePlanned(t)
	p := r.Plan.Plan
	for i := range p.Actions {
		a := &p.Actions[i]
		a.ID = "=ID" + strconv.Itoa(i) + " " + hostileGo
		a.Title = "Actiontitle " + hostileGo + " [click](javascript:alert(1)) <script>x</script>"
		a.Lead = "+Leadname " + hostileGo
		a.Evidence = "@Evidencetext " + hostileGo + ` =HYPERLINK("http://x","y")`
	}
	for i := range p.Targets {
		p.Targets[i].Why = []string{"Whytext " + hostileGo + " <b>bold</b> [x](javascript:y)"}
	}
	return r
}

func TestPlanTextIsNeutral(t *testing.T) {
	r := hostilePlan(t)
	// A table of 80 columns cannot show such ids and texts whole.
	visible := []string{"Actiontitle", "Leadname", "Whytext", "javascript:alert(1)"}
	for _, c := range []struct {
		format  string
		opts    Options
		visible []string
	}{
		{"table", Options{}, []string{"Whytext"}},
		{"table", Options{Width: 250}, visible},
		{"table", Options{Summary: true}, []string{"=ID1"}},
		{"markdown", Options{}, visible},
		{"html", Options{}, append(visible, "Evidencetext")},
	} {
		out := render(t, c.format, c.opts, r)
		checkNeutral(t, c.format, out, c.visible...)
		if c.format == "html" && (bytes.Contains(out, []byte("<script")) || bytes.Contains(out, []byte("<b>bold"))) {
			t.Error("plan text reached the page as markup")
		}
	}
	md := string(render(t, "markdown", Options{}, r))
	for _, bad := range regexp.MustCompile(`(^|[^\\])(\[click\]|\[x\]|<script|<b>)`).FindAllString(md, -1) {
		t.Errorf("Markdown holds %q unescaped", bad)
	}
	// Workbooks: every text a text cell, never a formula.
	data := render(t, "xlsx", Options{}, r)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Plan")
	var text strings.Builder
	for ri, row := range rows {
		for ci, v := range row {
			text.WriteString(v + "\n")
			ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
			if formula, _ := f.GetCellFormula("Plan", ref); formula != "" {
				t.Errorf("Plan!%s holds a formula: %s", ref, formula)
			}
		}
	}
	for _, want := range []string{"=ID0 ", "+Leadname", `@Evidencetext`, `=HYPERLINK("http://x","y")`} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the Plan sheet lacks the text %q", want)
		}
	}
}

// TestBaselineOrPlanAlone reports with a baseline and no plan, and with a
// plan and no baseline: each shows its own part only.
func TestBaselineOrPlanAlone(t *testing.T) {
	onlyBaseline := samplePlanned(t)
	onlyBaseline.Plan = nil
	for i := range onlyBaseline.Areas {
		a := &onlyBaseline.Areas[i]
		a.Target = nil
		for j := range a.Criteria {
			a.Criteria[j].Target = nil
		}
	}
	onlyPlan := samplePlanned(t)
	onlyPlan.Baseline, onlyPlan.Change = nil, nil
	for i := range onlyPlan.Areas {
		a := &onlyPlan.Areas[i]
		a.Change = nil
		for j := range a.Criteria {
			a.Criteria[j].Change = nil
		}
	}
	for _, format := range []string{"table", "markdown", "html", "xlsx"} {
		b := render(t, format, Options{}, onlyBaseline)
		p := render(t, format, Options{}, onlyPlan)
		if format == "xlsx" {
			b, p = []byte(dumpWorkbook(t, b)), []byte(dumpWorkbook(t, p))
		}
		if !bytes.Contains(b, []byte("Δ 2022")) || bytes.Contains(b, []byte("Overdue actions")) {
			t.Errorf("%s with a baseline alone: change shown %v, plan shown %v", format,
				bytes.Contains(b, []byte("Δ 2022")), bytes.Contains(b, []byte("Overdue actions")))
		}
		if bytes.Contains(p, []byte("Δ 2022")) || bytes.Contains(p, []byte("within noise")) || !bytes.Contains(p, []byte("Overdue actions: M2, R1")) {
			t.Errorf("%s with a plan alone shows a change, or not the plan", format)
		}
	}
	// CSV: the target columns, or the change columns.
	for _, c := range []struct {
		r     *assess.Result
		empty []string
	}{{onlyBaseline, []string{"target", "gap", "met"}}, {onlyPlan, []string{"baseline_score", "delta", "noise"}}} {
		rows, err := csv.NewReader(bytes.NewReader(render(t, "csv", Options{}, c.r))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows[1:] {
			for _, name := range c.empty {
				if v := row[slices.Index(CSVHeader, name)]; v != "" {
					t.Errorf("CSV row %v: %s is %q", row[5:7], name, v)
				}
			}
		}
	}
}
