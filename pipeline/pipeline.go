package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/pipeline/ingest"
	"github.com/dossier-dev/dossier/schema"
)

// Pipeline reads documents and runs the configured stages on them. It is
// safe for concurrent use: stages keep no per-document state.
type Pipeline struct {
	cfg    *config.Config
	stages []NamedStage
}

// New builds the stages named in cfg.Pipeline.Stages from the registry.
func New(cfg *config.Config, reg *Registry) (*Pipeline, error) {
	stages, err := reg.Build(cfg, cfg.Pipeline.Stages)
	if err != nil {
		return nil, err
	}
	return &Pipeline{cfg: cfg, stages: stages}, nil
}

// StageError says which stage failed on which document.
type StageError struct {
	Path  string
	Stage string
	Err   error
}

func (e *StageError) Error() string { return fmt.Sprintf("%s: %s: %v", e.Path, e.Stage, e.Err) }

// Unwrap returns the cause.
func (e *StageError) Unwrap() error { return e.Err }

// ProcessFile reads the file at path and runs every stage on it.
func (p *Pipeline) ProcessFile(ctx context.Context, path string) (*schema.Document, error) {
	doc, err := ingest.ReadFile(path, ingest.Options{MaxBytes: p.cfg.Input.MaxBytes})
	if err != nil {
		return nil, &StageError{Path: path, Stage: "ingest", Err: err}
	}
	return doc, p.Process(ctx, doc)
}

// Process runs every stage on a document already ingested. A panic in a
// stage is turned into that stage's error, so one bad document never takes
// a batch down.
func (p *Pipeline) Process(ctx context.Context, doc *schema.Document) error {
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := runStage(ctx, s, doc); err != nil {
			return &StageError{Path: doc.Source.Path, Stage: s.Name, Err: err}
		}
	}
	return nil
}

func runStage(ctx context.Context, s NamedStage, doc *schema.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	return s.Process(ctx, doc)
}

// StageOf returns the stage named in err, or "".
func StageOf(err error) string {
	var se *StageError
	if errors.As(err, &se) {
		return se.Stage
	}
	return ""
}
