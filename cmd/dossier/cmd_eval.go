package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/internal/batch"
	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/internal/eval"
	"github.com/spf13/cobra"
)

// evalOptions are the flags of `dossier eval`.
type evalOptions struct {
	json bool
	save string
	dct  string
}

var evalFlagKeys = config.FlagKeys{"dct": "pipeline.dct"}

func newEvalCommand(g *globalOptions) *cobra.Command {
	opts := &evalOptions{}
	cmd := &cobra.Command{
		Use:   "eval [flags] INPUT...",
		Short: "Score extraction against gold annotations (NAME.gold.json beside each document)",
		Long: `Run the pipeline on each INPUT (files, folders or @list.txt) that has a gold
file NAME.gold.json beside it and print precision, recall, F1 and field
accuracy for events, positions and citations, per document and overall,
exactly as ../shared/eval/score.py computes them (format: its FORMAT.md).

An HTML document NAME.html is scored against NAME.txt, its visible text,
on which the gold was annotated; when both NAME.html and NAME.txt are
given, only the HTML is evaluated. Inputs without gold are listed on stderr
and skipped. "overall" sums the documents' counts (micro average).

Exit codes: 0 scored; 1 a document failed; 2 usage error or no gold found.`,
		Example: `  dossier eval ../shared/corpus/dev
  dossier eval --json ../shared/corpus/dev/*.txt ../shared/corpus/dev/*.md ../shared/corpus/dev/*.html
  dossier eval --save out/eval ../shared/corpus/dev   # keep each output for score.py`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("eval: no INPUT given (see dossier eval --help)")}
			}
			return runEval(cmd, g, opts, args)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.json, "json", false, "print the scores as JSON (score.py --json per document, plus overall)")
	f.StringVar(&opts.save, "save", "", "also write each document's JSON output into `folder` (NAME.json)")
	f.StringVar(&opts.dct, "dct", "", "document creation `date` YYYY-MM-DD for documents without one (pipeline.dct)")
	return cmd
}

// evalReport is the --json output.
type evalReport struct {
	Documents map[string]eval.Result `json:"documents"`
	Overall   eval.Result            `json:"overall"`
}

func runEval(cmd *cobra.Command, g *globalOptions, opts *evalOptions, args []string) error {
	l, err := loadConfig(g, cmd.Flags(), evalFlagKeys)
	if err != nil {
		return err
	}
	cfg := &l.Config
	p, inputs, err := pipelineFor(cfg, args)
	if err != nil {
		return err
	}
	var paths []string
	for _, in := range inputs {
		if in.Err != nil {
			return in.Err
		}
		if in.Path == batch.StdinPath {
			return usageError{fmt.Errorf("eval: standard input has no gold file beside it")}
		}
		paths = append(paths, in.Path)
	}
	cases, skipped, err := eval.Cases(paths)
	if err != nil {
		return usageError{err}
	}
	for _, s := range skipped {
		fmt.Fprintf(cmd.ErrOrStderr(), "dossier eval: %s: no %s beside it, skipped\n", s, eval.GoldSuffix)
	}
	if len(cases) == 0 {
		return usageError{fmt.Errorf("eval: none of the inputs has a %s file beside it", eval.GoldSuffix)}
	}
	out := cmd.OutOrStdout()
	var results []*eval.DocResult
	report := evalReport{Documents: map[string]eval.Result{}}
	for _, c := range cases {
		r, err := eval.Evaluate(cmd.Context(), c, p.ProcessFile)
		if err != nil {
			return fmt.Errorf("eval: %w", err)
		}
		results = append(results, r)
		report.Documents[c.Name()] = r.Result
		if opts.save != "" {
			if err := os.MkdirAll(opts.save, 0o755); err != nil {
				return err
			}
			if err := atomicfile.WriteFile(filepath.Join(opts.save, c.Name()+".json"), r.Output); err != nil {
				return err
			}
		}
		if !opts.json {
			fmt.Fprintf(out, "== %s\n", filepath.Base(c.Input))
			for _, k := range eval.Kinds {
				fmt.Fprintln(out, r.Result[k].Line(k))
			}
		}
	}
	report.Overall = eval.Overall(results)
	if opts.json {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(report)
	}
	fmt.Fprintf(out, "== overall (%d documents)\n", len(results))
	for _, k := range eval.Kinds {
		fmt.Fprintln(out, report.Overall[k].Line(k))
	}
	return nil
}
