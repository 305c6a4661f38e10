package eval

import (
	"context"
	"os"
	"strconv"
	"testing"
)

// heldoutDir holds documents written for the project (not from
// ../shared) with gold annotated before dossier was run on them: one of
// each kind held-out documents come in (think-tank chapter with endnotes,
// CRS report in Markdown, CRS In Focus in HTML, news analysis with a
// dateline and relative dates), on topics the dev corpus does not cover.
const heldoutDir = "testdata/heldout"

// HeldoutBars are the bars the held-out set must clear, summed over its
// documents: it measures how extraction generalises beyond the dev corpus.
var HeldoutBars = bars{EventsF1: 0.80, EventType: 0.70, PositionsF1: 0.65, Grounded: 1.0}

// HeldoutCitationField is the bar every citation field (kind, authors,
// title, container, issued, …) must clear on the held-out set, summed over
// its documents: the per-field bar for documents the parser's
// rules were not written against.
const HeldoutCitationField = 0.90

func heldoutCases(t testing.TB) []Case {
	t.Helper()
	cases := casesIn(t, heldoutDir)
	if len(cases) != 4 {
		t.Fatalf("%s: want 4 documents with gold, got %d", heldoutDir, len(cases))
	}
	return cases
}

// TestHeldoutBars fails when events (F1 0.80) or positions (F1 0.65) on
// the held-out set fall below the bars overall, or when any
// extracted item of any kind is not grounded.
func TestHeldoutBars(t *testing.T) {
	proc := processor(t)
	var docs []*DocResult
	for _, c := range heldoutCases(t) {
		r, err := Evaluate(context.Background(), c, proc)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, r)
		for _, k := range []string{"events", "positions", "citations"} {
			ks := r.Result[k]
			t.Logf("%-40s %s", c.Name(), ks.Line(k))
			if ks.Grounded != nil && *ks.Grounded < HeldoutBars.Grounded {
				t.Errorf("%s %s: grounded %.3f < %.1f", c.Name(), k, *ks.Grounded, HeldoutBars.Grounded)
			}
		}
	}
	all := checkOverall(t, "held-out", docs, HeldoutBars)
	cit := all["citations"]
	t.Logf("overall %s", cit.Line("citations"))
	for _, f := range Fields["citations"] {
		if acc := cit.Fields[f]; acc == nil || *acc < HeldoutCitationField {
			t.Errorf("held-out citations field %s accuracy %v < %.2f", f, fmtAcc(acc), HeldoutCitationField)
		}
	}
}

// TestHeldoutGoldIsGrounded guards the gold files themselves: every
// evidence string is found in its document and the gold scored against
// itself is perfect, so a typo in an annotation fails here rather than
// silently costing recall.
func TestHeldoutGoldIsGrounded(t *testing.T) {
	for _, c := range heldoutCases(t) {
		gold, err := os.ReadFile(c.Gold)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ScoreFiles(c.Text, c.Gold, gold)
		if err != nil {
			t.Errorf("%s: %v", c.Name(), err)
			continue
		}
		for k, ks := range res {
			if ks.Gold > 0 && ks.F1 != 1 {
				t.Errorf("%s %s: gold against itself F1 %.3f, want 1", c.Name(), k, ks.F1)
			}
		}
	}
}

// fmtAcc prints a field accuracy that may be missing.
func fmtAcc(p *float64) string {
	if p == nil {
		return "none"
	}
	return strconv.FormatFloat(*p, 'f', 3, 64)
}
