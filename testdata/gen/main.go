// Command gen writes the benchmark workload of BENCHMARKS.md: a custom
// framework and one questionnaire file per respondent of thousands of
// regions, with deterministic pseudo-random answers.
//
//	go run ./testdata/gen -o /tmp/r3l-bench -regions 3000
//	go run ./testdata/gen -o /tmp/r3l-large -indicators 100000
//
// It writes DIR/framework.yaml and DIR/questionnaires/<region>/<period>-rNN.yaml;
// with -indicators, a framework of that many indicators and two
// questionnaires of one region, DIR/r1.yaml and DIR/r2.yaml.
// The output is not committed; the benchmarks generate it themselves.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/r3l/r3l/internal/workload"
)

func main() {
	cfg := workload.Default()
	dir := flag.String("o", "", "folder to write into (created if missing; must not hold questionnaires yet)")
	flag.IntVar(&cfg.Regions, "regions", cfg.Regions, "number of regions")
	flag.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "seed of the pseudo-random answers")
	flag.Float64Var(&cfg.TwoPeriods, "two-periods", cfg.TwoPeriods, "share of regions assessed in two periods")
	indicators := flag.Int("indicators", 0, "write a framework of this many indicators (a multiple of 100) and one region's questionnaires instead")
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./testdata/gen -o DIR [-regions N] [-seed S] [-two-periods P] [-indicators N]")
		os.Exit(2)
	}
	if *indicators > 0 {
		if err := workload.GenerateLarge(*dir, *indicators); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		fmt.Printf("a framework of %d indicators and %d questionnaires in %s\n", *indicators, len(workload.LargeQuestionnaires), *dir)
		return
	}
	if _, err := os.Stat(*dir + "/" + workload.QuestionnaireDir); err == nil {
		fmt.Fprintf(os.Stderr, "gen: %s/%s exists already; give an empty folder\n", *dir, workload.QuestionnaireDir)
		os.Exit(1)
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	st, err := workload.Generate(*dir, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("%d regions, %d assessments, %d questionnaire files, %.1f MB in %s\n",
		st.Regions, st.Assessments, st.Files, float64(st.Bytes)/1e6, *dir)
}
