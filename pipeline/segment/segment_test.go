package segment

import (
	"context"
	"testing"

	"github.com/dossier-dev/dossier/schema"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"simple", "One sentence. Another one! A third?", []string{"One sentence.", "Another one!", "A third?"}},
		{"abbreviations", "The U.S. Congress met on Jan. 5 with Dr. Smith. No. 5 was approved, e.g. by vote. Next.",
			[]string{"The U.S. Congress met on Jan. 5 with Dr. Smith.", "No. 5 was approved, e.g. by vote.", "Next."}},
		{"acronym at end", "Troops left the U.S. The next day they landed.", []string{"Troops left the U.S.", "The next day they landed."}},
		{"initials", "A book by J. R. Smith appeared. It sold.", []string{"A book by J. R. Smith appeared.", "It sold."}},
		{"note marker stays", "They agreed. [3] This suggested more.", []string{"They agreed. [3]", "This suggested more."}},
		{"glued markers", "Rules came in 2022.[^1] Beijing objected.² It sued.[3, 4] Done.",
			[]string{"Rules came in 2022.[^1]", "Beijing objected.²", "It sued.[3, 4]", "Done."}},
		{"quotes", "He said “stop.” Then he left.", []string{"He said “stop.”", "Then he left."}},
		{"decimals", "Growth was 5.3 percent in 2013. Good.", []string{"Growth was 5.3 percent in 2013.", "Good."}},
		{"lowercase after stop", "See vol. ii of it. Done.", []string{"See vol. ii of it.", "Done."}},
		{"paragraphs", "First para.\n\nSecond para.", []string{"First para.", "Second para."}},
		{"heading line", "# Title\nBody text here.", []string{"# Title", "Body text here."}},
		{"list", "Items:\n- one\n- two", []string{"Items:", "- one", "- two"}},
	}
	seg, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &schema.Document{Text: tt.text, Source: schema.Source{MediaType: "text/plain"}}
			if err := seg.Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range doc.Sentences {
				got = append(got, doc.Slice(s))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("sentence %d: got %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestOffsetsAreCodePoints(t *testing.T) {
	seg, _ := New()
	doc := &schema.Document{Text: "Sergueï went to Zürich. Он приехал.", Source: schema.Source{MediaType: "text/plain"}}
	if err := seg.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Sentences) != 2 || doc.Slice(doc.Sentences[1]) != "Он приехал." || doc.Sentences[1].Start != 24 {
		t.Fatalf("sentences %+v", doc.Sentences)
	}
}

func FuzzSegment(f *testing.F) {
	f.Add("A. B. C.\n\nD? E! [4] F.")
	f.Add("Zürich U.S. e.g. No. 5.\n- x\n")
	seg, _ := New()
	f.Fuzz(func(t *testing.T, s string) {
		doc := &schema.Document{Text: s}
		if err := seg.Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		prev := 0
		for _, sp := range doc.Sentences {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > doc.RuneLen() {
				t.Fatalf("bad span %+v (prev end %d, len %d)", sp, prev, doc.RuneLen())
			}
			prev = sp.End
		}
	})
}
