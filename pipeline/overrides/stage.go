package overrides

import (
	"context"
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/schema"
)

// StageName is the stage's name in pipeline.stages.
const StageName = "overrides"

// Stage applies an overrides file to each document.
type Stage struct {
	bySHA map[string]*Document
}

// New loads review.overrides; with none set the stage does nothing.
func New(cfg *config.Config) (*Stage, error) {
	s := &Stage{bySHA: map[string]*Document{}}
	if cfg == nil || cfg.Review.Overrides == "" {
		return s, nil
	}
	f, err := Load(cfg.Review.Overrides)
	if err != nil {
		return nil, err
	}
	for i := range f.Documents {
		d := &f.Documents[i]
		s.bySHA[d.SHA256] = d
	}
	return s, nil
}

// Process applies the document's overrides, if any.
func (s *Stage) Process(_ context.Context, doc *schema.Document) error {
	if d, ok := s.bySHA[doc.Source.SHA256]; ok {
		Apply(doc, d)
	}
	return nil
}

// Apply applies one document's decisions and returns how many matched an
// item. Decisions whose item is gone are warnings on the document.
func Apply(doc *schema.Document, d *Document) int {
	n := 0
	evFP := make([]string, len(doc.Events))
	for i := range doc.Events {
		evFP[i] = doc.Events[i].Evidence.Fingerprint()
	}
	drop := map[int]bool{}
	for _, it := range d.Events {
		i := match(it, evFP, func(i int) string { return doc.Events[i].ID })
		if i < 0 {
			unmatched(doc, "event", it)
			continue
		}
		n++
		switch it.Review {
		case Rejected:
			drop[i] = true
		case Corrected:
			correctEvent(&doc.Events[i], it)
		}
	}
	doc.Events = keep(doc.Events, drop)

	posFP := make([]string, len(doc.Positions))
	for i := range doc.Positions {
		posFP[i] = doc.Positions[i].Evidence.Fingerprint()
	}
	drop = map[int]bool{}
	for _, it := range d.Positions {
		i := match(it, posFP, func(i int) string { return doc.Positions[i].ID })
		if i < 0 {
			unmatched(doc, "position", it)
			continue
		}
		n++
		switch it.Review {
		case Rejected:
			drop[i] = true
		case Corrected:
			p := &doc.Positions[i]
			p.Holder, p.Stance, p.Topic, p.Statement = it.Holder, it.Stance, it.Topic, it.Statement
		}
	}
	doc.Positions = keep(doc.Positions, drop)
	return n
}

// match finds the item a decision is about: the one with the same id and
// fingerprint, else the first with the same fingerprint (ids drifted), else
// -1. An id whose fingerprint differs is a different item and never
// matches.
func match(it Item, fps []string, id func(int) string) int {
	first := -1
	for i, fp := range fps {
		if fp != it.Fingerprint {
			continue
		}
		if id(i) == it.ID {
			return i
		}
		if first < 0 {
			first = i
		}
	}
	return first
}

func unmatched(doc *schema.Document, kind string, it Item) {
	doc.Warn(StageName, "override_unmatched",
		fmt.Sprintf("%s %s was reviewed as %s, but no %s rests on the same evidence any more (fingerprint %s); the decision was not applied",
			kind, it.ID, it.Review, kind, it.Fingerprint), nil)
}

func keep[T any](xs []T, drop map[int]bool) []T {
	if len(drop) == 0 {
		return xs
	}
	out := xs[:0]
	for i, x := range xs {
		if !drop[i] {
			out = append(out, x)
		}
	}
	return out
}

func correctEvent(e *schema.Event, it Item) {
	if it.Date != e.Date.Value {
		e.Date.Value = it.Date
		if p, ok := precisionOf(it.Date); ok {
			e.Date.Precision = p
		}
	}
	e.Date.EndValue = it.EndDate
	e.Type, e.Summary = it.Type, it.Summary
	e.Actors = append([]string(nil), it.Actors...)
	e.People = append([]string(nil), it.People...)
}

// precisionOf reads the precision a TIMEX3 date value states.
func precisionOf(v string) (schema.Precision, bool) {
	if strings.Contains(v, "T") {
		return schema.PrecisionTime, true
	}
	parts := strings.Split(v, "-")
	switch {
	case len(parts) == 1 && len(v) == 2 && digits(v):
		return schema.PrecisionCentury, true
	case len(parts) == 1 && len(v) == 4 && v[3] == 'X' && digits(v[:3]):
		return schema.PrecisionDecade, true
	case len(parts) == 1 && len(v) == 4 && digits(v):
		return schema.PrecisionYear, true
	case len(parts) == 3:
		return schema.PrecisionDay, true
	case len(parts) == 2:
		p := parts[1]
		switch {
		case len(p) == 2 && p[0] == 'Q':
			return schema.PrecisionQuarter, true
		case len(p) == 3 && p[0] == 'W':
			return schema.PrecisionWeek, true
		case p == "SP" || p == "SU" || p == "FA" || p == "WI":
			return schema.PrecisionSeason, true
		case len(p) == 2:
			return schema.PrecisionMonth, true
		}
	}
	return "", false
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
