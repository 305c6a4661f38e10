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
	var n, m int
	doc.Events, n = apply(doc, "event", doc.Events, d.Events,
		func(e *schema.Event) (string, schema.Evidence) { return e.ID, e.Evidence }, correctEvent)
	doc.Positions, m = apply(doc, "position", doc.Positions, d.Positions,
		func(p *schema.Position) (string, schema.Evidence) { return p.ID, p.Evidence },
		func(p *schema.Position, it Item) {
			p.Holder, p.Stance, p.Topic, p.Statement = it.Holder, it.Stance, it.Topic, it.Statement
		})
	return n + m
}

// apply applies one kind's decisions: rejected items are dropped, corrected
// ones take the analyst's values. It returns the items kept and how many
// decisions matched.
func apply[T any](doc *schema.Document, kind string, items []T, decisions []Item,
	key func(*T) (string, schema.Evidence), correct func(*T, Item)) ([]T, int) {
	fps := make([]string, len(items))
	for i := range items {
		_, ev := key(&items[i])
		fps[i] = ev.Fingerprint()
	}
	n := 0
	drop := map[int]bool{}
	for _, it := range decisions {
		i := match(it, fps, func(i int) string { id, _ := key(&items[i]); return id })
		if i < 0 {
			unmatched(doc, kind, it)
			continue
		}
		n++
		switch it.Review {
		case Rejected:
			drop[i] = true
		case Corrected:
			correct(&items[i], it)
		}
	}
	return keep(items, drop), n
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
