package workbook

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Printing. Every sheet of r3l's reports prints on A4 landscape, Wide pages
// across (one, unless the sheet would be unreadably small on one) and as
// many pages long as it takes, with its header rows and label columns
// repeated on every page and the sheet's name and page number in the
// footer.
//
// A streamed sheet gets the same without being parsed back into memory:
// excelize's StreamWriter writes the worksheet's <sheetPr> when it is
// created and the page setup, margins and footer (the worksheet fields
// after <sheetData>) when it is flushed, both from the sheet's in-memory
// worksheet, which until Flush is still the nearly empty one of the new
// sheet. So Stream sets the "fit to page" property before NewStreamWriter
// and CloseAt the page layout just before Flush, when the number of rows
// is known. The repeated rows and columns are a defined name of the
// workbook, not part of the sheet.

// PrintSetup is how a sheet prints.
type PrintSetup struct {
	// Wide is the number of pages across; 0 leaves it to PagesWide.
	Wide int
	// Tall is the most pages long; 0: as many as it takes.
	Tall      int
	TitleRows int // rows from row 1 repeated at the top of every page
	TitleCols int // columns from A repeated at the left of every page
	// Breaks says the sheet has manual page breaks. LibreOffice drops
	// them when a sheet is fitted to a number of pages tall, so its
	// length is then left "automatic" (0), whatever Tall says.
	Breaks bool
}

// maxPagesTall is the most pages tall a spreadsheet accepts.
const maxPagesTall = 32767

// Legible is the widest a sheet prints on one page, in units of column
// width, at a size still easily read: about two thirds of full size.
const Legible = 170

// PagesWide is how many pages across a sheet of these column widths
// takes to print legibly, with its first titleCols columns on each.
func PagesWide(widths []float64, titleCols int) int {
	total, titles := 0.0, 0.0
	for i, w := range widths {
		total += w
		if i < titleCols {
			titles += w
		}
	}
	if total <= Legible || titles >= Legible/2 {
		return 1
	}
	return int(math.Ceil((total - titles) / (Legible - titles)))
}

// SetPrint sets how an ordinary (not streamed) sheet prints; call it once
// the sheet is written, since an autofilter replaces the sheet properties
// that hold "fit to page".
func (b *Book) SetPrint(sheet string, p PrintSetup) {
	if b.streamed[sheet] {
		b.Do(fmt.Errorf("xlsx: sheet %q is streamed; its print setup is Stream's", sheet))
		return
	}
	if p.Wide == 0 {
		widths := make([]float64, b.lastCol[sheet])
		for i := range widths {
			widths[i] = b.ColWidth(sheet, i+1)
		}
		p.Wide = PagesWide(widths, p.TitleCols)
	}
	b.fitToPage(sheet)
	b.printTitles(sheet, p)
	b.pageLayout(sheet, p, b.lastRow[sheet])
}

// fitToPage turns on the sheet property that makes a spreadsheet read
// fitToWidth and fitToHeight.
func (b *Book) fitToPage(sheet string) {
	if b.Err == nil {
		b.Do(b.F.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: new(true)}))
	}
}

// printTitles names the rows and columns repeated on every printed page.
func (b *Book) printTitles(sheet string, p PrintSetup) {
	if b.Err != nil || p.TitleRows == 0 && p.TitleCols == 0 {
		return
	}
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	var refs []string
	if p.TitleCols > 0 {
		refs = append(refs, fmt.Sprintf("%s$A:$%s", q, ColName(p.TitleCols)))
	}
	if p.TitleRows > 0 {
		refs = append(refs, fmt.Sprintf("%s$1:$%d", q, p.TitleRows))
	}
	b.Do(b.F.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet, RefersTo: strings.Join(refs, ",")}))
}

// pageLayout sets paper, orientation, scaling, margins and footer. A sheet
// of rows rows never prints on more pages than it has rows, so "as many
// pages as it takes" is written as that bound, which every reader takes
// as no limit, rather than as 0 ("automatic"), which LibreOffice has been
// seen to read as one page.
func (b *Book) pageLayout(sheet string, p PrintSetup, rows int) {
	if b.Err != nil {
		return
	}
	wide, tall := max(p.Wide, 1), min(p.Tall, maxPagesTall)
	switch {
	case p.Breaks:
		tall = 0
	case tall == 0:
		tall = min(max(rows, 1), maxPagesTall)
	}
	layout := &excelize.PageLayoutOptions{Size: new(9), Orientation: new("landscape"), FitToWidth: new(wide), FitToHeight: new(tall)}
	if wide > 1 {
		// A sheet several pages wide reads page by page along its rows.
		layout.PageOrder = new("overThenDown")
	}
	b.Do(b.F.SetPageLayout(sheet, layout))
	if b.Err == nil {
		b.Do(b.F.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
			Left: new(0.4), Right: new(0.4), Top: new(0.5), Bottom: new(0.6), Header: new(0.25), Footer: new(0.25)}))
	}
	if b.Err == nil {
		b.Do(b.F.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&L&8&A&R&8&P / &N"}))
	}
}

// Text widths, in the units of column widths (the width of a digit of the
// default font), for sizing columns and rows before any application has
// measured the text. The estimates hold for Calibri, which Excel uses, and
// for the wider DejaVu Sans that LibreOffice falls back to without it.

// charWidth is the width of one character of 11-point text, measured
// in LibreOffice with DejaVu Sans (lower case 0.89 of a digit, capitals
// 1.06); Calibri's proportions are alike.
func charWidth(r rune) float64 {
	if r < 128 {
		return asciiWidths[r]
	}
	if r == '—' {
		return 1.4
	}
	return 0.92
}

// asciiWidths are the widths of charWidth for ASCII, looked up: column
// widths are estimated for every assessment of a large comparison.
var asciiWidths = func() (w [128]float64) {
	for r := range w {
		switch c := rune(r); {
		case strings.ContainsRune("ilj.,:;'|!", c):
			w[r] = 0.45
		case strings.ContainsRune("frt()[]/- ", c):
			w[r] = 0.6
		case strings.ContainsRune("mwMW@%", c):
			w[r] = 1.4
		case c >= 'A' && c <= 'Z':
			w[r] = 1.15
		case c >= '0' && c <= '9':
			w[r] = 1.0
		default:
			w[r] = 0.92
		}
	}
	return w
}()

// TextWidth estimates the column width that shows s on one line.
func TextWidth(s string, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		w += charWidth(r)
	}
	if bold {
		w *= 1.12
	}
	return w + 1 // the cell's padding
}

// nextPart returns the first piece of text where a spreadsheet may wrap
// it (at spaces and after hyphens), whether a space precedes it, and the
// rest; "" when none is left. It allocates nothing: Lines runs for every
// wrapped cell of a sheet.
func nextPart(text string) (part string, spaced bool, rest string) {
	i := 0
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	spaced, text = i > 0, text[i:]
	for j := 0; j < len(text); j++ {
		switch {
		case text[j] == ' ' || text[j] == '\t':
			return text[:j], spaced, text[j:]
		case text[j] == '-' && j+1 < len(text) && text[j+1] != ' ' && text[j+1] != '\t':
			return text[:j+1], spaced, text[j+1:]
		}
	}
	return text, spaced, ""
}

// Lines estimates how many lines text takes when wrapped in a column of
// the given width: words go on a line while they fit, and a word wider
// than the column is broken.
func Lines(text string, width float64, bold bool) int {
	n := 0
	for {
		para, rest, more := strings.Cut(text, "\n")
		n += paraLines(para, width-1, bold)
		if !more {
			return n
		}
		text = rest
	}
}

// paraLines is Lines for a paragraph, room wide.
func paraLines(para string, room float64, bold bool) int {
	n, used := 1, 0.0
	for part, spaced, rest := nextPart(para); part != ""; part, spaced, rest = nextPart(rest) {
		w := TextWidth(part, bold) - 1
		if used > 0 {
			space := 0.0
			if spaced {
				space = charWidth(' ')
			}
			if used+space+w <= room {
				used += space + w
				continue
			}
			n++
		}
		for w > room && room > 0 { // a word wider than the column is broken
			n++
			w -= room
		}
		used = w
	}
	return n
}

// FitHeaders widens columns so that no word of their header is broken
// when it wraps, and returns the lines the tallest header takes.
func FitHeaders(headers []string, widths []float64) int {
	lines := 1
	for i, h := range headers {
		if i >= len(widths) {
			break
		}
		for part, _, rest := nextPart(h); part != ""; part, _, rest = nextPart(rest) {
			widths[i] = max(widths[i], TextWidth(part, true))
		}
		lines = max(lines, Lines(h, widths[i], true))
	}
	return lines
}

// LineHeight is the height in points of one line of 11-point text.
const LineHeight = 15.0
