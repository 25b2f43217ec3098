package instrument

import (
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
)

// limeExport is a LimeSurvey CSV export of n responses to r3l's R3L+
// survey, as the RemoteControl API writes it (';', every field quoted),
// with headings and answers as codes, or (lang set) as texts.
func limeExport(b *testing.B, n int, lang string) []byte {
	fw := r3lplusFramework(b)
	f := lssParse(b, lssOf(b, fw, Options{}))
	head, row := limeResponse(b, f, lang)
	var buf strings.Builder
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	_ = w.Write(append([]string{"id", "submitdate"}, head...))
	for i := range n {
		_ = w.Write(append([]string{fmt.Sprint(i + 1), "2024-05-01 10:00:00"}, row...))
	}
	w.Flush()
	return []byte(buf.String())
}

// BenchmarkReadSurveyExport reads an export of 500 responses (a large
// region's whole self-assessment) to R3L+'s 64 indicators: ns/op is one
// whole export.
func BenchmarkReadSurveyExport(b *testing.B) {
	fw := r3lplusFramework(b)
	for _, lang := range []string{"", "de"} {
		name := "codes"
		if lang != "" {
			name = "texts-" + lang
		}
		b.Run(name, func(b *testing.B) {
			data := limeExport(b, 500, lang)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				qs, err := readCSVResponses("export.csv", data, LoadOptions{Pick: FixedFramework(fw)})
				if err != nil || len(qs) != 500 {
					b.Fatal(len(qs), err)
				}
			}
		})
	}
}
