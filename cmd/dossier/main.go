package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// globalOptions are the flags every command shares.
type globalOptions struct {
	configFile string
}

// commands lists the subcommand constructors, in help order. Adding a
// command is adding its constructor here.
var commands = []func(*globalOptions) *cobra.Command{
	newRunCommand,
	newConfigCommand,
	newSchemaCommand,
	newVersionCommand,
	newDatesCommand,
	newEvalCommand,
	newCiteCommand,
	newReviewCommand,
	newMergeCommand,
	newScheduleCommand,
}

func newRootCommand() *cobra.Command {
	g := &globalOptions{}
	root := &cobra.Command{
		Use:   "dossier",
		Short: "Turn policy documents into grounded, structured data",
		Long: `dossier reads policy and analysis documents (plain text, Markdown, HTML),
drops web boilerplate, and extracts dated events, positions, citations and
actors, each with the exact text and offsets it rests on. It writes JSON,
JSON-LD, an XLSX workbook, a PDF briefing and an HTML review page.

Exit codes: 0 all documents done; 1 some documents failed; 2 usage or
configuration error; 3 another run is using the output folder.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVarP(&g.configFile, "config", "c", "", "YAML configuration `file` (layered over the built-in defaults)")
	seen := map[string]bool{}
	for _, mk := range commands {
		cmd := mk(g)
		if seen[cmd.Name()] {
			panic("dossier: command defined twice: " + cmd.Name())
		}
		seen[cmd.Name()] = true
		root.AddCommand(cmd)
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	return root
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCommand()
	err := root.ExecuteContext(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "dossier:", err)
	}
	os.Exit(exitCode(err))
}
