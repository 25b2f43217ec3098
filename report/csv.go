package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/textsafe"
)

// CSVHeader is the header of the tidy long format (docs/reference.md §5.2):
// the node's score, then its target and change since a baseline, empty
// where there is none.
var CSVHeader = []string{"region", "name", "group", "country", "period", "kind", "node", "score", "coverage", "status", "maturity",
	"target", "gap", "met", "baseline_score", "delta", "noise"}

// csvHeaderV1 is the header r3l wrote before the target and change
// columns, which its own files found among the inputs still have.
var csvHeaderV1 = CSVHeader[:11]

type csvWriter struct{}

func (csvWriter) Assessment(w io.Writer, r *assess.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	if err := CSVRows(cw, r); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// CSVRows writes one assessment's rows: overall, then each area followed by
// its criteria and their indicators.
func CSVRows(cw *csv.Writer, r *assess.Result) error {
	reg := r.Region
	text := func(s string) string { return SafeCell(textsafe.Text(s)) }
	// One row reused (csv.Writer copies what it writes), its region's
	// cells filled once.
	row := append(make([]string, 0, len(CSVHeader)), text(reg.ID), text(reg.Name), text(reg.Group), text(reg.Country), text(r.Period))
	return tidyRows(r, true, func(kind, id string, n assess.Node) error {
		target, gap, met, baseline, delta, noise := progressCells(n)
		row = append(row[:5], kind, id, num(n.Score), num(n.Coverage), string(n.Status), levelID(n),
			target, gap, met, baseline, delta, noise)
		return cw.Write(row)
	})
}

// progressCells are a node's target, gap and whether it is met, then its
// baseline score, change and whether the change is within noise: empty
// without a target or a baseline, and where the number is missing.
func progressCells(n assess.Node) (target, gap, met, baseline, delta, noise string) {
	if t := n.Target; t != nil {
		target, gap, met = num(&t.Score), num(t.Gap), strconv.FormatBool(t.Met)
	}
	if c := n.Change; c != nil {
		baseline, delta, noise = num(c.Score), num(c.Delta), strconv.FormatBool(c.Noise)
	}
	return target, gap, met, baseline, delta, noise
}

// tidyRows walks the nodes of the tidy long format (docs/reference.md §5.2) in order:
// overall, then each area followed by its criteria and, with indicators,
// theirs. The CSV and the comparison workbook's Data sheet both use it.
func tidyRows(r *assess.Result, indicators bool, row func(kind, id string, n assess.Node) error) error {
	if err := row("overall", "", r.Node); err != nil {
		return err
	}
	for _, a := range r.Areas {
		if err := row("area", a.Area.ID, a.Node); err != nil {
			return err
		}
		for _, c := range a.Criteria {
			if err := row("criterion", c.Criterion.ID, c.Node); err != nil {
				return err
			}
			if !indicators {
				continue
			}
			for _, i := range c.Indicators {
				if err := row("indicator", i.Indicator.ID, assess.Node{Status: i.Status, Score: i.Score, Level: i.Level}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// levelID is the id of a node's maturity band, or "".
func levelID(n assess.Node) string {
	if n.Level == nil {
		return ""
	}
	return n.Level.ID
}

// num formats a number at full precision, or empty when missing.
func num(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// SafeCell keeps spreadsheet programs from reading questionnaire text as a
// formula (docs/reference.md §5.6): text starting with = + - @ tab or CR gets a leading
// apostrophe, which Excel and LibreOffice hide and treat as "this is text".
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
