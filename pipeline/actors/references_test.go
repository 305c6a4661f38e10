package actors

import (
	"reflect"
	"sort"
	"testing"

	"github.com/dossier-dev/dossier/schema"
)

// mentionsOf lists the text of each mention of the actor named name.
func mentionsOf(doc *schema.Document, name string) []string {
	var out []string
	for _, a := range doc.Actors {
		if a.Name != name {
			continue
		}
		for _, m := range a.Mentions {
			out = append(out, doc.Slice(m))
		}
	}
	sort.Strings(out)
	return out
}

func TestDefiniteDescriptionsAndAcronyms(t *testing.T) {
	s := newStage(t)
	tests := []struct {
		name   string
		text   string
		actor  string
		want   []string // mentions of actor
		actors []string // all actors, when set
	}{
		{"the council after its full name", "The Arctic Council met. Later the council's budget shrank.",
			"Arctic Council", []string{"Arctic Council", "council"}, nil},
		{"the bloc is the last bloc named", "ASEAN met first; then ECOWAS convened and the bloc closed its borders.",
			"Economic Community of West African States", []string{"ECOWAS", "bloc"}, nil},
		{"no antecedent, no actor", "The alliance grew. NATO later met.",
			"NATO", []string{"NATO"}, nil},
		{"capitalised head on its own", "The European Commission proposed a text; Commission lawyers drafted it.",
			"European Commission", []string{"Commission", "European Commission"}, nil},
		{"a longer name is not the head", "The European Commission met the Joint Commission staff.",
			"European Commission", []string{"European Commission"}, nil},
		{"head followed by of is another name", "The Arctic Council sat with the Council of Europe.",
			"Arctic Council", []string{"Arctic Council"}, nil},
		{"acronym of an organisation the text defines", "The Northern Fishers Association (NFA) protested. Later the NFA relented.",
			"Northern Fishers Association", []string{"NFA", "NFA", "Northern Fishers Association"}, nil},
		{"a programme is no organisation", "The Harbor Safety Program (HSP) ended; the HSP was not renewed.",
			"", nil, []string{}},
		{"capital before a document noun", "The Oslo Accords were signed; Oslo objected.",
			"Norway", []string{"Oslo"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := run(t, s, tt.text)
			if tt.actor != "" {
				if got := mentionsOf(doc, tt.actor); !reflect.DeepEqual(got, tt.want) {
					t.Errorf("mentions of %s = %v, want %v (actors %v)", tt.actor, got, tt.want, names(doc))
				}
			}
			if tt.actors != nil {
				if got := names(doc); len(got) != len(tt.actors) {
					t.Errorf("actors = %v, want %v", got, tt.actors)
				}
			}
			for _, a := range doc.Actors {
				for _, m := range a.Mentions {
					if sl := doc.Slice(m); sl != a.Name && !contains(a.Aliases, sl) {
						t.Errorf("%s: mention %q is neither name nor alias %v", a.Name, sl, a.Aliases)
					}
				}
			}
		})
	}
}

func TestOrganisationCountry(t *testing.T) {
	doc := run(t, newStage(t), "Wagner Group fighters arrived.")
	if len(doc.Actors) != 1 || doc.Actors[0].Country != "Russia" {
		t.Fatalf("want Wagner Group with country Russia, got %+v", doc.Actors)
	}
}
