package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/r3l/r3l/internal/textsafe"
)

// appendIndent must indent as json.Indent does, byte for byte.
func TestAppendIndentMatchesJSONIndent(t *testing.T) {
	inputs := []string{
		`{}`, `[]`, `{"a":[]}`, `{"a":{},"b":[1,2,{"c":null}]}`, `"x"`, `1.5`, `[[],[[]],{}]`,
		`{"quote \" colon : comma , brace { ] ":"back\\slash\\","u":"\u00e9 \ud83d\ude00","e":""}` + "\n",
		`[{"a":1},{"b":[true,false,null]}]` + "\n",
	}
	// Every golden JSON report and comparison, made compact.
	files, _ := filepath.Glob("testdata/golden/*.json")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := json.Compact(&b, data); err != nil {
			t.Fatal(f, err)
		}
		inputs = append(inputs, b.String()+"\n")
	}
	if len(files) < 3 {
		t.Fatalf("%d golden JSON files", len(files))
	}
	for _, in := range inputs {
		for _, prefix := range []string{"", "    "} {
			var want bytes.Buffer
			if err := json.Indent(&want, []byte(in), prefix, "  "); err != nil {
				t.Fatal(in, err)
			}
			if got := appendIndent(nil, []byte(in), prefix, "  "); !bytes.Equal(got, want.Bytes()) {
				t.Errorf("appendIndent(%.60q, %q):\n%s\nwant\n%s", in, prefix, got, want.Bytes())
			}
		}
	}
}

func FuzzAppendIndent(f *testing.F) {
	f.Add(`{"a":[1,{"b":"c\"d"}],"e":{}}`)
	f.Add(`[[],"\\",{"":""}]`)
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			return
		}
		compact, err := json.Marshal(v)
		if err != nil {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact, "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndent(nil, compact, "", "  "); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("got\n%s\nwant\n%s", got, want.Bytes())
		}
	})
}

// BenchmarkAppendIndent indents a sample region's JSON report, as every
// JSON report of a batch is indented.
func BenchmarkAppendIndent(b *testing.B) {
	var compact bytes.Buffer
	if err := json.Compact(&compact, render(b, "json", Options{Lang: "en", Version: "bench"}, sample(b, "lake-constance"))); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(compact.Len()))
	var dst []byte
	for b.Loop() {
		dst = appendIndent(dst[:0], compact.Bytes(), "", "  ")
	}
}

// WriteIndentedJSON writes what json.Encoder with SetIndent("", "  ")
// writes, but for what a terminal acts on, which it escapes.
func TestWriteIndentedJSONAsEncoder(t *testing.T) {
	type note struct{ Path, Message string }
	v := struct {
		Inputs   int
		Failed   []note
		Skipped  []string
		Warnings []note
		Outputs  []string
	}{
		Inputs:   2,
		Skipped:  []string{},
		Warnings: []note{{"a<b>&c.yaml", `1 of 100 "indicators" unanswered: A1.a`}, {"é/ü.yaml", "tab\there"}},
		Outputs:  []string{"comparison.csv", "region-1_2024.json"},
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := WriteIndentedJSON(&got, v); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("got\n%s\nwant\n%s", got.String(), want.String())
	}

	got.Reset()
	v.Warnings = []note{{"evil\u202egnp.yaml", "csi \u009b2J"}}
	if err := WriteIndentedJSON(&got, v); err != nil {
		t.Fatal(err)
	}
	if s := got.String(); !strings.Contains(s, `"evil\u202egnp.yaml"`) || !strings.Contains(s, `"csi \u009b2J"`) {
		t.Errorf("controls not escaped:\n%s", s)
	}
}

// jsonSafe escapes exactly what a rune by rune scan escapes.
func TestJSONSafeAsRuneLoop(t *testing.T) {
	ref := func(p []byte) []byte {
		var b []byte
		for _, r := range string(p) {
			if r >= 0x7f && textsafe.Unsafe(r, true) {
				b = fmt.Appendf(b, "\\u%04x", r)
			} else {
				b = utf8.AppendRune(b, r)
			}
		}
		return b
	}
	pieces := []string{"a", `"x"`, "\u007f", "\u0080", "\u009b", "\u00a0", "é", "–", "…", "€", "\u202a", "\u202e",
		"\u202f", "\u2066", "\u2069", "\u206a", "😀", "\n", "\\u001b"}
	inputs := []string{"", "plain ascii", "\u202egnp.yaml", "dash – and ellipsis … only", "\u009b\u009b\u007f\u2066"}
	// Every three pieces in a row: each kind of neighbour of each kind.
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				inputs = append(inputs, a+b+c)
			}
		}
	}
	for _, in := range inputs {
		if got, want := jsonSafe([]byte(in)), ref([]byte(in)); !bytes.Equal(got, want) {
			t.Fatalf("jsonSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkJSONSafe scans a sample report whose text has a dash (0xE2 in
// UTF-8) after every "ing" but nothing to escape.
func BenchmarkJSONSafe(b *testing.B) {
	out := render(b, "json", Options{Lang: "en", Version: "bench"}, sample(b, "lake-constance"))
	out = bytes.ReplaceAll(out, []byte("ing"), []byte("ing –"))
	if !bytes.Contains(out, []byte("–")) || !bytes.Equal(jsonSafe(out), out) {
		b.Fatal("no dash, or something to escape")
	}
	b.SetBytes(int64(len(out)))
	for b.Loop() {
		jsonSafe(out)
	}
}
