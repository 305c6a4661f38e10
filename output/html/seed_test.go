package html

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/testutil"
	"github.com/dossier-dev/dossier/schema"
)

// seedDoc runs the whole pipeline on the dev corpus's seed document.
func seedDoc(t testing.TB) *schema.Document {
	t.Helper()
	return testutil.Process(t, testutil.DevCorpus(t, testutil.Seed))
}

// goldDoc is the seed's text with the gold annotations (../shared, read in
// place) placed where their evidence stands. It gives the browser test and
// the screenshot a fully annotated page whatever state the extraction
// stages are in; items whose evidence is not found verbatim are left out.
func goldDoc(t testing.TB) *schema.Document {
	t.Helper()
	doc := seedDoc(t)
	doc.Events, doc.Positions, doc.Citations = nil, nil, nil
	name := strings.TrimSuffix(testutil.Seed, filepath.Ext(testutil.Seed)) + ".gold.json"
	raw, err := os.ReadFile(filepath.Join(testutil.SharedDir(t), "corpus", "dev", name))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Events []struct {
			ID, When, Type, Summary, Evidence string
			WhenEnd                           *string `json:"when_end"`
			Actors, People                    []string
		}
		Positions []struct {
			ID, Holder, Topic, Stance, Statement, Evidence string
		}
		Citations []struct {
			ID, Kind, Title, Container, Issued, Accessed, Evidence string
			URL                                                    *string
			Anchored                                               bool
			Authors                                                []string
		}
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	find := func(s string) (schema.Evidence, bool) {
		i := strings.Index(doc.Text, s)
		if s == "" || i < 0 {
			return schema.Evidence{}, false
		}
		return doc.EvidenceBytes(i, i+len(s)), true
	}
	for _, g := range gold.Events {
		ev, ok := find(g.Evidence)
		if !ok {
			continue
		}
		d := schema.Date{Value: g.When, Text: g.When}
		if g.WhenEnd != nil {
			d.EndValue = *g.WhenEnd
		}
		doc.Events = append(doc.Events, schema.Event{ID: g.ID, Date: d, Type: g.Type, Actors: g.Actors,
			People: g.People, Summary: g.Summary, Evidence: ev})
	}
	for _, g := range gold.Positions {
		ev, ok := find(g.Evidence)
		if !ok {
			continue
		}
		doc.Positions = append(doc.Positions, schema.Position{ID: g.ID, Holder: g.Holder, Topic: g.Topic,
			Stance: g.Stance, Statement: g.Statement, Evidence: ev})
	}
	for _, g := range gold.Citations {
		ev, ok := find(g.Evidence)
		if !ok {
			continue
		}
		c := schema.Citation{ID: g.ID, Kind: g.Kind, Anchored: g.Anchored, Authors: g.Authors, Title: g.Title,
			Container: g.Container, Issued: g.Issued, Accessed: g.Accessed, Evidence: ev}
		if g.URL != nil {
			c.URL = *g.URL
		}
		if m, ok := find("[" + g.ID + "]"); ok && g.Anchored && m.Start < ev.Start {
			c.Markers = []schema.Evidence{m}
		}
		doc.Citations = append(doc.Citations, c)
	}
	if len(doc.Events) == 0 {
		t.Fatalf("%s: no gold event found in the seed text", name)
	}
	return doc
}

// repeatDoc concatenates n copies of doc, items shifted, to make a long
// document with the seed's density of items.
func repeatDoc(doc *schema.Document, n int) *schema.Document {
	out := &schema.Document{ID: fmt.Sprintf("%s-x%d", doc.ID, n), Metadata: doc.Metadata, Source: doc.Source}
	runes := doc.RuneLen()
	shift := func(e schema.Evidence, by int) schema.Evidence {
		e.Start += by
		e.End += by
		return e
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		by := i * (runes + 1)
		b.WriteString(doc.Text)
		b.WriteByte('\n')
		for _, s := range doc.Boilerplate {
			out.Boilerplate = append(out.Boilerplate, schema.Span{Start: s.Start + by, End: s.End + by})
		}
		for _, e := range doc.Events {
			e.ID = fmt.Sprintf("%s.%d", e.ID, i)
			e.Evidence = shift(e.Evidence, by)
			out.Events = append(out.Events, e)
		}
		for _, p := range doc.Positions {
			p.ID = fmt.Sprintf("%s.%d", p.ID, i)
			p.Evidence = shift(p.Evidence, by)
			out.Positions = append(out.Positions, p)
		}
		for _, c := range doc.Citations {
			c.Evidence = shift(c.Evidence, by)
			ms := make([]schema.Evidence, len(c.Markers))
			for j, m := range c.Markers {
				ms[j] = shift(m, by)
			}
			c.Markers = ms
			out.Citations = append(out.Citations, c)
		}
	}
	out.Text = b.String()
	return out
}

// TestSeedPageStructure checks the seed's pages (as extracted, and with
// the gold annotations) with the same invariants as the fixtures.
func TestSeedPageStructure(t *testing.T) {
	gold := goldDoc(t)
	for _, doc := range []*schema.Document{seedDoc(t), gold, repeatDoc(gold, 6)} {
		t.Run(doc.ID, func(t *testing.T) {
			root := parsePage(t, render(t, doc))
			checkPage(t, doc, root)
		})
	}
}
