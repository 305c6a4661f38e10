package eval

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dossier-dev/dossier/internal/testutil"
	"github.com/dossier-dev/dossier/pipeline"
	"github.com/dossier-dev/dossier/schema"
)

// devCases lists the dev corpus's documents that have gold.
func devCases(t testing.TB) []Case {
	t.Helper()
	cases := casesIn(t, filepath.Join(testutil.SharedDir(t), "corpus", "dev"))
	if len(cases) < 3 {
		t.Fatalf("dev corpus: want at least 3 documents with gold, got %d", len(cases))
	}
	return cases
}

// casesIn lists the documents of a folder that have gold beside them.
func casesIn(t testing.TB, dir string) []Case {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".txt", ".md", ".html":
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	cases, _, err := Cases(paths)
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

func processor(t testing.TB) Processor {
	cfg := testutil.Config(t)
	p, err := pipeline.New(cfg, pipeline.DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	return func(ctx context.Context, path string) (*schema.Document, error) { return p.ProcessFile(ctx, path) }
}

// pyScore runs score.py --json on an output.
func pyScore(t *testing.T, py string, c Case, output []byte) map[string]any {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.json")
	if err := os.WriteFile(out, output, 0o644); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(testutil.SharedDir(t), "eval", "score.py")
	cmd := exec.Command(py, script, c.Text, c.Gold, out, "--json")
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("score.py %s: %v", c.Name(), err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// asGeneric round-trips a Result through JSON for comparison with Python's.
func asGeneric(t *testing.T, r Result) map[string]any {
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// variants derives outputs from the gold that exercise every scoring path:
// exact copies, offsets that do not point at their text, evidence only
// findable whitespace-squeezed, shifted dates, changed fields, duplicates.
func variants(t *testing.T, c Case) map[string][]byte {
	t.Helper()
	gb, err := os.ReadFile(c.Gold)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(c.Text)
	text := NewText(raw)
	var gold map[string]any
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatal(err)
	}
	mk := func(edit func(kind string, i int, item map[string]any) []map[string]any) []byte {
		out := map[string]any{}
		for _, k := range Kinds {
			list := []map[string]any{}
			items, _ := gold[k].([]any)
			for i, it := range items {
				m := map[string]any{}
				for kk, vv := range it.(map[string]any) {
					m[kk] = vv
				}
				ev, _ := m["evidence"].(string)
				sp, _, _ := text.locate(ev)
				m["evidence"] = map[string]any{"text": ev, "start": sp.start, "end": sp.end}
				list = append(list, edit(k, i, m)...)
			}
			out[k] = list
		}
		b, _ := json.Marshal(out)
		return b
	}
	return map[string][]byte{
		"identity": mk(func(_ string, _ int, m map[string]any) []map[string]any { return []map[string]any{m} }),
		"offsets-off": mk(func(_ string, i int, m map[string]any) []map[string]any {
			if i%2 == 0 {
				ev := m["evidence"].(map[string]any)
				ev["start"] = ev["start"].(int) + 1
			}
			return []map[string]any{m}
		}),
		"squeezed": mk(func(_ string, i int, m map[string]any) []map[string]any {
			ev := m["evidence"].(map[string]any)
			ev["text"] = ev["text"].(string) + "  \n "
			ev["start"] = "x"
			return []map[string]any{m}
		}),
		"fields-and-dates": mk(func(k string, i int, m map[string]any) []map[string]any {
			switch i % 4 {
			case 1:
				m["when"] = "1999"
				m["holder"] = "Nobody"
				m["id"] = "999"
			case 2:
				m["type"] = "other"
				m["stance"] = "other"
				m["actors"] = []string{"Japan"}
				m["anchored"] = !(m["anchored"] == true)
				m["title"] = nil
			case 3:
				m["people"] = nil
				m["authors"] = "A B"
			}
			return []map[string]any{m}
		}),
		"duplicates-and-missing": mk(func(k string, i int, m map[string]any) []map[string]any {
			switch i % 3 {
			case 0:
				return []map[string]any{m, m}
			case 1:
				m["evidence"] = map[string]any{"text": "no such text anywhere"}
			}
			return []map[string]any{m}
		}),
	}
}

// TestAgreesWithScorePy checks that dossier's scorer prints score.py's
// numbers, on the dev corpus, for the pipeline's real output and for
// outputs derived from the gold that exercise every rule.
func TestAgreesWithScorePy(t *testing.T) {
	py := testutil.Python(t)
	proc := processor(t)
	for _, c := range devCases(t) {
		r, err := Evaluate(context.Background(), c, proc)
		if err != nil {
			t.Fatal(err)
		}
		outputs := variants(t, c)
		outputs["pipeline"] = r.Output
		for name, output := range outputs {
			got, err := ScoreFiles(c.Text, c.Gold, output)
			if err != nil {
				t.Fatalf("%s/%s: %v", c.Name(), name, err)
			}
			want := pyScore(t, py, c, output)
			if g := asGeneric(t, got); !reflect.DeepEqual(g, want) {
				gj, _ := json.MarshalIndent(g, "", " ")
				wj, _ := json.MarshalIndent(want, "", " ")
				t.Errorf("%s/%s: dossier eval and score.py differ\n dossier: %s\n score.py: %s", c.Name(), name, gj, wj)
			}
		}
	}
}
