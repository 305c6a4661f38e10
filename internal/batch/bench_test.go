package batch_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/batch"
	"github.com/dossier-dev/dossier/internal/batch/batchtest"
	"github.com/dossier-dev/dossier/output/all"
	"github.com/dossier-dev/dossier/pipeline"
)

// benchDocs and benchSize make the benchmark corpus: seed-size briefs
// (the seed document is about 23 KB).
const (
	benchDocs = 64
	benchSize = 20 << 10
)

// BenchmarkFanOut runs the whole job as `dossier run` does: the full
// pipeline on a corpus of seed-size documents and all four formats (json,
// xlsx, pdf, jsonld) with their corpus outputs, one worker per CPU. It
// reports documents per second (wall clock and per CPU second) and the
// process's peak resident memory. The sub-benchmarks after "all" split the
// cost: the pipeline alone, then each format on top of it.
func BenchmarkFanOut(b *testing.B) {
	in := b.TempDir()
	paths, err := batchtest.WriteCorpus(in, benchDocs, benchSize)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name    string
		formats []string
	}{
		{"all", []string{"json", "xlsx", "pdf", "jsonld"}},
		{"pipeline-only", []string{}},
		{"json", []string{"json"}},
		{"xlsx", []string{"xlsx"}},
		{"pdf", []string{"pdf"}},
		{"jsonld", []string{"jsonld"}},
	} {
		b.Run(bc.name, func(b *testing.B) { fanOut(b, in, len(paths), bc.formats) })
	}
}

func fanOut(b *testing.B, in string, n int, formats []string) {
	cfg := loadConfig(b)
	cfg.Output.Formats = formats
	cfg.Run.Force = true
	p, err := pipeline.New(cfg, pipeline.DefaultRegistry())
	if err != nil {
		b.Fatal(err)
	}
	inputs, err := batch.Expand([]string{in}, cfg.Input)
	if err != nil || len(inputs) != n {
		b.Fatalf("expand: %d inputs, %v", len(inputs), err)
	}
	cpu0 := cpuTime()
	b.ResetTimer()
	start := time.Now()
	docs := 0
	for i := 0; i < b.N; i++ {
		cfg.Output.Dir = filepath.Join(b.TempDir(), "out")
		sum, err := batch.Run(context.Background(), batch.Options{
			Config: cfg, Pipeline: p, Exporters: all.Registry(), Run: testRun(cfg),
			Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Errors: os.Stderr,
		}, inputs)
		if err != nil || sum.Failed > 0 || sum.Processed != n {
			b.Fatalf("run: %+v, %v", sum, err)
		}
		docs += sum.Processed
	}
	b.StopTimer()
	b.ReportMetric(float64(docs)/time.Since(start).Seconds(), "docs/s")
	// CPU seconds per document stay honest on a busy machine, where
	// wall-clock docs/s depends on what else runs; docs/cpu-s times the
	// cores is what the run reaches with the cores to itself.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(docs)/cpu.Seconds(), "docs/cpu-s")
		b.ReportMetric(float64(cpu.Milliseconds())/float64(docs), "cpu-ms/doc")
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB") // Linux: KB
	}
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "procs")
}

// cpuTime is the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
