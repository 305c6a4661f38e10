package events_test

import (
	"context"
	"os"
	"testing"

	"github.com/dossier-dev/dossier/internal/testutil"
	"github.com/dossier-dev/dossier/pipeline/events"
)

func TestZZDebug(t *testing.T) {
	name := os.Getenv("EVDEBUG")
	if name == "" {
		t.Skip()
	}
	doc := testutil.Process(t, name)
	s, _ := events.Factory(nil)
	for _, c := range events.DebugCandidates(s, doc) {
		t.Log(c)
	}
	_ = context.Background()
}
