package xlsx

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// edit plays the analyst: it opens the workbook, sets cells by header name
// and row, and saves it under a new name.
func edit(t *testing.T, path string, edits map[string]map[int]map[string]any) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sheet, rows := range edits {
		for r, cells := range rows {
			for name, v := range cells {
				if err := f.SetCellValue(sheet, cellByHeader(t, f, sheet, name, r), v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	out := filepath.Join(t.TempDir(), "reviewed.xlsx")
	if err := f.SaveAs(out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReadMarks(t *testing.T) {
	path, doc := writeFixture(t)
	// Rows: e1..e5 are rows 2..6; p1, p2 rows 2, 3.
	reviewed := edit(t, path, map[string]map[int]map[string]any{
		SheetEvents: {
			2: {ColReview: "rejected", ColComment: "not an event"},
			// Date cell edited: the day becomes the value.
			3: {ColReview: "corrected", ColDate: time.Date(2020, 6, 15, 0, 0, 0, 0, time.UTC), ColPrecision: "day", ColType: "assault"},
			// Value text edited: it wins over the untouched Date cell.
			4: {ColReview: "Corrected", ColValue: "2021-06", ColActors: "Sylvania;  Freedonia ; Atlantis"},
			// Only the precision changed: the date is re-read at it.
			6: {ColReview: "corrected", ColPrecision: "year"},
			5: {ColReview: "verified"},
		},
		SheetPositions: {
			2: {ColReview: "corrected", ColStance: "Oppose", ColTopic: "river commission"},
		},
	})
	marks, err := ReadMarks(reviewed)
	if err != nil {
		t.Fatal(err)
	}
	byItem := map[string]Mark{}
	for _, m := range marks {
		byItem[m.ItemID] = m
		if m.DocSHA256 != doc.Source.SHA256 || m.DocID != doc.ID {
			t.Errorf("%s: document %s %s", m.ItemID, m.DocSHA256, m.DocID)
		}
	}
	if len(marks) != 6 {
		t.Fatalf("%d marks, want 6: %+v", len(marks), marks)
	}
	tests := []struct {
		id   string
		want Mark
	}{
		{"e1", Mark{Review: ReviewRejected, Comment: "not an event"}},
		{"e2", Mark{Review: ReviewCorrected, Date: "2020-06-15", Type: "assault", Actors: []string{"Sylvania"}, Summary: "=SUM(1,2)"}},
		{"e3", Mark{Review: ReviewCorrected, Date: "2021-06", Type: "reject", Actors: []string{"Sylvania", "Freedonia", "Atlantis"}, Summary: "+Sylvania rejected the plan"}},
		{"e4", Mark{Review: ReviewVerified}},
		{"e5", Mark{Review: ReviewCorrected, Date: "2022", Type: "agree", Actors: []string{"Freedonia"}, People: []string{"@handle"}, Summary: "\tTabbed survey"}},
		{"p1", Mark{Review: ReviewCorrected, Holder: "Sylvania", Stance: "oppose", Topic: "river commission", Statement: "@Sylvania supported the report"}},
	}
	for _, tc := range tests {
		got, ok := byItem[tc.id]
		if !ok {
			t.Errorf("%s: no mark", tc.id)
			continue
		}
		var fp string
		for _, e := range doc.Events {
			if e.ID == tc.id {
				fp = e.Evidence.Fingerprint()
			}
		}
		for _, p := range doc.Positions {
			if p.ID == tc.id {
				fp = p.Evidence.Fingerprint()
			}
		}
		if got.Fingerprint != fp {
			t.Errorf("%s: fingerprint %s, want %s", tc.id, got.Fingerprint, fp)
		}
		got.Sheet, got.Row, got.DocSHA256, got.DocID, got.ItemID, got.Fingerprint = "", 0, "", "", "", ""
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.id, got, tc.want)
		}
	}
}

func TestReadMarksProblems(t *testing.T) {
	path, _ := writeFixture(t)
	reviewed := edit(t, path, map[string]map[int]map[string]any{
		SheetEvents: {
			2: {ColReview: "maybe"},
			3: {ColReview: "corrected", ColValue: "next spring"},
			4: {ColReview: "rejected", ColKey: "{broken"},
		},
		SheetPositions: {2: {ColReview: "corrected", ColStance: "ambivalent"}},
	})
	_, err := ReadMarks(reviewed)
	var re *ReviewError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a ReviewError", err)
	}
	want := []string{"Events row 2: review mark \"maybe\"", "Events row 3: corrected date", "Events row 4: the hidden Key", "Positions row 2: corrected stance \"ambivalent\""}
	if len(re.Problems) != len(want) {
		t.Fatalf("problems %q", re.Problems)
	}
	for i, w := range want {
		if !strings.HasPrefix(re.Problems[i], w) {
			t.Errorf("problem %d = %q, want prefix %q", i, re.Problems[i], w)
		}
	}
	if !strings.Contains(err.Error(), reviewed) {
		t.Errorf("error %q does not name the file", err)
	}
}

func TestReadMarksNotAWorkbook(t *testing.T) {
	f := excelize.NewFile()
	path := filepath.Join(t.TempDir(), "other.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadMarks(path); err == nil || !strings.Contains(err.Error(), "not a dossier workbook") {
		t.Errorf("err = %v", err)
	}
	if _, err := ReadMarks(filepath.Join(t.TempDir(), "missing.xlsx")); err == nil {
		t.Error("missing file: no error")
	}
}

func TestPeriodStartAndValueAt(t *testing.T) {
	tests := []struct {
		v, prec string
		want    string // "" for no date
	}{
		{"2014", "year", "2014-01-01"},
		{"2014-04", "month", "2014-04-01"},
		{"2004-11-14", "day", "2004-11-14"},
		{"2014-Q3", "quarter", "2014-07-01"},
		{"2014-SU", "season", "2014-06-01"},
		{"2014-WI", "season", "2014-12-01"},
		{"2014-W11", "week", "2014-03-10"},
		{"198X", "decade", "1980-01-01"},
		{"19", "century", "1900-01-01"},
		{"2013-03-22T15:30", "time", "2013-03-22"},
		{"1850", "year", ""},
		{"XXXX-04-11", "day", ""},
		{"PRESENT_REF", "", ""},
		{"2014-02-30", "day", ""},
		{"2014-13", "month", ""},
		{"", "", ""},
	}
	for _, tc := range tests {
		got, ok := periodStart(tc.v)
		if (tc.want == "") == ok || (ok && got.Format("2006-01-02") != tc.want) {
			t.Errorf("periodStart(%q) = %v %v, want %q", tc.v, got, ok, tc.want)
			continue
		}
		if ok {
			if back := valueAt(got, tc.prec); back != tc.v {
				t.Errorf("valueAt(periodStart(%q), %s) = %q", tc.v, tc.prec, back)
			}
		}
	}
}

func TestFormulaLikeAndSafeURL(t *testing.T) {
	for s, want := range map[string]bool{"=1+1": true, "+44": true, "-x": true, "@sum": true, "\tx": true, "\rx": true,
		"＝1": true, "a=b": false, "": false, " =1": false, "2014": false} {
		if formulaLike(s) != want {
			t.Errorf("formulaLike(%q) = %v", s, !want)
		}
	}
	for s, want := range map[string]bool{"https://example.org/a?b=1": true, "http://x.y": true,
		"javascript:alert(1)": false, "file:///etc/passwd": false, "example.org": false, "https://a b": false} {
		if safeURL(s) != want {
			t.Errorf("safeURL(%q) = %v", s, !want)
		}
	}
}
