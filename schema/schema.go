// Package schema holds the JSON Schemas (draft 2020-12) of the files r3l
// reads (framework, questionnaire, mapping, plan, crosswalk) and of the JSON it writes (assessment,
// comparison, batch summary), for editors and scripts, and builds a
// questionnaire schema for one framework: its indicator ids, their scales
// and its roles, so that an editor completes and checks them as a
// stakeholder types.
//
// Each schema's $id (https://r3l.example/schema/NAME.schema.json) names
// it and is never fetched: .example is a reserved domain, and every schema
// is complete in itself, so no validator or editor needs to look anything
// up. The comparison schema carries a copy of the assessment schema's
// definitions for that reason (kept equal by a test; `go test ./schema
// -update` copies them).
package schema

import (
	"embed"
	"slices"
)

//go:embed *.schema.json
var files embed.FS

// names are the schemas in the order `r3l schema` lists them.
var names = []string{"framework", "questionnaire", "mapping", "plan", "crosswalk", "assessment", "comparison", "summary"}

// Questionnaire is the name of the questionnaire schema, the one that -F
// makes specific to a framework.
const Questionnaire = "questionnaire"

// Names lists the schemas by name.
func Names() []string { return slices.Clone(names) }

// FileName is the name of a schema's file, as in this package.
func FileName(name string) string { return name + ".schema.json" }

// Get returns the schema with the given name, or false when there is none.
func Get(name string) ([]byte, bool) {
	if !slices.Contains(names, name) {
		return nil, false
	}
	data, err := files.ReadFile(FileName(name))
	if err != nil {
		panic(err) // every name has its embedded file; the tests read each
	}
	return data, true
}

// baseID is where the schemas' ids live; see the package comment.
const baseID = "https://r3l.example/schema/"
