package pipeline

import (
	"context"
	"fmt"
	"sort"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/schema"
)

// Stage enriches a document: it reads what earlier stages found and adds
// its own findings. A stage returns an error only when the document cannot
// go on; things an analyst should check are warnings on the document.
type Stage interface {
	Process(ctx context.Context, doc *schema.Document) error
}

// StageFunc adapts a function to Stage.
type StageFunc func(ctx context.Context, doc *schema.Document) error

// Process calls f.
func (f StageFunc) Process(ctx context.Context, doc *schema.Document) error { return f(ctx, doc) }

// StageFactory builds a stage from the configuration. It runs once per run,
// so loading word lists belongs here, not in Process.
type StageFactory func(cfg *config.Config) (Stage, error)

// Registry maps stage names to factories.
type Registry struct {
	factories map[string]StageFactory
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{factories: map[string]StageFactory{}} }

// Register adds a stage. Registering a name twice is a programming error
// and panics.
func (r *Registry) Register(name string, f StageFactory) {
	if _, dup := r.factories[name]; dup {
		panic("pipeline: stage registered twice: " + name)
	}
	r.factories[name] = f
}

// Names lists the registered stages, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.factories))
	for n := range r.factories {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Build instantiates the named stages in order.
func (r *Registry) Build(cfg *config.Config, names []string) ([]NamedStage, error) {
	out := make([]NamedStage, 0, len(names))
	for _, n := range names {
		f, ok := r.factories[n]
		if !ok {
			return nil, fmt.Errorf("pipeline.stages: unknown stage %q (known: %v)", n, r.Names())
		}
		s, err := f(cfg)
		if err != nil {
			return nil, fmt.Errorf("stage %s: %w", n, err)
		}
		out = append(out, NamedStage{Name: n, Stage: s})
	}
	return out, nil
}

// NamedStage is a stage with the name it was registered under.
type NamedStage struct {
	Name string
	Stage
}
