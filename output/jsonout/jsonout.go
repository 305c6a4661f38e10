package jsonout

import (
	"context"
	"encoding/json"
	"io"
	"path/filepath"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/schema"
)

// Name is the format name.
const Name = "json"

// CorpusFile is the corpus output's file name.
const CorpusFile = "corpus.jsonl"

// Exporter writes NAME.json.
type Exporter struct {
	indent bool
}

// New builds the exporter from the run's configuration.
func New(run *output.Run) (output.Exporter, error) {
	e := &Exporter{indent: true}
	if run != nil && run.Config != nil {
		e.indent = run.Config.Output.JSON.Indent
	}
	return e, nil
}

// Path is where a document's JSON goes in dir.
func Path(dir string, doc *schema.Document) string { return filepath.Join(dir, doc.ID+".json") }

// Export writes the document atomically.
func (e *Exporter) Export(_ context.Context, doc *schema.Document, dir string) ([]string, error) {
	path := Path(dir, doc)
	err := atomicfile.Write(path, func(w io.Writer) error { return Encode(w, doc, e.indent) })
	if err != nil {
		return nil, err
	}
	return []string{path}, nil
}

// Encode writes doc as JSON.
func Encode(w io.Writer, doc *schema.Document, indent bool) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(doc)
}

// Decode reads a document written by Encode.
func Decode(r io.Reader) (*schema.Document, error) {
	var doc schema.Document
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, err
	}
	return &doc, nil
}

// NewCorpus starts corpus.jsonl in dir.
func (e *Exporter) NewCorpus(dir string) (output.CorpusWriter, error) {
	p, err := atomicfile.Create(filepath.Join(dir, CorpusFile))
	if err != nil {
		return nil, err
	}
	return &corpus{p: p, path: filepath.Join(dir, CorpusFile)}, nil
}

// corpus streams one document a line into a pending file.
type corpus struct {
	p    *atomicfile.Pending
	path string
}

func (c *corpus) Add(doc *schema.Document) error { return Encode(c.p, doc, false) }

func (c *corpus) Close() ([]string, error) {
	if err := c.p.Commit(); err != nil {
		return nil, err
	}
	return []string{c.path}, nil
}

// Abort discards an unfinished corpus file.
func (c *corpus) Abort() { c.p.Abort() }
