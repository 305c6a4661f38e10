package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/output/xlsx"
	"github.com/dossier-dev/dossier/pipeline/overrides"
	"github.com/dossier-dev/dossier/schema"
	"github.com/xuri/excelize/v2"
)

func reviewDoc(t *testing.T) *schema.Document {
	t.Helper()
	text := "Ruritania and Freedonia signed a pact in 2019. Freedonia opposed the tariff plan."
	doc := &schema.Document{ID: "pact", Text: text, Source: schema.Source{Path: "pact.txt", SHA256: "0badc0de"}}
	ev := func(s string) schema.Evidence {
		i := strings.Index(text, s)
		return doc.EvidenceBytes(i, i+len(s))
	}
	doc.Events = []schema.Event{
		{ID: "e1", Date: schema.Date{Value: "2019", Precision: schema.PrecisionYear, Text: "2019"}, Type: "agree",
			Actors: []string{"Ruritania", "Freedonia"}, Summary: "pact signed", Evidence: ev("Ruritania and Freedonia signed a pact in 2019.")},
		{ID: "e2", Date: schema.Date{Value: "2019", Precision: schema.PrecisionYear}, Type: "statement",
			Actors: []string{"Freedonia"}, Evidence: ev("Freedonia opposed the tariff plan.")},
	}
	doc.Positions = []schema.Position{{ID: "p1", Holder: "Freedonia", Stance: "oppose", Topic: "tariffs",
		Evidence: ev("Freedonia opposed the tariff plan.")}}
	return doc
}

// TestReviewRoundTrip: workbook → analyst marks → dossier review →
// overrides applied to a later run's document.
func TestReviewRoundTrip(t *testing.T) {
	dir := t.TempDir()
	wb := filepath.Join(dir, "pact.xlsx")
	if err := xlsx.WriteDocument(wb, reviewDoc(t), nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(wb)
	if err != nil {
		t.Fatal(err)
	}
	set := func(sheet, name string, row int, v any) {
		rows, _ := f.GetRows(sheet)
		for i, h := range rows[0] {
			if h == name {
				c, _ := excelize.CoordinatesToCellName(i+1, row)
				f.SetCellValue(sheet, c, v)
				return
			}
		}
		t.Fatalf("no column %s", name)
	}
	set(xlsx.SheetEvents, xlsx.ColReview, 2, "corrected")
	set(xlsx.SheetEvents, xlsx.ColValue, 2, "2019-06-28")
	set(xlsx.SheetEvents, xlsx.ColType, 2, "consult")
	set(xlsx.SheetEvents, xlsx.ColReview, 3, "rejected")
	set(xlsx.SheetPositions, xlsx.ColReview, 2, "verified")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	out := filepath.Join(dir, "o.yaml")
	code, stdout, stderr := execute(t, "review", wb, "-o", out)
	if code != 0 {
		t.Fatalf("review exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "1 verified, 1 rejected, 1 corrected") {
		t.Errorf("stdout %q", stdout)
	}
	o, err := overrides.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	// Ids renumbered by a later extraction: the decisions still land.
	doc := reviewDoc(t)
	doc.Events[0].ID, doc.Events[1].ID = "e5", "e6"
	if n := overrides.Apply(doc, &o.Documents[0]); n != 3 {
		t.Errorf("%d decisions applied, want 3", n)
	}
	if len(doc.Events) != 1 || doc.Events[0].ID != "e5" || doc.Events[0].Date.Value != "2019-06-28" ||
		doc.Events[0].Date.Precision != schema.PrecisionDay || doc.Events[0].Type != "consult" {
		t.Errorf("events after overrides: %+v", doc.Events)
	}
	if len(doc.Positions) != 1 {
		t.Errorf("positions after overrides: %+v", doc.Positions)
	}

	// A bad mark: nothing is written, the row is named, exit 1.
	f, _ = excelize.OpenFile(wb)
	set(xlsx.SheetEvents, xlsx.ColReview, 2, "perhaps")
	f.Save()
	f.Close()
	code, _, stderr = execute(t, "review", wb, "-o", filepath.Join(dir, "bad.yaml"))
	if code != 1 || !strings.Contains(stderr, "Events row 2") {
		t.Errorf("bad mark: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := execute(t, "review", filepath.Join(dir, "missing.xlsx")); code != 2 {
		t.Errorf("missing workbook: exit %d, want 2", code)
	}
}
