package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/dossier-dev/dossier/internal/batch"
	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/output/all"
	"github.com/dossier-dev/dossier/pipeline"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// runOptions are the flags of `dossier run`; each also has a config key.
type runOptions struct {
	out     string
	formats []string
	dct     string
	workers int
	force   bool
	shard   string
}

// runFlagKeys maps run's flags to the config keys they override.
var runFlagKeys = config.FlagKeys{
	"out":     "output.dir",
	"formats": "output.formats",
	"dct":     "pipeline.dct",
	"workers": "run.workers",
	"force":   "run.force",
	"shard":   "run.shard",
}

// AddFlags registers the options' flags.
func (o *runOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVarP(&o.out, "out", "o", "./out", "output `folder` (output.dir)")
	f.StringSliceVarP(&o.formats, "formats", "f", nil, "comma-separated output `formats`: json,xlsx,pdf,jsonld,html,csl,bibtex,ris (output.formats)")
	f.StringVar(&o.dct, "dct", "", "document creation `date` YYYY-MM-DD for documents without one (pipeline.dct)")
	f.IntVarP(&o.workers, "workers", "j", 0, "documents processed at once, 0 = one per CPU (run.workers)")
	f.BoolVar(&o.force, "force", false, "reprocess documents the manifest says are up to date (run.force)")
	f.StringVar(&o.shard, "shard", "", "process only share `K/N` of the inputs, e.g. 2/4 (run.shard)")
}

func newRunCommand(g *globalOptions) *cobra.Command {
	opts := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run [flags] INPUT...",
		Short: "Extract events, positions and citations and write the outputs",
		Long: `Run the pipeline on each INPUT (a file, a folder, - for standard input, or
@list.txt naming one path a line) and write one output set per document into
the output folder: NAME.json, NAME.xlsx, NAME.pdf, NAME.jsonld, … as
configured. A document that fails is reported on stderr and in
errors.jsonl; the others still complete.

Documents whose input, config and dossier version are unchanged since the
last run into the same folder are skipped (see out/manifest.jsonl); --force
redoes them. One run at a time per output folder.

Exit codes: 0 all documents done; 1 some failed; 2 usage or config error;
3 another run is using the output folder.`,
		Example: `  dossier run report.txt
  dossier run --formats json,pdf -o briefings/ reports/
  dossier run -c configs/analyst.yaml @todays-files.txt
  dossier run --shard 2/4 -o shard2/ corpus/      # then: dossier merge shard*/ -o out/
  cat note.md | dossier run -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("run: no INPUT given (see dossier run --help)")}
			}
			return runRun(cmd, g, opts, args)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runRun(cmd *cobra.Command, g *globalOptions, _ *runOptions, args []string) error {
	l, err := loadConfig(g, cmd.Flags(), runFlagKeys)
	if err != nil {
		return err
	}
	return runBatch(cmd.Context(), cmd, &l.Config, args)
}

// pipelineFor builds the configured pipeline and lists the inputs; both
// failing is a usage error.
func pipelineFor(cfg *config.Config, args []string) (*pipeline.Pipeline, []batch.Input, error) {
	p, err := pipeline.New(cfg, pipeline.DefaultRegistry())
	if err != nil {
		return nil, nil, usageError{err}
	}
	inputs, err := batch.Expand(args, cfg.Input)
	if err != nil {
		return nil, nil, usageError{err}
	}
	return p, inputs, nil
}

// runBatch runs the pipeline over the inputs once; `run` and each tick of
// `schedule` call it.
func runBatch(ctx context.Context, cmd *cobra.Command, cfg *config.Config, args []string) error {
	log := newLogger(cfg, cmd.ErrOrStderr())
	p, inputs, err := pipelineFor(cfg, args)
	if err != nil {
		return err
	}
	shard, err := batch.ResolveShard(cfg.Run, os.Getenv)
	if err != nil {
		return usageError{err}
	}
	run := &output.Run{Version: Version(), ConfigHash: configHash(cfg), Started: time.Now().UTC(), Config: cfg}
	opts := batch.Options{
		Config: cfg, Pipeline: p, Exporters: all.Registry(), Run: run,
		Stdin: cmd.InOrStdin(), Log: log, Errors: cmd.ErrOrStderr(), Shard: shard,
	}
	stderr := cmd.ErrOrStderr()
	if f, ok := stderr.(*os.File); ok && (cfg.Run.Progress == "bar" || cfg.Run.Progress == "auto" && term.IsTerminal(int(f.Fd()))) {
		opts.Bar = stderr
	}
	sum, err := batch.Run(ctx, opts, inputs)
	if err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	fmt.Fprintf(stderr, "dossier: processed %d, skipped %d, failed %d in %s (out: %s)\n",
		sum.Processed, sum.Skipped, sum.Failed, sum.Duration.Round(time.Millisecond), cfg.Output.Dir)
	if err != nil {
		fmt.Fprintf(stderr, "dossier: stopped: the documents in hand were finished, %d not started\n", sum.NotStarted)
		return err
	}
	if sum.Failed > 0 {
		return errDocumentsFailed
	}
	return nil
}

// configHash identifies a configuration: runs with equal hashes extract the
// same way (see batch.ConfigHash).
func configHash(cfg *config.Config) string { return batch.ConfigHash(cfg) }

// newLogger logs to w (the command's stderr) in the configured format.
func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.Log.Level))
	hopts := &slog.HandlerOptions{Level: level}
	if cfg.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, hopts))
	}
	return slog.New(slog.NewTextHandler(w, hopts))
}
