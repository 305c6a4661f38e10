package xlsx

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden pins every cell of the fixture workbook, as excelize reads it
// back (one "sheet!row" line a row, cells tab-separated with control
// characters escaped). The "Workbook written" time is masked. Refresh with
// go test ./output/xlsx -run TestGolden -update.
func TestGolden(t *testing.T) {
	dir := t.TempDir()
	e, _ := New(testRun)
	paths, err := e.Export(context.Background(), fixtureDoc(t, "rivers"), dir)
	if err != nil || len(paths) != 1 || paths[0] != filepath.Join(dir, "rivers.xlsx") {
		t.Fatalf("Export = %v, %v", paths, err)
	}
	f := open(t, paths[0])
	var sb strings.Builder
	esc := strings.NewReplacer("\t", `\t`, "\n", `\n`, "\r", `\r`)
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			if len(row) > 1 && row[0] == "Workbook written" {
				row = []string{row[0], "(time)"}
			}
			cells := make([]string, len(row))
			for j, c := range row {
				cells[j] = esc.Replace(c)
			}
			sb.WriteString(sheet + "!" + strconv.Itoa(i+1) + "\t" + strings.Join(cells, "\t") + "\n")
		}
	}
	golden := filepath.Join("testdata", "rivers.golden.tsv")
	if *update {
		if err := os.WriteFile(golden, []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got := sb.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("workbook differs from %s at line %d:\n got %q\nwant %q", golden, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("workbook differs from %s: %d lines, want %d", golden, len(gl), len(wl))
	}
}
