package html

import (
	"io"
	"testing"

	"github.com/dossier-dev/dossier/schema"
)

// benchDoc is the seed with its gold annotations: a real text with real
// overlaps (skipped without ../shared, like every seed test).
func benchDoc(b *testing.B) *schema.Document {
	b.Helper()
	return goldDoc(b)
}

func benchWrite(b *testing.B, doc *schema.Document) {
	b.ReportAllocs()
	b.SetBytes(int64(len(doc.Text)))
	b.ReportMetric(float64(len(doc.Events)+len(doc.Positions)+len(doc.Citations)), "items")
	for b.Loop() {
		if err := Write(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteSeed writes the page of a seed-size document (23 KB).
func BenchmarkWriteSeed(b *testing.B) { benchWrite(b, benchDoc(b)) }

// BenchmarkWrite1MB writes the page of a ~1 MB document with the seed's
// density of items.
func BenchmarkWrite1MB(b *testing.B) {
	seed := benchDoc(b)
	benchWrite(b, repeatDoc(seed, (1<<20)/len(seed.Text)+1))
}
