package csl

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/schema"
)

// Name is the format name.
const Name = "csl"

// Exporter writes NAME.csl.json.
type Exporter struct{}

// New builds the exporter; it has no settings.
func New(*output.Run) (output.Exporter, error) { return &Exporter{}, nil }

// Path is where a document's CSL-JSON goes in dir.
func Path(dir string, doc *schema.Document) string {
	return filepath.Join(dir, doc.ID+".csl.json")
}

// Export writes the document's sources atomically.
func (e *Exporter) Export(_ context.Context, doc *schema.Document, dir string) ([]string, error) {
	path := Path(dir, doc)
	if err := atomicfile.Write(path, func(w io.Writer) error { return Encode(w, Items(doc)) }); err != nil {
		return nil, fmt.Errorf("csl: %s: %w", path, err)
	}
	return []string{path}, nil
}

// Encode writes items as an indented CSL-JSON array ("[]" when empty).
func Encode(w io.Writer, items []schema.CSLItem) error {
	if items == nil {
		items = []schema.CSLItem{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(items)
}

// Items lists every source the document cites: for each citation of kind
// reference, its CSL item and then any further sources (More). Each gets
// a unique id ("DOC-4", "DOC-4b", …) when it has none, and a type
// ("document" when unknown), because citeproc and Zotero require both.
func Items(doc *schema.Document) []schema.CSLItem {
	var out []schema.CSLItem
	seen := map[string]bool{}
	for _, c := range doc.Citations {
		if c.Kind != schema.KindReference || c.CSL == nil {
			continue
		}
		all := append([]schema.CSLItem{*c.CSL}, c.More...)
		for i, it := range all {
			if it.ID == "" {
				it.ID = doc.ID + "-" + c.ID
				if i > 0 {
					it.ID += string(rune('a' + min(i, 25)))
				}
			}
			base, n := it.ID, 1
			for seen[it.ID] {
				n++
				it.ID = fmt.Sprintf("%s-%d", base, n)
			}
			seen[it.ID] = true
			if it.Type == "" {
				it.Type = "document"
			}
			out = append(out, it)
		}
	}
	return out
}
