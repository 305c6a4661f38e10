package actors

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/dossier-dev/dossier/configs"
	"go.yaml.in/yaml/v3"
)

// GazetteerFile is the built-in gazetteer's name in configs.FS.
const GazetteerFile = "gazetteer.yaml"

// Entry is one state, organisation or person of the gazetteer.
type Entry struct {
	Name     string   `yaml:"name"`
	Aliases  []string `yaml:"aliases"`
	Demonyms []string `yaml:"demonyms"`
	Capital  string   `yaml:"capital"`
	Roles    []string `yaml:"roles"`
	Country  string   `yaml:"country"`
	// Heads are the common nouns a definite description of the entry
	// uses ("the bloc", "the alliance"): "the bloc's heads of state"
	// after "ECOWAS" names ECOWAS.
	Heads []string `yaml:"heads"`
}

// Gazetteer is the parsed word list the stage matches against.
type Gazetteer struct {
	// Extend, in a user file, adds its entries to the built-in list
	// instead of replacing it.
	Extend            bool     `yaml:"extend"`
	Titles            []string `yaml:"titles"`
	NameStopwords     []string `yaml:"name_stopwords"`
	VenueNouns        []string `yaml:"venue_nouns"`
	PlacePrepositions []string `yaml:"place_prepositions"`
	DocumentNouns     []string `yaml:"document_nouns"`
	OrgHeads          []string `yaml:"org_heads"`
	States            []Entry  `yaml:"states"`
	Organisations     []Entry  `yaml:"organisations"`
	People            []Entry  `yaml:"people"`
}

// ParseGazetteer reads gazetteer YAML; name is used in errors. Unknown keys
// are errors, so a misspelt field never silently does nothing.
func ParseGazetteer(name string, data []byte) (*Gazetteer, error) {
	var g Gazetteer
	dec := yaml.NewDecoder(bytesReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", name, err)
	}
	if err := g.validate(); err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", name, err)
	}
	return &g, nil
}

func (g *Gazetteer) validate() error {
	seen := map[string]string{}
	check := func(kind string, es []Entry) error {
		for i, e := range es {
			if e.Name == "" {
				return fmt.Errorf("%s[%d]: name is empty", kind, i)
			}
			for _, a := range append([]string{e.Name}, append(e.Aliases, e.Demonyms...)...) {
				if prev, dup := seen[a]; dup && prev != e.Name {
					return fmt.Errorf("%s %q: alias %q already names %q", kind, e.Name, a, prev)
				}
				seen[a] = e.Name
			}
		}
		return nil
	}
	if err := check("states", g.States); err != nil {
		return err
	}
	if err := check("organisations", g.Organisations); err != nil {
		return err
	}
	return check("people", g.People)
}

// Builtin returns the gazetteer embedded from configs/.
func Builtin() (*Gazetteer, error) {
	data, err := fs.ReadFile(configs.FS, GazetteerFile)
	if err != nil {
		return nil, fmt.Errorf("built-in gazetteer: %w", err)
	}
	return ParseGazetteer("(built-in) "+GazetteerFile, data)
}

// LoadGazetteer returns the built-in gazetteer when path is empty;
// otherwise the file at path, which replaces the built-in list, or extends
// it when it sets `extend: true`.
func LoadGazetteer(path string) (*Gazetteer, error) {
	base, err := Builtin()
	if err != nil || path == "" {
		return base, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("extract.gazetteer: %w", err)
	}
	user, err := ParseGazetteer(path, data)
	if err != nil {
		return nil, err
	}
	if !user.Extend {
		return user, nil
	}
	merged := *base
	merged.Titles = append(append([]string{}, base.Titles...), user.Titles...)
	merged.NameStopwords = append(append([]string{}, base.NameStopwords...), user.NameStopwords...)
	merged.VenueNouns = append(append([]string{}, base.VenueNouns...), user.VenueNouns...)
	merged.PlacePrepositions = append(append([]string{}, base.PlacePrepositions...), user.PlacePrepositions...)
	merged.DocumentNouns = append(append([]string{}, base.DocumentNouns...), user.DocumentNouns...)
	merged.OrgHeads = append(append([]string{}, base.OrgHeads...), user.OrgHeads...)
	merged.States = mergeEntries(base.States, user.States)
	merged.Organisations = mergeEntries(base.Organisations, user.Organisations)
	merged.People = mergeEntries(base.People, user.People)
	merged.Extend = false
	if err := merged.validate(); err != nil {
		return nil, fmt.Errorf("gazetteer %s (extending the built-in one): %w", path, err)
	}
	return &merged, nil
}

// mergeEntries adds extra to base; an entry whose name base already has
// replaces it in place.
func mergeEntries(base, extra []Entry) []Entry {
	out := append([]Entry{}, base...)
	idx := map[string]int{}
	for i, e := range out {
		idx[e.Name] = i
	}
	for _, e := range extra {
		if i, ok := idx[e.Name]; ok {
			out[i] = e
			continue
		}
		idx[e.Name] = len(out)
		out = append(out, e)
	}
	return out
}
