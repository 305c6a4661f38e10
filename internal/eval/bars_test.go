package eval

import (
	"context"
	"os"
	"testing"
)

// bars are quality bars a set of documents must clear.
type bars struct{ EventsF1, EventType, PositionsF1, Grounded float64 }

// Bars are issue 4's quality bars on the dev corpus, over all documents
// (counts summed, as `dossier eval` prints "overall").
var Bars = bars{EventsF1: 0.80, EventType: 0.70, PositionsF1: 0.65, Grounded: 1.0}

// checkOverall fails t when the summed scores of docs miss the bars.
func checkOverall(t *testing.T, set string, docs []*DocResult, b bars) Result {
	t.Helper()
	all := Overall(docs)
	ev, pos := all["events"], all["positions"]
	t.Logf("%s overall %s", set, ev.Line("events"))
	t.Logf("%s overall %s", set, pos.Line("positions"))
	if ev.F1 < b.EventsF1 {
		t.Errorf("%s events F1 %.3f < %.2f", set, ev.F1, b.EventsF1)
	}
	if ty := ev.Fields["type"]; ty == nil || *ty < b.EventType {
		t.Errorf("%s event type accuracy %v < %.2f", set, ty, b.EventType)
	}
	if pos.F1 < b.PositionsF1 {
		t.Errorf("%s positions F1 %.3f < %.2f", set, pos.F1, b.PositionsF1)
	}
	return all
}

// TestDevCorpusBars fails when extraction on ../shared/corpus/dev falls
// below the bars.
func TestDevCorpusBars(t *testing.T) {
	proc := processor(t)
	var docs []*DocResult
	for _, c := range devCases(t) {
		r, err := Evaluate(context.Background(), c, proc)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, r)
		for _, k := range []string{"events", "positions"} {
			ks := r.Result[k]
			t.Logf("%-50s %s", c.Name(), ks.Line(k))
			if ks.Grounded != nil && *ks.Grounded < Bars.Grounded {
				t.Errorf("%s %s: grounded %.3f < %.3f", c.Name(), k, *ks.Grounded, Bars.Grounded)
			}
		}
		// Held-out documents of each kind face the same bar one by one,
		// so each dev document must clear it, not just their sum.
		if f1 := r.Result["events"].F1; f1 < Bars.EventsF1 {
			t.Errorf("%s events F1 %.3f < %.2f", c.Name(), f1, Bars.EventsF1)
		}
		if f1 := r.Result["positions"].F1; f1 < Bars.PositionsF1 {
			t.Errorf("%s positions F1 %.3f < %.2f", c.Name(), f1, Bars.PositionsF1)
		}
	}
	checkOverall(t, "dev", docs, Bars)
}

// BenchmarkExtraction measures the whole pipeline on the dev corpus, in
// MB/s of input (per core: the documents run one after another).
func BenchmarkExtraction(b *testing.B) {
	cases := devCases(b)
	proc := processor(b)
	var size int64
	for _, c := range cases {
		st, err := os.Stat(c.Input)
		if err != nil {
			b.Fatal(err)
		}
		size += st.Size()
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, c := range cases {
			if _, err := proc(context.Background(), c.Input); err != nil {
				b.Fatal(err)
			}
		}
	}
}
