package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/textsafe"
	"github.com/r3l/r3l/report"
)

func newFrameworkCmd(s *streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "framework",
		Short: "List, show and validate quality frameworks",
		Args:  noArgs,
		RunE:  helpCmd,
	}
	cmd.AddCommand(newFrameworkListCmd(s), newFrameworkShowCmd(s), newFrameworkValidateCmd(s))
	return cmd
}

func newFrameworkListCmd(s *streams) *cobra.Command {
	var lang langFlag
	cmd := &cobra.Command{
		Use:   "list [FILE...]",
		Short: "List the bundled frameworks, and framework files if given",
		Long: `List the bundled frameworks, then the framework files given: id, version,
title, languages, size (areas/criteria/indicators) and source (bundled, or
the file, and the framework it extends).`,
		Example: `  r3l framework list
  r3l framework list my-network.yaml --lang de`,
		RunE: func(_ *cobra.Command, args []string) error {
			if err := usageProblems(lang.problems()); err != nil {
				return err
			}
			fws, err := framework.Bundled()
			if err != nil {
				return err
			}
			var failed []error
			for _, path := range args {
				fw, err := framework.LoadFile(path)
				if err != nil {
					failed = append(failed, err)
					continue
				}
				fws = append(fws, fw)
			}
			if err := report.FrameworkList(s.out, fws, lang.lang); err != nil {
				return err
			}
			return errors.Join(failed...)
		},
	}
	lang.add(cmd, "language of titles")
	return cmd
}

// tableWidth is the width tables are fitted to: the terminal's, or 80
// when the output is piped.
func tableWidth(s *streams) int {
	if s.outTerm {
		return max(s.width, 60)
	}
	return 80
}

// frameworkShowFormats are the forms `framework show` prints.
var frameworkShowFormats = []string{"table", "yaml"}

type frameworkShowOptions struct {
	langFlag
	ref    string
	format string
}

func newFrameworkShowCmd(s *streams) *cobra.Command {
	opts := &frameworkShowOptions{}
	cmd := &cobra.Command{
		Use:   "show [ID|FILE]",
		Short: "Show a framework's areas, criteria and indicators",
		Example: `  r3l framework show
  r3l framework show r3lplus --lang sv
  r3l framework show -f yaml r3lplus > my-framework.yaml   # a copy to adapt
  r3l framework show my-network.yaml   # an extension: + added, ~ changed, and what it dropped`,
		Args: maxArgs(1),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return bundledIDs(), cobra.ShellCompDirectiveDefault // or a file
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ref = framework.DefaultID
			if len(args) == 1 {
				opts.ref = args[0]
			}
			problems := opts.langFlag.problems()
			if !slices.Contains(frameworkShowFormats, opts.format) {
				problems = append(problems, fmt.Sprintf("unknown format %q (one of: %s)", opts.format, strings.Join(frameworkShowFormats, ", ")))
			}
			if err := usageProblems(problems); err != nil {
				return err
			}
			return runFrameworkShow(s, opts)
		},
	}
	opts.langFlag.add(cmd, "language of texts")
	cmd.Flags().StringVarP(&opts.format, "format", "f", "table", "table, or yaml for the framework's source (an extension's own file, not the merged framework)")
	_ = cmd.RegisterFlagCompletionFunc("format", completeValues(fixed(frameworkShowFormats)))
	return cmd
}

func runFrameworkShow(s *streams, opts *frameworkShowOptions) error {
	fw, err := framework.Resolve(opts.ref)
	if err != nil {
		return err
	}
	if opts.format == "yaml" {
		var src []byte
		if fw.Bundled() {
			src, err = framework.BundledSource(fw.ID)
		} else {
			src, err = os.ReadFile(fw.Path)
		}
		if err != nil {
			return err
		}
		_, err = s.out.Write(src)
		return err
	}
	return report.FrameworkTree(s.out, fw, opts.lang, tableWidth(s))
}

func newFrameworkValidateCmd(s *streams) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check framework files; every problem is listed as PATH:LINE:COL",
		Args:  minArgs(1, "framework files (FILE...)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var failed []error
			for _, path := range args {
				fw, err := framework.LoadFile(path)
				if err != nil {
					failed = append(failed, err)
					continue
				}
				for _, w := range fw.Warnings {
					fmt.Fprintf(s.err, "warning: %s\n", w)
				}
				fmt.Fprintf(s.out, "%s: ok — %s %s: %d areas, %d criteria, %d indicators\n", textsafe.Line(path),
					textsafe.Line(fw.ID), textsafe.Line(fw.Version), len(fw.Areas), len(fw.Criteria), len(fw.Indicators))
			}
			return errors.Join(failed...)
		},
	}
}
