package pdf

import (
	"io"
	"syscall"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/testutil"
)

// BenchmarkRender measures one briefing of 60 events over a century with
// positions, notes and warnings (two layout passes and the file).
func BenchmarkRender(b *testing.B) {
	doc := fixtureDoc("bench", 1900, 2020, 60)
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := Render(io.Discard, doc, Options{Version: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu0)
}

// BenchmarkRenderLarge is a long document: 1,000 events.
func BenchmarkRenderLarge(b *testing.B) {
	doc := fixtureDoc("large", 1900, 2020, 1000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(io.Discard, doc, Options{Version: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderSeed is the seed document as the pipeline reads it.
func BenchmarkRenderSeed(b *testing.B) {
	doc := testutil.Process(b, testutil.DevCorpus(b, testutil.Seed))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := Render(io.Discard, doc, Options{Version: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu0)
}

// reportCPU adds the process's CPU milliseconds per iteration since cpu0
// (garbage collection included): on a shared machine wall-clock ns/op
// depends on the neighbours, CPU time much less.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	if b.N > 0 {
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

// cpuTime is the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
