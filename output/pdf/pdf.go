package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"codeberg.org/go-pdf/fpdf"
	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/schema"
)

// Name is the format name.
const Name = "pdf"

// DigestFile is the corpus digest's file name.
const DigestFile = "digest.pdf"

// The exporter also writes the corpus digest.
var _ output.CorpusExporter = (*Exporter)(nil)

// Exporter writes NAME.pdf. It is safe for concurrent use: every Export
// builds its own document.
type Exporter struct {
	opt    Options
	digest bool
	log    *slog.Logger
}

// New builds the exporter from the run's configuration: page size, logo
// and font are read and checked here, so a bad setting fails once, with
// the file named, instead of once per document.
func New(run *output.Run) (output.Exporter, error) {
	e := &Exporter{opt: Options{PageSize: "A4"}, log: slog.Default()}
	if run == nil {
		return e, nil
	}
	e.opt.Version = run.Version
	e.opt.Created = run.Started
	if run.Config == nil {
		return e, nil
	}
	pc := run.Config.Output.PDF
	if pc.PageSize != "" {
		e.opt.PageSize = pc.PageSize
	}
	if e.opt.PageSize != "A4" && e.opt.PageSize != "Letter" {
		return nil, fmt.Errorf("output.pdf.page_size: want A4 or Letter, got %q", pc.PageSize)
	}
	e.digest = pc.Digest
	if pc.Font != "" {
		fs, err := LoadFont(pc.FontDir, pc.Font)
		if err != nil {
			return nil, fmt.Errorf("output.pdf.font: %w", err)
		}
		e.opt.Fonts = fs
	} else if pc.FontDir != "" {
		return nil, fmt.Errorf("output.pdf.font_dir is set (%s) but output.pdf.font names no file", pc.FontDir)
	}
	if pc.Logo != "" {
		data, typ, err := readLogo(pc.Logo)
		if err != nil {
			return nil, fmt.Errorf("output.pdf.logo: %w", err)
		}
		e.opt.Logo, e.opt.LogoType = data, typ
	}
	return e, nil
}

// readLogo reads a PNG or JPEG and names its type by content, not name.
func readLogo(path string) ([]byte, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return data, "PNG", nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return data, "JPG", nil
	}
	return nil, "", fmt.Errorf("%s: not a PNG or JPEG image", path)
}

func fpdfImage(typ string) fpdf.ImageOptions {
	return fpdf.ImageOptions{ImageType: typ, ReadDpi: true}
}

// Path is where a document's briefing goes in dir.
func Path(dir string, doc *schema.Document) string { return filepath.Join(dir, doc.ID+".pdf") }

// Export writes the briefing atomically.
func (e *Exporter) Export(ctx context.Context, doc *schema.Document, dir string) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	path := Path(dir, doc)
	var res Result
	err := atomicfile.Write(path, func(w io.Writer) error {
		var err error
		res, err = Render(w, doc, e.opt)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, w := range res.Warnings {
		e.log.Warn("pdf briefing", "file", path, "warning", w)
	}
	return []string{path}, nil
}

// NewCorpus starts digest.pdf when output.pdf.digest is on; otherwise it
// returns a writer that writes nothing.
func (e *Exporter) NewCorpus(dir string) (output.CorpusWriter, error) {
	if !e.digest {
		return noDigest{}, nil
	}
	return &Digest{opt: e.opt, path: filepath.Join(dir, DigestFile), log: e.log}, nil
}

type noDigest struct{}

func (noDigest) Add(*schema.Document) error { return nil }
func (noDigest) Close() ([]string, error)   { return nil, nil }
