package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
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
