package citations

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/pipeline/ingest"
	"github.com/dossier-dev/dossier/schema"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// run reads a fixture as the pipeline would and runs the stage on it.
func run(t *testing.T, name string) *schema.Document {
	t.Helper()
	path := filepath.Join("testdata", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ingest.Read(path, data, ingest.Options{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	st, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Process(context.Background(), doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

// want is what a test expects of one citation; empty fields are not
// checked.
type want struct {
	id       string
	anchored bool
	evidence string // the evidence text must start with this
	markers  []string
	url      string
}

func TestCitations(t *testing.T) {
	cases := []struct {
		file     string
		want     []want
		warnings []string // marker texts warned about
	}{
		{
			file: "endnotes.txt",
			want: []want{
				{id: "1", anchored: true, evidence: "Novak, Petra.", markers: []string{"[1]"}},
				{id: "2", anchored: true, evidence: "Republic of Esteria. Ministry", markers: []string{"[2–3]"}},
				{id: "3", anchored: true, evidence: "Republic of Esteria. MOT.", markers: []string{"[2–3]"}},
				{id: "4", anchored: true, evidence: "The review was never published in full; a summary circulated among\nport staff in 2009.", markers: []string{"(note 4)"}},
				{id: "5", anchored: false, evidence: "Lind, Oskar. Harbours of the North. Oslo: Fjord Press, 2008."},
			},
			warnings: []string{"[9]"},
		},
		{
			file: "footnotes.md",
			want: []want{
				{id: "1", anchored: true, evidence: "Maria Keller,", markers: []string{"[^1]"}},
				{id: "2", anchored: true, evidence: "The premium applies to hulls only.", markers: []string{"[^2]"}},
				{id: "deal", anchored: true, evidence: "Port Council, \"Corridor Agreement,\" July 2023.\n    It was renewed once.", markers: []string{"[^deal]"}},
			},
		},
		{
			file: "notelist.html",
			want: []want{
				{id: "1", anchored: true, evidence: "Jane Ortiz, \"Boards at Work,\" River Journal, vol. 3 (2020).", markers: []string{"1"}},
				{id: "2", anchored: true, evidence: "The budget figures are nominal.", markers: []string{"2"}},
				{id: "3", anchored: false, evidence: "Unused note about method."},
			},
			warnings: []string{"7"},
		},
		{
			file: "crstable.html",
			want: []want{
				{id: "1", anchored: true, evidence: "Agency for Signals, Alert Report, June 2, 2021", markers: []string{"1"}},
				{id: "2", anchored: true, evidence: "12 U.S.C. §400.", markers: []string{"2"}},
			},
		},
		{
			file: "links.md",
			want: []want{
				{id: "1", anchored: true, evidence: "formula program", markers: []string{"formula program"}, url: "https://example.gov/formula?x=(a)%20b"},
				{id: "2", anchored: true, evidence: "competitive grants", url: "https://example.gov/grants"},
				{id: "3", anchored: false, evidence: "Source: CRS, from Transport Agency (TA), \"Bridge Data,\" https://example.gov/bridges.", url: "https://example.gov/bridges"},
				{id: "4", anchored: true, evidence: "Transport Agency", url: "https://example.gov/ta"},
			},
		},
		{
			file: "links.html",
			want: []want{
				{id: "1", anchored: true, evidence: "a 1909 treaty", url: "https://example.org/treaty"},
				{id: "2", anchored: true, evidence: "six members", url: "https://example.org/people"},
				{id: "3", anchored: false, evidence: "Source: CRS, from River Commission (RC), \"Basins,\" https://example.org/basins.", url: "https://example.org/basins"},
			},
		},
		{
			file: "bibliography.md",
			want: []want{
				{id: "1", anchored: false, evidence: "Ana Brandt, \"Counting Fish,\" Ocean Letters, 2019."},
				{id: "2", anchored: false, evidence: "Coastal Office, Annual Catch Report, 2020, https://example.net/catch."},
			},
		},
		{
			// A "Notes" entry in a table of contents is not a notes section.
			file: "toc.html",
			want: []want{
				{id: "1", anchored: true, evidence: "recent study", url: "https://example.net/ferry-study"},
			},
		},
		{
			// Superscripts flattened into the text ("islands.1") are read
			// as markers when nothing else marks the notes; "3 ports" is not.
			file: "glued.txt",
			want: []want{
				{id: "1", anchored: true, evidence: "Harbour Board, Freight Statistics 2021", markers: []string{"1"}},
				{id: "2", anchored: true, evidence: "“Fares Up Again,”", markers: []string{"2"}},
			},
		},
		{
			// A numbered list in the body is not endnotes: the document
			// cites by link.
			file: "bodylist.md",
			want: []want{
				{id: "1", anchored: true, evidence: "ventilation records", url: "https://example.com/vent"},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			doc := run(t, tc.file)
			if len(doc.Citations) != len(tc.want) {
				for _, c := range doc.Citations {
					t.Logf("got %s %q", c.ID, c.Evidence.Text)
				}
				t.Fatalf("got %d citations, want %d", len(doc.Citations), len(tc.want))
			}
			for i, w := range tc.want {
				c := doc.Citations[i]
				if c.ID != w.id {
					t.Errorf("citation %d: id %q, want %q", i, c.ID, w.id)
				}
				if c.Anchored != w.anchored {
					t.Errorf("citation %s: anchored %v, want %v", c.ID, c.Anchored, w.anchored)
				}
				if !strings.HasPrefix(c.Evidence.Text, w.evidence) {
					t.Errorf("citation %s: evidence %q, want it to start %q", c.ID, c.Evidence.Text, w.evidence)
				}
				if w.markers != nil {
					var got []string
					for _, m := range c.Markers {
						got = append(got, m.Text)
					}
					if strings.Join(got, "|") != strings.Join(w.markers, "|") {
						t.Errorf("citation %s: markers %q, want %q", c.ID, got, w.markers)
					}
				}
				if w.url != "" && c.URL != w.url {
					t.Errorf("citation %s: url %q, want %q", c.ID, c.URL, w.url)
				}
				if c.Kind != schema.KindNote && c.Kind != schema.KindReference {
					t.Errorf("citation %s: kind %q", c.ID, c.Kind)
				}
			}
			var warned []string
			for _, w := range doc.Warnings {
				if w.Code == WarnMarkerWithoutNote && w.Evidence != nil {
					warned = append(warned, w.Evidence.Text)
				}
			}
			if strings.Join(warned, "|") != strings.Join(tc.warnings, "|") {
				t.Errorf("marker-without-note warnings on %q, want %q", warned, tc.warnings)
			}
			checkGrounded(t, doc)
		})
	}
}

// checkGrounded fails on any evidence or marker whose offsets do not point
// at its text.
func checkGrounded(t *testing.T, doc *schema.Document) {
	t.Helper()
	for _, c := range doc.Citations {
		if !doc.Grounded(c.Evidence) {
			t.Errorf("citation %s: evidence %q not grounded at %d-%d", c.ID, c.Evidence.Text, c.Evidence.Start, c.Evidence.End)
		}
		for _, m := range c.Markers {
			if !doc.Grounded(m) {
				t.Errorf("citation %s: marker %q not grounded", c.ID, m.Text)
			}
		}
	}
	for _, w := range doc.Warnings {
		if w.Evidence != nil && !doc.Grounded(*w.Evidence) {
			t.Errorf("warning %s: evidence %q not grounded", w.Code, w.Evidence.Text)
		}
	}
}

// TestGolden pins the stage's own output (ids, anchoring, evidence spans,
// markers, link URLs) for every fixture; fields refparse fills are left
// out so that parser changes do not churn these files. Refresh with
// go test ./pipeline/citations -run Golden -update.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.*")
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID       string            `json:"id"`
		Anchored bool              `json:"anchored"`
		Evidence schema.Evidence   `json:"evidence"`
		Markers  []schema.Evidence `json:"markers,omitempty"`
		URL      string            `json:"url,omitempty"`
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			doc := run(t, name)
			rows := []row{}
			for _, c := range doc.Citations {
				r := row{ID: c.ID, Anchored: c.Anchored, Evidence: c.Evidence, Markers: c.Markers}
				if c.CSL != nil && c.CSL.Type == "webpage" && len(c.Authors) == 0 {
					r.URL = c.URL
				}
				rows = append(rows, r)
			}
			got, err := json.MarshalIndent(rows, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := f + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			wantB, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%s: %v (run with -update to create it)", golden, err)
			}
			if strings.TrimSpace(string(wantB)) != strings.TrimSpace(string(got)) {
				t.Errorf("%s differs from the output:\n%s", golden, got)
			}
		})
	}
}

func TestParseIDs(t *testing.T) {
	cases := []struct {
		in   string
		want string
	}{
		{"4", "4"},
		{"4–6", "4,5,6"},
		{"4-6, 9", "4,5,6,9"},
		{"4 and 5", "4,5"},
		{"^7", "7"},
		{"¹²", "12"},
		{"10—12", "10,11,12"},
		{"9-2", "9,2"},
		{"1-500", "1,500"},
		{"th", ""},
		{"", ""},
	}
	for _, tc := range cases {
		if got := strings.Join(parseIDs(tc.in), ","); got != tc.want {
			t.Errorf("parseIDs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestExpandShortAuthors(t *testing.T) {
	ev := func(s string) schema.Evidence { return schema.Evidence{Text: s} }
	cs := []schema.Citation{
		// The parser may miss the full name in the note that gives it.
		{ID: "1", Authors: []string{"Esteria"}, Evidence: ev("Esteria. Ministry of Transport (MOT). Annual Report.")},
		{ID: "2", Authors: []string{"Esteria. MOT"}, Evidence: ev("Esteria. MOT. Tariffs.")},
		{ID: "3", Authors: []string{"Coastal Office (CO)"}, Evidence: ev("Coastal Office (CO), Report.")},
		{ID: "4", Authors: []string{"CO"}, Evidence: ev("CO, p. 7.")},
		{ID: "5", Authors: []string{"Norland. MOT"}, Evidence: ev("Norland. MOT. Other.")},
	}
	expandShortAuthors(cs)
	if got := cs[1].Authors[0]; got != "Esteria. Ministry of Transport (MOT)" {
		t.Errorf("chained short form: %q", got)
	}
	if got := cs[3].Authors[0]; got != "CO" {
		t.Errorf("a bare acronym is kept as written, got %q", got)
	}
	if got := cs[4].Authors[0]; got != "Norland. MOT" {
		t.Errorf("another parent body's acronym must not be expanded, got %q", got)
	}
}

func TestAcronymsFromBody(t *testing.T) {
	doc := &schema.Document{Text: "The River Commission (RC) meets. The Port Council (PC) too. Notes\n1. Food and Farming Office (FFO).\n"}
	st, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	tx := newText(doc)
	notes := []note{{label: "1", entry: strings.Index(doc.Text, "1. Food"), start: strings.Index(doc.Text, "Food"), end: len(doc.Text) - 1}}
	acr := st.acronyms(tx, notes)
	if acr["RC"] != "River Commission" || acr["PC"] != "Port Council" {
		t.Errorf("body definitions: %v", acr)
	}
	if _, ok := acr["FFO"]; ok {
		t.Errorf("a definition inside a note must not be used: %v", acr)
	}
}

func TestLexiconErrors(t *testing.T) {
	bad := []string{
		"headings: [notes]\nunknown_key: 1\n",
		"headings: []\n",
		"headings: [notes]\nentries: {numbered: '('}\n",
	}
	for _, b := range bad {
		if _, err := loadLexicon("test.yaml", []byte(b)); err == nil || !strings.Contains(err.Error(), "test.yaml") {
			t.Errorf("loadLexicon(%q) = %v, want an error naming the file", b, err)
		}
	}
}

func TestOddInputs(t *testing.T) {
	st, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"", "[", "[^", "[](", "1.", "Notes\n", "¹", "[1-99999999999999999999]", "text [x](y", "Source:", "(note )"} {
		doc := &schema.Document{Text: s}
		if err := st.Process(context.Background(), doc); err != nil {
			t.Errorf("%q: %v", s, err)
		}
		checkGrounded(t, doc)
	}
}

func BenchmarkProcess(b *testing.B) {
	data, err := os.ReadFile("testdata/endnotes.txt")
	if err != nil {
		b.Fatal(err)
	}
	st, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		doc, _ := ingest.Read("x.txt", data, ingest.Options{})
		_ = st.Process(context.Background(), doc)
	}
}
