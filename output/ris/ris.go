package ris

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/output/csl"
	"github.com/dossier-dev/dossier/schema"
)

// Name is the format name.
const Name = "ris"

// Exporter writes NAME.ris.
type Exporter struct{}

// New builds the exporter; it has no settings.
func New(*output.Run) (output.Exporter, error) { return &Exporter{}, nil }

// Path is where a document's RIS goes in dir.
func Path(dir string, doc *schema.Document) string { return filepath.Join(dir, doc.ID+".ris") }

// Export writes the document's sources atomically.
func (e *Exporter) Export(_ context.Context, doc *schema.Document, dir string) ([]string, error) {
	path := Path(dir, doc)
	if err := atomicfile.Write(path, func(w io.Writer) error { return Encode(w, csl.Items(doc)) }); err != nil {
		return nil, fmt.Errorf("ris: %s: %w", path, err)
	}
	return []string{path}, nil
}

// recordType maps CSL types to RIS reference types.
var recordType = map[string]string{
	"article-journal":   "JOUR",
	"article-newspaper": "NEWS",
	"article-magazine":  "MGZN",
	"article":           "JOUR",
	"book":              "BOOK",
	"chapter":           "CHAP",
	"paper-conference":  "CPAPER",
	"report":            "RPRT",
	"thesis":            "THES",
	"webpage":           "ELEC",
	"legislation":       "STAT",
}

// Encode writes one record per item.
func Encode(w io.Writer, items []schema.CSLItem) error {
	for _, it := range items {
		if _, err := io.WriteString(w, record(it)); err != nil {
			return err
		}
	}
	return nil
}

func record(it schema.CSLItem) string {
	var b strings.Builder
	tag := func(t, v string) {
		v = strings.Join(strings.Fields(v), " ")
		if v != "" {
			b.WriteString(t + "  - " + v + "\r\n")
		}
	}
	ty := recordType[it.Type]
	if ty == "" {
		ty = "GEN"
	}
	tag("TY", ty)
	tag("ID", it.ID)
	for _, n := range it.Author {
		if n.Literal == "et al." {
			continue // RIS has no "and others"; EndNote would take it for a name
		}
		tag("AU", name(n))
	}
	for _, n := range it.Editor {
		if n.Literal == "et al." {
			continue
		}
		tag("ED", name(n))
	}
	tag("TI", it.Title)
	tag("T2", it.ContainerTitle)
	if ty == "JOUR" {
		tag("JO", it.ContainerTitle)
	}
	tag("T3", it.CollectionTitle)
	if p := parts(it.Issued); len(p) > 0 {
		tag("PY", fmt.Sprintf("%04d", p[0]))
		tag("DA", risDate(p))
	} else if it.Issued != nil {
		tag("PY", it.Issued.Raw)
	}
	if p := parts(it.Accessed); len(p) > 0 {
		tag("Y2", risDate(p))
	}
	tag("VL", it.Volume)
	tag("IS", it.Issue)
	sp, ep := pageRange(it.Page)
	tag("SP", sp)
	tag("EP", ep)
	tag("ET", it.Edition)
	tag("PB", it.Publisher)
	tag("CY", it.PublisherPlace)
	tag("M3", it.Genre)
	tag("SN", it.ISBN)
	tag("DO", it.DOI)
	tag("UR", it.URL)
	tag("LA", it.Language)
	tag("N1", it.Note)
	b.WriteString("ER  - \r\n\r\n")
	return b.String()
}

// name is "Family, Given, Suffix" for people (the RIS convention), the
// literal for institutions.
func name(n schema.CSLName) string {
	if n.Literal != "" {
		return n.Literal
	}
	s := strings.TrimSpace(n.Particle + " " + n.Family)
	if n.Given != "" || n.Suffix != "" {
		s += ", " + n.Given
	}
	if n.Suffix != "" {
		s += ", " + n.Suffix
	}
	return s
}

func parts(d *schema.CSLDate) []int {
	if d == nil || len(d.DateParts) == 0 || len(d.DateParts[0]) == 0 || d.DateParts[0][0] == 0 {
		return nil
	}
	return d.DateParts[0]
}

// risDate is RIS's "YYYY/MM/DD/" with empty parts left blank.
func risDate(p []int) string {
	s := fmt.Sprintf("%04d/", p[0])
	for i := 1; i < 3; i++ {
		if i < len(p) {
			s += fmt.Sprintf("%02d", p[i])
		}
		s += "/"
	}
	return s
}

func pageRange(p string) (string, string) {
	p = strings.TrimSpace(p)
	for _, sep := range []string{"--", "–", "—", "-"} {
		if i := strings.Index(p, sep); i > 0 {
			return strings.TrimSpace(p[:i]), strings.TrimSpace(p[i+len(sep):])
		}
	}
	return p, ""
}
