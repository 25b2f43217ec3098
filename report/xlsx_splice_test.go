package report

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestDeferredRowsSameWorkbook writes the sample comparison workbook with
// and without deferred rows: every part but the content types (listed in
// map order) must come out the same.
func TestDeferredRowsSameWorkbook(t *testing.T) {
	c := sampleComparison(t, 2)
	withSplice := renderComparison(t, "xlsx", Options{Version: "test"}, c)
	var buf bytes.Buffer
	w := &xlsxWriter{style: newStyle(Options{Lang: "en", Width: 80, Version: "test"}), noSplice: true}
	if err := w.Comparison(&buf, c); err != nil {
		t.Fatal(err)
	}
	without := buf.Bytes()

	zw, err := zip.NewReader(bytes.NewReader(without), int64(len(without)))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range zw.File {
		if f.Name == "[Content_Types].xml" { // excelize lists its parts in map order
			continue
		}
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			n++
		}
		if got, want := readEntry(t, withSplice, f.Name), readEntry(t, without, f.Name); got != want {
			t.Errorf("%s differs with deferred rows", f.Name)
		}
	}
	if n < 7 {
		t.Errorf("%d worksheets", n)
	}
}

func readEntry(t *testing.T, book []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
