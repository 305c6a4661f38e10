package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/schema"
)

// hostileDoc carries what extraction may hand over on a bad day: words
// wider than any column, control characters, broken UTF-8, emoji-only
// names, empty fields, dozens of notes on one event, unparseable dates.
func hostileDoc() *schema.Document {
	long := "https://example.org/" + strings.Repeat("verylongpathsegment", 30)
	doc := &schema.Document{ID: "hostile", Metadata: schema.Metadata{
		Title:   strings.Repeat("Словарь ", 40) + "\x00\x07 end",
		Authors: []string{"", "🙂", "\xff\xfe"},
		URL:     long,
	}}
	var notes []string
	for i := 0; i < 60; i++ {
		notes = append(notes, strings.Repeat("9", i%5+1))
	}
	doc.Events = []schema.Event{
		{ID: "E1", Date: schema.Date{Value: "2014-02-30"}, Type: "UNKNOWN", Summary: long, Notes: notes},
		{ID: "E2", Date: schema.Date{Value: "2014-01", EndValue: "2013-01"}, Summary: strings.Repeat("word ", 2000)},
		{ID: "E3", Date: schema.Date{Value: "195X", EndValue: "garbage"}, Actors: []string{long}},
		{ID: "E4", Date: schema.Date{Value: "0001"}, Summary: "\t\n\r"},
		{ID: "E5", Date: schema.Date{Value: "9999-12-31T23:59"}, Summary: "👍👍👍"},
	}
	doc.Positions = []schema.Position{
		{Holder: long, Stance: "", Statement: strings.Repeat("“quoted” ", 500), Notes: notes},
		{Holder: "\u200b", Stance: "weird"},
	}
	doc.Citations = []schema.Citation{
		{ID: "", Kind: "reference"},
		{ID: "9", Kind: "reference", CSL: &schema.CSLItem{Type: "book", Title: long, URL: long,
			Issued: &schema.CSLDate{DateParts: [][]int{{2014, 13, 40}}}}},
		{ID: "9", Kind: "note", Evidence: schema.Evidence{Text: strings.Repeat("x", 5000)}},
	}
	doc.Warnings = []schema.Warning{{Message: strings.Repeat("long warning ", 800), Evidence: &schema.Evidence{Text: long}}}
	return doc
}

func TestBriefingHostile(t *testing.T) {
	doc := hostileDoc()
	var res Result
	path := writeTemp(t, "hostile.pdf", func(f interface{ Write([]byte) (int, error) }) error {
		var err error
		res, err = Render(f, doc, testOptions)
		return err
	})
	checkQPDF(t, path)
	checkFontsEmbedded(t, path)
	internalLinks(t, mustRead(t, path))
	if res.Pages < 5 {
		t.Errorf("%d pages", res.Pages)
	}
}

// FuzzRender: no summary, date or note id makes rendering fail or panic.
func FuzzRender(f *testing.F) {
	f.Add("Delegations meet", "2014-03", "4")
	f.Add("", "", "")
	f.Add("\xff\x00🙂 北方 Зюрих", "195X", "a)")
	f.Add(strings.Repeat("x", 600), "2014-02-30T99:99", "1,2")
	f.Fuzz(func(t *testing.T, summary, date, note string) {
		doc := &schema.Document{ID: "fuzz", Metadata: schema.Metadata{Title: summary}}
		doc.Events = []schema.Event{{ID: "E1", Date: schema.Date{Value: date, Text: date}, Summary: summary, Notes: []string{note}}}
		doc.Positions = []schema.Position{{Holder: summary, Stance: note, Statement: summary, Notes: []string{note}}}
		doc.Citations = []schema.Citation{{ID: note, Kind: "reference", Title: summary, Issued: date}}
		var buf bytes.Buffer
		if _, err := Render(&buf, doc, Options{}); err != nil {
			t.Fatalf("render: %v", err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatal("not a PDF")
		}
	})
}
