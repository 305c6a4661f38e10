package xlsx

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/testutil"
	"github.com/dossier-dev/dossier/schema"
	"github.com/xuri/excelize/v2"
)

type pyView struct {
	Normal map[string]struct {
		Rows                int      `json:"rows"`
		Cols                int      `json:"cols"`
		Freeze              *string  `json:"freeze"`
		Tables              []string `json:"tables"`
		Header              []any    `json:"header"`
		Validations         []string `json:"validations"`
		Dates               int      `json:"dates"`
		Formulas            []string `json:"formulas"`
		Quoted              []string `json:"quoted"`
		UnquotedFormulaLike []string `json:"unquoted_formula_like"`
	} `json:"normal"`
	ReadOnly map[string]struct {
		Dimension    string `json:"dimension"`
		Rows         int    `json:"rows"`
		NonemptyRows int    `json:"nonempty_rows"`
	} `json:"read_only"`
}

func readWithOpenpyxl(t *testing.T, path string) pyView {
	t.Helper()
	py := testutil.Python(t, "openpyxl")
	out, err := exec.Command(py, filepath.Join("testdata", "read_openpyxl.py"), path).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("openpyxl: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var v pyView
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("openpyxl output: %v\n%s", err, out)
	}
	return v
}

// TestOpenpyxl reads the fixture workbook and a corpus workbook with an
// independent reader, normally and in read-only mode (which trusts the
// sheet's <dimension>): every row must be visible both ways.
func TestOpenpyxl(t *testing.T) {
	dir := t.TempDir()
	single, doc := writeFixture(t)
	cw, err := NewCorpusWriter(filepath.Join(dir, CorpusFile), testRun)
	if err != nil {
		t.Fatal(err)
	}
	b := fixtureDoc(t, "b")
	cw.Add(doc)
	cw.AddFailure("missing.txt", "ingest", "no such file")
	cw.Add(b)
	if _, err := cw.Close(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path   string
		copies int
	}{{single, 1}, {filepath.Join(dir, CorpusFile), 2}} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			v := readWithOpenpyxl(t, tc.path)
			want := map[string]int{
				SheetEvents:    len(doc.Events) * tc.copies,
				SheetPositions: len(doc.Positions) * tc.copies,
				SheetCitations: len(doc.Citations) * tc.copies,
				SheetActors:    len(doc.Actors) * tc.copies,
				SheetWarnings:  len(doc.Warnings) * tc.copies,
			}
			if tc.copies > 1 {
				want[SheetFailures] = 1
			}
			for sheet, n := range want {
				nv, ro := v.Normal[sheet], v.ReadOnly[sheet]
				if nv.Rows != n+1 || ro.Rows != n+1 || ro.NonemptyRows != n+1 {
					t.Errorf("%s: openpyxl sees %d rows, read-only %d (%d non-empty, dimension %s); want %d",
						sheet, nv.Rows, ro.Rows, ro.NonemptyRows, ro.Dimension, n+1)
				}
				if nv.Freeze == nil || *nv.Freeze != "A2" {
					t.Errorf("%s: freeze panes %v", sheet, nv.Freeze)
				}
				if len(nv.Tables) != 1 {
					t.Errorf("%s: tables %v", sheet, nv.Tables)
				}
				for _, f := range nv.Formulas {
					if !strings.HasPrefix(f, `=HYPERLINK("#Citations!`) {
						t.Errorf("%s: formula %q; only dossier's note links may be formulas", sheet, f)
					}
				}
				if len(nv.UnquotedFormulaLike) > 0 {
					t.Errorf("%s: formula-like text without quote prefix: %q", sheet, nv.UnquotedFormulaLike)
				}
			}
			ev := v.Normal[SheetEvents]
			if len(ev.Validations) != 1 || ev.Validations[0] != `"verified,rejected,corrected"` {
				t.Errorf("events validations %v", ev.Validations)
			}
			// e1 e2 e3 e5 have dates Excel can hold (1850 cannot).
			if ev.Dates != 4*tc.copies {
				t.Errorf("openpyxl reads %d date cells on Events, want %d", ev.Dates, 4*tc.copies)
			}
			if len(ev.Quoted) == 0 {
				t.Error("no quoted cells seen on Events")
			}
			if ro := v.ReadOnly[SheetOverview]; ro.NonemptyRows < 10 {
				t.Errorf("overview read-only sees %d rows", ro.NonemptyRows)
			}
		})
	}
}

// TestLibreOffice converts every sheet to CSV headless: the workbook must
// open without error, and formula-like text must come out as text, not as
// a computed value.
func TestLibreOffice(t *testing.T) {
	soffice := testutil.Tool(t, "soffice")
	path, _ := writeFixture(t)
	out := t.TempDir()
	// A private profile, so a parallel or stale LibreOffice does not block.
	profile := "-env:UserInstallation=file://" + filepath.Join(t.TempDir(), "profile")
	cmd := exec.Command(soffice, profile, "--headless", "--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2`, "--outdir", out, path)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	if strings.Contains(strings.ToLower(string(msg)), "error") {
		t.Fatalf("soffice reported: %s", msg)
	}
	events := filepath.Join(out, "rivers-"+SheetEvents+".csv")
	data, err := os.ReadFile(events)
	if err != nil {
		entries, _ := os.ReadDir(out)
		t.Fatalf("no events CSV (%v): %s", entries, msg)
	}
	s := string(data)
	if !strings.Contains(s, "=SUM(1,2)") {
		t.Errorf("events CSV lacks the literal =SUM(1,2):\n%s", s)
	}
	if !strings.Contains(s, "2019-03-04") {
		t.Errorf("events CSV lacks the date 2019-03-04:\n%s", s)
	}
}

// TestSeedDocument runs the real pipeline on the seed document and writes
// its workbook: whatever extraction finds must come out with one row per
// item, readable by openpyxl in read-only mode.
func TestSeedDocument(t *testing.T) {
	doc := testutil.Process(t, testutil.DevCorpus(t, testutil.Seed))
	path := filepath.Join(t.TempDir(), "seed.xlsx")
	if err := WriteDocument(path, doc, testRun); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	for sheet, n := range map[string]int{SheetEvents: len(doc.Events), SheetPositions: len(doc.Positions),
		SheetCitations: len(doc.Citations), SheetActors: len(doc.Actors), SheetWarnings: len(doc.Warnings)} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != n+1 {
			t.Errorf("%s: %d rows, want %d items + header", sheet, len(rows), n)
		}
	}
	checkGrounded(t, f, doc)
	v := readWithOpenpyxl(t, path)
	if got := v.ReadOnly[SheetCitations].NonemptyRows; got != len(doc.Citations)+1 {
		t.Errorf("read-only openpyxl sees %d citation rows, want %d", got, len(doc.Citations)+1)
	}
}

// checkGrounded checks that each Evidence / Note text cell is the
// document text at the row's Start and End offsets.
func checkGrounded(t *testing.T, f *excelize.File, doc *schema.Document) {
	t.Helper()
	for sheet, col := range map[string]string{SheetEvents: "Evidence", SheetPositions: "Evidence", SheetCitations: "Note text"} {
		rows, _ := f.GetRows(sheet)
		idx := map[string]int{}
		for i, h := range rows[0] {
			idx[h] = i
		}
		for r, row := range rows[1:] {
			get := func(name string) string {
				if i := idx[name]; i < len(row) {
					return row[i]
				}
				return ""
			}
			start, err1 := strconv.Atoi(get("Start"))
			end, err2 := strconv.Atoi(get("End"))
			if err1 != nil || err2 != nil {
				t.Errorf("%s row %d: offsets %q %q", sheet, r+2, get("Start"), get("End"))
				continue
			}
			if want := doc.Slice(schema.Span{Start: start, End: end}); get(col) != want {
				t.Errorf("%s row %d: %s %q, text at offsets %q", sheet, r+2, col, get(col), want)
			}
		}
	}
}
