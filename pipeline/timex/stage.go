package timex

import (
	"context"
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/schema"
)

// Stage is the pipeline stage "dates": it tags the whole text (boilerplate
// included; consumers filter) and sets doc.Dates.
type Stage struct {
	t *Tagger
	// dct is the configured creation date (pipeline.dct), the fallback
	// for documents whose metadata gives no published date: a corpus of
	// undated notes written on one day can still resolve "yesterday".
	dct string
}

// NewStage builds the stage from the configuration. It returns the concrete
// type so that timex need not import pipeline (which imports timex).
func NewStage(cfg *config.Config) (*Stage, error) {
	t, err := New()
	if err != nil {
		return nil, err
	}
	s := &Stage{t: t}
	if cfg != nil {
		s.dct = cfg.Pipeline.DCT
		if s.dct != "" {
			if _, ok := parseDCT(s.dct); !ok {
				return nil, fmt.Errorf("pipeline.dct: want YYYY-MM-DD, got %q", s.dct)
			}
		}
	}
	return s, nil
}

// Process tags doc.Text. The creation date is the document's own
// published date at whatever precision it has ("2015", "2015-03",
// "2015-03-02"), else pipeline.dct; with neither, relative expressions
// resolve against the narrative time alone.
func (s *Stage) Process(ctx context.Context, doc *schema.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	doc.Dates = s.t.Tag(doc.Text, s.DCT(doc))
	return nil
}

// DCT is the creation date the stage uses for doc, or "": the published
// date from the document's metadata first, since it is the document's
// own; the configured date only when the metadata gives none (or none
// that parses).
func (s *Stage) DCT(doc *schema.Document) string {
	if p := strings.TrimSpace(doc.Metadata.Published); p != "" {
		if _, ok := parseDCT(p); ok {
			return p
		}
	}
	return s.dct
}
