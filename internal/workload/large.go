package workload

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// Large framework for checking that time grows linearly with the
// indicators (BENCHMARKS.md): 10 areas of criteria of 10 indicators each,
// one scale, compact texts, and one region answered by two respondents.
const (
	largeAreas          = 10
	largeIndsPerCrit    = 10
	largeFrameworkIDFmt = "large%d"
)

// LargeQuestionnaires are the questionnaire files GenerateLarge writes.
var LargeQuestionnaires = []string{"r1.yaml", "r2.yaml"}

// GenerateLarge writes into dir a framework of n indicators (a multiple of
// 100) and the questionnaires of one region answering all of them.
func GenerateLarge(dir string, n int) error {
	if n <= 0 || n%(largeAreas*largeIndsPerCrit) != 0 {
		return fmt.Errorf("%d indicators: give a positive multiple of %d", n, largeAreas*largeIndsPerCrit)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	crits := n / (largeAreas * largeIndsPerCrit)
	id := fmt.Sprintf(largeFrameworkIDFmt, n)
	err := writeFile(filepath.Join(dir, FrameworkFile), func(w *bufio.Writer) {
		fmt.Fprintf(w, "schema: r3l.framework/v1\nid: %s\nversion: \"1\"\ntitle: {en: Large framework}\n", id)
		w.WriteString("scales:\n  - id: agree5\n    kind: ordinal\n    points:\n")
		for v := 1; v <= 5; v++ {
			fmt.Fprintf(w, "      - {value: %d, code: p%d, label: {en: Point %d}}\n", v, v, v)
		}
		w.WriteString("    allow: [na, dk]\ndefault_scale: agree5\nmaturity:\n")
		w.WriteString("  - {id: initial, from: 0, label: {en: Initial}}\n  - {id: developing, from: 30, label: {en: Developing}}\n  - {id: leading, from: 80, label: {en: Leading}}\nareas:\n")
		for a := range largeAreas {
			area := string(rune('A' + a))
			fmt.Fprintf(w, "  - id: %s\n    title: {en: Area %s}\n    criteria:\n", area, area)
			for c := 1; c <= crits; c++ {
				fmt.Fprintf(w, "      - id: %s%d\n        title: {en: Criterion %s%d}\n        indicators:\n", area, c, area, c)
				for i := range largeIndsPerCrit {
					fmt.Fprintf(w, "          - {id: %s%d.%c, text: {en: Statement}}\n", area, c, 'a'+i)
				}
			}
		}
	})
	if err != nil {
		return err
	}
	for r, name := range LargeQuestionnaires {
		rng := rand.New(rand.NewPCG(uint64(n), uint64(r)))
		err := writeFile(filepath.Join(dir, name), func(w *bufio.Writer) {
			fmt.Fprintf(w, "schema: r3l.questionnaire/v1\nframework: %s\nregion:\n  id: large\n  name: Large region\nperiod: \"2024\"\nrespondent:\n  id: r%d\n  role: university\nanswers:\n", id, r+1)
			for a := range largeAreas {
				for c := 1; c <= crits; c++ {
					for i := range largeIndsPerCrit {
						fmt.Fprintf(w, "  %c%d.%c: %d\n", 'A'+a, c, 'a'+i, 1+rng.IntN(5))
					}
				}
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes a file through a buffer.
func writeFile(path string, fill func(*bufio.Writer)) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fill(w)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
