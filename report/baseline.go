package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/yamlx"
)

// MaxBaselineSize caps a JSON report read as a baseline: the report of an
// assessment of 5,000 indicators and 500 respondents stays below it.
const MaxBaselineSize = 64 << 20

// IsAssessmentJSON reports whether data is the JSON report of one
// assessment, as `assess -f json` and batch write it.
func IsAssessmentJSON(data []byte) bool { return jsonOutputKind(data) == "assessment" }

// baselineNode is what a baseline needs of a node of the JSON report.
type baselineNode struct {
	ID     string      `json:"id"`
	Score  *float64    `json:"score"`
	Spread *jsonSpread `json:"spread"`
}

// ReadBaseline reads the JSON report of an earlier assessment as a
// baseline. Reports written before spreads were recorded give changes
// whose noise cannot be told (Change.SE nil).
func ReadBaseline(path string) (*assess.Baseline, error) {
	data, err := yamlx.ReadFile(path, MaxBaselineSize)
	if err != nil {
		return nil, err
	}
	return ParseBaseline(path, data)
}

// ParseBaseline is ReadBaseline of a report already read; path names it in
// messages.
func ParseBaseline(path string, data []byte) (*assess.Baseline, error) {
	var doc struct {
		Framework   *jsonFramework `json:"framework"`
		Region      *jsonRegion    `json:"region"`
		Period      *string        `json:"period"`
		Respondents int            `json:"respondents"`
		baselineNode
		Areas []struct {
			baselineNode
			Criteria []baselineNode `json:"criteria"`
		} `json:"areas"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, jsonProblem(path, data, err)
	}
	if doc.Framework == nil || doc.Region == nil || doc.Period == nil || doc.Areas == nil {
		return nil, yamlx.Problem{Path: path, Msg: "not the JSON report of one assessment (r3l assess -f json): it lacks framework, region, period or areas"}
	}
	b := &assess.Baseline{Framework: doc.Framework.ID, Region: doc.Region.ID, Period: *doc.Period,
		Respondents: doc.Respondents, Source: path, Nodes: map[string]assess.BaselineNode{}}
	add := func(n baselineNode) {
		bn := assess.BaselineNode{Score: n.Score}
		if n.Spread != nil {
			bn.Spread = assess.Spread{N: n.Spread.N, SD: n.Spread.SD}
		}
		b.Nodes[n.ID] = bn
	}
	doc.ID = ""
	add(doc.baselineNode)
	for _, a := range doc.Areas {
		if a.ID == "" {
			return nil, yamlx.Problem{Path: path, Msg: "an area without an id"}
		}
		add(a.baselineNode)
		for _, c := range a.Criteria {
			add(c)
		}
	}
	return b, nil
}

// jsonProblem places a JSON decoding error at its line and column.
func jsonProblem(path string, data []byte, err error) error {
	var offset int64 = -1
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		offset = syntax.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
		field := typ.Field[strings.LastIndexByte(typ.Field, '.')+1:]
		err = fmt.Errorf("%s must be %s, not %s", field, jsonKind(typ.Type.Kind()), typ.Value)
	}
	p := yamlx.Problem{Path: path, Msg: strings.TrimPrefix(err.Error(), "json: ")}
	if offset >= 0 && offset <= int64(len(data)) {
		before := data[:offset]
		p.Line = bytes.Count(before, []byte("\n")) + 1
		p.Col = int(offset) - bytes.LastIndexByte(before, '\n')
	}
	return p
}

// jsonKind words a Go kind as JSON's.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.Float64, reflect.Float32:
		return "a number"
	case reflect.Int, reflect.Int64:
		return "a whole number"
	case reflect.String:
		return "a text"
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return k.String()
}
