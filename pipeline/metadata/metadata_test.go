package metadata_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/testutil"
	"github.com/dossier-dev/dossier/pipeline/clean"
	"github.com/dossier-dev/dossier/pipeline/ingest"
	"github.com/dossier-dev/dossier/pipeline/metadata"
	"github.com/dossier-dev/dossier/schema"
)

func extract(t *testing.T, name, text string) schema.Metadata {
	t.Helper()
	doc, err := ingest.Read(name, []byte(text), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := clean.New()
	if err := c.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	m, err := metadata.New()
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if ev := doc.Metadata.TitleEvidence; ev != nil && !doc.Grounded(*ev) {
		t.Errorf("title evidence not grounded: %+v", ev)
	}
	return doc.Metadata
}

func TestMetadata(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             schema.Metadata
	}{
		{"byline and book", "brief.txt",
			"Teaser line\n\nLogo Example\n\nThe Real Title: A Subtitle\n\nBy Ann Example for Example Institute\n\nThis is a chapter of the book “Big Book of Briefs” published by the Example Institute in June 2024.\n\nBody text here.\n",
			schema.Metadata{Title: "The Real Title: A Subtitle", Authors: []string{"Ann Example"}, Publisher: "Example Institute", Container: "Big Book of Briefs", Published: "2024-06"}},
		{"markdown table", "r.md",
			"# Report Title\n\n| **Publication Date:** | 04/10/2026 \n| **Authors:** | Doe, Jane; Roe, Rick \n\nText.\n",
			schema.Metadata{Title: "Report Title", Authors: []string{"Jane Doe", "Rick Roe"}, Published: "2026-04-10"}},
		{"html h1 and updated", "p.html",
			"<html><body><div>Site menu</div><h1>Page Title</h1><p>Updated September 30, 2026 (IF12345)</p><p>Body.</p></body></html>",
			schema.Metadata{Title: "Page Title", Publisher: "Congressional Research Service", Published: "2026-09-30"}},
		{"kicker, date line, dateline", "n.txt",
			"OPINION\n\nPorts Are the New Borders\n\nBy Lea Marsh\n\nMarch 3, 2024\n\nLISBON, March 3 — Text.\n",
			schema.Metadata{Title: "Ports Are the New Borders", Authors: []string{"Lea Marsh"}, Published: "2024-03-03"}},
		{"author section", "f.txt",
			"Fisheries in Focus\n\nText of the brief.\n\nAuthor Information\n\nAnn Example, Specialist in Ocean Policy\nBo Sample, Analyst in Trade\n",
			schema.Metadata{Title: "Fisheries in Focus", Authors: []string{"Ann Example", "Bo Sample"}}},
		{"two authors", "b.txt", "Title Here\n\nBy Ann One and Bob Two for the Policy Unit\n\nText.\n",
			schema.Metadata{Title: "Title Here", Authors: []string{"Ann One", "Bob Two"}, Publisher: "Policy Unit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := extract(t, tt.file, tt.text)
			got.TitleEvidence = nil
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(tt.want)
			if string(g) != string(w) {
				t.Fatalf("got  %s\nwant %s", g, w)
			}
		})
	}
}

// TestDevCorpusMetadata compares with the gold metadata of every dev
// document.
func TestDevCorpusMetadata(t *testing.T) {
	dev := filepath.Join(testutil.SharedDir(t), "corpus", "dev")
	golds, _ := filepath.Glob(filepath.Join(dev, "*.gold.json"))
	for _, g := range golds {
		base := strings.TrimSuffix(g, ".gold.json")
		in := base + ".html"
		if _, err := os.Stat(in); err != nil {
			if in = base + ".md"; !exists(in) {
				in = base + ".txt"
			}
		}
		t.Run(filepath.Base(base), func(t *testing.T) {
			var gold struct {
				Metadata struct {
					Title, Publisher, Published string
					Authors                     []string
					Container                   *string
				}
			}
			data, _ := os.ReadFile(g)
			if err := json.Unmarshal(data, &gold); err != nil {
				t.Fatal(err)
			}
			data, _ = os.ReadFile(in)
			got := extract(t, in, string(data))
			want := gold.Metadata
			container := ""
			if want.Container != nil {
				container = *want.Container
			}
			if got.Title != want.Title || got.Publisher != want.Publisher || got.Published != want.Published ||
				strings.Join(got.Authors, "|") != strings.Join(want.Authors, "|") || got.Container != container {
				t.Errorf("got %+v\nwant %+v (container %q)", got, want, container)
			}
		})
	}
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }
