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
	Processed int `json:"processed"`
	Skipped   int `json:"skipped"`
	Failed    int `json:"failed"`
	// NotStarted counts documents left when the run was cancelled.
	NotStarted int           `json:"not_started,omitempty"`
	Outputs    []string      `json:"outputs,omitempty"`
	Duration   time.Duration `json:"duration_ns"`
	Failures   []Failure     `json:"failures,omitempty"`
}

// exporter is a built exporter with its format name.
type exporter struct {
	name string
	output.Exporter
}

// result is one document's outcome, handed to the corpus writers in input
// order.
type result struct {
	ok         bool
	doc        *schema.Document // only kept when corpus outputs need it
	outputs    []string
	skipped    bool
	dispatched bool
}

// inFlightPerWorker bounds the documents done but not yet taken by the
// corpus writers (which take them in input order): one slow document
// cannot make the others pile up in memory.
const inFlightPerWorker = 4

// Run processes the inputs and writes their outputs into the configured
// folder. It returns an error only for problems that stop the whole run
// (the folder is locked or cannot be written); per-document failures are in
// the summary. When ctx is cancelled (SIGTERM), documents in hand are
// finished and no new ones are started.
func Run(ctx context.Context, opts Options, all []Input) (Summary, error) {
	start := time.Now()
	cfg := opts.Config
	dir := cfg.Output.Dir
	lock, err := claimDir(dir)
	if err != nil {
		return Summary{}, err
	}
	defer lock.Unlock()
	man, err := openManifest(dir)
	if err != nil {
		return Summary{}, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestFile), err)
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
		prog.message(opts.Errors, fmt.Sprintf("dossier: %s: %s: %s", f.File, stageLabel(f), oneLine(f.Cause)))
	}

	var corpora []corpusOut
	if len(all) > 1 {
		corpora = openCorpora(exps, dir, fail)
	}
	keepDoc := len(corpora) > 0

	workers := cfg.WorkerCount()
	results := make([]chan result, len(inputs))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	jobs := make(chan int)
	slots := make(chan struct{}, inFlightPerWorker*workers)
	var wg sync.WaitGroup
	// Documents in hand are finished even after a cancel: only dispatch
	// stops.
	work := context.WithoutCancel(ctx)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				t0 := time.Now()
				r := processOne(work, opts, exps, man, inputs[i], dir, keepDoc, fail)
				r.dispatched = true
				outcome := "done"
				switch {
				case !r.ok:
					outcome = "failed"
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
			case slots <- struct{}{}:
			case <-ctx.Done():
				for j := i; j < len(inputs); j++ {
					results[j] <- result{}
				}
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				<-slots
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
		if r.dispatched {
			<-slots
		} else {
			mu.Lock()
			sum.NotStarted++
			mu.Unlock()
		}
		if !r.ok {
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
			if err := c.add(r.doc); err != nil {
				fail(Failure{File: inputs[i].Path, Stage: "export", Format: c.name, Cause: err.Error()})
			}
		}
	}
	wg.Wait()
	if ctx.Err() == nil {
		// A cancelled run leaves the corpus files of the last complete run.
		sum.Outputs = append(sum.Outputs, closeCorpora(corpora, sum.Failures, dir, fail)...)
	} else {
		abortCorpora(corpora)
		// The corpus writers' temporaries: no one else writes here (the
		// lock), and every document in hand is finished.
		_ = atomicfile.Clean(dir)
	}
	sum.Failed = countFailedDocs(sum.Failures)
	if err := man.close(); err != nil {
		return sum, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestFile), err)
	}
	if err := writeErrors(dir, sum.Failures); err != nil {
		return sum, err
	}
	sum.Duration = time.Since(start)
	return sum, ctx.Err()
}

// lockDir takes the output folder's lock, or says at once that another run
// holds it.
// claimDir makes the output folder, takes its lock and removes the
// temporaries a killed run may have left (never partial outputs: those are
// only ever temporaries).
func claimDir(dir string) (*flock.Flock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	if err := atomicfile.Clean(dir); err != nil {
		lock.Unlock()
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	return lock, nil
}

func lockDir(dir string) (*flock.Flock, error) {
	path := filepath.Join(dir, LockFile)
	lock := flock.New(path)
	locked, err := lock.TryLock()
	if err != nil {
		return nil, fmt.Errorf("output folder %s: lock %s: %w", dir, path, err)
	}
	if !locked {
		return nil, fmt.Errorf("%w: %s (lock %s held; wait for that run or stop it)", ErrLocked, dir, path)
	}
	return lock, nil
}

// stageLabel names a failure's stage, with the format for an exporter.
func stageLabel(f Failure) string {
	if f.Format != "" {
		return f.Stage + " " + f.Format
	}
	return f.Stage
}

type corpusOut struct {
	name string
	w    output.CorpusWriter
}

// add gives a corpus writer one document; a panic in the writer is that
// document's export failure, not the run's end.
func (c corpusOut) add(doc *schema.Document) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	return c.w.Add(doc)
}

func (c corpusOut) close() (paths []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	return c.w.Close()
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
		for _, f := range failures {
			if fr, ok := c.w.(output.FailureRecorder); ok {
				if err := fr.AddFailure(f.File, stageLabel(f), f.Cause); err != nil {
					fail(Failure{File: dir, Stage: "export", Format: c.name, Cause: err.Error()})
				}
			}
		}
		p, err := c.close()
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
// anywhere is that document's failure. The document is kept in the result
// only when keepDoc (the corpus outputs need it).
func processOne(ctx context.Context, opts Options, exps []exporter, man *manifest, in Input, dir string, keepDoc bool, fail func(Failure)) (r result) {
	defer func() {
		if p := recover(); p != nil {
			fail(Failure{File: in.Path, Stage: "panic", Cause: fmt.Sprintf("%v\n%s", p, debug.Stack())})
			man.forget(in.ID)
			r = result{}
		}
	}()
	failed := func(stage string, err error) result {
		fail(Failure{File: in.Path, Stage: stage, Cause: err.Error()})
		man.forget(in.ID)
		return result{}
	}
	if in.Err != nil {
		return failed("ingest", in.Err)
	}
	// The bytes are read once: the hash the manifest keeps is the hash of
	// exactly what was processed.
	data, err := readInput(opts, in)
	if err != nil {
		return failed("ingest", err)
	}
	sum := sha256Hex(data)
	if in.Path != StdinPath {
		if doc, outs, ok := upToDate(opts, man, in, sum, dir, keepDoc); ok {
			return result{ok: true, doc: doc, outputs: outs, skipped: true}
		}
	}
	doc, err := ingest.Read(in.Path, data, ingest.Options{MaxBytes: opts.Config.Input.MaxBytes})
	data = nil
	if err != nil {
		return failed("ingest", err)
	}
	if err := opts.Pipeline.Process(ctx, doc); err != nil {
		stage := pipeline.StageOf(err)
		var se *pipeline.StageError
		cause := err
		if errors.As(err, &se) {
			cause = se.Err
		}
		if stage == "" {
			stage = "pipeline"
		}
		return failed(stage, cause)
	}
	doc.ID = in.ID
	var outs []string
	exportFailed := false
	for _, e := range exps {
		paths, err := exportOne(ctx, e, doc, dir)
		if err != nil {
			fail(Failure{File: in.Path, Stage: "export", Format: e.name, Cause: err.Error()})
			exportFailed = true
			continue
		}
		outs = append(outs, paths...)
	}
	if exportFailed {
		man.forget(in.ID)
		return result{}
	}
	if in.Path != StdinPath {
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
	if !keepDoc {
		doc = nil
	}
	return result{ok: true, doc: doc, outputs: outs}
}

// exportOne runs one exporter; its panic is that format's failure, so the
// document's other formats are still written.
func exportOne(ctx context.Context, e exporter, doc *schema.Document, dir string) (paths []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	return e.Export(ctx, doc, dir)
}

// readInput reads one input's bytes, refusing folders and anything over
// input.max_bytes before reading it.
func readInput(opts Options, in Input) ([]byte, error) {
	return ingest.ReadBytes(in.Path, opts.Stdin, opts.Config.Input.MaxBytes)
}

// upToDate reports a document whose outputs a previous run made from the
// same bytes, config and version; its JSON is read back when the corpus
// outputs need the document.
func upToDate(opts Options, man *manifest, in Input, sum, dir string, keepDoc bool) (*schema.Document, []string, bool) {
	if opts.Config.Run.Force {
		return nil, nil, false
	}
	e, ok := man.lookup(in.ID)
	if !ok || e.Input != in.Path || e.SHA256 != sum || e.ConfigHash != opts.Run.ConfigHash || e.Version != opts.Run.Version {
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
	if !keepDoc {
		return nil, outs, true
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
