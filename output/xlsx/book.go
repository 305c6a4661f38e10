package xlsx

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/schema"
	"github.com/xuri/excelize/v2"
)

// maxLinks caps the native (URL) hyperlinks of one sheet; past it URLs
// stay as plain text. excelize keeps native links in memory until Flush and
// scans them all on each insert, so the cap bounds both memory and time
// (Excel itself allows 65,530).
const maxLinks = 10000

// linkFormula is the HYPERLINK formula of an internal link.
func linkFormula(location, display string) string {
	return `HYPERLINK("#` + strings.ReplaceAll(location, `"`, `""`) + `","` + strings.ReplaceAll(display, `"`, `""`) + `")`
}

// book is a workbook being assembled: rows go to per-sheet spools as
// documents arrive and into the workbook at write.
type book struct {
	run    *output.Run
	corpus bool
	tmp    string
	sheets []*spool
	docs   *spool

	// years counts events by the year of their date; undated counts the
	// rest.
	years   map[int]int
	undated int
	totals  [iFailures + 1]int
	ndocs   int
}

func newBook(run *output.Run, corpus bool) (*book, error) {
	tmp, err := os.MkdirTemp("", "dossier-xlsx-*")
	if err != nil {
		return nil, fmt.Errorf("xlsx: temporary folder: %w", err)
	}
	b := &book{run: run, corpus: corpus, tmp: tmp, years: map[int]int{}}
	for _, s := range specs {
		sp, err := newSpool(tmp, s.name)
		if err != nil {
			b.close()
			return nil, fmt.Errorf("xlsx: %w", err)
		}
		b.sheets = append(b.sheets, sp)
	}
	if b.docs, err = newSpool(tmp, "documents"); err != nil {
		b.close()
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return b, nil
}

// close removes the spools.
func (b *book) close() {
	for _, s := range b.sheets {
		s.close()
	}
	if b.docs != nil {
		b.docs.close()
	}
	os.RemoveAll(b.tmp)
}

// row spools one row of sheet i, with the document id first in a corpus.
func (b *book) row(i int, doc *schema.Document, vals ...value) error {
	if b.corpus && specs[i].perDoc {
		vals = append([]value{text(doc.ID)}, vals...)
	}
	b.totals[i]++
	return b.sheets[i].add(vals)
}

// idCol is the column letter of the ID column on the table sheets.
func (b *book) idCol() string {
	if b.corpus {
		return "B"
	}
	return "A"
}

// add spools a document's rows.
func (b *book) add(doc *schema.Document) error {
	b.ndocs++
	src := text(doc.Source.Path)
	// Citations first: events and positions link to their rows.
	citeRows := make(map[string]int, len(doc.Citations))
	for i := range doc.Citations {
		c := &doc.Citations[i]
		if _, dup := citeRows[c.ID]; !dup {
			citeRows[c.ID] = b.sheets[iCitations].rows + 2
		}
		err := b.row(iCitations, doc, text(c.ID), text(c.Kind), yesNo(c.Anchored), list(c.Authors),
			text(c.Title), text(c.Container), dateCell(c.Issued), dateCell(c.Accessed), urlCell(c.URL),
			text(c.Evidence.Text), integer(len(c.Markers)), integer(c.Evidence.Start), integer(c.Evidence.End))
		if err != nil {
			return err
		}
	}
	idCol := b.idCol()
	for i := range doc.Events {
		e := &doc.Events[i]
		var start, end value
		if t, ok := periodStart(e.Date.Value); ok {
			start = date(t)
			b.years[t.Year()]++
		} else if y, err := strconv.Atoi(firstN(e.Date.Value, 4)); err == nil {
			b.years[y]++
		} else {
			b.undated++
		}
		if t, ok := periodStart(e.Date.EndValue); ok {
			end = date(t)
		}
		err := b.row(iEvents, doc, text(e.ID), start, end, text(string(e.Date.Precision)),
			text(e.Date.Value), text(e.Date.EndValue), text(e.Date.Text), text(e.Type),
			list(e.Actors), list(e.People), text(e.Summary), text(e.Evidence.Text),
			noteLink(e.Notes, citeRows, idCol), src, integer(e.Evidence.Start), integer(e.Evidence.End),
			value{}, value{}, text(eventKey(doc, e)))
		if err != nil {
			return err
		}
	}
	for i := range doc.Positions {
		p := &doc.Positions[i]
		err := b.row(iPositions, doc, text(p.ID), text(p.Holder), text(p.HolderKind), text(p.Stance),
			text(p.Topic), text(p.Statement), text(p.Evidence.Text), noteLink(p.Notes, citeRows, idCol),
			src, integer(p.Evidence.Start), integer(p.Evidence.End), value{}, value{}, text(positionKey(doc, p)))
		if err != nil {
			return err
		}
	}
	for i := range doc.Actors {
		a := &doc.Actors[i]
		first := value{}
		if len(a.Mentions) > 0 {
			first = integer(a.Mentions[0].Start)
		}
		err := b.row(iActors, doc, text(a.ID), text(a.Name), text(a.Kind), list(a.Aliases), list(a.Roles),
			text(a.Country), integer(len(a.Mentions)), first)
		if err != nil {
			return err
		}
	}
	for i := range doc.Warnings {
		w := &doc.Warnings[i]
		ev, s, e := value{}, value{}, value{}
		if w.Evidence != nil {
			ev, s, e = text(w.Evidence.Text), integer(w.Evidence.Start), integer(w.Evidence.End)
		}
		if err := b.row(iWarnings, doc, text(w.Stage), text(w.Code), text(w.Message), ev, s, e); err != nil {
			return err
		}
	}
	m := &doc.Metadata
	return b.docs.add([]value{text(doc.ID), text(m.Title), list(m.Authors), text(m.Publisher),
		text(m.Container), text(m.Published), text(m.Language), urlCell(m.URL), src,
		text(doc.Source.MediaType), text(doc.Source.SHA256), integer(doc.RuneLen()),
		integer(len(doc.Events)), integer(len(doc.Positions)), integer(len(doc.Citations)),
		integer(len(doc.Actors)), integer(len(doc.Warnings))})
}

// addFailure spools a row of the Failures sheet.
func (b *book) addFailure(file, stage, cause string) error {
	b.totals[iFailures]++
	return b.sheets[iFailures].add([]value{text(file), text(stage), text(cause)})
}

func firstN(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

// styles are the workbook's cell styles, each created once.
type styles struct {
	header, title, label int
	// by column type, plain and quote-prefixed (for formula-like text)
	plain, quoted [cHidden + 1]int
}

func newStyles(f *excelize.File) (*styles, error) {
	st := &styles{}
	top := &excelize.Alignment{Vertical: "top"}
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	link := &excelize.Font{Color: "1265BE", Underline: "single"}
	dateFmt := "yyyy-mm-dd"
	defs := [cHidden + 1]*excelize.Style{
		cText:   {Alignment: top},
		cWrap:   {Alignment: wrap},
		cInt:    {Alignment: top},
		cDate:   {Alignment: top, CustomNumFmt: &dateFmt},
		cLink:   {Alignment: top, Font: link},
		cHidden: {Alignment: top},
	}
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	st.header = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	st.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}})
	st.label = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top})
	for t, d := range defs {
		st.plain[t] = mk(d)
	}
	// The quoted styles differ from the plain ones by an explicit
	// protection element, so excelize does not merge them; the quote
	// prefix itself excelize's Style cannot express, so it is set on the
	// cell format record directly.
	locked := &excelize.Protection{Locked: true}
	for t, d := range defs {
		q := *d
		q.Protection = locked
		st.quoted[t] = mk(&q)
	}
	if err != nil {
		return nil, err
	}
	yes := true
	for t := range defs {
		f.Styles.CellXfs.Xf[st.quoted[t]].QuotePrefix = &yes
	}
	return st, nil
}

// cellStyle is the style of a text cell of column type t.
func (st *styles) text(t colType, s string) int {
	if formulaLike(s) {
		return st.quoted[t]
	}
	return st.plain[t]
}

// write builds the workbook and writes it to w.
func (b *book) write(w io.Writer) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := f.SetSheetName("Sheet1", SheetOverview); err != nil {
		return err
	}
	for _, s := range specs {
		if s.name == SheetFailures && !b.corpus {
			continue
		}
		if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
	}
	// The Overview opens first. Set while the sheets are still empty:
	// excelize's SetActiveSheet reads every worksheet, and after streaming
	// that means parsing (and then re-marshalling) all the rows again.
	f.SetActiveSheet(0)
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("xlsx: styles: %w", err)
	}
	if err := b.writeOverview(f, st); err != nil {
		return fmt.Errorf("xlsx: sheet %s: %w", SheetOverview, err)
	}
	for i, s := range specs {
		if s.name == SheetFailures && !b.corpus {
			continue
		}
		if err := b.writeTable(f, st, s, s.columns(b.corpus), b.sheets[i]); err != nil {
			return fmt.Errorf("xlsx: sheet %s: %w", s.name, err)
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// colName is a column's letters (1 → A).
func colName(i int) string {
	s, _ := excelize.ColumnNumberToName(i)
	return s
}

// setColumns sets widths and hides the key columns. excelize puts each
// new <col> before the ones already set, and Excel wants them ascending, so
// the columns are set from last to first (hidden first, so the width
// keeps it hidden).
func setColumns(sw *excelize.StreamWriter, cols []column) error {
	for i := len(cols); i >= 1; i-- {
		if cols[i-1].typ == cHidden {
			if err := sw.SetColVisible(i, i, false); err != nil {
				return err
			}
		}
	}
	for i := len(cols); i >= 1; i-- {
		if err := sw.SetColWidth(i, i, cols[i-1].width); err != nil {
			return err
		}
	}
	return nil
}

// rowWriter turns spooled rows into stream rows, reusing its buffers.
type rowWriter struct {
	f     *excelize.File
	sw    *excelize.StreamWriter
	st    *styles
	sheet string
	cols  []column
	names []string
	cells []excelize.Cell
	vals  []any
	links int
}

func newRowWriter(f *excelize.File, sw *excelize.StreamWriter, st *styles, sheet string, cols []column) *rowWriter {
	rw := &rowWriter{f: f, sw: sw, st: st, sheet: sheet, cols: cols}
	rw.names = make([]string, len(cols))
	for i := range cols {
		rw.names[i] = colName(i + 1)
	}
	rw.cells = make([]excelize.Cell, len(cols))
	rw.vals = make([]any, len(cols))
	return rw
}

// write streams one row at row number r.
func (rw *rowWriter) write(r int, row []value) error {
	rs := strconv.Itoa(r)
	for j := range rw.vals {
		rw.vals[j] = nil
		if j >= len(row) {
			continue
		}
		v := row[j]
		t := rw.cols[j].typ
		c := &rw.cells[j]
		switch v.k {
		case kEmpty:
			continue
		}
		c.Formula = ""
		switch v.k {
		case kText:
			c.StyleID, c.Value = rw.st.text(t, v.s), v.s
		case kInt:
			c.StyleID, c.Value = rw.st.plain[t], v.n
		case kDate:
			c.StyleID, c.Value = rw.st.plain[cDate], v.time()
		case kLink:
			// An internal link is a HYPERLINK formula with its display
			// text cached: excelize keeps native links in memory and
			// searches them on every insert (quadratic), and a formula
			// follows its row when the analyst sorts. Dossier's own
			// formulas are the only ones in the workbook.
			c.StyleID, c.Value, c.Formula = rw.st.plain[cLink], v.s, linkFormula(v.link, v.s)
		case kURL:
			if rw.links >= maxLinks {
				c.StyleID, c.Value = rw.st.text(cText, v.s), v.s
				break
			}
			c.StyleID, c.Value = rw.st.plain[cLink], v.s
			if err := rw.f.SetCellHyperLink(rw.sheet, rw.names[j]+rs, v.s, "External"); err != nil {
				return err
			}
			rw.links++
		}
		rw.vals[j] = c
	}
	return rw.sw.SetRow("A"+rs, rw.vals)
}

// header streams a header row.
func (rw *rowWriter) header(r int) error {
	for j, c := range rw.cols {
		rw.cells[j] = excelize.Cell{StyleID: rw.st.header, Value: c.name}
		rw.vals[j] = &rw.cells[j]
	}
	return rw.sw.SetRow("A"+strconv.Itoa(r), rw.vals, excelize.RowOpts{Height: 30})
}

// writeTable streams one table sheet from its spool.
func (b *book) writeTable(f *excelize.File, st *styles, s sheetSpec, cols []column, sp *spool) error {
	last := colName(len(cols))
	lastRow := sp.rows + 1
	// An Excel table needs a row below its header, even an empty one.
	tableEnd := max(lastRow, 2)
	if err := f.SetSheetDimension(s.name, "A1:"+last+strconv.Itoa(lastRow)); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	if err := setColumns(sw, cols); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	rw := newRowWriter(f, sw, st, s.name, cols)
	if err := rw.header(1); err != nil {
		return err
	}
	r := 1
	err = sp.each(func(row []value) error {
		r++
		return rw.write(r, row)
	})
	if err != nil {
		return err
	}
	if s.review {
		for j, c := range cols {
			if c.name != ColReview {
				continue
			}
			dv := excelize.NewDataValidation(true)
			dv.SetSqref(colName(j+1) + "2:" + colName(j+1) + strconv.Itoa(tableEnd))
			if err := dv.SetDropList(ReviewChoices); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, "Review", "Choose verified, rejected or corrected.")
			dv.ShowErrorMessage = true
			if err := f.AddDataValidation(s.name, dv); err != nil {
				return err
			}
		}
	}
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last + strconv.Itoa(tableEnd), Name: s.table, StyleName: "TableStyleLight9"}); err != nil {
		return err
	}
	return sw.Flush()
}

// writeOverview streams the Overview sheet: run provenance, counts, events
// per year (with a chart) and the document table.
func (b *book) writeOverview(f *excelize.File, st *styles) error {
	type kv struct {
		k string
		v any
	}
	info := []kv{}
	if b.run != nil {
		info = append(info, kv{"Dossier version", b.run.Version}, kv{"Config hash", b.run.ConfigHash})
		if !b.run.Started.IsZero() {
			info = append(info, kv{"Run started", b.run.Started.UTC().Format(time.RFC3339)})
		}
	}
	info = append(info, kv{"Workbook written", time.Now().UTC().Format(time.RFC3339)},
		kv{"Documents", b.ndocs})
	for i, s := range specs {
		if s.name == SheetFailures && !b.corpus {
			continue
		}
		info = append(info, kv{s.name, b.totals[i]})
	}
	info = append(info, kv{"Undated events", b.undated})
	years := make([]int, 0, len(b.years))
	for y := range b.years {
		years = append(years, y)
	}
	sort.Ints(years)

	// Layout: title, key/value block, blank, years table, blank, documents.
	infoStart := 3
	yearsHeader := infoStart + len(info) + 1
	docsHeader := yearsHeader + 1 + max(len(years), 1) + 1
	lastRow := docsHeader + b.docs.rows
	tableEnd := max(lastRow, docsHeader+1)
	last := colName(len(docCols))
	if err := f.SetSheetDimension(SheetOverview, "A1:"+last+strconv.Itoa(lastRow)); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetOverview)
	if err != nil {
		return err
	}
	if err := setColumns(sw, docCols); err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: "dossier workbook"}}, excelize.RowOpts{Height: 24}); err != nil {
		return err
	}
	for i, p := range info {
		row := []any{excelize.Cell{StyleID: st.label, Value: p.k}, excelize.Cell{StyleID: st.plain[cText], Value: p.v}}
		if s, ok := p.v.(string); ok {
			row[1] = excelize.Cell{StyleID: st.text(cText, s), Value: s}
		}
		if err := sw.SetRow("A"+strconv.Itoa(infoStart+i), row); err != nil {
			return err
		}
	}
	hdr := excelize.Cell{StyleID: st.header}
	yh, yc := hdr, hdr
	yh.Value, yc.Value = "Year", "Events"
	if err := sw.SetRow("A"+strconv.Itoa(yearsHeader), []any{yh, yc}); err != nil {
		return err
	}
	for i, y := range years {
		if err := sw.SetRow("A"+strconv.Itoa(yearsHeader+1+i), []any{y, b.years[y]}); err != nil {
			return err
		}
	}
	if len(years) > 0 {
		first, end := strconv.Itoa(yearsHeader+1), strconv.Itoa(yearsHeader+len(years))
		err := f.AddChart(SheetOverview, "D3", &excelize.Chart{
			Type: excelize.Col,
			Series: []excelize.ChartSeries{{
				Name:       SheetOverview + "!$B$" + strconv.Itoa(yearsHeader),
				Categories: SheetOverview + "!$A$" + first + ":$A$" + end,
				Values:     SheetOverview + "!$B$" + first + ":$B$" + end,
			}},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Events per year"}}},
			Legend:    excelize.ChartLegend{Position: "none"},
			Dimension: excelize.ChartDimension{Width: 560, Height: 260},
		})
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
	}
	rw := newRowWriter(f, sw, st, SheetOverview, docCols)
	if err := rw.header(docsHeader); err != nil {
		return err
	}
	r := docsHeader
	err = b.docs.each(func(row []value) error {
		r++
		return rw.write(r, row)
	})
	if err != nil {
		return err
	}
	err = sw.AddTable(&excelize.Table{Range: "A" + strconv.Itoa(docsHeader) + ":" + last + strconv.Itoa(tableEnd), Name: "tblDocuments", StyleName: "TableStyleLight9"})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// errClosed is returned by a corpus writer used after Close.
var errClosed = errors.New("xlsx: corpus workbook already closed")
