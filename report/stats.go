package report

import (
	"fmt"

	"github.com/r3l/r3l/assess"
)

// statColumn is one measure of the comparison statistics. The table,
// Markdown, HTML, the workbook's Statistics sheet and JSON all take their
// columns from statColumns, so they cannot disagree: a new measure is one
// entry there.
type statColumn struct {
	key   string // JSON key; consumers rely on it, so it stays as it is
	word  string // ui word of the header; empty keeps label in every language
	label string
	// Exactly one of count and value is set: a count is a whole number,
	// shown without decimals; a value is a score with one decimal, or
	// missing.
	count func(assess.Stats) int
	value func(assess.Stats) *float64
}

// statColumns are the measures in the order every writer shows them.
var statColumns = []statColumn{
	{key: "n", label: "n", count: func(st assess.Stats) int { return st.N }},
	{key: "mean", word: "mean", value: func(st assess.Stats) *float64 { return st.Mean }},
	{key: "median", word: "median", value: func(st assess.Stats) *float64 { return st.Median }},
	{key: "sd", word: "sd", value: func(st assess.Stats) *float64 { return st.SD }},
	{key: "q1", label: "Q1", value: func(st assess.Stats) *float64 { return st.Q1 }},
	{key: "q3", label: "Q3", value: func(st assess.Stats) *float64 { return st.Q3 }},
	{key: "min", label: "min", value: func(st assess.Stats) *float64 { return st.Min }},
	{key: "max", label: "max", value: func(st assess.Stats) *float64 { return st.Max }},
}

// header is the column's label in the report's language.
func (c statColumn) header(s style) string {
	if c.word != "" {
		return s.t(c.word)
	}
	return c.label
}

// text is the cell of the table, Markdown and HTML.
func (c statColumn) text(s style, st assess.Stats) string {
	if c.count != nil {
		return fmt.Sprint(c.count(st))
	}
	return s.score(c.value(st))
}

// cell is the cell of the Statistics sheet: a number, not text, so that
// spreadsheets can compute with it.
func (c statColumn) cell(b *book, st assess.Stats) any {
	if c.count != nil {
		return c.count(st)
	}
	return num1(b, c.value(st))
}

// width is the column's width on the Statistics sheet.
func (c statColumn) width() float64 {
	if c.count != nil {
		return 6
	}
	return 9
}

// jsonValue is the column's value in JSON: full precision, null when
// missing.
func (c statColumn) jsonValue(st assess.Stats) any {
	if c.count != nil {
		return c.count(st)
	}
	return c.value(st)
}
