package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/report"
	"github.com/r3l/r3l/schema"
)

type schemaOptions struct {
	name      string
	framework string
	output    string
}

func newSchemaCmd(s *streams) *cobra.Command {
	opts := &schemaOptions{}
	names := strings.Join(schema.Names(), ", ")
	cmd := &cobra.Command{
		Use:   "schema NAME",
		Short: "Print the JSON Schema of a file r3l reads or writes, for editors and scripts",
		Long: `Print the JSON Schema (draft 2020-12) of a file r3l reads or writes: ` + names + `.
The summary is the summary.json of a batch run.

With -F, the questionnaire schema is made for that framework: editors then
complete its indicator ids, the answers each takes, the criteria to rank and
the stakeholder roles. Templates name such a file in their first line, for
editors with yaml-language-server (such as VS Code's YAML extension).`,
		Example: `  r3l schema questionnaire -F r3lplus -o r3lplus.questionnaire.schema.json
  r3l schema framework -o framework.schema.json
  r3l schema assessment > assessment.schema.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if err := maxArgs(1)(cmd, args); err != nil {
				return err
			}
			return minArgs(1, "the schema name (one of: "+names+")")(cmd, args)
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return schema.Names(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.name = args[0]
			if err := opts.validate(cmd); err != nil {
				return err
			}
			return runSchema(s, opts)
		},
	}
	addFrameworkFlag(cmd, &opts.framework, "", "questionnaire only: a bundled id or a framework file, whose indicators, criteria and roles the schema lists")
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "write to this new file (never overwrites) instead of standard output")
	return cmd
}

func (o *schemaOptions) validate(cmd *cobra.Command) error {
	o.output = stdoutDash(o.output)
	if _, ok := schema.Get(o.name); !ok {
		return usagef("unknown schema %q (one of: %s)", o.name, strings.Join(schema.Names(), ", "))
	}
	if cmd.Flags().Changed("framework") && o.name != schema.Questionnaire {
		return usagef("-F applies to the %s schema only, not to %s", schema.Questionnaire, o.name)
	}
	return nil
}

func runSchema(s *streams, o *schemaOptions) error {
	data, _ := schema.Get(o.name)
	if o.framework != "" {
		fw, err := framework.Resolve(o.framework)
		if err != nil {
			return err
		}
		if data, err = schema.QuestionnaireFor(fw); err != nil {
			return fmt.Errorf("schema for %s: %w", fw.ID, err)
		}
	}
	write := func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
	if o.output == "" {
		return write(s.out)
	}
	return report.WriteNewFile(o.output, write)
}
