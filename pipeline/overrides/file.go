package overrides

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"go.yaml.in/yaml/v3"
)

// FormatVersion is the overrides file version this package writes and
// reads.
const FormatVersion = 1

// Review decisions.
const (
	Verified  = "verified"
	Rejected  = "rejected"
	Corrected = "corrected"
)

// File is an overrides file.
type File struct {
	Version int `yaml:"version" json:"version"`
	// Workbooks lists the reviewed workbooks merged into the file, for the
	// record.
	Workbooks []string   `yaml:"workbooks,omitempty" json:"workbooks,omitempty"`
	Documents []Document `yaml:"documents" json:"documents"`
}

// Document holds the decisions on one document's items.
type Document struct {
	// SHA256 is the document's content hash (schema.Source.SHA256): the
	// key overrides are applied by.
	SHA256 string `yaml:"sha256" json:"sha256"`
	// ID is the document's output name, for people reading the file.
	ID        string `yaml:"id,omitempty" json:"id,omitempty"`
	Events    []Item `yaml:"events,omitempty" json:"events,omitempty"`
	Positions []Item `yaml:"positions,omitempty" json:"positions,omitempty"`
}

// Item is the decision on one event or position. A corrected item carries
// all its editable values as the analyst left them (an empty end date
// removes the end of a range).
type Item struct {
	ID          string `yaml:"id" json:"id"`
	Fingerprint string `yaml:"fingerprint" json:"fingerprint"`
	Review      string `yaml:"review" json:"review"`
	Comment     string `yaml:"comment,omitempty" json:"comment,omitempty"`

	// Event values.
	Date    string   `yaml:"date,omitempty" json:"date,omitempty"`
	EndDate string   `yaml:"end_date,omitempty" json:"end_date,omitempty"`
	Type    string   `yaml:"type,omitempty" json:"type,omitempty"`
	Actors  []string `yaml:"actors,omitempty" json:"actors,omitempty"`
	People  []string `yaml:"people,omitempty" json:"people,omitempty"`
	Summary string   `yaml:"summary,omitempty" json:"summary,omitempty"`

	// Position values.
	Holder    string `yaml:"holder,omitempty" json:"holder,omitempty"`
	Stance    string `yaml:"stance,omitempty" json:"stance,omitempty"`
	Topic     string `yaml:"topic,omitempty" json:"topic,omitempty"`
	Statement string `yaml:"statement,omitempty" json:"statement,omitempty"`
}

func isJSON(path string) bool { return strings.EqualFold(filepath.Ext(path), ".json") }

// Load reads an overrides file (JSON by a .json extension, YAML
// otherwise). Unknown fields and decisions are errors naming the file.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("overrides: %w", err)
	}
	var f File
	if isJSON(path) {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		err = dec.Decode(&f)
	} else {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		err = dec.Decode(&f)
	}
	if err != nil {
		return nil, fmt.Errorf("overrides: %s: %w", path, err)
	}
	if err := f.check(); err != nil {
		return nil, fmt.Errorf("overrides: %s: %w", path, err)
	}
	return &f, nil
}

func (f *File) check() error {
	if f.Version != FormatVersion {
		return fmt.Errorf("version %d, want %d", f.Version, FormatVersion)
	}
	for i, d := range f.Documents {
		if d.SHA256 == "" {
			return fmt.Errorf("documents[%d]: no sha256", i)
		}
		for kind, items := range map[string][]Item{"events": d.Events, "positions": d.Positions} {
			for j, it := range items {
				switch it.Review {
				case Verified, Rejected, Corrected:
				default:
					return fmt.Errorf("documents[%d].%s[%d]: review %q, want verified, rejected or corrected", i, kind, j, it.Review)
				}
				if it.Fingerprint == "" {
					return fmt.Errorf("documents[%d].%s[%d]: no fingerprint", i, kind, j)
				}
			}
		}
	}
	return nil
}

// Save writes the file atomically, in document and item order so reviews
// diff cleanly.
func Save(path string, f *File) error {
	f.Version = FormatVersion
	sort.SliceStable(f.Documents, func(i, j int) bool { return f.Documents[i].ID < f.Documents[j].ID })
	var data []byte
	var err error
	if isJSON(path) {
		data, err = json.MarshalIndent(f, "", "  ")
		data = append(data, '\n')
	} else {
		var buf bytes.Buffer
		buf.WriteString("# Review decisions written by `dossier review`; applied by the overrides\n# stage when review.overrides names this file.\n")
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		err = enc.Encode(f)
		data = buf.Bytes()
	}
	if err != nil {
		return fmt.Errorf("overrides: %w", err)
	}
	return atomicfile.WriteFile(path, data)
}

// Merge adds decisions to f: a decision on an item already present (same
// document, id and fingerprint) replaces the old one.
func (f *File) Merge(docs []Document) {
	bySHA := map[string]int{}
	for i, d := range f.Documents {
		bySHA[d.SHA256] = i
	}
	for _, d := range docs {
		i, ok := bySHA[d.SHA256]
		if !ok {
			f.Documents = append(f.Documents, Document{SHA256: d.SHA256, ID: d.ID})
			i = len(f.Documents) - 1
			bySHA[d.SHA256] = i
		}
		cur := &f.Documents[i]
		if d.ID != "" {
			cur.ID = d.ID
		}
		cur.Events = mergeItems(cur.Events, d.Events)
		cur.Positions = mergeItems(cur.Positions, d.Positions)
	}
}

func mergeItems(old, add []Item) []Item {
	key := func(it Item) string { return it.ID + "\x00" + it.Fingerprint }
	at := map[string]int{}
	for i, it := range old {
		at[key(it)] = i
	}
	for _, it := range add {
		if i, ok := at[key(it)]; ok {
			old[i] = it
			continue
		}
		at[key(it)] = len(old)
		old = append(old, it)
	}
	return old
}
