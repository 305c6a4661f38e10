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
	"github.com/dossier-dev/dossier/output/jsonout"
	"github.com/dossier-dev/dossier/pipeline"
	"github.com/dossier-dev/dossier/pipeline/ingest"
	"github.com/dossier-dev/dossier/schema"
	"github.com/gofrs/flock"
)

// ErrorsFile lists the run's failed documents, one JSON object a line.
const ErrorsFile = "errors.jsonl"

// LockFile keeps two runs from writing into one output folder.
const LockFile = ".dossier.lock"

// ErrLocked means another run holds the output folder.
var ErrLocked = errors.New("another dossier run is using this output folder")

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
	// Bar, when not nil, receives a progress bar instead of per-document
	// log lines.
	Bar io.Writer
	// Shard selects this process's share of the inputs.
	Shard Shard
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

// result is one document's outcome, handed to the corpus writers in input
// order.
type result struct {
	doc     *schema.Document
	outputs []string
	skipped bool
}

// Run processes the inputs and writes their outputs into the configured
// folder. It returns an error only for problems that stop the whole run
// (the folder is locked or cannot be written); per-document failures are in
// the summary. When ctx is cancelled (SIGTERM), documents in hand are
// finished and no new ones are started.
func Run(ctx context.Context, opts Options, all []Input) (Summary, error) {
	start := time.Now()
	cfg := opts.Config
	dir := cfg.Output.Dir
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Summary{}, fmt.Errorf("output folder: %w", err)
	}
	lock := flock.New(filepath.Join(dir, LockFile))
	locked, err := lock.TryLock()
	if err != nil {
		return Summary{}, fmt.Errorf("output folder %s: lock: %w", dir, err)
	}
	if !locked {
		return Summary{}, fmt.Errorf("%w: %s (lock %s)", ErrLocked, dir, filepath.Join(dir, LockFile))
	}
	defer lock.Unlock()
	// A run killed earlier may have left temporaries; never partial outputs.
	if err := atomicfile.Clean(dir); err != nil {
		return Summary{}, err
	}
	man, err := openManifest(dir)
	if err != nil {
		return Summary{}, fmt.Errorf("manifest: %w", err)
	}

	shard := opts.Shard
	if shard.N == 0 {
		shard = Shard{1, 1}
	}
	inputs := shard.Select(all)
	exps := buildExporters(opts)
	prog := newProgress(len(inputs), opts.Bar, opts.Log)

	var sum Summary
	var mu sync.Mutex
	fail := func(f Failure) {
		mu.Lock()
		defer mu.Unlock()
		sum.Failures = append(sum.Failures, f)
		fmt.Fprintf(opts.Errors, "dossier: %s: %s: %s\n", f.File, f.Stage, oneLine(f.Cause))
	}

	var corpora []corpusOut
	if len(all) > 1 {
		corpora = openCorpora(exps, dir, fail)
	}

	results := make([]chan result, len(inputs))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	// Documents in hand are finished even after a cancel: only dispatch
	// stops.
	work := context.WithoutCancel(ctx)
	for w := 0; w < cfg.WorkerCount(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				t0 := time.Now()
				r, ok := processOne(work, opts, exps, man, inputs[i], dir, fail)
				outcome := "done"
				switch {
				case !ok:
					outcome = "failed"
					r = result{}
				case r.skipped:
					outcome = "skipped"
				}
				prog.finished(inputs[i].Path, outcome, time.Since(t0))
				results[i] <- r
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
		if r.skipped {
			sum.Skipped++
		} else {
			sum.Processed++
		}
		sum.Outputs = append(sum.Outputs, r.outputs...)
		mu.Unlock()
		for _, c := range corpora {
			if err := c.w.Add(r.doc); err != nil {
				fail(Failure{File: inputs[i].Path, Stage: "export", Format: c.name, Cause: err.Error()})
			}
		}
	}
	wg.Wait()
	sum.Failed = countFailedDocs(sum.Failures)
	if ctx.Err() == nil {
		// A cancelled run leaves the corpus files of the last complete run.
		sum.Outputs = append(sum.Outputs, closeCorpora(corpora, sum.Failures, dir, fail)...)
	} else {
		abortCorpora(corpora)
	}
	sum.Failed = countFailedDocs(sum.Failures)
	if err := man.close(); err != nil {
		return sum, fmt.Errorf("manifest: %w", err)
	}
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

func openCorpora(exps []exporter, dir string, fail func(Failure)) []corpusOut {
	var out []corpusOut
	for _, e := range exps {
		ce, ok := e.Exporter.(output.CorpusExporter)
		if !ok {
			continue
		}
		w, err := ce.NewCorpus(dir)
		if err != nil {
			fail(Failure{File: dir, Stage: "export", Format: e.name, Cause: err.Error()})
			continue
		}
		if w != nil {
			out = append(out, corpusOut{name: e.name, w: w})
		}
	}
	return out
}

// closeCorpora records the failures where a corpus output lists them (the
// workbook's Failures sheet) and finishes every corpus file.
func closeCorpora(corpora []corpusOut, failures []Failure, dir string, fail func(Failure)) []string {
	var paths []string
	for _, c := range corpora {
		if fr, ok := c.w.(output.FailureRecorder); ok {
			for _, f := range failures {
				fr.AddFailure(f.File, f.Stage, f.Cause)
			}
		}
		p, err := c.w.Close()
		if err != nil {
			fail(Failure{File: dir, Stage: "export", Format: c.name, Cause: err.Error()})
			continue
		}
		paths = append(paths, p...)
	}
	return paths
}

// abortCorpora discards unfinished corpus outputs.
func abortCorpora(corpora []corpusOut) {
	for _, c := range corpora {
		if a, ok := c.w.(interface{ Abort() }); ok {
			a.Abort()
		}
	}
}

func buildExporters(opts Options) []exporter {
	var exps []exporter
	for _, f := range opts.Config.Output.Formats {
		if !opts.Exporters.Has(f) {
			opts.Log.Warn("format not available; skipped", "format", f)
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

// processOne runs one document through the pipeline and the exporters, or
// skips it when the manifest says its outputs are up to date. A panic
// anywhere is that document's failure.
func processOne(ctx context.Context, opts Options, exps []exporter, man *manifest, in Input, dir string, fail func(Failure)) (r result, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			fail(Failure{File: in.Path, Stage: "panic", Cause: fmt.Sprintf("%v\n%s", p, debug.Stack())})
			ok = false
		}
	}()
	if in.Err != nil {
		fail(Failure{File: in.Path, Stage: "ingest", Cause: in.Err.Error()})
		return result{}, false
	}
	sum := ""
	if in.Path != StdinPath {
		var err error
		if sum, err = fileSHA256(in.Path); err != nil {
			fail(Failure{File: in.Path, Stage: "ingest", Cause: err.Error()})
			return result{}, false
		}
		if doc, outs, ok := upToDate(opts, man, in, sum, dir); ok {
			return result{doc: doc, outputs: outs, skipped: true}, true
		}
	}
	doc, err := read(ctx, opts, in)
	if err != nil {
		stage := pipeline.StageOf(err)
		var se *pipeline.StageError
		cause := err
		if errors.As(err, &se) {
			cause = se.Err
		}
		fail(Failure{File: in.Path, Stage: stage, Cause: cause.Error()})
		return result{}, false
	}
	doc.ID = in.ID
	var outs []string
	exportFailed := false
	for _, e := range exps {
		paths, err := e.Export(ctx, doc, dir)
		if err != nil {
			fail(Failure{File: in.Path, Stage: "export", Format: e.name, Cause: err.Error()})
			exportFailed = true
			continue
		}
		outs = append(outs, paths...)
	}
	if !exportFailed && in.Path != StdinPath {
		rel := make([]string, len(outs))
		for i, p := range outs {
			rel[i] = filepath.Base(p)
		}
		err := man.record(Entry{ID: in.ID, Input: in.Path, Index: in.Index, SHA256: sum,
			ConfigHash: opts.Run.ConfigHash, Version: opts.Run.Version, Outputs: rel})
		if err != nil {
			opts.Log.Warn("manifest not updated", "file", in.Path, "err", err)
		}
	}
	return result{doc: doc, outputs: outs}, true
}

// upToDate reports a document whose outputs a previous run made from the
// same bytes, config and version; its JSON is read back for the corpus
// outputs.
func upToDate(opts Options, man *manifest, in Input, sum, dir string) (*schema.Document, []string, bool) {
	if opts.Config.Run.Force {
		return nil, nil, false
	}
	e, ok := man.lookup(in.ID)
	if !ok || e.SHA256 != sum || e.ConfigHash != opts.Run.ConfigHash || e.Version != opts.Run.Version {
		return nil, nil, false
	}
	var outs []string
	for _, o := range e.Outputs {
		p := filepath.Join(dir, o)
		if _, err := os.Stat(p); err != nil {
			return nil, nil, false
		}
		outs = append(outs, p)
	}
	f, err := os.Open(filepath.Join(dir, in.ID+".json"))
	if err != nil {
		return nil, nil, false // without the JSON the corpus needs a rerun
	}
	defer f.Close()
	doc, err := jsonout.Decode(f)
	if err != nil {
		return nil, nil, false
	}
	return doc, outs, true
}

// read ingests and processes one input.
func read(ctx context.Context, opts Options, in Input) (*schema.Document, error) {
	if in.Path != StdinPath {
		return opts.Pipeline.ProcessFile(ctx, in.Path)
	}
	max := opts.Config.Input.MaxBytes
	data, err := io.ReadAll(io.LimitReader(opts.Stdin, max+1))
	if err == nil && int64(len(data)) > max {
		err = fmt.Errorf("%w: over %d bytes (input.max_bytes)", ingest.ErrTooLarge, max)
	}
	var doc *schema.Document
	if err == nil {
		doc, err = ingest.Read(in.Path, data, ingest.Options{MaxBytes: max})
	}
	if err != nil {
		return nil, &pipeline.StageError{Path: in.Path, Stage: "ingest", Err: err}
	}
	return doc, opts.Pipeline.Process(ctx, doc)
}

func countFailedDocs(fs []Failure) int {
	files := map[string]bool{}
	for _, f := range fs {
		files[f.File] = true
	}
	return len(files)
}

// oneLine keeps an error to one line on stderr (a panic's stack goes to
// errors.jsonl only).
func oneLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
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
