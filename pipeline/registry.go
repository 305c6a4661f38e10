package pipeline

import (
	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/pipeline/actors"
	"github.com/dossier-dev/dossier/pipeline/citations"
	"github.com/dossier-dev/dossier/pipeline/clean"
	"github.com/dossier-dev/dossier/pipeline/events"
	"github.com/dossier-dev/dossier/pipeline/metadata"
	"github.com/dossier-dev/dossier/pipeline/overrides"
	"github.com/dossier-dev/dossier/pipeline/positions"
	"github.com/dossier-dev/dossier/pipeline/segment"
	"github.com/dossier-dev/dossier/pipeline/timex"
)

// DefaultRegistry returns a registry holding every stage dossier has. It is
// the one place a new stage is added.
func DefaultRegistry() *Registry {
	r := NewRegistry()
	r.Register("clean", func(*config.Config) (Stage, error) { return clean.New() })
	r.Register("segment", func(*config.Config) (Stage, error) { return segment.New() })
	r.Register("metadata", func(*config.Config) (Stage, error) { return metadata.New() })
	r.Register("dates", func(c *config.Config) (Stage, error) { return timex.NewStage(c) })
	r.Register(actors.StageName, func(cfg *config.Config) (Stage, error) { return actors.Factory(cfg) })
	r.Register("citations", func(cfg *config.Config) (Stage, error) { return citations.New(cfg) })
	r.Register(events.StageName, func(cfg *config.Config) (Stage, error) { return events.Factory(cfg) })
	r.Register("positions", func(cfg *config.Config) (Stage, error) { return positions.New(cfg) })
	r.Register(overrides.StageName, func(cfg *config.Config) (Stage, error) { return overrides.New(cfg) })
	return r
}
