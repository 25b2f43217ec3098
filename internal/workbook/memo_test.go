package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/klauspost/compress/flate"
)

// memoArchive writes entries into an archive as excelize does (Create,
// Write in pieces, the next Create, Close), through spliceZip with memos
// (nil: none).
func memoArchive(t *testing.T, memos *entryMemo, entries [][2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := &spliceZip{zw: fastZip(&buf), memos: memos}
	for _, e := range entries {
		w, err := z.Create(e[0])
		if err != nil {
			t.Fatal(err)
		}
		for piece := range slicesOf(e[1], 1000) {
			if _, err := io.WriteString(w, piece); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func slicesOf(s string, n int) func(func(string) bool) {
	return func(yield func(string) bool) {
		for len(s) > n {
			if !yield(s[:n]) {
				return
			}
			s = s[n:]
		}
		yield(s)
	}
}

// TestMemoAsStreamed: archives whose entries are remembered are byte for
// byte the archives with every entry deflated as it comes, however often
// an entry recurs, of whatever size and name; and what is remembered is
// read back as written.
func TestMemoAsStreamed(t *testing.T) {
	styles := `<styleSheet>` + strings.Repeat(`<xf numFmtId="0" fontId="1"/>`, 200) + `</styleSheet>`
	entries := func(i int) [][2]string {
		return [][2]string{
			{"xl/styles.xml", styles}, // the same in every archive
			{"xl/empty.xml", ""},      // empty
			{"docProps/core.xml", fmt.Sprintf("<created>%d</created>", i)},             // its own in every archive
			{"xl/worksheets/sheet1.xml", strings.Repeat("<row/>", memoEntryMax/6)},     // just below the limit
			{"xl/worksheets/sheet2.xml", strings.Repeat("<c>1</c>", memoEntryMax/8+1)}, // just over it
			{"xl/media/bild-ä.xml", styles},                                            // a name zip flags as UTF-8
			{"xl/charts/chart1.xml", styles + "<chart/>"},
		}
	}
	memos := &entryMemo{}
	for i := range 4 {
		want := memoArchive(t, nil, entries(i))
		got := memoArchive(t, memos, entries(i))
		if !bytes.Equal(got, want) {
			t.Fatalf("archive %d: %d bytes with the memo, %d deflated as it comes", i, len(got), len(want))
		}
		zr, err := zip.NewReader(bytes.NewReader(got), int64(len(got)))
		if err != nil {
			t.Fatal(err)
		}
		for j, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			if err != nil || string(b) != entries(i)[j][1] {
				t.Fatalf("archive %d, %s: read back %d bytes, %v", i, f.Name, len(b), err)
			}
		}
	}
	// styles, the empty entry, sheet1 and the chart recur (the non-ASCII
	// name and the entry over the limit are never held back).
	remembered := 0
	for _, es := range memos.byCR {
		remembered += len(es)
	}
	if remembered != 4 {
		t.Errorf("%d entries remembered, want 4", remembered)
	}
}

// TestMemoChecksBytes: two entries with the same checksum are told apart
// by their bytes.
func TestMemoChecksBytes(t *testing.T) {
	m := &entryMemo{}
	a, b := []byte("<a/>"), []byte("<b/>")
	for range 3 {
		for _, raw := range [][]byte{a, b} {
			deflated, err := m.deflated(raw, 7) // one checksum for both
			if err != nil {
				t.Fatal(err)
			}
			if deflated == nil {
				continue // seen once
			}
			got, err := io.ReadAll(flate.NewReader(bytes.NewReader(deflated)))
			if err != nil || !bytes.Equal(got, raw) {
				t.Fatalf("%s remembered as %s (%v)", raw, got, err)
			}
		}
	}
}
