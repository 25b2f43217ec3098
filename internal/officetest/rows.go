package officetest

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var rowHeight = regexp.MustCompile(`<row [^>]*\bht="([^"]+)"`)

// TallestRows returns the tallest row of every sheet of a workbook, in
// points, read from the sheets' XML as a spreadsheet reads them.
func TallestRows(t testing.TB, data []byte) map[string]float64 {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	tallest := map[string]float64{}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		xml, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range rowHeight.FindAllSubmatch(xml, -1) {
			h, err := strconv.ParseFloat(string(m[1]), 64)
			if err != nil {
				t.Fatalf("%s: row height %q", zf.Name, m[1])
			}
			tallest[zf.Name] = max(tallest[zf.Name], h)
		}
	}
	return tallest
}

// OpenBook opens a workbook's bytes with excelize, closed when the test
// ends.
func OpenBook(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
