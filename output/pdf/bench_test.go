package pdf

import (
	"io"
	"testing"

	"github.com/dossier-dev/dossier/internal/testutil"
)

// BenchmarkRender measures one briefing of 60 events over a century with
// positions, notes and warnings (two layout passes and the file).
func BenchmarkRender(b *testing.B) {
	doc := fixtureDoc("bench", 1900, 2020, 60)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(io.Discard, doc, Options{Version: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
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
	for b.Loop() {
		if _, err := Render(io.Discard, doc, Options{Version: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}
