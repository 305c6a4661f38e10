package batch_test

import (
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/batch"
	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/internal/testutil"
	"github.com/dossier-dev/dossier/output"
)

// loadConfig is the built-in default configuration.
func loadConfig(t testing.TB) *config.Config { return testutil.Config(t) }

// testRun is a run's provenance with a fixed start time, so outputs of
// two runs can be compared.
func testRun(cfg *config.Config) *output.Run {
	return &output.Run{Version: "test", ConfigHash: batch.ConfigHash(cfg),
		Started: time.Date(2024, 5, 2, 6, 0, 0, 0, time.UTC), Config: cfg}
}
