package html

import (
	"fmt"
	"html/template"
	"io"
	"net/url"
	"path/filepath"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/schema"
)

// IndexFile is the corpus output's file name.
const IndexFile = "index.html"

// NewCorpus starts index.html in dir. Only one small row per document is
// kept in memory; the pages themselves are written by Export.
func (e *Exporter) NewCorpus(dir string) (output.CorpusWriter, error) {
	return &corpus{path: filepath.Join(dir, IndexFile)}, nil
}

type corpus struct {
	path string
	rows []indexRow
}

// indexRow is one document's line in index.html.
type indexRow struct {
	ID, Href, Title                               string
	Events, Positions, Citations, Warnings, Chars int
}

func (c *corpus) Add(doc *schema.Document) error {
	c.rows = append(c.rows, rowOf(doc))
	return nil
}

func rowOf(doc *schema.Document) indexRow {
	// The page name is a relative URL path segment: escape it so a
	// document called "a#b?.txt" still links to its own page.
	return indexRow{
		ID: doc.ID, Href: url.PathEscape(doc.ID + ".html"), Title: doc.Metadata.Title,
		Events: len(doc.Events), Positions: len(doc.Positions), Citations: len(doc.Citations),
		Warnings: len(doc.Warnings), Chars: doc.RuneLen(),
	}
}

func (c *corpus) Close() ([]string, error) {
	if err := atomicfile.Write(c.path, func(w io.Writer) error { return writeIndex(w, c.rows) }); err != nil {
		return nil, fmt.Errorf("html: %s: %w", c.path, err)
	}
	return []string{c.path}, nil
}

// writeIndex writes index.html for the given rows.
func writeIndex(w io.Writer, rows []indexRow) error {
	var total indexRow
	for _, r := range rows {
		total.Events += r.Events
		total.Positions += r.Positions
		total.Citations += r.Citations
		total.Warnings += r.Warnings
		total.Chars += r.Chars
	}
	return indexT.Execute(w, struct {
		CSP   string
		CSS   template.CSS
		Rows  []indexRow
		Total indexRow
	}{indexCSP, template.CSS(pageCSS), rows, total})
}
