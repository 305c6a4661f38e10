package pdf

import (
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/schema"
)

// Digest accumulates a corpus into digest.pdf: a list of the documents
// and one timeline and chronology across them. It keeps only the few
// fields it prints, never the documents themselves.
type Digest struct {
	opt     Options
	path    string
	log     *slog.Logger
	docs    []digestDoc
	entries []entry
}

// digestDoc is what the digest prints about one document.
type digestDoc struct {
	ref, title, authors, date   string
	events, positions, warnings int
}

// Add takes one document's events.
func (d *Digest) Add(doc *schema.Document) error {
	ref := fmt.Sprintf("D%d", len(d.docs)+1)
	dd := digestDoc{ref: ref, title: docTitle(doc), authors: strings.Join(doc.Metadata.Authors, ", "),
		events: len(doc.Events), positions: len(doc.Positions), warnings: len(doc.Warnings)}
	if doc.Metadata.Published != "" {
		dd.date = DisplayDate(schema.Date{Value: doc.Metadata.Published, Text: doc.Metadata.Published})
	}
	d.docs = append(d.docs, dd)
	// Orders are spaced per document so document order survives sorting.
	for _, e := range eventEntries(doc, ref, len(d.docs)<<32) {
		e.notes = nil // note numbers belong to each document's own briefing
		d.entries = append(d.entries, e)
	}
	return nil
}

// Close renders and writes digest.pdf.
func (d *Digest) Close() ([]string, error) {
	var res Result
	err := atomicfile.Write(d.path, func(w io.Writer) error {
		var err error
		res, err = renderDigest(w, d.docs, d.entries, d.opt)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.path, err)
	}
	for _, w := range res.Warnings {
		d.log.Warn("pdf digest", "file", d.path, "warning", w)
	}
	return []string{d.path}, nil
}

// renderDigest writes the corpus digest.
func renderDigest(w io.Writer, docs []digestDoc, es []entry, opt Options) (res Result, err error) {
	st, err := loadStyle()
	if err != nil {
		return Result{}, err
	}
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("pdf digest: rendering failed: %v", x)
		}
	}()
	sortEntries(es)
	title := fmt.Sprintf("Digest of %d document%s", len(docs), plural(len(docs)))
	c, err := newCanvas(opt, st, title, versionOr(opt.Version))
	if err != nil {
		return Result{}, err
	}
	p := c.pdf
	for i := range es {
		es[i].link = p.AddLink()
	}
	p.AddPage()
	p.Bookmark("Documents", 0, marginTop)
	y := marginTop
	c.font("B", 8)
	c.color(colGrey)
	c.textLine(c.left, y, 4, "DIGEST")
	y += 6
	c.font("B", 19)
	c.color(colInk)
	c.textLine(c.left, y, 8, title)
	y += 10
	span, years, n := dateSpan(es)
	c.font("", bodySize)
	if n > 0 {
		txt := fmt.Sprintf("Dates covered: %s (%d dated event%s", span, n, plural(n))
		if years >= 1 {
			txt += fmt.Sprintf(" over %d years", int(years+0.5))
		}
		c.textLine(c.left, y, bodyLH, c.fit(c.z.clean(txt+")."), c.contentW))
		y += bodyLH + 3
	}
	p.SetY(y)
	for _, d := range docs {
		line := c.z.clean(d.title)
		meta := []string{}
		for _, s := range []string{d.authors, d.date} {
			if s != "" {
				meta = append(meta, s)
			}
		}
		meta = append(meta, fmt.Sprintf("%d events, %d positions, %d warnings", d.events, d.positions, d.warnings))
		pr := c.layoutPara(line, c.contentW-12, nil, "B", bodySize, bodyLH, 3)
		mr := c.layoutPara(strings.Join(meta, " \u00b7 "), c.contentW-12, nil, "", smallSize, smallLH, 2)
		c.ensure(pr.height() + mr.height() + 2)
		y := p.GetY()
		c.font("B", bodySize)
		c.color(colGrey)
		c.textLine(c.left, y, bodyLH, d.ref)
		c.color(colInk)
		c.drawPara(pr, c.left+12, y, nil)
		c.color(colGrey)
		c.drawPara(mr, c.left+12, y+pr.height(), nil)
		c.color(colInk)
		p.SetY(y + pr.height() + mr.height() + 2.5)
	}
	c.section("timeline", "Timeline", -1)
	drawTimeline(c, es, true)
	c.section("chronology", "Chronology", -1)
	drawChronology(c, es, nil, true)
	if err := p.Error(); err != nil {
		return Result{}, fmt.Errorf("pdf digest: %w", err)
	}
	res.Warnings = c.z.warnings()
	res.Pages, err = c.finish(w, title, "", "Chronology across the documents of one dossier run",
		"dossier "+versionOr(opt.Version), opt.Created)
	return res, err
}
