package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/spf13/cobra"
)

func newScheduleCommand(g *globalOptions) *cobra.Command {
	opts := &runOptions{}
	var spec string
	cmd := &cobra.Command{
		Use:   "schedule --cron SPEC [run flags] INPUT...",
		Short: "Stay up and run the job on a cron schedule",
		Long: `Run 'dossier run' with the given flags and inputs on a cron schedule (five
fields: minute hour day-of-month month day-of-week, or @hourly, @daily, …).
Runs never overlap: a tick that comes while a run is still going is skipped.
SIGTERM or Ctrl-C stops the schedule cleanly: the documents in hand are
finished and written, and nothing new is started.`,
		Example: `  dossier schedule --cron "0 6 * * *" -o /srv/dossier/out /srv/dossier/inbox
  dossier schedule --cron @hourly -c configs/analyst.yaml reports/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			sched, err := cron.ParseStandard(spec)
			if err != nil {
				return usageError{fmt.Errorf("--cron %q: %w", spec, err)}
			}
			l, err := loadConfig(g, cmd.Flags(), runFlagKeys)
			if err != nil {
				return err
			}
			return runSchedule(cmd.Context(), cmd, sched, func(ctx context.Context) error {
				return runBatch(ctx, cmd, &l.Config, args)
			})
		},
	}
	cmd.Flags().StringVar(&spec, "cron", "", "cron `spec`, e.g. \"0 6 * * *\" (required)")
	_ = cmd.MarkFlagRequired("cron")
	opts.AddFlags(cmd.Flags())
	return cmd
}

// runSchedule calls job at each tick of sched until ctx ends. Runs are
// sequential in this one goroutine, so they can never overlap; ticks missed
// while a run was going are dropped, not queued.
func runSchedule(ctx context.Context, cmd *cobra.Command, sched cron.Schedule, job func(context.Context) error) error {
	out := cmd.ErrOrStderr()
	for {
		next := sched.Next(time.Now())
		fmt.Fprintf(out, "dossier: next run at %s\n", next.Format(time.RFC3339))
		timer := time.NewTimer(time.Until(next))
		select {
		case <-ctx.Done():
			timer.Stop()
			fmt.Fprintln(out, "dossier: schedule stopped")
			return nil
		case <-timer.C:
		}
		err := job(ctx)
		switch {
		case err == nil, errors.Is(err, errDocumentsFailed):
			// failures are reported per document; the schedule goes on
		case errors.Is(err, context.Canceled):
			fmt.Fprintln(out, "dossier: schedule stopped after finishing the documents in hand")
			return nil
		default:
			fmt.Fprintln(out, "dossier: run failed:", err)
		}
	}
}
