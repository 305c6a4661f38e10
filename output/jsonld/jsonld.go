package jsonld

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/schema"
)

// Name is the format name.
const Name = "jsonld"

// CorpusFile is the corpus graph's file name.
const CorpusFile = "corpus.jsonld"

// DefaultBase is the IRI base when the configuration gives none.
const DefaultBase = "urn:dossier:"

// Exporter writes NAME.jsonld. It keeps no state between documents, so
// workers may call Export at the same time.
type Exporter struct {
	base string
	run  *output.Run
	// now is the clock for prov:endedAtTime (fixed in tests).
	now func() time.Time
}

// New builds the exporter from the run's configuration.
func New(run *output.Run) (output.Exporter, error) {
	base := DefaultBase
	if run != nil && run.Config != nil && run.Config.Output.JSONLD.Base != "" {
		base = run.Config.Output.JSONLD.Base
	}
	if err := checkBase(base); err != nil {
		return nil, err
	}
	return &Exporter{base: base, run: run, now: time.Now}, nil
}

// checkBase refuses a base that is not an absolute IRI: every node's @id
// would otherwise be relative and resolved against wherever the file is read.
func checkBase(base string) error {
	u, err := url.Parse(base)
	if err != nil || u.Scheme == "" {
		return fmt.Errorf("output.jsonld.base: want an absolute IRI such as %q or \"https://example.org/dossier/\", got %q", DefaultBase, base)
	}
	return nil
}

// Path is where a document's JSON-LD goes in dir.
func Path(dir string, doc *schema.Document) string {
	return filepath.Join(dir, doc.ID+".jsonld")
}

// Export writes the document's graph atomically.
func (e *Exporter) Export(_ context.Context, doc *schema.Document, dir string) ([]string, error) {
	path := Path(dir, doc)
	err := atomicfile.Write(path, func(w io.Writer) error { return e.Encode(w, doc) })
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return []string{path}, nil
}

// Encode writes one document's graph: the inline @context, then one node a
// line.
func (e *Exporter) Encode(w io.Writer, doc *schema.Document) error {
	g := build(e.base, doc, runInfo{run: e.run, ended: e.now()})
	if g.source != "" {
		g.shared[0]["used"] = g.source // the run activity
	}
	gw := newGraphWriter(w)
	for _, n := range g.shared {
		gw.node(n)
	}
	for _, n := range g.own {
		gw.node(n)
	}
	return gw.close()
}

// graphWriter streams {"@context": …, "@graph": [nodes]}, one node a line.
type graphWriter struct {
	w     io.Writer
	buf   bytes.Buffer
	enc   *json.Encoder
	first bool
	err   error
}

func newGraphWriter(w io.Writer) *graphWriter {
	gw := &graphWriter{w: w, first: true}
	gw.enc = json.NewEncoder(&gw.buf)
	gw.enc.SetEscapeHTML(false)
	_, gw.err = fmt.Fprintf(w, "{\n\"@context\": %s,\n\"@graph\": [\n", indentedContext)
	return gw
}

func (gw *graphWriter) node(n node) {
	if gw.err != nil {
		return
	}
	gw.buf.Reset()
	if gw.err = gw.enc.Encode(n); gw.err == nil {
		gw.raw(gw.buf.Bytes())
	}
}

// raw writes a node already encoded (a line of the spool).
func (gw *graphWriter) raw(line []byte) {
	if gw.err != nil {
		return
	}
	line = bytes.TrimRight(line, "\n")
	if !gw.first {
		_, gw.err = io.WriteString(gw.w, ",\n")
	}
	gw.first = false
	if gw.err == nil {
		_, gw.err = gw.w.Write(line)
	}
}

func (gw *graphWriter) close() error {
	if gw.err != nil {
		return gw.err
	}
	_, err := io.WriteString(gw.w, "\n]\n}\n")
	return err
}

// NewCorpus starts corpus.jsonld in dir: one graph for the whole run.
func (e *Exporter) NewCorpus(dir string) (output.CorpusWriter, error) {
	f, err := os.CreateTemp(dir, atomicfile.TempPrefix+CorpusFile+".spool.tmp-*")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, CorpusFile), err)
	}
	c := &corpus{
		e:         e,
		path:      filepath.Join(dir, CorpusFile),
		spool:     f,
		bw:        bufio.NewWriterSize(f, 64<<10),
		sharedIdx: map[string]node{},
	}
	c.enc = json.NewEncoder(c.bw)
	c.enc.SetEscapeHTML(false)
	return c, nil
}

// corpus merges documents into one graph with bounded memory: each
// document's own nodes go to a spool file as they come (one JSON line
// each); only the shared nodes — actors, topics, containers, the run — stay
// in memory, one per @id, merged across documents. Close writes the shared
// nodes and then copies the spool.
type corpus struct {
	e     *Exporter
	path  string
	spool *os.File
	bw    *bufio.Writer
	enc   *json.Encoder

	shared    []node
	sharedIdx map[string]node
	docs      int
	err       error
}

// Add spools one document's nodes.
func (c *corpus) Add(doc *schema.Document) error {
	if c.err != nil {
		return c.err
	}
	g := build(c.e.base, doc, runInfo{run: c.e.run, ended: c.e.now()})
	for _, n := range g.shared {
		id := n["@id"].(string)
		if old, ok := c.sharedIdx[id]; ok {
			mergeNode(old, n)
			continue
		}
		c.sharedIdx[id] = n
		c.shared = append(c.shared, n)
	}
	own := g.own
	if g.source != "" {
		// The run used this input: a second node object for the run's @id,
		// which JSON-LD merges into the one activity.
		own = append(own, node{"@id": runIRI(c.e.base, c.e.run), "used": g.source})
	}
	for _, n := range own {
		if err := c.enc.Encode(n); err != nil {
			c.err = fmt.Errorf("%s: spool: %w", c.path, err)
			return c.err
		}
	}
	c.docs++
	return nil
}

// Close writes corpus.jsonld atomically and removes the spool.
func (c *corpus) Close() ([]string, error) {
	spool := c.spool.Name()
	defer os.Remove(spool)
	defer c.spool.Close()
	if c.err != nil {
		return nil, c.err
	}
	if err := c.bw.Flush(); err != nil {
		return nil, fmt.Errorf("%s: spool: %w", c.path, err)
	}
	if _, err := c.spool.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("%s: spool: %w", c.path, err)
	}
	ended := c.e.now()
	err := atomicfile.Write(c.path, func(w io.Writer) error {
		gw := newGraphWriter(w)
		if len(c.shared) == 0 {
			for _, n := range runNodes(c.e.base, runInfo{run: c.e.run, ended: ended}) {
				gw.node(n)
			}
		}
		for _, n := range c.shared {
			if n["@type"] == "Activity" && n["@id"] == runIRI(c.e.base, c.e.run) {
				n["endedAtTime"] = ended.UTC().Format(time.RFC3339Nano)
			}
			gw.node(n)
		}
		r := bufio.NewReaderSize(c.spool, 64<<10)
		for {
			line, err := r.ReadBytes('\n')
			if len(line) > 0 {
				gw.raw(line)
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("spool: %w", err)
			}
		}
		return gw.close()
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.path, err)
	}
	return []string{c.path}, nil
}
