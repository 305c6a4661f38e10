package jsonout_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-dev/dossier/internal/testutil"
	"github.com/dossier-dev/dossier/output/jsonout"
	"github.com/dossier-dev/dossier/schema"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.JSONSchema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("dossier.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("dossier.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestOutputValidatesAndIsGrounded runs the whole pipeline on every dev
// document, writes JSON, validates it against the published schema and
// checks that every evidence offset points at its text.
func TestOutputValidatesAndIsGrounded(t *testing.T) {
	sch := compileSchema(t)
	dev := filepath.Join(testutil.SharedDir(t), "corpus", "dev")
	inputs, _ := filepath.Glob(filepath.Join(dev, "*"))
	exp, err := jsonout.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, in := range inputs {
		switch filepath.Ext(in) {
		case ".md", ".html":
		case ".txt":
			if _, err := os.Stat(in[:len(in)-4] + ".html"); err == nil {
				continue // the rendering of an HTML document
			}
		default:
			continue
		}
		n++
		t.Run(filepath.Base(in), func(t *testing.T) {
			doc := testutil.Process(t, in)
			dir := t.TempDir()
			paths, err := exp.Export(context.Background(), doc, dir)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(paths[0])
			if err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Fatalf("output does not validate against dossier schema: %v", err)
			}
			back, err := jsonout.Decode(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			check := func(kind, id string, ev schema.Evidence) {
				if !back.Grounded(ev) {
					t.Errorf("%s %s: evidence [%d,%d) %q not at its offsets", kind, id, ev.Start, ev.End, ev.Text)
				}
			}
			for _, e := range back.Events {
				check("event", e.ID, e.Evidence)
			}
			for _, p := range back.Positions {
				check("position", p.ID, p.Evidence)
			}
			for _, c := range back.Citations {
				check("citation", c.ID, c.Evidence)
				for _, m := range c.Markers {
					check("marker of citation", c.ID, m)
				}
			}
			// the flat when/when_end the evaluation reads agree with date
			var flat struct {
				Events []struct {
					When    string  `json:"when"`
					WhenEnd *string `json:"when_end"`
					Date    struct {
						Value    string `json:"value"`
						EndValue string `json:"end_value"`
					} `json:"date"`
				} `json:"events"`
			}
			if err := json.Unmarshal(raw, &flat); err != nil {
				t.Fatal(err)
			}
			for i, e := range flat.Events {
				if e.When != e.Date.Value || (e.WhenEnd == nil) != (e.Date.EndValue == "") {
					t.Errorf("event %d: when %q/%v disagrees with date %+v", i, e.When, e.WhenEnd, e.Date)
				}
			}
		})
	}
	if n == 0 {
		t.Fatal("no dev documents found")
	}
}

// TestExportIsAtomic checks that a failed write leaves no file behind and
// an earlier output intact.
func TestExportIsAtomic(t *testing.T) {
	dir := t.TempDir()
	doc := &schema.Document{ID: "brief", Text: "Text."}
	exp, _ := jsonout.New(nil)
	if _, err := exp.Export(context.Background(), doc, dir); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "brief.json"))
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	doc.Text = "Changed."
	if _, err := exp.Export(context.Background(), doc, dir); err == nil && os.Geteuid() != 0 {
		t.Fatal("export into a read-only folder succeeded")
	}
	after, _ := os.ReadFile(filepath.Join(dir, "brief.json"))
	if os.Geteuid() != 0 && !bytes.Equal(before, after) {
		t.Fatal("failed export changed the existing file")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "brief.json" {
			t.Errorf("stray file %s", e.Name())
		}
	}
}
