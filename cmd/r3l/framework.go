package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/r3l/r3l/framework"
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
	var lang string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the bundled frameworks",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			l, err := matchLanguage(lang)
			if err != nil {
				return usageError{err}
			}
			fws, err := framework.Bundled()
			if err != nil {
				return err
			}
			return report.FrameworkList(s.out, fws, l)
		},
	}
	cmd.Flags().StringVar(&lang, "lang", "en", "language of titles")
	return cmd
}

type frameworkShowOptions struct {
	ref    string
	lang   string
	format string
}

func newFrameworkShowCmd(s *streams) *cobra.Command {
	opts := &frameworkShowOptions{}
	cmd := &cobra.Command{
		Use:   "show [ID|FILE]",
		Short: "Show a framework's areas, criteria and indicators",
		Example: `  r3l framework show
  r3l framework show r3lplus --lang sv
  r3l framework show -f yaml r3lplus > my-framework.yaml   # a copy to adapt`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ref = framework.DefaultID
			if len(args) == 1 {
				opts.ref = args[0]
			}
			l, err := matchLanguage(opts.lang)
			if err != nil {
				return usageError{err}
			}
			opts.lang = l
			if opts.format != "table" && opts.format != "yaml" {
				return usagef("unknown format %q (one of: table, yaml)", opts.format)
			}
			return runFrameworkShow(s, opts)
		},
	}
	cmd.Flags().StringVar(&opts.lang, "lang", "en", "language of texts")
	cmd.Flags().StringVarP(&opts.format, "format", "f", "table", "table, or yaml for the framework's source")
	return cmd
}

func runFrameworkShow(s *streams, opts *frameworkShowOptions) error {
	fw, err := framework.Resolve(opts.ref)
	if err != nil {
		return err
	}
	if opts.format == "yaml" {
		var src []byte
		if fw.Path == "bundled:"+fw.ID {
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
	width := 80
	if tty, w := isTerminal(s.out); tty {
		width = max(w, 60)
	}
	return report.FrameworkTree(s.out, fw, opts.lang, width)
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
				fmt.Fprintf(s.out, "%s: ok — %s %s: %d areas, %d criteria, %d indicators\n",
					path, fw.ID, fw.Version, len(fw.Areas), len(fw.Criteria), len(fw.Indicators))
			}
			return errors.Join(failed...)
		},
	}
}
