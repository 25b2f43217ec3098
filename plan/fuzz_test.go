package plan_test

import (
	"os"
	"reflect"
	"testing"

	"github.com/r3l/r3l/plan"
)

// FuzzParsePlan: any bytes give a plan or problems, never a panic; a plan
// that reads, written again, reads back the same.
func FuzzParsePlan(f *testing.F) {
	sample, err := os.ReadFile("../testdata/plans/lake-constance.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	f.Add([]byte("schema: r3l.plan/v1\nframework: x\nregion: r\nbaseline_period: 1\ntarget_period: 2\ntargets: [{id: A, score: 1e2}]\n"))
	f.Add([]byte("schema: r3l.plan/v1\nactions: [{id: a, title: \"\\e[2J\", criteria: A, due: \"2024-02-30\"}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := plan.Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		out, err := p.YAML([]string{"head"}, []string{"help"})
		if err != nil {
			t.Fatalf("a plan that reads cannot be written: %v", err)
		}
		again, err := plan.Parse("fuzz.yaml", out)
		if err != nil {
			t.Fatalf("written plan does not read back: %v\n%s", err, out)
		}
		clearPos(p)
		clearPos(again)
		if !reflect.DeepEqual(p, again) {
			t.Fatalf("round trip changed the plan:\n%+v\n%+v\n%s", p, again, out)
		}
	})
}

func clearPos(p *plan.Plan) {
	for i := range p.Targets {
		p.Targets[i].Pos.Line, p.Targets[i].Pos.Col = 0, 0
	}
	for i := range p.Actions {
		p.Actions[i].Pos.Line, p.Actions[i].Pos.Col = 0, 0
	}
}
