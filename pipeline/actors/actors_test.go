package actors

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/schema"
)

func newStage(t *testing.T) *Stage {
	t.Helper()
	s, err := Factory(nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func run(t *testing.T, s *Stage, text string, boiler ...schema.Span) *schema.Document {
	t.Helper()
	doc := &schema.Document{Text: text, Boilerplate: boiler}
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func names(doc *schema.Document) []string {
	var out []string
	for _, a := range doc.Actors {
		out = append(out, a.Kind+":"+a.Name)
	}
	sort.Strings(out)
	return out
}

func TestActors(t *testing.T) {
	s := newStage(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"metonyms and demonyms", "The Kremlin rejected the offer, and the Japanese government protested; Tokyo and Moscow disagree.",
			[]string{"state:Japan", "state:Russia"}},
		{"capital after a place preposition is a location", "Leaders met at a summit in Beijing.", nil},
		{"longest alias wins", "The Soviet Union collapsed; Soviet troops left.", []string{"state:USSR"}},
		{"case-sensitive acronyms", "Let us go. The US and the EU agreed.", []string{"organisation:European Union", "state:United States"}},
		{"hyphenated compounds", "Japan-Russia ties and Russo-Japanese history.", []string{"state:Japan", "state:Russia"}},
		{"venue is not an actor", "They met at the Asia-Pacific Economic Cooperation (APEC) Summit.", nil},
		{"title pattern and surname", "Then-Prime Minister Kenta Ogawara met the press. Later Ogawara resigned.", []string{"person:Kenta Ogawara"}},
		{"title of a city", "The then-mayor of Springfield city Dana Whitlock spoke.", []string{"person:Dana Whitlock"}},
		{"title without a name", "Appointed by the President of the United States with the approval of the Senate.",
			[]string{"organisation:Congress", "state:United States"}},
		{"gazetteer person by surname alias", "Putin visited.", []string{"person:Vladimir Putin"}},
		{"headline in quotes names no one", "Doe, Jane. \"Ferries Stranded as Senator Demands Action for Crews,\" Harbor News, 2030.", nil},
		{"curly-quoted headline", "See “Governor Calls Session on Floods” (2029); Governor Mara Quist spoke.", []string{"person:Mara Quist"}},
		{"surname only after full name", "Abe spoke. Shinzo Abe spoke again.", []string{"person:Shinzo Abe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := run(t, s, tt.text)
			if got := names(doc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			for _, a := range doc.Actors {
				for _, m := range a.Mentions {
					sl := doc.Slice(m)
					if sl != a.Name && !contains(a.Aliases, sl) {
						t.Errorf("%s: mention %q is neither name nor alias %v", a.Name, sl, a.Aliases)
					}
				}
			}
		})
	}
}

func TestPersonDetails(t *testing.T) {
	s := newStage(t)
	doc := run(t, s, "US President Jordan Velasquez’s visit to Japan. Velasquez left. Foreign Minister Sergei Lavrov stayed.")
	var jv, lav *schema.Actor
	for i := range doc.Actors {
		switch doc.Actors[i].Name {
		case "Jordan Velasquez":
			jv = &doc.Actors[i]
		case "Sergei Lavrov":
			lav = &doc.Actors[i]
		}
	}
	if jv == nil || lav == nil {
		t.Fatalf("people not found: %+v", doc.Actors)
	}
	if jv.Country != "United States" || !reflect.DeepEqual(jv.Roles, []string{"President"}) || len(jv.Mentions) != 2 {
		t.Errorf("Velasquez: %+v", *jv)
	}
	if lav.Country != "Russia" || lav.Roles[0] != "Foreign Minister" {
		t.Errorf("Lavrov: %+v", *lav)
	}
}

func TestBoilerplateSkipped(t *testing.T) {
	s := newStage(t)
	text := "Share on NATO news. Japan agreed."
	doc := run(t, s, text, schema.Span{Start: 0, End: strings.Index(text, "Japan")})
	if got := names(doc); !reflect.DeepEqual(got, []string{"state:Japan"}) {
		t.Errorf("got %v", got)
	}
}

func TestMentionsAreCodePoints(t *testing.T) {
	s := newStage(t)
	doc := run(t, s, "Zürich café — Japan’s move.")
	if len(doc.Actors) != 1 || doc.Slice(doc.Actors[0].Mentions[0]) != "Japan" {
		t.Fatalf("got %+v", doc.Actors)
	}
}

func TestGazetteerOverride(t *testing.T) {
	dir := t.TempDir()
	ext := filepath.Join(dir, "ext.yaml")
	os.WriteFile(ext, []byte("extend: true\norganisations:\n  - {name: Widget Council, aliases: [WC]}\n"), 0o644)
	repl := filepath.Join(dir, "repl.yaml")
	os.WriteFile(repl, []byte("states:\n  - {name: Freedonia, demonyms: [Freedonian]}\n"), 0o644)
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("stats: []\n"), 0o644)
	dup := filepath.Join(dir, "dup.yaml")
	os.WriteFile(dup, []byte("extend: true\nstates:\n  - {name: Elbonia, aliases: [EU]}\n"), 0o644)

	g, err := LoadGazetteer(ext)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := New(g)
	if got := names(run(t, st, "The WC and Japan.")); !reflect.DeepEqual(got, []string{"organisation:Widget Council", "state:Japan"}) {
		t.Errorf("extend: %v", got)
	}
	g, err = LoadGazetteer(repl)
	if err != nil {
		t.Fatal(err)
	}
	st, _ = New(g)
	if got := names(run(t, st, "Freedonian troops and Japan.")); !reflect.DeepEqual(got, []string{"state:Freedonia"}) {
		t.Errorf("replace: %v", got)
	}
	for _, p := range []string{bad, dup, filepath.Join(dir, "missing.yaml")} {
		if _, err := LoadGazetteer(p); err == nil || !strings.Contains(err.Error(), filepath.Base(p)) {
			t.Errorf("%s: want an error naming the file, got %v", p, err)
		}
	}
}
