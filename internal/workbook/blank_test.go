package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"
)

// parts reads every part of a saved workbook.
func parts(t *testing.T, f *excelize.File) map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		out[zf.Name] = string(b)
	}
	return out
}

// TestBlankAsNewFile: a workbook opened from the blank one, with sheets,
// styles and cells added, saves the same parts as one excelize.NewFile
// makes, its theme among them.
func TestBlankAsNewFile(t *testing.T) {
	if zipped, theme := blank(); zipped == nil || len(theme) < 1000 {
		t.Fatalf("no blank workbook (%d bytes, theme %d bytes)", len(zipped), len(theme))
	}
	fill := func(f *excelize.File) *excelize.File {
		f.SetSheetName("Sheet1", "Summary")
		f.NewSheet("Data")
		st, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Calibri", Size: 11}})
		f.SetCellStr("Summary", "A1", "title")
		f.SetCellStyle("Summary", "A1", "A1", st)
		f.SetCellFloat("Data", "B2", 42.5, -1, 64)
		return f
	}
	got, want := parts(t, fill(newFile())), parts(t, fill(excelize.NewFile()))
	if len(got) != len(want) {
		t.Errorf("%d parts, want %d", len(got), len(want))
	}
	for name, w := range want {
		if name == "[Content_Types].xml" { // excelize writes it in map order
			if len(got[name]) != len(w) {
				t.Errorf("%s: %d bytes, want %d", name, len(got[name]), len(w))
			}
			continue
		}
		if got[name] != w {
			t.Errorf("%s differs:\n%.300s\nwant\n%.300s", name, got[name], w)
		}
	}
	if _, ok := got[themePart]; !ok {
		t.Errorf("no theme")
	}
}
