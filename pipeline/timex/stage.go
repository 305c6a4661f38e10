package timex

import (
	"context"
	"fmt"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/schema"
)

// Stage is the pipeline stage "dates": it tags the whole text (boilerplate
// included; consumers filter) and sets doc.Dates.
type Stage struct {
	t *Tagger
	// dct is the configured creation date (pipeline.dct); it wins over the
	// document's own published date so that a run can pin every relative
	// date to one day.
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

// Process tags doc.Text. The creation date is pipeline.dct when set, else
// the document's published date at whatever precision it has ("2015",
// "2015-03", "2015-03-02"); with neither, relative expressions resolve
// against the narrative time alone.
func (s *Stage) Process(ctx context.Context, doc *schema.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	doc.Dates = s.t.Tag(doc.Text, s.DCT(doc))
	return nil
}

// DCT is the creation date the stage uses for doc, or "".
func (s *Stage) DCT(doc *schema.Document) string {
	if s.dct != "" {
		return s.dct
	}
	if _, ok := parseDCT(doc.Metadata.Published); ok {
		return doc.Metadata.Published
	}
	return ""
}
