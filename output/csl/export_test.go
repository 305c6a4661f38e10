package csl_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/testutil"
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/output/bibtex"
	"github.com/dossier-dev/dossier/output/csl"
	"github.com/dossier-dev/dossier/output/ris"
	"github.com/dossier-dev/dossier/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixture is a document whose citations exercise escaping, institutions,
// et al., several sources in one note, dates at each precision and a note
// that is not a reference.
func fixture() *schema.Document {
	return &schema.Document{
		ID: "fixture",
		Citations: []schema.Citation{
			{ID: "1", Kind: schema.KindReference, CSL: &schema.CSLItem{
				Type:   "article-newspaper",
				Author: []schema.CSLName{{Family: "Lindqvist", Given: "Marta"}},
				Title:  "Harbour Cranes & 100% Returns_{Northern} Port #2", ContainerTitle: "Coastal Herald",
				Issued: &schema.CSLDate{DateParts: [][]int{{2019, 5, 3}}}, Accessed: &schema.CSLDate{DateParts: [][]int{{2020, 6, 9}}},
				URL: "https://example.org/news/cranes?id=7&x={1}",
			}},
			{ID: "2", Kind: schema.KindNote},
			{ID: "3", Kind: schema.KindReference, CSL: &schema.CSLItem{
				Type:   "report",
				Author: []schema.CSLName{{Literal: "Freedonia. Ministry of Coastal Affairs (MOCA)"}},
				Title:  "Annual Fisheries Review", Issued: &schema.CSLDate{DateParts: [][]int{{2018, 3}}},
			}, More: []schema.CSLItem{{
				Type:   "article-journal",
				Author: []schema.CSLName{{Family: "Okafor", Given: "N."}, {Family: "Brandt", Given: "L.", Particle: "de"}, {Literal: "et al."}},
				Title:  "Tidal models for shallow estuaries", ContainerTitle: "Journal of Coastal Hydrology",
				Volume: "12", Issue: "3", Page: "45-67", DOI: "10.1234/jch.2016.0045",
				Issued: &schema.CSLDate{DateParts: [][]int{{2016}}},
			}}},
			{ID: "4", Kind: schema.KindReference, CSL: &schema.CSLItem{
				Type:   "article-journal",
				Author: []schema.CSLName{{Family: "Okafor", Given: "Nneka"}},
				Title:  "Tidal models revisited", Issued: &schema.CSLDate{DateParts: [][]int{{2016}}},
			}},
			{ID: "5", Kind: schema.KindReference, CSL: &schema.CSLItem{Title: "12 U.S.C. §4501(b)", Type: "legislation"}},
		},
	}
}

func TestExportersGolden(t *testing.T) {
	cases := []struct {
		name string
		new  func() (interface {
			Export(context.Context, *schema.Document, string) ([]string, error)
		}, error)
		file string
	}{
		{"csl", func() (interface {
			Export(context.Context, *schema.Document, string) ([]string, error)
		}, error) {
			return csl.New(nil)
		}, "fixture.csl.json"},
		{"bibtex", func() (interface {
			Export(context.Context, *schema.Document, string) ([]string, error)
		}, error) {
			return bibtex.New(nil)
		}, "fixture.bib"},
		{"ris", func() (interface {
			Export(context.Context, *schema.Document, string) ([]string, error)
		}, error) {
			return ris.New(nil)
		}, "fixture.ris"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := c.new()
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			paths, err := e.Export(context.Background(), fixture(), dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(paths) != 1 || filepath.Base(paths[0]) != c.file {
				t.Fatalf("wrote %v, want %s", paths, c.file)
			}
			got, err := os.ReadFile(paths[0])
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", c.file)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%s: %v (run with -update)", golden, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s:\n%s", paths[0], golden, got)
			}
		})
	}
}

func TestItems(t *testing.T) {
	items := csl.Items(fixture())
	var ids []string
	for _, it := range items {
		ids = append(ids, it.ID)
	}
	want := []string{"fixture-1", "fixture-3", "fixture-3b", "fixture-4", "fixture-5"}
	if len(ids) != len(want) {
		t.Fatalf("ids %v, want %v", ids, want)
	}
	for i := range want {
		if ids[i] != want[i] {
			t.Errorf("ids %v, want %v", ids, want)
		}
	}
}

// TestBibTeXBalanced checks every entry's braces balance and keys are
// unique even when two sources share author, year and first title word.
func TestBibTeXBalanced(t *testing.T) {
	var b bytes.Buffer
	if err := bibtex.Encode(&b, csl.Items(fixture())); err != nil {
		t.Fatal(err)
	}
	depth, keys := 0, map[string]bool{}
	for _, line := range bytes.Split(b.Bytes(), []byte("\n")) {
		if bytes.HasPrefix(line, []byte("@")) {
			k := string(line[bytes.IndexByte(line, '{')+1 : len(line)-1])
			if keys[k] {
				t.Errorf("duplicate key %q", k)
			}
			keys[k] = true
		}
		for i, c := range line {
			if (c == '{' || c == '}') && (i == 0 || line[i-1] != '\\') {
				if c == '{' {
					depth++
				} else {
					depth--
				}
			}
		}
		if depth < 0 {
			t.Fatalf("unbalanced at %q", line)
		}
	}
	if depth != 0 {
		t.Errorf("braces unbalanced by %d", depth)
	}
}

// TestBibutilsReadsThem has an independent reader, bibutils (the converter
// behind many reference managers' imports), read the BibTeX and RIS files
// of our fixture and of the seed document: every source comes through as
// one MODS record, with its title.
func TestBibutilsReadsThem(t *testing.T) {
	docs := []*schema.Document{fixture(), testutil.Process(t, testutil.DevCorpus(t, testutil.Seed))}
	docs[1].ID = "seed"
	for _, doc := range docs {
		items := csl.Items(doc)
		dir := t.TempDir()
		for _, f := range []struct {
			tool string
			mk   func(*output.Run) (output.Exporter, error)
		}{{"bib2xml", bibtex.New}, {"ris2xml", ris.New}} {
			tool := testutil.Tool(t, f.tool)
			e, _ := f.mk(nil)
			paths, err := e.Export(context.Background(), doc, dir)
			if err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(tool, paths[0]).CombinedOutput()
			if err != nil {
				t.Fatalf("%s %s: %v\n%s", f.tool, paths[0], err, out)
			}
			mods := string(out)
			if n := strings.Count(mods, "<mods "); n != len(items) {
				t.Errorf("%s on %s: %d records, want %d", f.tool, doc.ID, n, len(items))
			}
			for _, it := range items {
				if it.Title == "" {
					continue
				}
				word := strings.Fields(it.Title)[0]
				if !strings.Contains(mods, word) {
					t.Errorf("%s on %s: title %q lost", f.tool, doc.ID, it.Title)
				}
			}
		}
	}
}
