package citations_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/eval"
	"github.com/dossier-dev/dossier/internal/testutil"
	"github.com/dossier-dev/dossier/pipeline"
	"github.com/dossier-dev/dossier/schema"
)

// Bars the citations stage must clear on every dev document (issue 10).
const (
	barF1    = 0.97
	barField = 0.90
)

// TestDevCorpusBars runs the whole pipeline on each dev document and
// scores its citations as score.py does; it fails below the bars.
func TestDevCorpusBars(t *testing.T) {
	dir := filepath.Join(testutil.SharedDir(t), "corpus", "dev")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var inputs []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), eval.GoldSuffix) {
			inputs = append(inputs, filepath.Join(dir, e.Name()))
		}
	}
	cases, _, err := eval.Cases(inputs)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatalf("no dev documents with gold in %s", dir)
	}
	p, err := pipeline.New(testutil.Config(t), pipeline.DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			var doc *schema.Document
			res, err := eval.Evaluate(context.Background(), c, func(ctx context.Context, path string) (*schema.Document, error) {
				d, err := p.ProcessFile(ctx, path)
				doc = d
				return d, err
			})
			if err != nil {
				t.Fatal(err)
			}
			ks := res.Result["citations"]
			t.Log(ks.Line("citations"))
			if ks.F1 < barF1 {
				t.Errorf("citations F1 %.3f < %.2f", ks.F1, barF1)
			}
			fields := make([]string, 0, len(ks.Fields))
			for f := range ks.Fields {
				fields = append(fields, f)
			}
			sort.Strings(fields)
			for _, f := range fields {
				v := ks.Fields[f]
				if v == nil || *v < barField {
					got := "none matched"
					if v != nil {
						got = strconv.FormatFloat(*v, 'f', 3, 64)
					}
					t.Errorf("citations field %s accuracy %s < %.2f", f, got, barField)
				}
			}
			for _, cit := range doc.Citations {
				if !doc.Grounded(cit.Evidence) {
					t.Errorf("citation %s: evidence not grounded", cit.ID)
				}
				for _, m := range cit.Markers {
					if !doc.Grounded(m) {
						t.Errorf("citation %s: marker %q not grounded", cit.ID, m.Text)
					}
				}
			}
		})
	}
}
