package main

import (
	"fmt"
	"time"

	"github.com/dossier-dev/dossier/internal/batch"
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/output/all"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// mergeOptions are the flags of `dossier merge`.
type mergeOptions struct {
	out     string
	formats []string
}

var mergeFlagKeys = map[string]string{"out": "output.dir", "formats": "output.formats"}

// AddFlags registers the options' flags.
func (o *mergeOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVarP(&o.out, "out", "o", "./out", "merged output `folder` (output.dir)")
	f.StringSliceVarP(&o.formats, "formats", "f", nil, "corpus `formats` to build (output.formats)")
}

func newMergeCommand(g *globalOptions) *cobra.Command {
	opts := &mergeOptions{}
	cmd := &cobra.Command{
		Use:   "merge SHARD_DIR... --out DIR",
		Short: "Combine the output folders of sharded runs into one",
		Long: `Merge the output folders written by 'dossier run --shard K/N' (or by the
pods of a Kubernetes Indexed Job) into one folder: per-document files are
copied and the corpus outputs (corpus.jsonl, corpus.xlsx, corpus.jsonld, …)
are built in the order a single-machine run would use, so the result is the
same as running everything on one machine. Shards must include the json
format.`,
		Example: `  dossier run --shard 1/2 -o shards/1 corpus/ && dossier run --shard 2/2 -o shards/2 corpus/
  dossier merge shards/1 shards/2 --out out/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := loadConfig(g, cmd.Flags(), mergeFlagKeys)
			if err != nil {
				return err
			}
			cfg := &l.Config
			run := &output.Run{Version: Version(), ConfigHash: configHash(cfg), Started: time.Now().UTC(), Config: cfg}
			sum, err := batch.Merge(cmd.Context(), batch.Options{
				Config: cfg, Exporters: all.Registry(), Run: run, Log: newLogger(cfg, cmd.ErrOrStderr()), Errors: cmd.ErrOrStderr(),
			}, args)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "dossier: merged %d documents from %d shards, %d failed, in %s (out: %s)\n",
				sum.Processed, len(args), sum.Failed, sum.Duration.Round(time.Millisecond), cfg.Output.Dir)
			if sum.Failed > 0 {
				return errDocumentsFailed
			}
			return nil
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}
