package overrides

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/schema"
)

const text = "Freedonia met Sylvania in 2019. Sylvania rejected the plan in May 2021. Freedonia backed the commission."

func testDoc(t *testing.T) *schema.Document {
	t.Helper()
	doc := &schema.Document{Text: text, Source: schema.Source{SHA256: "feed"}}
	ev := func(s string) schema.Evidence {
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("%q not in text", s)
		}
		return doc.EvidenceBytes(i, i+len(s))
	}
	doc.Events = []schema.Event{
		{ID: "e1", Date: schema.Date{Value: "2019", Precision: schema.PrecisionYear}, Type: "consult",
			Actors: []string{"Freedonia", "Sylvania"}, Evidence: ev("Freedonia met Sylvania in 2019.")},
		{ID: "e2", Date: schema.Date{Value: "2021-05", Precision: schema.PrecisionMonth}, Type: "reject",
			Actors: []string{"Sylvania"}, Evidence: ev("Sylvania rejected the plan in May 2021.")},
	}
	doc.Positions = []schema.Position{
		{ID: "p1", Holder: "Freedonia", Stance: "support", Topic: "commission", Evidence: ev("Freedonia backed the commission.")},
	}
	return doc
}

func fp(e schema.Evidence) string { return e.Fingerprint() }

func TestApply(t *testing.T) {
	base := testDoc(t)
	e1, e2, p1 := fp(base.Events[0].Evidence), fp(base.Events[1].Evidence), fp(base.Positions[0].Evidence)
	tests := []struct {
		name       string
		doc        func(*schema.Document)
		over       Document
		wantEvents []string
		wantPos    []string
		check      func(t *testing.T, d *schema.Document)
		warnings   int
	}{
		{
			name:       "reject drops the item",
			over:       Document{Events: []Item{{ID: "e1", Fingerprint: e1, Review: Rejected}}, Positions: []Item{{ID: "p1", Fingerprint: p1, Review: Rejected}}},
			wantEvents: []string{"e2"},
		},
		{
			name: "correct replaces values and precision",
			over: Document{Events: []Item{{ID: "e2", Fingerprint: e2, Review: Corrected, Date: "2021-06-03", Type: "sanction",
				Actors: []string{"Sylvania", "Freedonia"}, Summary: "new"}},
				Positions: []Item{{ID: "p1", Fingerprint: p1, Review: Corrected, Holder: "Freedonia", Stance: "oppose", Topic: "commission"}}},
			wantEvents: []string{"e1", "e2"}, wantPos: []string{"p1"},
			check: func(t *testing.T, d *schema.Document) {
				e := d.Events[1]
				if e.Date.Value != "2021-06-03" || e.Date.Precision != schema.PrecisionDay || e.Type != "sanction" ||
					!reflect.DeepEqual(e.Actors, []string{"Sylvania", "Freedonia"}) || e.Summary != "new" {
					t.Errorf("corrected event %+v", e)
				}
				if d.Positions[0].Stance != "oppose" {
					t.Errorf("corrected position %+v", d.Positions[0])
				}
			},
		},
		{
			name:       "verified changes nothing",
			over:       Document{Events: []Item{{ID: "e1", Fingerprint: e1, Review: Verified}}},
			wantEvents: []string{"e1", "e2"}, wantPos: []string{"p1"},
		},
		{
			name: "renumbered ids: the fingerprint finds the item",
			doc: func(d *schema.Document) {
				d.Events[0].ID, d.Events[1].ID = "e7", "e8"
			},
			over:       Document{Events: []Item{{ID: "e2", Fingerprint: e2, Review: Rejected}}},
			wantEvents: []string{"e7"}, wantPos: []string{"p1"},
		},
		{
			name: "same id, other evidence: not applied, warned",
			doc: func(d *schema.Document) {
				d.Events[1].Evidence.Start++ // the text moved
			},
			over:       Document{Events: []Item{{ID: "e2", Fingerprint: e2, Review: Rejected}}},
			wantEvents: []string{"e1", "e2"}, wantPos: []string{"p1"}, warnings: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := testDoc(t)
			if tc.doc != nil {
				tc.doc(d)
			}
			Apply(d, &tc.over)
			var ev, pos []string
			for _, e := range d.Events {
				ev = append(ev, e.ID)
			}
			for _, p := range d.Positions {
				pos = append(pos, p.ID)
			}
			if tc.wantPos == nil && len(tc.over.Positions) == 0 {
				tc.wantPos = []string{"p1"}
			}
			if !reflect.DeepEqual(ev, tc.wantEvents) || !reflect.DeepEqual(pos, tc.wantPos) {
				t.Errorf("events %v positions %v, want %v %v", ev, pos, tc.wantEvents, tc.wantPos)
			}
			if len(d.Warnings) != tc.warnings {
				t.Errorf("warnings %+v, want %d", d.Warnings, tc.warnings)
			}
			if tc.check != nil {
				tc.check(t, d)
			}
		})
	}
}

func TestSaveLoadMerge(t *testing.T) {
	for _, ext := range []string{".yaml", ".json"} {
		t.Run(ext, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "overrides"+ext)
			f := &File{}
			f.Merge([]Document{{SHA256: "feed", ID: "doc", Events: []Item{{ID: "e1", Fingerprint: "aa", Review: Rejected}}}})
			f.Merge([]Document{{SHA256: "feed", ID: "doc", Events: []Item{
				{ID: "e1", Fingerprint: "aa", Review: Verified},
				{ID: "e2", Fingerprint: "bb", Review: Corrected, Date: "2020", Actors: []string{"X"}}}}})
			if err := Save(path, f); err != nil {
				t.Fatal(err)
			}
			g, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(f, g) {
				t.Errorf("round trip:\n%+v\n%+v", f, g)
			}
			if n := len(g.Documents[0].Events); n != 2 || g.Documents[0].Events[0].Review != Verified {
				t.Errorf("merge: %+v", g.Documents[0].Events)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"unknown.yaml":  "version: 1\ndocuments: []\nextra: 1\n",
		"version.yaml":  "version: 9\ndocuments: []\n",
		"review.yaml":   "version: 1\ndocuments:\n- sha256: x\n  events:\n  - {id: e1, fingerprint: aa, review: maybe}\n",
		"nofp.json":     `{"version":1,"documents":[{"sha256":"x","positions":[{"id":"p1","review":"rejected"}]}]}`,
		"garbage.json":  `{`,
		"nosha256.yaml": "version: 1\ndocuments:\n- id: x\n",
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(body), 0o644)
		if _, err := Load(path); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: err = %v, want one naming the file", name, err)
		}
	}
}

func TestStage(t *testing.T) {
	doc := testDoc(t)
	path := filepath.Join(t.TempDir(), "o.yaml")
	f := &File{Documents: []Document{{SHA256: "feed", Events: []Item{{ID: "e1", Fingerprint: fp(doc.Events[0].Evidence), Review: Rejected}}}}}
	if err := Save(path, f); err != nil {
		t.Fatal(err)
	}
	cfg := &config.Config{Review: config.Review{Overrides: path}}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	other := testDoc(t)
	other.Source.SHA256 = "other"
	for _, d := range []*schema.Document{doc, other} {
		if err := s.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	if len(doc.Events) != 1 || len(other.Events) != 2 {
		t.Errorf("events after stage: %d (matching doc), %d (other doc)", len(doc.Events), len(other.Events))
	}
	if _, err := New(&config.Config{Review: config.Review{Overrides: path + ".missing"}}); err == nil {
		t.Error("missing overrides file: no error")
	}
	if s, err := New(&config.Config{}); err != nil || len(s.bySHA) != 0 {
		t.Errorf("no overrides configured: %v %v", s, err)
	}
}

func TestPrecisionOf(t *testing.T) {
	for v, want := range map[string]schema.Precision{"2014": "year", "2014-04": "month", "2014-04-02": "day",
		"2014-Q1": "quarter", "2014-W02": "week", "2014-SU": "season", "198X": "decade", "19": "century", "2014-04-02T10:00": "time"} {
		if got, ok := precisionOf(v); !ok || got != want {
			t.Errorf("precisionOf(%q) = %q %v, want %q", v, got, ok, want)
		}
	}
	if _, ok := precisionOf("soon"); ok {
		t.Error("precisionOf(soon) ok")
	}
}
