package positions

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/pipeline/segment"
	"github.com/dossier-dev/dossier/schema"
)

// docWith builds a segmented document whose actors are found by a plain
// word match, so these tests do not depend on the gazetteer.
func docWith(t *testing.T, text string, actors map[string][2]string) *schema.Document {
	t.Helper()
	doc := &schema.Document{Text: text, Source: schema.Source{MediaType: "text/plain"}, Metadata: schema.Metadata{Authors: []string{"Ann Author"}}}
	seg, err := segment.New()
	if err != nil {
		t.Fatal(err)
	}
	if err := seg.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	for alias, nk := range actors {
		re := regexp.MustCompile(`\b` + regexp.QuoteMeta(alias) + `\b`)
		var spans []schema.Span
		for _, loc := range re.FindAllStringIndex(text, -1) {
			spans = append(spans, schema.Span{Start: doc.RuneOffset(loc[0]), End: doc.RuneOffset(loc[1])})
		}
		doc.Actors = append(doc.Actors, schema.Actor{Name: nk[0], Kind: nk[1], Mentions: spans})
	}
	return doc
}

func TestPositions(t *testing.T) {
	actors := map[string][2]string{
		"Ruritania": {"Ruritania", schema.ActorState}, "Ruritanian": {"Ruritania", schema.ActorState},
		"Freedonia": {"Freedonia", schema.ActorState}, "Elbonia": {"Elbonia", schema.ActorState},
		"Firefly": {"Rufus Firefly", schema.ActorPerson}, "the UN": {"United Nations", schema.ActorOrganisation},
	}
	type want struct{ holder, stance, evidence string }
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"demand", "In the talks, Ruritania demands the return of the river islands.",
			[]want{{"Ruritania", "demand", "Ruritania demands the return"}}},
		{"two holders", "Ruritania and Freedonia oppose new tariffs on grain.",
			[]want{{"Ruritania", "oppose", "oppose new tariffs"}, {"Freedonia", "oppose", "oppose new tariffs"}}},
		{"position is that … or …", "Elbonia wants the whole valley, while Freedonia’s position is that “there is no dispute” or Elbonia should “accept a shared border.”",
			[]want{{"Elbonia", "demand", "Elbonia wants the whole valley"}, {"Freedonia", "reject", "there is no dispute"}, {"Freedonia", "propose", "accept a shared border"}}},
		{"calls Y a", "Freedonia has often criticized the pact, calling Ruritania a puppet of Elbonia.",
			[]want{{"Freedonia", "criticize", "criticized the pact"}}},
		{"pronoun", "Firefly favored a negotiated settlement. He explained, “We need a compromise.”",
			[]want{{"Rufus Firefly", "support", "favored a negotiated"}, {"Rufus Firefly", "other", "We need a compromise."}}},
		{"author recommendation", "Therefore, Ruritania should open its ports to Freedonian ships.",
			[]want{{"Ann Author", "recommend", "Ruritania should open"}}},
		{"we recommend", "We recommend that donors fund river monitoring.",
			[]want{{"Ann Author", "recommend", "We recommend"}}},
		{"enumerated", "The author recommends 1) lowering tariffs; 2) opening the border; and 3) joint patrols.",
			[]want{{"Ann Author", "recommend", "lowering tariffs"}, {"Ann Author", "recommend", "opening the border"}, {"Ann Author", "recommend", "joint patrols"}}},
		{"group holder", "Some researchers also advocate for greater monitoring of the lakes.",
			[]want{{"researchers", "recommend", "advocate for greater"}}},
		{"comma does not join", "While Firefly was visiting Freedonia, Elbonia stated that it would wait.",
			[]want{{"Elbonia", "other", "stated that"}}},
		{"list with and", "Ruritania, Freedonia and Elbonia oppose the toll.",
			[]want{{"Ruritania", "oppose", "oppose the toll"}, {"Freedonia", "oppose", "oppose the toll"}, {"Elbonia", "oppose", "oppose the toll"}}},
		{"calls Y a Z", "Freedonia calls the pact a trap for small states.",
			[]want{{"Freedonia", "criticize", "calls the pact a"}}},
		{"described as", "Elbonia described itself as a neutral broker.",
			[]want{{"Elbonia", "other", "described itself as"}}},
		{"said … that", "Firefly said in July that Ruritania could accept the deal.",
			[]want{{"Rufus Firefly", "other", "said in July that"}}},
		{"question is not advice", "What should Ruritania do now?", nil},
		{"hedged modal", "Freedonia may consider whether Ruritania should pay.", nil},
		{"any subject should", "The border states should keep the talks alive.",
			[]want{{"Ann Author", "recommend", "should keep the talks"}}},
		{"group covers actor", "Some Members of Freedonia's parliament oppose the toll.",
			[]want{{"Freedonia", "oppose", "oppose the toll"}}},
		{"withdrawal", "Ruritania announced its withdrawal from the pact in May.",
			[]want{{"Ruritania", "reject", "withdrawal from"}}},
		{"noun is not a cue", "Talks stalled over a Ruritanian demand for tolls, and Firefly called the offer “a trap.”",
			[]want{{"Rufus Firefly", "criticize", "called the offer"}}},
		{"quote break", "Elbonia wants “the whole valley,” because Freedonia maintains that the border is old.",
			[]want{{"Elbonia", "demand", "Elbonia wants"}, {"Freedonia", "other", "maintains that"}}},
		{"author's that-list", "Ann Author argues that the treaty must be kept, that Ruritania should lead the talks, and that Freedonia’s claims deserve scrutiny.",
			[]want{{"Ann Author", "recommend", "the treaty must be kept"}, {"Ann Author", "recommend", "Ruritania should lead"}, {"Ann Author", "other", "Freedonia’s claims deserve scrutiny"}}},
		{"group with quantifier", "Many Western leaders criticized the decision.",
			[]want{{"Western leaders", "criticize", "criticized the decision"}}},
		{"critics", "Critics argue that the fund is too small.",
			[]want{{"Critics", "other", "argue that"}}},
		{"passive agent", "Ruritania is expected by Freedonia to support its ally.",
			[]want{{"Freedonia", "demand", "is expected by"}}},
		{"appositive is not the subject", "The Treaty, signed by Firefly in 1933, recognized the border.", nil},
		{"noun is not a cue", "The recommendations of the UN were published.", nil},
		{"title case is not a cue", "See the report Shipbuilding Support Programs by Elbonia for details.", nil},
		{"heading is not a recommendation", "Maintain credible deterrence\n\nThe fleet sailed.", nil},
	}
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := docWith(t, tt.text, actors)
			if err := ex.Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Positions) != len(tt.want) {
				var got []string
				for _, p := range doc.Positions {
					got = append(got, p.Holder+"/"+p.Stance+": "+p.Evidence.Text)
				}
				t.Fatalf("got %d positions %q, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				p := doc.Positions[i]
				if p.Holder != w.holder || p.Stance != w.stance || !strings.Contains(p.Evidence.Text, w.evidence) {
					t.Errorf("position %d = %s/%s %q, want %s/%s containing %q", i, p.Holder, p.Stance, p.Evidence.Text, w.holder, w.stance, w.evidence)
				}
				if !doc.Grounded(p.Evidence) {
					t.Errorf("position %d not grounded: %+v", i, p.Evidence)
				}
			}
		})
	}
}

func TestPronounWarns(t *testing.T) {
	ex, _ := New(nil)
	doc := docWith(t, "Ruritania and Freedonia share the same view of the war. They insist that they won it alone.", map[string][2]string{
		"Ruritania": {"Ruritania", schema.ActorState}, "Freedonia": {"Freedonia", schema.ActorState}})
	if err := ex.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Positions) != 4 || doc.Positions[2].Holder != "Ruritania" || doc.Positions[3].Holder != "Freedonia" {
		t.Fatalf("positions %+v", doc.Positions)
	}
	warned := false
	for _, w := range doc.Warnings {
		if w.Code == "holder-from-pronoun" {
			warned = w.Evidence != nil && doc.Grounded(*w.Evidence) && strings.HasPrefix(w.Evidence.Text, "They")
		}
	}
	if !warned {
		t.Fatal("no holder-from-pronoun warning")
	}
}

func BenchmarkPositions(b *testing.B) {
	ex, _ := New(nil)
	text := strings.Repeat("Ruritania demands the islands, while Freedonia’s position is that there is no dispute. Ruritania should negotiate. ", 500)
	doc := docWith(&testing.T{}, text, map[string][2]string{"Ruritania": {"Ruritania", schema.ActorState}, "Freedonia": {"Freedonia", schema.ActorState}})
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := ex.Process(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCueWithoutLiteralStart covers a lexicon whose cue starts with a
// group: every clause is then searched with the combined expression.
func TestCueWithoutLiteralStart(t *testing.T) {
	ex, _ := New(nil)
	lx := *ex.lx
	lx.byKey = nil
	ex2 := &Extractor{lx: &lx}
	doc := docWith(t, "Ruritania demands the return of the islands.", map[string][2]string{"Ruritania": {"Ruritania", schema.ActorState}})
	if err := ex2.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Positions) != 1 || doc.Positions[0].Stance != "demand" {
		t.Fatalf("positions %+v", doc.Positions)
	}
}
