package xlsx

import (
	"archive/zip"
	"context"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/schema"
	"github.com/xuri/excelize/v2"
)

var testRun = &output.Run{Version: "v-test", ConfigHash: "cafe1234", Started: time.Date(2025, 2, 3, 4, 5, 6, 0, time.UTC)}

func writeFixture(t *testing.T) (string, *schema.Document) {
	t.Helper()
	doc := fixtureDoc(t, "rivers")
	path := filepath.Join(t.TempDir(), "rivers.xlsx")
	if err := WriteDocument(path, doc, testRun); err != nil {
		t.Fatal(err)
	}
	return path, doc
}

func open(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// cellByHeader returns the cell reference of column name in row r.
func cellByHeader(t *testing.T, f *excelize.File, sheet, name string, r int) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range rows[0] {
		if h == name {
			return colName(i+1) + strconv.Itoa(r)
		}
	}
	t.Fatalf("%s: no column %q in %v", sheet, name, rows[0])
	return ""
}

func TestWorkbookStructure(t *testing.T) {
	path, doc := writeFixture(t)
	f := open(t, path)
	want := []string{SheetOverview, SheetEvents, SheetPositions, SheetCitations, SheetActors, SheetWarnings}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets = %v, want %v", got, want)
	}
	tables := []struct {
		sheet string
		cols  []column
		rows  int
	}{
		{SheetEvents, eventCols, len(doc.Events)},
		{SheetPositions, positionCols, len(doc.Positions)},
		{SheetCitations, citationCols, len(doc.Citations)},
		{SheetActors, actorCols, len(doc.Actors)},
		{SheetWarnings, warningCols, len(doc.Warnings)},
	}
	for _, tc := range tables {
		t.Run(tc.sheet, func(t *testing.T) {
			last := colName(len(tc.cols)) + strconv.Itoa(tc.rows+1)
			if dim, _ := f.GetSheetDimension(tc.sheet); dim != "A1:"+last {
				t.Errorf("dimension = %q, want A1:%s", dim, last)
			}
			panes, err := f.GetPanes(tc.sheet)
			if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
				t.Errorf("panes = %+v, %v; want header row frozen", panes, err)
			}
			tbls, err := f.GetTables(tc.sheet)
			if err != nil || len(tbls) != 1 || tbls[0].Range != "A1:"+last {
				t.Errorf("tables = %+v, %v; want one over A1:%s", tbls, err, last)
			}
			rows, _ := f.GetRows(tc.sheet)
			if len(rows) != tc.rows+1 {
				t.Errorf("%d rows, want %d", len(rows), tc.rows+1)
			}
			for i, c := range tc.cols {
				if rows[0][i] != c.name {
					t.Errorf("header %d = %q, want %q", i, rows[0][i], c.name)
				}
				w, _ := f.GetColWidth(tc.sheet, colName(i+1))
				if w != c.width {
					t.Errorf("column %s width %v, want %v", c.name, w, c.width)
				}
				vis, _ := f.GetColVisible(tc.sheet, colName(i+1))
				if vis == (c.typ == cHidden) {
					t.Errorf("column %s visible = %v", c.name, vis)
				}
			}
			hs, _ := f.GetCellStyle(tc.sheet, "A1")
			st, _ := f.GetStyle(hs)
			if st == nil || st.Font == nil || !st.Font.Bold {
				t.Errorf("header not bold: %+v", st)
			}
		})
	}
}

func TestDatesAreTypedWithOneStyle(t *testing.T) {
	path, doc := writeFixture(t)
	f := open(t, path)
	styles := map[int]bool{}
	for i, e := range doc.Events {
		ref := cellByHeader(t, f, SheetEvents, ColDate, i+2)
		want, ok := periodStart(e.Date.Value)
		raw, _ := f.GetCellValue(SheetEvents, ref, excelize.Options{RawCellValue: true})
		if !ok {
			if raw != "" {
				t.Errorf("%s: %s has %q, want empty (no Excel date for %s)", e.ID, ref, raw, e.Date.Value)
			}
			continue
		}
		serial, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			t.Fatalf("%s: date cell %s = %q, not a number", e.ID, ref, raw)
		}
		got, _ := excelize.ExcelDateToTime(serial, false)
		if !got.Equal(want) {
			t.Errorf("%s: date %v, want %v", e.ID, got, want)
		}
		typ, _ := f.GetCellType(SheetEvents, ref)
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber && typ != excelize.CellTypeDate {
			t.Errorf("%s: cell type %v", e.ID, typ)
		}
		id, _ := f.GetCellStyle(SheetEvents, ref)
		styles[id] = true
		st, _ := f.GetStyle(id)
		if st.CustomNumFmt == nil || *st.CustomNumFmt != "yyyy-mm-dd" {
			t.Errorf("%s: number format %+v, want yyyy-mm-dd", e.ID, st.CustomNumFmt)
		}
	}
	if len(styles) != 1 {
		t.Errorf("date cells use %d styles, want 1", len(styles))
	}
	// Citations: a year-precision issue date is a date cell too.
	ref := cellByHeader(t, f, SheetCitations, "Issued", 2)
	if v, _ := f.GetCellValue(SheetCitations, ref); v != "2019-01-01" {
		t.Errorf("citation issued = %q", v)
	}
}

func TestStyleCountDoesNotGrowWithRows(t *testing.T) {
	doc := fixtureDoc(t, "big")
	for i := 0; i < 300; i++ {
		e := doc.Events[i%len(doc.Events)]
		e.ID = "x" + strconv.Itoa(i)
		doc.Events = append(doc.Events, e)
	}
	path := filepath.Join(t.TempDir(), "big.xlsx")
	if err := WriteDocument(path, doc, testRun); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	f.GetCellStyle(SheetEvents, "A1") // loads the style sheet
	if n := len(f.Styles.CellXfs.Xf); n > 20 {
		t.Errorf("%d cell formats for 305 events; styles are being made per cell", n)
	}
}

func TestFormulaInjectionIsLiteral(t *testing.T) {
	path, _ := writeFixture(t)
	f := open(t, path)
	f.GetCellStyle(SheetEvents, "A1")
	quoted := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				ref := colName(c+1) + strconv.Itoa(r+1)
				if formula, _ := f.GetCellFormula(sheet, ref); formula != "" && !strings.HasPrefix(formula, `HYPERLINK("#Citations!`) {
					t.Errorf("%s!%s has formula %q; only dossier's note links may be formulas", sheet, ref, formula)
				}
				if !formulaLike(v) {
					continue
				}
				typ, _ := f.GetCellType(sheet, ref)
				if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
					t.Errorf("%s!%s %q has type %v, want a string", sheet, ref, v, typ)
				}
				id, _ := f.GetCellStyle(sheet, ref)
				if qp := f.Styles.CellXfs.Xf[id].QuotePrefix; qp == nil || !*qp {
					t.Errorf("%s!%s %q lacks the quote prefix", sheet, ref, v)
				}
				quoted++
			}
		}
	}
	// =SUM, +Sylvania, -Freedonia, @Sylvania, tab… in evidence, summaries,
	// statements, topics, people, the title and a warning message.
	if quoted < 12 {
		t.Errorf("only %d formula-like cells found; fixture not exercised", quoted)
	}
	// Formula-like text is exact, not altered by an added apostrophe.
	ref := cellByHeader(t, f, SheetEvents, ColSummary, 3)
	if v, _ := f.GetCellValue(SheetEvents, ref); v != "=SUM(1,2)" {
		t.Errorf("summary = %q", v)
	}
}

func TestReviewValidationAndLinks(t *testing.T) {
	path, doc := writeFixture(t)
	f := open(t, path)
	for _, tc := range []struct {
		sheet string
		n     int
	}{{SheetEvents, len(doc.Events)}, {SheetPositions, len(doc.Positions)}} {
		dvs, err := f.GetDataValidations(tc.sheet)
		if err != nil || len(dvs) != 1 {
			t.Fatalf("%s: validations %v, %v", tc.sheet, dvs, err)
		}
		col := cellByHeader(t, f, tc.sheet, ColReview, 2)
		want := col + ":" + strings.TrimRight(col, "0123456789") + strconv.Itoa(tc.n+1)
		if dvs[0].Sqref != want || dvs[0].Formula1 != `"verified,rejected,corrected"` {
			t.Errorf("%s: validation %s %s, want %s over the list", tc.sheet, dvs[0].Sqref, dvs[0].Formula1, want)
		}
	}
	// Event e1 cites note 1: its Notes cell links to the citation's row.
	notes := cellByHeader(t, f, SheetEvents, "Notes", 2)
	if formula, _ := f.GetCellFormula(SheetEvents, notes); formula != `HYPERLINK("#Citations!A2","1")` {
		t.Errorf("notes link = %q, want a HYPERLINK to Citations!A2", formula)
	}
	if v, _ := f.GetCellValue(SheetEvents, notes); v != "1" {
		t.Errorf("notes cell shows %q, want 1", v)
	}
	ok, target, _ := f.GetCellHyperLink(SheetCitations, cellByHeader(t, f, SheetCitations, "URL", 2))
	if !ok || target != "https://example.org/river-report" {
		t.Errorf("URL link = %v %q", ok, target)
	}
}

func TestColsAscendingInXML(t *testing.T) {
	path, _ := writeFixture(t)
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	re := regexp.MustCompile(`<col min="(\d+)"`)
	for _, zf := range z.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		prev := 0
		for _, m := range re.FindAllSubmatch(b, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			if n <= prev {
				t.Errorf("%s: <col> %d after %d: not ascending", zf.Name, n, prev)
			}
			prev = n
		}
	}
}

func TestOverview(t *testing.T) {
	path, doc := writeFixture(t)
	f := open(t, path)
	rows, err := f.GetRows(SheetOverview)
	if err != nil {
		t.Fatal(err)
	}
	kv := map[string]string{}
	for _, r := range rows {
		if len(r) >= 2 {
			kv[r[0]] = r[1]
		}
	}
	for k, want := range map[string]string{"Dossier version": "v-test", "Config hash": "cafe1234",
		"Run started": "2025-02-03T04:05:06Z", "Documents": "1", "Events": "5", "Positions": "2", "2019": "1", "1850": "1"} {
		if kv[k] != want {
			t.Errorf("overview %q = %q, want %q", k, kv[k], want)
		}
	}
	tbls, _ := f.GetTables(SheetOverview)
	if len(tbls) != 1 {
		t.Fatalf("overview tables: %+v", tbls)
	}
	top, _ := strconv.Atoi(strings.TrimLeft(strings.Split(tbls[0].Range, ":")[0], "A"))
	if rows[top-1][0] != ColDocument || rows[top][0] != doc.ID || rows[top][10] != doc.Source.SHA256 {
		t.Errorf("document table at row %d: %v / %v", top, rows[top-1], rows[top])
	}
	// The chart is there.
	z, _ := zip.OpenReader(path)
	defer z.Close()
	charts := 0
	for _, zf := range z.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 1 {
		t.Errorf("%d charts, want 1", charts)
	}
}

func TestCorpusWorkbook(t *testing.T) {
	dir := t.TempDir()
	e, _ := New(testRun)
	ce := e.(output.CorpusExporter)
	cw, err := ce.NewCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	// In a corpus run without per_document, Export writes nothing.
	if paths, err := e.Export(context.Background(), fixtureDoc(t, "a"), dir); err != nil || len(paths) != 0 {
		t.Errorf("Export in corpus run = %v, %v; want nothing", paths, err)
	}
	a, b := fixtureDoc(t, "a"), fixtureDoc(t, "b")
	b.Source.SHA256 = strings.Repeat("cd", 32)
	if err := cw.Add(a); err != nil {
		t.Fatal(err)
	}
	if err := cw.(*CorpusWriter).AddFailure("broken.html", "ingest", "=not UTF-8"); err != nil {
		t.Fatal(err)
	}
	if err := cw.Add(b); err != nil {
		t.Fatal(err)
	}
	paths, err := cw.Close()
	if err != nil || len(paths) != 1 || paths[0] != filepath.Join(dir, CorpusFile) {
		t.Fatalf("Close = %v, %v", paths, err)
	}
	if err := cw.Add(a); err == nil {
		t.Error("Add after Close succeeded")
	}
	f := open(t, paths[0])
	if got := f.GetSheetList(); got[len(got)-1] != SheetFailures {
		t.Errorf("sheets %v, want Failures last", got)
	}
	for _, sheet := range []string{SheetEvents, SheetPositions, SheetCitations, SheetActors, SheetWarnings} {
		rows, _ := f.GetRows(sheet)
		if rows[0][0] != ColDocument {
			t.Errorf("%s: first column %q, want Document", sheet, rows[0][0])
		}
		if rows[1][0] != "a" || rows[len(rows)-1][0] != "b" {
			t.Errorf("%s: documents %q…%q", sheet, rows[1][0], rows[len(rows)-1][0])
		}
	}
	rows, _ := f.GetRows(SheetFailures)
	if len(rows) != 2 || rows[1][0] != "broken.html" || rows[1][2] != "=not UTF-8" {
		t.Errorf("failures = %v", rows)
	}
	// b's first event links to b's citation row (row 3: a's is row 2).
	first := len(a.Events) + 2
	formula, _ := f.GetCellFormula(SheetEvents, cellByHeader(t, f, SheetEvents, "Notes", first))
	if !strings.Contains(formula, `"#Citations!B3"`) {
		t.Errorf("corpus notes link = %q, want Citations!B3", formula)
	}
	if dim, _ := f.GetSheetDimension(SheetEvents); dim != "A1:"+colName(len(eventCols)+1)+strconv.Itoa(2*len(a.Events)+1) {
		t.Errorf("events dimension %s", dim)
	}
}

func TestPerDocumentInCorpus(t *testing.T) {
	dir := t.TempDir()
	e := &Exporter{run: testRun, perDocument: true}
	cw, _ := e.NewCorpus(dir)
	defer cw.Close()
	paths, err := e.Export(context.Background(), fixtureDoc(t, "a"), dir)
	if err != nil || len(paths) != 1 {
		t.Fatalf("Export with per_document = %v, %v", paths, err)
	}
}

func TestEmptyDocument(t *testing.T) {
	doc := &schema.Document{ID: "empty", Text: ""}
	path := filepath.Join(t.TempDir(), "empty.xlsx")
	if err := WriteDocument(path, doc, nil); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	tbls, _ := f.GetTables(SheetEvents)
	if len(tbls) != 1 {
		t.Errorf("empty events sheet tables %v", tbls)
	}
}
