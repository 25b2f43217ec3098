package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// Reading cells. Workbooks to read come from anyone, and excelize's ways
// of reading a sheet take memory by its dimensions, not its size: Rows'
// Columns gives every row as many cells as its last column (a cell in
// column XFD makes 16,384), and the ordinary API fills every row up to its
// last column when it parses the sheet. So a sheet of a few kilobytes
// could take gigabytes. Sheets reads the values of a sheet's cells from
// the archive itself, streaming, and keeps only the columns asked for:
// memory in proportion to the file, whatever the dimensions it claims.
// Values are what excelize reads with RawCellValue: text as written,
// numbers as stored (no number formats), booleans 1 and 0.

// Sheets reads the cells of a workbook's sheets.
type Sheets struct {
	files map[string]*zip.File // archive entries by name
	parts map[string]string    // sheet name -> its part
	sst   *sharedStrings       // read on first use
	sstAt string               // the shared strings' part
}

// maxRows is the most rows a sheet has.
const maxRows = 1 << 20

// maxCols is the most columns a sheet has (XFD).
const maxCols = 16384

// ReadSheets finds the sheets of a workbook archive.
func ReadSheets(data []byte) (*Sheets, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	s := &Sheets{files: map[string]*zip.File{}, parts: map[string]string{}, sstAt: "xl/sharedStrings.xml"}
	for _, zf := range zr.File {
		s.files[strings.ReplaceAll(zf.Name, `\`, "/")] = zf
	}
	targets := map[string]string{} // relationship id -> part
	err = s.scan("xl/_rels/workbook.xml.rels", func(d *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local == "Relationship" {
			target := attr(se, "Target")
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join("xl", target)
			}
			targets[attr(se, "Id")] = target
			if strings.HasSuffix(attr(se, "Type"), "/sharedStrings") {
				s.sstAt = target
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = s.scan("xl/workbook.xml", func(d *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local == "sheet" {
			s.parts[attr(se, "name")] = targets[attr(se, "id")]
		}
		return nil
	})
	return s, err
}

// file finds an archive entry, in any case.
func (s *Sheets) file(name string) *zip.File {
	if zf, ok := s.files[name]; ok {
		return zf
	}
	for n, zf := range s.files {
		if strings.EqualFold(n, name) {
			return zf
		}
	}
	return nil
}

// scan calls fn with every start element of a part.
func (s *Sheets) scan(name string, fn func(*xml.Decoder, xml.StartElement) error) error {
	zf := s.file(name)
	if zf == nil {
		return fmt.Errorf("no %s", name)
	}
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			if err := fn(d, se); err != nil {
				return err
			}
		}
	}
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// Rows streams the rows of a sheet, reading the first cols columns of
// each. Close it when done.
func (s *Sheets) Rows(sheet string, cols int) (*Rows, error) {
	part, ok := s.parts[sheet]
	if !ok {
		return nil, fmt.Errorf("no sheet %q", sheet)
	}
	zf := s.file(part)
	if zf == nil {
		return nil, fmt.Errorf("sheet %q: no part %s", sheet, part)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	return &Rows{Cols: cols, s: s, rc: rc, d: xml.NewDecoder(rc)}, nil
}

// Rows is a sheet's rows, one at a time.
type Rows struct {
	// Cols is the number of columns read, from A; cells further right
	// are not kept. It may change between rows.
	Cols int

	s       *Sheets
	rc      io.ReadCloser
	d       *xml.Decoder
	row     int
	cells   []string
	noValue []int
	beyond  bool
	err     error
	done    bool
}

// Close releases the sheet.
func (r *Rows) Close() error { return r.rc.Close() }

// Err is what stopped the rows early: the sheet's XML is damaged.
func (r *Rows) Err() error { return r.err }

// Row is the number of the current row, from 1.
func (r *Rows) Row() int { return r.row }

// Cells are the values of the current row's first Cols columns, up to
// its last one with a value. The slice is reused by Next.
func (r *Rows) Cells() []string { return r.cells }

// NoValue lists the columns (from 1, of the first Cols) of the current
// row whose cell holds a formula without its value: a workbook written by
// a program, not saved by a spreadsheet, which would have stored it.
func (r *Rows) NoValue() []int { return r.noValue }

// Beyond reports whether the current row has a value right of Cols.
func (r *Rows) Beyond() bool { return r.beyond }

// Next moves to the next row of the sheet, false at its end or on an
// error (see Err).
func (r *Rows) Next() bool {
	if r.done || r.err != nil {
		return false
	}
	for {
		tok, err := r.d.Token()
		if err != nil {
			r.done = true
			if !errors.Is(err, io.EOF) {
				r.err = err
			}
			return false
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "row" {
				if r.err = r.readRow(el); r.err != nil {
					return false
				}
				return true
			}
		case xml.EndElement:
			if el.Name.Local == "sheetData" {
				r.done = true
				return false
			}
		}
	}
}

// readRow reads the cells of a row element.
func (r *Rows) readRow(start xml.StartElement) error {
	r.row++
	if n := attr(start, "r"); n != "" {
		v, err := strconv.Atoi(n)
		if err != nil || v < 1 || v > maxRows {
			return fmt.Errorf("row number %q", n)
		}
		r.row = v
	}
	r.cells, r.noValue, r.beyond = r.cells[:0], r.noValue[:0], false
	col := 0
	for {
		tok, err := r.d.Token()
		if err != nil {
			return err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local != "c" {
				if err := r.d.Skip(); err != nil {
					return err
				}
				continue
			}
			col++
			if ref := attr(el, "r"); ref != "" {
				if col, err = refColumn(ref); err != nil {
					return err
				}
			}
			if col > maxCols {
				return fmt.Errorf("cell beyond column XFD in row %d", r.row)
			}
			v, noValue, err := r.readCell(el)
			if err != nil {
				return err
			}
			switch {
			case col > r.Cols:
				r.beyond = r.beyond || v != "" || noValue
			case noValue:
				r.noValue = append(r.noValue, col)
			case v != "":
				for len(r.cells) < col-1 {
					r.cells = append(r.cells, "")
				}
				if len(r.cells) == col-1 {
					r.cells = append(r.cells, v)
				} else { // a column given twice: the last one counts
					r.cells[col-1] = v
				}
			}
		case xml.EndElement:
			return nil
		}
	}
}

// refColumn is the column of a cell reference, "C12" → 3.
func refColumn(ref string) (int, error) {
	col, i := 0, 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
	}
	if i == 0 || i == len(ref) || col > maxCols {
		return 0, fmt.Errorf("cell reference %q", ref)
	}
	if _, err := strconv.Atoi(ref[i:]); err != nil {
		return 0, fmt.Errorf("cell reference %q", ref)
	}
	return col, nil
}

// readCell reads a cell element: its value, and whether it is a formula
// without a value.
func (r *Rows) readCell(start xml.StartElement) (string, bool, error) {
	kind := attr(start, "t")
	var v, inline string
	hasV, hasF, hasIS := false, false, false
	for {
		tok, err := r.d.Token()
		if err != nil {
			return "", false, err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "v":
				hasV = true
				if v, err = text(r.d, false); err != nil {
					return "", false, err
				}
			case "is":
				hasIS = true
				if inline, err = text(r.d, true); err != nil {
					return "", false, err
				}
			case "f":
				hasF = true
				err = r.d.Skip()
			default:
				err = r.d.Skip()
			}
			if err != nil {
				return "", false, err
			}
		case xml.EndElement:
			noValue := hasF && (!hasV || v == "" && kind != "str")
			switch {
			case kind == "s" && v != "":
				s, err := r.s.shared(strings.TrimSpace(v))
				return s, false, err
			case kind == "inlineStr" && hasIS:
				return bstrUnmarshal(inline), false, nil
			}
			return v, noValue, nil
		}
	}
}

// text reads the text of the element just started, to its end: rich,
// the character data of its <t> elements (<t>, <r><t>; not the phonetic
// hints of <rPh>); else all of it.
func text(d *xml.Decoder, rich bool) (string, error) {
	var b strings.Builder
	depth, inT := 0, false
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if rich && el.Name.Local == "rPh" {
				if err := d.Skip(); err != nil {
					return "", err
				}
				continue
			}
			depth++
			inT = el.Name.Local == "t"
		case xml.EndElement:
			if depth == 0 {
				return b.String(), nil
			}
			depth--
			inT = false
		case xml.CharData:
			if !rich || inT {
				b.Write(el)
			}
		}
	}
}

// sharedStrings are a workbook's shared strings, one text after another
// (a workbook of many short strings then takes little more memory than
// its file).
type sharedStrings struct {
	data []byte
	ends []uint32 // where each string ends in data
	err  error
}

// shared returns the shared string of an index.
func (s *Sheets) shared(index string) (string, error) {
	if s.sst == nil {
		s.sst = s.readShared()
	}
	if s.sst.err != nil {
		return "", s.sst.err
	}
	i, err := strconv.Atoi(index)
	if err != nil || i < 0 || i >= len(s.sst.ends) {
		return "", fmt.Errorf("no shared string %q", index)
	}
	from := uint32(0)
	if i > 0 {
		from = s.sst.ends[i-1]
	}
	return bstrUnmarshal(string(s.sst.data[from:s.sst.ends[i]])), nil
}

func (s *Sheets) readShared() *sharedStrings {
	sst := &sharedStrings{}
	if s.file(s.sstAt) == nil {
		return sst
	}
	sst.err = s.scan(s.sstAt, func(d *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local != "si" {
			return nil
		}
		t, err := text(d, true)
		if err != nil {
			return err
		}
		sst.data = append(sst.data, t...)
		if len(sst.data) > 1<<31 {
			return errors.New("shared strings too large")
		}
		sst.ends = append(sst.ends, uint32(len(sst.data)))
		return nil
	})
	if sst.err != nil {
		sst.err = fmt.Errorf("shared strings: %w", sst.err)
	}
	return sst
}

// bstrUnmarshal decodes the escaped characters of text ("_x000D_"), as
// excelize's function of that name does, in linear time.
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s) < i+7 {
			break
		}
		b.WriteString(s[:i])
		code := s[i+2 : i+6]
		if s[i+6] == '_' && isHex(code) {
			if code == "005F" || code == "005f" {
				b.WriteByte('_')
			} else if v, err := strconv.Unquote(`"\u` + code + `"`); err == nil {
				b.WriteString(v)
			}
			s = s[i+7:]
			continue
		}
		b.WriteString("_x")
		s = s[i+2:]
	}
	b.WriteString(s)
	return b.String()
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if !(s[i] >= '0' && s[i] <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
