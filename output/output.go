package output

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/schema"
)

// Run describes the run that produced the outputs, for provenance.
type Run struct {
	Version    string
	ConfigHash string
	Started    time.Time
	// Config is the effective configuration.
	Config *config.Config
}

// Exporter writes one format for one document.
type Exporter interface {
	// Export writes the document's files into dir and returns their paths.
	Export(ctx context.Context, doc *schema.Document, dir string) ([]string, error)
}

// CorpusExporter is an exporter that also writes one combined output for a
// multi-document run. Documents are added one at a time so a corpus never
// has to fit in memory.
type CorpusExporter interface {
	Exporter
	NewCorpus(dir string) (CorpusWriter, error)
}

// CorpusWriter accumulates documents into a corpus output.
type CorpusWriter interface {
	Add(doc *schema.Document) error
	// Close finishes the corpus files and returns their paths. Nothing is
	// visible under the final names before Close succeeds.
	Close() ([]string, error)
}

// Factory builds an exporter for a run.
type Factory func(run *Run) (Exporter, error)

// Registry maps format names to exporter factories.
type Registry struct {
	factories map[string]Factory
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{factories: map[string]Factory{}} }

// Register adds a format. Registering a name twice panics.
func (r *Registry) Register(name string, f Factory) {
	if _, dup := r.factories[name]; dup {
		panic("output: format registered twice: " + name)
	}
	r.factories[name] = f
}

// Has reports whether a format is registered.
func (r *Registry) Has(name string) bool { _, ok := r.factories[name]; return ok }

// Names lists the registered formats, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.factories))
	for n := range r.factories {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Build instantiates an exporter.
func (r *Registry) Build(name string, run *Run) (Exporter, error) {
	f, ok := r.factories[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (known: %v)", name, r.Names())
	}
	return f(run)
}

// FailureRecorder is a corpus writer that also lists the documents that
// failed (the workbook's Failures sheet). The batch runner calls AddFailure
// before Close.
type FailureRecorder interface {
	AddFailure(file, stage, cause string) error
}
