package xlsx

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/schema"
	"github.com/xuri/excelize/v2"
)

// Benchmarks (not run by make test): the corpus workbook with N event rows
// against raw excelize StreamWriter writing the same cells. N is
// DOSSIER_BENCH_ROWS (default 1,000,000). Run one at a time under
// /usr/bin/time -v for peak memory:
//
//	go test -c -o /tmp/xlsx.test ./output/xlsx
//	/usr/bin/time -v /tmp/xlsx.test -test.run '^$' -test.bench 'Workbook$' -test.benchtime 1x

func benchRows(b *testing.B) int {
	if s := os.Getenv("DOSSIER_BENCH_ROWS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		return n
	}
	return 1_000_000
}

const perDoc = 1000

var benchSentence = "Freedonia and Sylvania agreed on %d new measures for the shared river basin after talks in Geneva. "

// benchDoc builds a document of n events, each on its own sentence, with
// one note.
func benchDoc(d, n int) *schema.Document {
	var sb strings.Builder
	starts := make([]int, n+1)
	for i := 0; i < n; i++ {
		starts[i] = sb.Len()
		sb.WriteString(strings.Replace(benchSentence, "%d", strconv.Itoa(i), 1))
	}
	starts[n] = sb.Len()
	doc := &schema.Document{ID: "doc" + strconv.Itoa(d), Text: sb.String(),
		Source: schema.Source{Path: "corpus/doc" + strconv.Itoa(d) + ".txt", SHA256: strings.Repeat("0", 60) + strconv.Itoa(1000+d)}}
	doc.Citations = []schema.Citation{{ID: "1", Kind: "reference", Title: "River basin report", URL: "https://example.org/r",
		Evidence: schema.Evidence{Text: "x", Start: 0, End: 1}}}
	doc.Events = make([]schema.Event, n)
	for i := range doc.Events {
		ev := schema.Evidence{Text: doc.Text[starts[i] : starts[i+1]-1], Start: starts[i], End: starts[i+1] - 1}
		doc.Events[i] = schema.Event{ID: "e" + strconv.Itoa(i+1),
			Date:    schema.Date{Value: strconv.Itoa(1990+i%30) + "-0" + strconv.Itoa(1+i%9), Precision: "month", Text: "in Geneva"},
			Type:    "agree",
			Actors:  []string{"Freedonia", "Sylvania"},
			Summary: "Freedonia and Sylvania agreed on new measures", Evidence: ev, Notes: []string{"1"}}
	}
	return doc
}

// BenchmarkWorkbook writes a corpus workbook of benchRows events.
func BenchmarkWorkbook(b *testing.B) {
	rows := benchRows(b)
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cw, err := NewCorpusWriter(filepath.Join(dir, "corpus.xlsx"), testRun)
		if err != nil {
			b.Fatal(err)
		}
		// Documents are made one at a time, as a run hands them over, so
		// peak memory is the writer's, not the fixture's.
		for d := 0; d*perDoc < rows; d++ {
			if err := cw.Add(benchDoc(d, min(perDoc, rows-d*perDoc))); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := cw.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	report(b, filepath.Join(dir, "corpus.xlsx"))
}

// BenchmarkRawStreamWriter writes the same event cells with nothing but
// excelize's StreamWriter: no styles, links, tables or other sheets.
func BenchmarkRawStreamWriter(b *testing.B) {
	rows := benchRows(b)
	path := filepath.Join(b.TempDir(), "raw.xlsx")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := excelize.NewFile()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		r := 1
		vals := make([]any, 20)
		for d := 0; d*perDoc < rows; d++ {
			doc := benchDoc(d, min(perDoc, rows-d*perDoc))
			for j := range doc.Events {
				e := &doc.Events[j]
				t, _ := periodStart(e.Date.Value)
				vals = append(vals[:0], doc.ID, e.ID, t, nil, string(e.Date.Precision), e.Date.Value, nil, e.Date.Text,
					e.Type, strings.Join(e.Actors, listSep), nil, e.Summary, e.Evidence.Text, "1", doc.Source.Path,
					e.Evidence.Start, e.Evidence.End, nil, nil, eventKey(doc, e))
				if err := sw.SetRow("A"+strconv.Itoa(r), vals); err != nil {
					b.Fatal(err)
				}
				r++
			}
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
		if err := f.SaveAs(path); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	b.StopTimer()
	report(b, path)
}

// BenchmarkRaw10Columns is the reference: 10-column rows, raw.
func BenchmarkRaw10Columns(b *testing.B) {
	rows := benchRows(b)
	path := filepath.Join(b.TempDir(), "raw10.xlsx")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := excelize.NewFile()
		sw, _ := f.NewStreamWriter("Sheet1")
		vals := make([]any, 10)
		day := time.Date(2014, 4, 1, 0, 0, 0, 0, time.UTC)
		for r := 1; r <= rows; r++ {
			for c := range vals {
				switch c {
				case 0:
					vals[c] = r
				case 1:
					vals[c] = day
				default:
					vals[c] = "cell text " + strconv.Itoa(c)
				}
			}
			if err := sw.SetRow("A"+strconv.Itoa(r), vals); err != nil {
				b.Fatal(err)
			}
		}
		sw.Flush()
		if err := f.SaveAs(path); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	b.StopTimer()
	report(b, path)
}

func report(b *testing.B, path string) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Sys)/1e6, "MB-sys")
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/1e6, "MB-file")
	}
}
