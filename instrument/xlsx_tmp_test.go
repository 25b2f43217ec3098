package instrument

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// largeSheet pads the Instructions sheet of a questionnaire workbook to
// more than MaxWorkbookXMLInMemory of XML, which excelize unpacks to a
// temporary file; the workbook stays a valid questionnaire, and small.
func largeSheet(t *testing.T) []byte {
	t.Helper()
	var rows strings.Builder
	for r := 2; rows.Len() <= MaxWorkbookXMLInMemory+(1<<20); r++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>how to fill in the questionnaire, line %d</t></is></c></row>`, r, r, r)
	}
	data := editSheet(t, scoringBook(t, nil, map[string]any{"E2": 4}, nil), "xl/worksheets/sheet1.xml", addRows(rows.String()))
	if len(data) > MaxWorkbookSize {
		t.Fatalf("the workbook is %d MB", len(data)>>20)
	}
	return data
}

// unreadablePart copies a workbook with one more part at its end, stored
// by a compression method no reader knows: excelize unpacks the parts
// before it, large sheets to temporary files, and then fails.
func unreadablePart(t *testing.T, book []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		if err := zw.Copy(zf); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/media/image1.png", Method: 99, CompressedSize64: 4, UncompressedSize64: 4})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("\x89PNG"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestWorkbookLeavesNoTemporaryFiles reads workbooks with a sheet too
// large to keep in memory, which excelize unpacks to a temporary file:
// nothing is left in the temporary folder afterwards, when the workbook
// was read and when reading it failed after the sheet was unpacked.
func TestWorkbookLeavesNoTemporaryFiles(t *testing.T) {
	valid := largeSheet(t)
	damaged := unreadablePart(t, valid)
	opts := LoadOptions{Pick: FixedFramework(scoringFramework(t))}
	for _, tt := range []struct {
		name string
		read func() error
		fail bool
	}{
		{"valid, LoadWorkbook", func() error { _, err := LoadWorkbook("q.xlsx", valid, opts); return err }, false},
		{"valid, ReadFile", func() error { _, err := readWorkbook("q.xlsx", valid, opts); return err }, false},
		{"damaged, LoadWorkbook", func() error { _, err := LoadWorkbook("q.xlsx", damaged, opts); return err }, true},
		{"damaged, ReadFile", func() error { _, err := readWorkbook("q.xlsx", damaged, opts); return err }, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Setenv("TMPDIR", dir)
			for range 3 {
				err := tt.read()
				if (err != nil) != tt.fail {
					t.Fatalf("error %v, want one: %v", err, tt.fail)
				}
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				info, _ := e.Info()
				t.Errorf("left behind: %s (%d bytes)", filepath.Join(dir, e.Name()), info.Size())
			}
		})
	}
}
