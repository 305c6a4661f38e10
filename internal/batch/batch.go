package batch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/pipeline"
	"github.com/dossier-dev/dossier/pipeline/ingest"
	"github.com/dossier-dev/dossier/schema"
)

// ErrorsFile lists the run's failed documents, one JSON object a line.
const ErrorsFile = "errors.jsonl"

// Options configure a run.
type Options struct {
	Config    *config.Config
	Pipeline  *pipeline.Pipeline
	Exporters *output.Registry
	Run       *output.Run
	Stdin     io.Reader
	// Log receives progress and warnings.
	Log *slog.Logger
	// Errors receives one line per failure ("dossier: FILE: cause").
	Errors io.Writer
}

// Failure is one document that could not be processed, or one exporter that
// failed for a document.
type Failure struct {
	File   string `json:"file"`
	Stage  string `json:"stage"`
	Cause  string `json:"cause"`
	Format string `json:"format,omitempty"`
}

// Summary counts a run's outcome.
type Summary struct {
	Processed int           `json:"processed"`
	Skipped   int           `json:"skipped"`
	Failed    int           `json:"failed"`
	Outputs   []string      `json:"outputs,omitempty"`
	Duration  time.Duration `json:"duration_ns"`
	Failures  []Failure     `json:"failures,omitempty"`
}

// exporter is a built exporter with its format name.
type exporter struct {
	name string
	output.Exporter
}

// Run processes the inputs and writes their outputs into the configured
// folder. It returns an error only for problems that stop the whole run;
// per-document failures are in the summary.
func Run(ctx context.Context, opts Options, inputs []Input) (Summary, error) {
	start := time.Now()
	cfg := opts.Config
	dir := cfg.Output.Dir
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Summary{}, fmt.Errorf("output folder: %w", err)
	}
	exps := buildExporters(opts)
	var sum Summary
	var mu sync.Mutex
	fail := func(f Failure) {
		mu.Lock()
		defer mu.Unlock()
		sum.Failures = append(sum.Failures, f)
		fmt.Fprintf(opts.Errors, "dossier: %s: %s: %s\n", f.File, f.Stage, f.Cause)
	}

	var corpora []corpusOut
	if len(inputs) > 1 {
		for _, e := range exps {
			if ce, ok := e.Exporter.(output.CorpusExporter); ok {
				w, err := ce.NewCorpus(dir)
				if err != nil {
					fail(Failure{File: dir, Stage: "export", Format: e.name, Cause: err.Error()})
					continue
				}
				corpora = append(corpora, corpusOut{name: e.name, w: w})
			}
		}
	}

	type result struct {
		doc     *schema.Document
		outputs []string
	}
	results := make([]chan result, len(inputs))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < cfg.WorkerCount(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				doc, outs, ok := processOne(ctx, opts, exps, inputs[i], dir, fail)
				if !ok {
					doc = nil
				}
				results[i] <- result{doc, outs}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range inputs {
			select {
			case jobs <- i:
			case <-ctx.Done():
				for j := i; j < len(inputs); j++ {
					results[j] <- result{}
				}
				return
			}
		}
	}()
	// Corpus outputs take documents in input order, so they are the same
	// whatever the number of workers.
	for i := range inputs {
		r := <-results[i]
		if r.doc == nil {
			continue
		}
		mu.Lock()
		sum.Processed++
		sum.Outputs = append(sum.Outputs, r.outputs...)
		mu.Unlock()
		for _, c := range corpora {
			if err := c.w.Add(r.doc); err != nil {
				fail(Failure{File: inputs[i].Path, Stage: "export", Format: c.name, Cause: err.Error()})
			}
		}
	}
	wg.Wait()
	for _, c := range corpora {
		paths, err := c.w.Close()
		if err != nil {
			fail(Failure{File: dir, Stage: "export", Format: c.name, Cause: err.Error()})
			continue
		}
		sum.Outputs = append(sum.Outputs, paths...)
	}
	sum.Failed = countFailedDocs(sum.Failures)
	if err := writeErrors(dir, sum.Failures); err != nil {
		return sum, err
	}
	sum.Duration = time.Since(start)
	return sum, ctx.Err()
}

type corpusOut struct {
	name string
	w    output.CorpusWriter
}

func buildExporters(opts Options) []exporter {
	var exps []exporter
	for _, f := range opts.Config.Output.Formats {
		if !opts.Exporters.Has(f) {
			opts.Log.Warn("format not available yet; skipped", "format", f)
			continue
		}
		e, err := opts.Exporters.Build(f, opts.Run)
		if err != nil {
			opts.Log.Error("exporter unavailable", "format", f, "err", err)
			continue
		}
		exps = append(exps, exporter{name: f, Exporter: e})
	}
	return exps
}

// processOne runs one document through the pipeline and the exporters. A
// panic anywhere is that document's failure.
func processOne(ctx context.Context, opts Options, exps []exporter, in Input, dir string, fail func(Failure)) (doc *schema.Document, outs []string, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			fail(Failure{File: in.Path, Stage: "panic", Cause: fmt.Sprintf("%v\n%s", r, debug.Stack())})
			ok = false
		}
	}()
	if in.Err != nil {
		fail(Failure{File: in.Path, Stage: "ingest", Cause: in.Err.Error()})
		return nil, nil, false
	}
	var err error
	if in.Path == StdinPath {
		var data []byte
		data, err = io.ReadAll(io.LimitReader(opts.Stdin, opts.Config.Input.MaxBytes+1))
		if err == nil && int64(len(data)) > opts.Config.Input.MaxBytes {
			err = ingest.ErrTooLarge
		}
		if err == nil {
			doc, err = ingest.Read(in.Path, data, ingest.Options{MaxBytes: opts.Config.Input.MaxBytes})
		}
		if err != nil {
			err = &pipeline.StageError{Path: in.Path, Stage: "ingest", Err: err}
		} else {
			err = opts.Pipeline.Process(ctx, doc)
		}
	} else {
		doc, err = opts.Pipeline.ProcessFile(ctx, in.Path)
	}
	if err != nil {
		stage := pipeline.StageOf(err)
		var se *pipeline.StageError
		cause := err
		if errors.As(err, &se) {
			cause = se.Err
		}
		fail(Failure{File: in.Path, Stage: stage, Cause: cause.Error()})
		return nil, nil, false
	}
	doc.ID = in.ID
	for _, e := range exps {
		paths, err := e.Export(ctx, doc, dir)
		if err != nil {
			fail(Failure{File: in.Path, Stage: "export", Format: e.name, Cause: err.Error()})
			continue
		}
		outs = append(outs, paths...)
	}
	return doc, outs, true
}

func countFailedDocs(fs []Failure) int {
	files := map[string]bool{}
	for _, f := range fs {
		files[f.File] = true
	}
	return len(files)
}

// writeErrors writes errors.jsonl, or removes a stale one after a clean run.
func writeErrors(dir string, fs []Failure) error {
	path := filepath.Join(dir, ErrorsFile)
	if len(fs) == 0 {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		for _, f := range fs {
			if err := enc.Encode(f); err != nil {
				return err
			}
		}
		return nil
	})
}
