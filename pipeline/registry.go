package pipeline

import (
	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/pipeline/clean"
	"github.com/dossier-dev/dossier/pipeline/metadata"
	"github.com/dossier-dev/dossier/pipeline/segment"
)

// DefaultRegistry returns a registry holding every stage dossier has. It is
// the one place a new stage is added.
func DefaultRegistry() *Registry {
	r := NewRegistry()
	r.Register("clean", func(*config.Config) (Stage, error) { return clean.New() })
	r.Register("segment", func(*config.Config) (Stage, error) { return segment.New() })
	r.Register("metadata", func(*config.Config) (Stage, error) { return metadata.New() })
	return r
}
