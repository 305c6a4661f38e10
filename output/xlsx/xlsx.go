package xlsx

import (
	"context"
	"io"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/schema"
)

// Name is the format name.
const Name = "xlsx"

// CorpusFile is the corpus workbook's file name.
const CorpusFile = "corpus.xlsx"

// Exporter writes NAME.xlsx, and corpus.xlsx for a multi-document run.
type Exporter struct {
	run *output.Run
	// perDocument is output.xlsx.per_document: whether a corpus run also
	// writes one workbook per document.
	perDocument bool
	// inCorpus is set once NewCorpus was called: the run is a corpus run.
	inCorpus atomic.Bool
}

// New builds the exporter for a run.
func New(run *output.Run) (output.Exporter, error) {
	e := &Exporter{run: run}
	if run != nil && run.Config != nil {
		e.perDocument = run.Config.Output.XLSX.PerDocument
	}
	return e, nil
}

// Path is where a document's workbook goes in dir.
func Path(dir string, doc *schema.Document) string { return filepath.Join(dir, doc.ID+".xlsx") }

// Export writes the document's workbook. In a corpus run (NewCorpus was
// called first, as the batch runner does) it writes nothing unless
// output.xlsx.per_document is set: the corpus workbook holds every document.
func (e *Exporter) Export(ctx context.Context, doc *schema.Document, dir string) ([]string, error) {
	if e.inCorpus.Load() && !e.perDocument {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	path := Path(dir, doc)
	if err := WriteDocument(path, doc, e.run); err != nil {
		return nil, err
	}
	return []string{path}, nil
}

// WriteDocument writes one document's workbook to path, atomically.
func WriteDocument(path string, doc *schema.Document, run *output.Run) error {
	b, err := newBook(run, false)
	if err != nil {
		return err
	}
	defer b.close()
	if err := b.add(doc); err != nil {
		return err
	}
	return atomicfile.Write(path, b.write)
}

// NewCorpus starts corpus.xlsx in dir.
func (e *Exporter) NewCorpus(dir string) (output.CorpusWriter, error) {
	e.inCorpus.Store(true)
	return NewCorpusWriter(filepath.Join(dir, CorpusFile), e.run)
}

// CorpusWriter builds a corpus workbook: every sheet gains a Document
// column, and a Failures sheet lists what could not be processed. Rows are
// spooled to temporary files as documents are added, so memory does not
// grow with the corpus; the workbook is written at Close.
type CorpusWriter struct {
	mu     sync.Mutex
	path   string
	b      *book
	closed bool
}

// NewCorpusWriter starts a corpus workbook that Close writes to path.
func NewCorpusWriter(path string, run *output.Run) (*CorpusWriter, error) {
	b, err := newBook(run, true)
	if err != nil {
		return nil, err
	}
	return &CorpusWriter{path: path, b: b}, nil
}

// Add adds a document's rows.
func (c *CorpusWriter) Add(doc *schema.Document) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return errClosed
	}
	return c.b.add(doc)
}

// AddFailure adds a row to the Failures sheet: a document (file) that
// failed at a stage (ingest, a pipeline stage, export) and why. The batch
// runner calls it for each failure so the workbook says what it lacks.
func (c *CorpusWriter) AddFailure(file, stage, cause string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return errClosed
	}
	return c.b.addFailure(file, stage, cause)
}

// Close writes corpus.xlsx atomically and removes the spools. Nothing
// appears under the final name unless the whole workbook was written.
func (c *CorpusWriter) Close() ([]string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, errClosed
	}
	c.closed = true
	defer c.b.close()
	if err := atomicfile.Write(c.path, func(w io.Writer) error { return c.b.write(w) }); err != nil {
		return nil, err
	}
	return []string{c.path}, nil
}
