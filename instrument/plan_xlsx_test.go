package instrument

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/r3l/r3l/internal/officetest"
	"github.com/r3l/r3l/internal/yamlx"
	"github.com/r3l/r3l/plan"
)

const samplePlanPath = "../testdata/plans/lake-constance.yaml"

func samplePlan(t testing.TB) *plan.Plan {
	t.Helper()
	p, err := plan.Load(samplePlanPath)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// planBook writes a plan workbook.
func planBook(t testing.TB, p *plan.Plan, lang string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePlanWorkbook(&buf, p, r3lplusFramework(t), lang); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// editBook changes cells of a workbook with excelize, as a person filling
// it in would: values are "sheet!cell" → a string, number, time or nil
// (the cell cleared); a string starting with "=" after "formula:" is set as
// a formula.
func editBook(t testing.TB, data []byte, cells map[string]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, ref := range slices.Sorted(maps.Keys(cells)) { // in one order: the same bytes each time
		v := cells[ref]
		sheet, cell, _ := strings.Cut(ref, "!")
		switch v := v.(type) {
		case string:
			if formula, ok := strings.CutPrefix(v, "formula:"); ok {
				if err = f.SetCellValue(sheet, cell, nil); err == nil {
					err = f.SetCellFormula(sheet, cell, formula)
				}
			} else {
				err = f.SetCellStr(sheet, cell, v)
			}
		case nil:
			err = f.SetCellValue(sheet, cell, nil)
		default:
			err = f.SetCellValue(sheet, cell, v)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withoutPos is a copy of a plan without its path and positions, to
// compare plans read from different forms.
func withoutPos(p *plan.Plan) plan.Plan {
	c := *p
	c.Path = ""
	c.Targets = slices.Clone(p.Targets)
	c.Actions = slices.Clone(p.Actions)
	for i := range c.Targets {
		c.Targets[i].Pos = yamlx.Pos{}
	}
	for i := range c.Actions {
		c.Actions[i].Pos = yamlx.Pos{}
	}
	return c
}

func samePlan(t *testing.T, got, want *plan.Plan) {
	t.Helper()
	g, w := withoutPos(got), withoutPos(want)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("the plans differ:\ngot  %s\nwant %s", planString(&g), planString(&w))
	}
}

// planString shows a plan with its scores, for messages.
func planString(p *plan.Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s@%s %+v %s→%s\n", p.Path, p.Status, p.Framework, p.FrameworkVersion, p.Region, p.Baseline, p.TargetPeriod)
	for _, t := range p.Targets {
		score := "-"
		if t.Score != nil {
			score = strconv.FormatFloat(*t.Score, 'g', -1, 64)
		}
		fmt.Fprintf(&b, "\ttarget %q score %s level %q why %q at %s\n", t.ID, score, t.Level, t.Why, t.Pos.Cell)
	}
	for _, a := range p.Actions {
		fmt.Fprintf(&b, "\taction %q %q %q lead %q %s..%s %s %q at %s\n", a.ID, a.Title, a.Criteria, a.Lead, a.Start.Text, a.Due.Text, a.Status, a.Evidence, a.Pos.Cell)
	}
	return b.String()
}

// TestPlanWorkbookRoundTrip writes the sample plan as a workbook in each
// language and reads it back: the same plan, with each target and action
// at the cell of its id. LoadPlan reads the YAML file and the workbook
// alike, by their content.
func TestPlanWorkbookRoundTrip(t *testing.T) {
	want := samplePlan(t)
	for _, lang := range []string{"en", "de", "sv"} {
		t.Run(lang, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "plan.xlsx")
			if err := os.WriteFile(path, planBook(t, want, lang), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := LoadPlanWorkbook(path)
			if err != nil {
				t.Fatal(err)
			}
			samePlan(t, got, want)
			if got.Path != path || got.Targets[2].Pos != (yamlx.Pos{Path: path, Cell: "Targets!A4"}) ||
				got.Actions[4].Pos != (yamlx.Pos{Path: path, Cell: "Actions!A6"}) {
				t.Errorf("positions: %s, %+v, %+v", got.Path, got.Targets[2].Pos, got.Actions[4].Pos)
			}
			if err := got.Check(r3lplusFramework(t)); err != nil {
				t.Error(err)
			}
			viaLoad, err := LoadPlan(path)
			if err != nil {
				t.Fatal(err)
			}
			samePlan(t, viaLoad, want)
		})
	}
	if !bytes.Equal(planBook(t, want, "sv"), planBook(t, want, "sv")) {
		t.Error("one plan makes different workbooks")
	}
	// A draft with a framework version, no region name and no targets
	// or actions.
	draft := &plan.Plan{Status: plan.Draft, Framework: "r3lplus", FrameworkVersion: "2012", Region: plan.Region{ID: "r"},
		Baseline: "2024", TargetPeriod: "2026"}
	got, err := ParsePlanWorkbook("p.xlsx", planBook(t, draft, "de"))
	if err != nil {
		t.Fatal(err)
	}
	samePlan(t, got, draft)
	viaYAML, err := LoadPlan(samplePlanPath)
	if err != nil {
		t.Fatal(err)
	}
	samePlan(t, viaYAML, want)
	if viaYAML.Targets[0].Pos.Line == 0 {
		t.Errorf("LoadPlan of a YAML plan: no line in %+v", viaYAML.Targets[0].Pos)
	}
}

// TestPlanWorkbookNewRows fills prepared empty rows, as the partners
// would: a new target and a new action, whose start is a date the
// spreadsheet turned into a calendar date and whose texts start like
// formulas. They read back as written, after the plan's own rows; rows
// left empty are passed over.
func TestPlanWorkbookNewRows(t *testing.T) {
	p := samplePlan(t)
	data := editBook(t, planBook(t, p, "de"), map[string]any{
		"Targets!A7": "A1", "Targets!C7": 40, "Targets!E7": "Partners asked for it\n\n  =SUM(A1:A3)  ",
		"Actions!A9": "M3", "Actions!B9": `=HYPERLINK("http://example.com","click")`, "Actions!C9": "C1;C9  C99",
		"Actions!D9": "@lead", "Actions!E9": time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), "Actions!F9": "2024-12",
		"Actions!G9": "running – läuft", "Actions!H9": "+1 report",
	})
	got, err := ParsePlanWorkbook("p.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	score := 40.0
	start, _ := plan.ParseDate("2024-03-01")
	due, _ := plan.ParseDate("2024-12")
	want := *p
	want.Targets = append(slices.Clone(p.Targets), plan.Target{ID: "A1", Score: &score, Why: []string{"Partners asked for it", "=SUM(A1:A3)"}})
	want.Actions = append(slices.Clone(p.Actions), plan.Action{ID: "M3", Title: `=HYPERLINK("http://example.com","click")`,
		Criteria: []string{"C1", "C9", "C99"}, Lead: "@lead", Start: start, Due: due, Status: plan.Running, Evidence: "+1 report"})
	samePlan(t, got, &want)
	if c := got.Actions[5].Pos.Cell; c != "Actions!A9" {
		t.Errorf("the new action is at %s", c)
	}
	// The new action serves C99, no criterion: checked against the framework,
	// the problem is at its row.
	wantCheck := `p.xlsx: Actions!A9: action M3: framework r3lplus has no criterion "C99" (did you mean C9?)`
	if err := got.Check(r3lplusFramework(t)); err == nil || err.Error() != wantCheck {
		t.Errorf("Check: %v, want %s", err, wantCheck)
	}
}

// TestPlanWorkbookTextNeverFormula writes a plan whose texts start like
// formulas: every one is a text cell, no cell but the lookups of the
// prepared rows' titles is a formula, and the texts read back whole.
func TestPlanWorkbookTextNeverFormula(t *testing.T) {
	hostile := []string{`=HYPERLINK("http://evil.example","x")`, "+SUM(1,2)", "-2+3", "@cmd", "=1+1"}
	p := samplePlan(t)
	p.Region.Name = hostile[0]
	p.Targets[0].Why = hostile
	for i := range p.Actions {
		p.Actions[i].Title = hostile[i%len(hostile)]
		p.Actions[i].Lead = hostile[(i+1)%len(hostile)]
		p.Actions[i].Evidence = hostile[(i+2)%len(hostile)]
	}
	data := planBook(t, p, "en")
	f := officetest.OpenBook(t, data)
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, err := f.GetCellFormula(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				if formula != "" && !(sheet == SheetTargets && c+1 == ptTitle && r+1 > len(p.Targets)+1) {
					t.Errorf("%s!%s is a formula: %s", sheet, cell, formula)
				}
			}
		}
	}
	if v, _ := f.GetCellValue(SheetActions, "B2"); v != hostile[0] {
		t.Errorf("Actions!B2 holds %q", v)
	}
	got, err := ParsePlanWorkbook("p.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	samePlan(t, got, p)
}

// TestPlanWorkbookLayout checks what the partners see: the drop-down
// lists, the checks, frozen headers, the hidden lists, printing.
func TestPlanWorkbookLayout(t *testing.T) {
	p := samplePlan(t)
	f := officetest.OpenBook(t, planBook(t, p, "de"))
	if got := f.GetSheetList(); !slices.Equal(got, []string{SheetPlan, SheetTargets, SheetActions, SheetLists}) {
		t.Errorf("sheets %q", got)
	}
	if visible, _ := f.GetSheetVisible(SheetLists); visible {
		t.Error("the Lists sheet is visible")
	}
	lastAction := fmt.Sprint(len(p.Actions) + 1 + planActionRows)
	wantStatus := []string{"planned – geplant", "running – läuft", "done – erledigt", "dropped – aufgegeben"}
	for _, cell := range []string{"G2", "G" + lastAction} {
		if got := dropList(t, f, SheetActions, cell); !slices.Equal(got, wantStatus) {
			t.Errorf("Actions!%s: drop-down %q", cell, got)
		}
	}
	if got := dropList(t, f, SheetActions, "G"+fmt.Sprint(len(p.Actions)+2+planActionRows)); got != nil {
		t.Errorf("a drop-down below the prepared rows: %q", got)
	}
	if got := dropList(t, f, SheetPlan, "B3"); !slices.Equal(got, []string{"draft – Entwurf", "agreed – vereinbart"}) {
		t.Errorf("Plan!B3: drop-down %q", got)
	}
	levels := dropList(t, f, SheetTargets, "D20")
	if len(levels) != 6 || levels[2] != "implementing – Umsetzung" {
		t.Errorf("Targets!D20: drop-down %q", levels)
	}
	if ids := dropList(t, f, SheetTargets, "A20"); len(ids) != 28 || ids[0] != "A" || ids[1] != "A1" {
		t.Errorf("Targets!A20: drop-down %q", ids)
	}
	if dv := validation(t, f, SheetTargets, "C25", "decimal"); dv == nil || dv.Formula1 != "0" || dv.Formula2 != "100" {
		t.Errorf("Targets!C25: %+v", dv)
	}
	for cell, want := range map[string]string{"A1": "ID", "B2": "Monitoring und Evaluation fließen in Strategie, Politik und Praxis ein",
		"D2": "implementing – Umsetzung", "E2": "Among the lowest quarter of criteria in 2022 (19.4)\nRanked a priority by the partners"} {
		if v, _ := f.GetCellValue(SheetTargets, cell); v != want {
			t.Errorf("Targets!%s holds %q, want %q", cell, v, want)
		}
	}
	for cell, want := range map[string]string{"C1": "Kriterien", "C3": "C2, C9", "E3": "2023-09", "F5": "2024-09-30", "G5": "dropped – aufgegeben"} {
		if v, _ := f.GetCellValue(SheetActions, cell); v != want {
			t.Errorf("Actions!%s holds %q, want %q", cell, v, want)
		}
	}
	for _, sheet := range []string{SheetPlan, SheetTargets, SheetActions} {
		layout, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if *layout.Size != 9 || *layout.Orientation != "landscape" || *layout.FitToWidth != 1 {
			t.Errorf("%s prints on paper %d, %s, %d pages wide", sheet, *layout.Size, *layout.Orientation, *layout.FitToWidth)
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: panes %+v, %v", sheet, panes, err)
		}
	}
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for _, sheet := range []string{SheetTargets, SheetActions} {
		if titles[sheet] != "'"+sheet+"'!$1:$1" {
			t.Errorf("%s repeats %q on every page", sheet, titles[sheet])
		}
	}
}

// TestPlanWorkbookProblems reads workbooks with mistakes: every problem at
// its cell, all at once, sheet by sheet and row by row, in the words
// plan.Load uses for the same mistakes in a YAML plan.
func TestPlanWorkbookProblems(t *testing.T) {
	book := planBook(t, samplePlan(t), "en")
	tests := []struct {
		name  string
		cells map[string]any
		want  []string
	}{
		{"many", map[string]any{
			"Plan!B2": "r3l.plan/v2", "Plan!A6": "regoin.name", "Plan!B8": "2022", "Plan!B3": "final",
			"Targets!C4": 150, "Targets!C5": 40, "Targets!A6": "C1", "Targets!C3": "lots",
			"Actions!C2": "C1, C1", "Actions!F3": "2023-01", "Actions!E4": "March 2023", "Actions!G5": "finished",
			"Actions!A6": "M1", "Actions!A7": "M9", "Actions!D7": "Someone", "Actions!D2": "formula:1+1",
		}, []string{
			`p.xlsx: Plan!B2: schema must be "r3l.plan/v1", not "r3l.plan/v2"`,
			`p.xlsx: Plan!B3: status must be one of draft, agreed, not "final"`,
			`p.xlsx: Plan!A6: unknown key "regoin.name" in column A (did you mean "region.name"?)`,
			`p.xlsx: Plan!B8: target_period is the baseline period "2022": a plan looks ahead`,
			`p.xlsx: Targets!C3: target C2 takes a score (0–100) or a level (a maturity level's id), one of the two`,
			`p.xlsx: Targets!C4: target score must be between 0 and 100, not 150`,
			`p.xlsx: Targets!C5: target B1 takes a score (0–100) or a level (a maturity level's id), one of the two`,
			`p.xlsx: Targets!A6: a target for C1 is given twice`,
			`p.xlsx: Actions!C2: action M1 names criterion C1 twice`,
			`p.xlsx: Actions!D2: ` + noValueMsg,
			`p.xlsx: Actions!F3: action M2 is due (2023-01) before it starts (2023-09)`,
			`p.xlsx: Actions!E4: start: "March 2023" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY`,
			`p.xlsx: Actions!G5: action status must be one of planned, running, done, dropped, not "finished"`,
			`p.xlsx: Actions!A6: action id M1 is used twice`,
			`p.xlsx: Actions!B7: action title is empty`,
			`p.xlsx: Actions!C7: action M9 serves no criterion: name at least one`,
		}},
		{"empty values", map[string]any{
			"Plan!B4": nil, "Plan!B5": " ", "Plan!B7": nil, "Targets!A3": nil, "Targets!C6": "abc", "Actions!A3": nil,
		}, []string{
			`p.xlsx: Plan!B4: framework is empty`,
			`p.xlsx: Plan!B5: region id is empty`,
			`p.xlsx: Plan!B7: baseline_period is empty`,
			`p.xlsx: Targets!A3: target id is empty`,
			`p.xlsx: Targets!C6: target score must be a number, not "abc"`,
			`p.xlsx: Actions!A3: action id is empty`,
		}},
		{"missing rows and columns", map[string]any{
			"Plan!A2": nil, "Plan!B2": nil, "Plan!A8": "target_perod", "Targets!D1": "Stufe", "Actions!C1": "Crit",
		}, []string{
			`p.xlsx: Plan: no row "schema" in column A; it is required`,
			`p.xlsx: Plan: no row "target_period" in column A; it is required`,
			`p.xlsx: Plan!A8: unknown key "target_perod" in column A (did you mean "target_period"?)`,
			`p.xlsx: Targets: no "Level" column in the header row (row 1)`,
			`p.xlsx: Actions: no "Criteria" column in the header row (row 1)`,
		}},
		{"no header", map[string]any{"Actions!A1": "Nr."}, []string{
			`p.xlsx: Actions: no header row with an "ID" column (the first row r3l wrote)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePlanWorkbook("p.xlsx", editBook(t, book, tt.cells))
			sameLines(t, errLines(t, err), tt.want)
		})
	}
}

// TestPlanWorkbookMovedColumns reads a workbook whose columns were moved
// and whose headers are in another of r3l's languages: the reader goes by
// the headers.
func TestPlanWorkbookMovedColumns(t *testing.T) {
	p := samplePlan(t)
	f, err := excelize.OpenReader(bytes.NewReader(planBook(t, p, "sv")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, step := range []error{
		f.UnprotectSheet(SheetActions),
		f.InsertCols(SheetActions, "A", 1), // a column of one's own, first
		f.SetCellStr(SheetActions, "A1", "Notes"),
		f.SetCellStr(SheetActions, "A3", "check with the chamber"),
		f.SetCellStr(SheetActions, "C1", "titel"),    // de, lower case
		f.SetCellStr(SheetActions, "D1", "criteria"), // the key itself
		f.SetCellStr(SheetActions, "G1", "Fällig"),   // de: due
	} {
		if step != nil {
			t.Fatal(step)
		}
	}
	// Lead (E) and Evidence (I) change places.
	for row := 1; row <= len(p.Actions)+1; row++ {
		e, i := fmt.Sprint("E", row), fmt.Sprint("I", row)
		lead, _ := f.GetCellValue(SheetActions, e)
		evidence, _ := f.GetCellValue(SheetActions, i)
		if err := f.SetCellStr(SheetActions, e, evidence); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStr(SheetActions, i, lead); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParsePlanWorkbook("p.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	samePlan(t, got, p)
	if c := got.Actions[0].Pos.Cell; c != "Actions!B2" {
		t.Errorf("the first action is at %s", c)
	}
}

// TestPlanWorkbookTooManyProblems lists the first 100 problems and says
// how many more there are.
func TestPlanWorkbookTooManyProblems(t *testing.T) {
	cells := map[string]any{}
	for row := 2; row <= 151; row++ {
		cells[fmt.Sprintf("Actions!A%d", row)] = fmt.Sprintf("X%d", row)
		cells[fmt.Sprintf("Actions!B%d", row)] = "t"
		cells[fmt.Sprintf("Actions!C%d", row)] = "C1"
		cells[fmt.Sprintf("Actions!G%d", row)] = "later"
	}
	_, err := ParsePlanWorkbook("p.xlsx", editBook(t, planBook(t, samplePlan(t), "en"), cells))
	lines := errLines(t, err)
	if len(lines) != 101 || lines[100] != "p.xlsx: and 50 more problems (the first 100 are listed)" ||
		lines[0] != `p.xlsx: Actions!G2: action status must be one of planned, running, done, dropped, not "later"` {
		t.Errorf("%d lines, the first %q, the last %q", len(lines), lines[0], lines[len(lines)-1])
	}
}

// TestPlanWorkbookNotAPlan reads files that are no plan workbooks.
func TestPlanWorkbookNotAPlan(t *testing.T) {
	yamlPlan, err := os.ReadFile(samplePlanPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"questionnaire", templateBook(t, r3lplusFramework(t), Options{}), `p.xlsx: not an r3l plan workbook: no sheet "Plan"`},
		{"yaml", yamlPlan, "p.xlsx: not an Excel workbook (the file holds plain text, such as a YAML plan, which LoadPlan reads)"},
		{"xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0, 0}, "p.xlsx: not an Excel workbook (an old .xls file or a password-protected workbook: save it from Excel as .xlsx without a password)"},
		{"empty", nil, "p.xlsx: not an Excel workbook (the file is empty)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePlanWorkbook("p.xlsx", tt.data)
			if p != nil || err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
	// LoadPlan goes by the content, whatever the name says.
	dir := t.TempDir()
	for name, data := range map[string][]byte{"plan.xlsx": yamlPlan, "plan.yaml": planBook(t, samplePlan(t), "en")} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if p, err := LoadPlan(path); err != nil {
			t.Errorf("LoadPlan(%s): %v", name, err)
		} else {
			samePlan(t, p, samplePlan(t))
		}
	}
	if _, err := LoadPlan(filepath.Join(dir, "none.xlsx")); err == nil || !strings.HasSuffix(err.Error(), "none.xlsx: no such file") {
		t.Errorf("LoadPlan of no file: %v", err)
	}
}

// TestSerialDay reads dates that a spreadsheet stored as numbers of days,
// in both of Excel's date systems.
func TestSerialDay(t *testing.T) {
	for _, tt := range []struct {
		serial string
		d1904  bool
		want   string
	}{
		{"45474", false, "2024-07-01"}, {"45474.99999", false, "2024-07-01"}, {"44012", true, "2024-07-01"},
		{"61", false, "1900-03-01"}, {"2958465", false, "9999-12-31"},
		{"0.5", false, ""}, {"-3", false, ""}, {"2958466", false, ""}, {"NaN", false, ""}, {"1e300", false, ""}, {"x", false, ""},
	} {
		got, ok := serialDay(tt.serial, tt.d1904)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("serialDay(%s, %v) = %q, %v; want %q", tt.serial, tt.d1904, got, ok, tt.want)
		}
	}
}

// TestPlanWorkbookLeavesNoTemporaryFiles reads plan workbooks with a sheet
// too large to keep in memory, which excelize unpacks to a temporary
// file: nothing is left behind, whether reading succeeded or failed.
func TestPlanWorkbookLeavesNoTemporaryFiles(t *testing.T) {
	var rows strings.Builder
	for r := 1; rows.Len() <= MaxWorkbookXMLInMemory+(1<<20); r++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="H%d" t="inlineStr"><is><t>a long list of items, line %d</t></is></c></row>`, r+100, r+100, r)
	}
	valid := editSheet(t, planBook(t, samplePlan(t), "en"), "xl/worksheets/sheet4.xml", addRows(rows.String()))
	damaged := unreadablePart(t, valid)
	for name, data := range map[string][]byte{"valid": valid, "damaged": damaged} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			t.Setenv("TMPDIR", dir)
			_, err := ParsePlanWorkbook("p.xlsx", data)
			if (err != nil) != (name == "damaged") {
				t.Errorf("error %v", err)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				t.Errorf("left behind: %s", filepath.Join(dir, e.Name()))
			}
		})
	}
}

// TestPlanWorkbookLibreOffice opens a plan workbook, with a new target and
// action typed in, in LibreOffice: it prints the three sheets on three
// pages, each text as text and the new target's title looked up; and the
// workbook LibreOffice saves reads back into the same plan.
func TestPlanWorkbookLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	p := samplePlan(t)
	p.Actions[0].Evidence = `=HYPERLINK("http://evil.example","click")`
	data := editBook(t, planBook(t, p, "de"), map[string]any{
		"Targets!A7": "A3", "Targets!D7": "planning – Planung",
		"Actions!A7": "M3", "Actions!B7": "Mentoring programme", "Actions!C7": "A3", "Actions!E7": "2024-05", "Actions!F7": "2025",
	})
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	text := officetest.Text(t, officetest.PDF(t, path))
	if pages := strings.Count(text, "\f"); pages != 3 {
		t.Errorf("%d pages, want 3", pages)
	}
	for _, want := range []string{"So füllen Sie diese Arbeitsmappe aus", "Shared monitoring framework", "Begründung", "Kriterien",
		`=HYPERLINK("http://evil.example","click")`, "A3", "Ziele und messbare Zielwerte sind festgelegt", "Mentoring programme", "3/3"} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("the printed workbook lacks %q", want)
		}
	}
	// Saved by LibreOffice: the plan reads back, the title of the new
	// target is stored as the formula's value.
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal(err) // officetest.PDF found it
	}
	out := filepath.Join(dir, "saved")
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx", "--outdir", out, path)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	got, err := LoadPlanWorkbook(filepath.Join(out, "plan.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := ParsePlanWorkbook(path, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Targets) != 6 || want.Targets[5].Level != "planning" || len(want.Actions) != 6 {
		t.Fatalf("the typed rows: %s", planString(want))
	}
	samePlan(t, got, want)
	saved, err := os.ReadFile(filepath.Join(out, "plan.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := officetest.OpenBook(t, saved).GetCellValue(SheetTargets, "B7"); !strings.HasPrefix(v, "Ziele und messbare Zielwerte") {
		t.Errorf("the new target's title in the saved workbook: %q", v)
	}
}

// planSeeds are the seed corpus of FuzzLoadPlanWorkbook, by file name:
// plan workbooks as the writer makes them, some stored without
// compression so that mutations reach the XML inside.
func planSeeds(t testing.TB) map[string][]byte {
	p := samplePlan(t)
	filled := editBook(t, planBook(t, p, "en"), map[string]any{
		"Targets!A7": "A3", "Targets!C7": 12.5, "Targets!E7": "one\ntwo",
		"Actions!A7": "N1", "Actions!B7": "=1+1", "Actions!C7": "C1, C2", "Actions!E7": 45474, "Actions!F7": "2025",
		"Actions!G7": "done", "Actions!A8": "N1", "Actions!D8": "formula:A1&A2",
	})
	// A small plan workbook, made cell by cell, for mutations to work on.
	minimal := wbook(t,
		sheet{SheetPlan, map[string]any{"A1": "schema", "B1": plan.Schema, "A2": "framework", "B2": "r3lplus",
			"A3": "region.id", "B3": "r", "A4": "baseline_period", "B4": "2022", "A5": "target_period", "B5": 2024}},
		sheet{SheetTargets, map[string]any{"A1": "ID", "C1": "Score", "D1": "Level", "E1": "Why",
			"A2": "C1", "C2": 40, "A3": "B", "D3": "planning – Planung", "E3": "a\nb"}},
		sheet{SheetActions, map[string]any{"A1": "ID", "B1": "Title", "C1": "Criteria", "E1": "Start", "F1": "Due", "G1": "Status",
			"A2": "M1", "B2": "T", "C2": "C1,C2", "E2": "2023-03", "F2": 45474, "G2": "done"}})
	return map[string][]byte{
		"minimal-stored": storedBook(t, minimal),
		"sample-en":      planBook(t, p, "en"),
		"sample-stored":  storedBook(t, planBook(t, p, "sv")),
		"filled-stored":  storedBook(t, filled),
		"draft-stored": storedBook(t, planBook(t, &plan.Plan{Status: plan.Draft, Framework: "r3lplus",
			Region: plan.Region{ID: "r"}, Baseline: "2024", TargetPeriod: "2026"}, "de")),
	}
}

// TestPlanFuzzSeeds keeps the seed corpus of FuzzLoadPlanWorkbook in step
// with the writer: -update rewrites it; without, every seed is there.
func TestPlanFuzzSeeds(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzLoadPlanWorkbook")
	for name, data := range planSeeds(t) {
		path := filepath.Join(dir, name)
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, fmt.Appendf(nil, "go test fuzz v1\n[]byte(%q)\n", data), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%v (go test ./instrument -run TestPlanFuzzSeeds -update writes it)", err)
		}
		if _, err := ParsePlanWorkbook(name, data); (err != nil) != (name == "filled-stored") {
			t.Errorf("seed %s: %v", name, err)
		}
	}
}

// FuzzLoadPlanWorkbook checks that no input makes the plan workbook reader
// panic or leave a temporary file, that a failed read reports every
// problem on a line starting with the file's path, and that a plan it
// reads has every target and action at a cell and writes back into a
// workbook that reads as the same plan. Seeds:
// testdata/fuzz/FuzzLoadPlanWorkbook (TestPlanFuzzSeeds).
func FuzzLoadPlanWorkbook(f *testing.F) {
	fw := r3lplusFramework(f)
	f.Add([]byte("schema: r3l.plan/v1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		p, err := ParsePlanWorkbook("in.xlsx", data)
		if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
			t.Fatalf("left behind: %s", entries[0].Name())
		}
		if err != nil {
			if p != nil {
				t.Fatalf("a plan and an error: %v", err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "in.xlsx: ") {
					t.Fatalf("error line does not start with the path: %q", line)
				}
			}
			return
		}
		if p == nil || p.Path != "in.xlsx" {
			t.Fatalf("neither a plan nor an error: %+v", p)
		}
		for _, tg := range p.Targets {
			if tg.Pos.Path != "in.xlsx" || !strings.HasPrefix(tg.Pos.Cell, SheetTargets+"!") {
				t.Fatalf("target %q at %+v", tg.ID, tg.Pos)
			}
		}
		for _, a := range p.Actions {
			if a.Pos.Path != "in.xlsx" || !strings.HasPrefix(a.Pos.Cell, SheetActions+"!") {
				t.Fatalf("action %q at %+v", a.ID, a.Pos)
			}
		}
		var buf bytes.Buffer
		if err := WritePlanWorkbook(&buf, p, fw, "en"); err != nil {
			return // too many rows to write back
		}
		again, err := ParsePlanWorkbook("in.xlsx", buf.Bytes())
		if err != nil {
			t.Fatalf("the plan read does not read back: %v\n%s", err, planString(p))
		}
		if g, w := withoutPos(again), withoutPos(p); !reflect.DeepEqual(g, w) {
			t.Fatalf("the plan read back differs:\n%s\nwas\n%s", planString(&g), planString(&w))
		}
	})
}

// TestPlanWorkbookDamaged reads plan workbooks with a damaged sheet (its
// problem is the one reported) and with a sheet that goes on beyond the
// rows r3l reads.
func TestPlanWorkbookDamaged(t *testing.T) {
	book := planBook(t, samplePlan(t), "en")
	damaged := editSheet(t, book, "xl/worksheets/sheet2.xml", func(xml string) string {
		return strings.Replace(xml, `<row r="3"`, `<row r="three"`, 1)
	})
	_, err := ParsePlanWorkbook("p.xlsx", editBook(t, damaged, map[string]any{"Plan!B2": "v2"}))
	sameLines(t, errLines(t, err), []string{`p.xlsx: Targets: the sheet is damaged and cannot be read (row number "three")`})
	long := editSheet(t, book, "xl/worksheets/sheet3.xml",
		addRows(`<row r="10001"><c r="A10001" t="inlineStr"><is><t>M99</t></is></c></row>`))
	_, err = ParsePlanWorkbook("p.xlsx", long)
	sameLines(t, errLines(t, err), []string{"p.xlsx: Actions!A10001: the sheet goes on beyond row 10000; a plan has far fewer rows, so r3l reads no further"})
}

// TestPlanWorkbookDate1904 reads a date stored as a number of days in a
// workbook that counts them from 1904, as old Excel for Mac did.
func TestPlanWorkbookDate1904(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(planBook(t, samplePlan(t), "en")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: new(true)}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellInt(SheetActions, "F6", 44012); err != nil { // R1's due date
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParsePlanWorkbook("p.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if due := p.Actions[4].Due.Text; due != "2024-07-01" {
		t.Errorf("due %s, want 2024-07-01", due)
	}
}
