package events

import (
	"context"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/pipeline/actors"
	"github.com/dossier-dev/dossier/schema"
)

// build makes a document from sentences (one paragraph per "\n\n" block)
// and dates given as (text, value[, end]) found in it, then runs actors
// and events.
func build(t *testing.T, text string, dates [][3]string, cites []schema.Citation) *schema.Document {
	t.Helper()
	return buildMeta(t, text, dates, cites, schema.Metadata{})
}

// buildMeta is build with the document's metadata set first.
func buildMeta(t *testing.T, text string, dates [][3]string, cites []schema.Citation, meta schema.Metadata) *schema.Document {
	t.Helper()
	doc := &schema.Document{Text: text, Citations: cites, Metadata: meta}
	// Sentences: split after ". " and at blank lines; paragraphs at blank lines.
	pstart := 0
	for _, para := range strings.SplitAfter(text, "\n\n") {
		pend := pstart + len(para)
		doc.Paragraphs = append(doc.Paragraphs, schema.Span{Start: doc.RuneOffset(pstart), End: doc.RuneOffset(pend)})
		s := pstart
		for i := pstart; i < pend; i++ {
			if (text[i] == '.' && i+1 < len(text) && text[i+1] == ' ') || i == pend-1 {
				doc.Sentences = append(doc.Sentences, schema.Span{Start: doc.RuneOffset(s), End: doc.RuneOffset(i + 1)})
				s = i + 2
			}
		}
		pstart = pend
	}
	from := 0
	for _, d := range dates {
		i := strings.Index(text[from:], d[0]) + from
		if i < from {
			t.Fatalf("date %q not in text", d[0])
		}
		from = i + len(d[0])
		doc.Dates = append(doc.Dates, schema.TimeExpr{Span: schema.Span{Start: doc.RuneOffset(i), End: doc.RuneOffset(i + len(d[0]))},
			Text: d[0], Type: "DATE", Value: d[1], EndValue: d[2]})
	}
	a, err := actors.Factory(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	s, err := Factory(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Events {
		if !doc.Grounded(e.Evidence) {
			t.Errorf("event %s evidence not grounded: %+v", e.ID, e.Evidence)
		}
	}
	return doc
}

type want struct {
	when, end, typ string
	evidence       string // a substring of the evidence
	actors         string // comma-joined, sorted as found
	people         string
}

func check(t *testing.T, doc *schema.Document, wants []want) {
	t.Helper()
	if len(doc.Events) != len(wants) {
		for _, e := range doc.Events {
			t.Logf("%s %s..%s %s %q", e.ID, e.Date.Value, e.Date.EndValue, e.Type, e.Evidence.Text)
		}
		t.Fatalf("got %d events, want %d", len(doc.Events), len(wants))
	}
	for i, w := range wants {
		e := doc.Events[i]
		if e.Date.Value != w.when || e.Date.EndValue != w.end || e.Type != w.typ || !strings.Contains(e.Evidence.Text, w.evidence) {
			t.Errorf("event %d: got %s..%s %s %q; want %s..%s %s containing %q", i, e.Date.Value, e.Date.EndValue, e.Type, e.Evidence.Text, w.when, w.end, w.typ, w.evidence)
		}
		if w.actors != "" && strings.Join(e.Actors, ",") != w.actors {
			t.Errorf("event %d actors = %v, want %s", i, e.Actors, w.actors)
		}
		if w.people != "" && strings.Join(e.People, ",") != w.people {
			t.Errorf("event %d people = %v, want %s", i, e.People, w.people)
		}
	}
}

func TestDatedClausesAndContext(t *testing.T) {
	text := "On March 3, 2011, while Vladimir Putin was visiting Canada, Sergei Lavrov stated that Russia would cooperate. " +
		"Trade between Canada and Russia grew 4 percent in 2012 compared to 2011, and was expected to rise in 2013.\n\n" +
		"In June 2016 the Kremlin imposed sanctions on Norway. Norway angrily responded that the move was illegal. " +
		"Oslo could have retaliated.\n\n" +
		"The 1999 Ottawa Accord was cited in 2016 talks. Between 2001 and 2004 the talks went nowhere."
	doc := build(t, text, [][3]string{
		{"March 3, 2011", "2011-03-03", ""}, {"2012", "2012", ""}, {"2011", "2011", ""}, {"2013", "2013", ""},
		{"June 2016", "2016-06", ""}, {"1999", "1999", ""}, {"2016", "2016", ""}, {"Between 2001 and 2004", "2001", "2004"},
	}, nil)
	check(t, doc, []want{
		{"2011-03-03", "", "consult", "while Vladimir Putin was visiting Canada", "Russia,Canada", "Vladimir Putin"},
		{"2011-03-03", "", "statement", "Sergei Lavrov stated", "", "Sergei Lavrov"},
		{"2012", "", "economic", "grew 4 percent in 2012", "Canada,Russia", ""},
		{"2016-06", "", "sanction", "the Kremlin imposed sanctions", "Russia,Norway", ""},
		{"2016-06", "", "accuse", "Norway angrily responded", "Norway", ""},
		{"2016", "", "consult", "2016 talks", "", ""},
		{"2001", "2004", "consult", "Between 2001 and 2004", "", ""},
	})
	var inferred int
	for _, w := range doc.Warnings {
		if w.Code == "inferred-date" && w.Evidence != nil && strings.Contains(w.Evidence.Text, "angrily") {
			inferred++
		}
	}
	if inferred != 1 {
		t.Errorf("want one inferred-date warning for the context-dated event, got %+v", doc.Warnings)
	}
}

func TestRangesSeasonsAndNotes(t *testing.T) {
	text := "Ministers of Canada and Norway met in May and June 2019 and signed a treaty in autumn 2019. " +
		"This book was published by the Institute in March 2020.\n\n" +
		"1. Smith, John. “Talks in Vienna.” Daily Post, April 2, 2019. Accessed May 1, 2020.\n\n" +
		"2. The protest movement began in 2018 under pressure from unions."
	n1 := strings.Index(text, "1. Smith")
	n2 := strings.Index(text, "2. The protest")
	cites := []schema.Citation{
		{ID: "1", Kind: schema.KindReference, Evidence: schema.Evidence{Start: n1, End: n2 - 2, Text: text[n1 : n2-2]}},
		{ID: "2", Kind: schema.KindReference, Evidence: schema.Evidence{Start: n2, End: len(text), Text: text[n2:]}},
	}
	doc := build(t, text, [][3]string{
		{"May", "2019-05", ""}, {"June 2019", "2019-06", ""}, {"autumn 2019", "2019-FA", ""}, {"March 2020", "2020-03", ""},
		{"April 2, 2019", "2019-04-02", ""}, {"May 1, 2020", "2020-05-01", ""}, {"2018", "2018", ""},
	}, cites)
	check(t, doc, []want{
		{"2019-05", "2019-06", "consult", "met in May and June 2019", "Canada,Norway", ""},
		{"2019", "", "agree", "signed a treaty in autumn 2019", "", ""},
		{"2018", "", "protest", "protest movement began in 2018", "", ""},
	})
}

func TestBoilerplateAndNamedRepeats(t *testing.T) {
	text := "Share this page: updated daily since 2001. The Joint Declaration of 1956 was signed by both. " +
		"In 1960 Japan recognized the Declaration of 1956 again."
	d := build(t, text, [][3]string{{"2001", "2001", ""}, {"1956", "1956", ""}, {"1960", "1960", ""}, {"1956", "1956", ""}}, nil)
	// Without boilerplate marked, "since 2001" is an event; mark it and rerun.
	bp := schema.Span{Start: 0, End: strings.Index(text, " The Joint")}
	d.Boilerplate = []schema.Span{bp}
	s, _ := Factory(nil)
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	check(t, d, []want{
		{"1956", "", "agree", "Joint Declaration of 1956", "", ""},
		{"1960", "", "agree", "In 1960 Japan recognized", "Japan", ""},
	})
}

func TestLexiconErrors(t *testing.T) {
	if _, err := ParseLexicon("x.yaml", []byte("verbs:\n  smile: [grinned]\n")); err == nil || !strings.Contains(err.Error(), "x.yaml") {
		t.Errorf("unknown type: got %v", err)
	}
	if _, err := ParseLexicon("y.yaml", []byte("verbz: {}\n")); err == nil || !strings.Contains(err.Error(), "y.yaml") {
		t.Errorf("unknown key: got %v", err)
	}
	if _, err := LoadLexicon("/nonexistent/triggers.yaml"); err == nil {
		t.Error("missing file: want error")
	}
}

func TestNormValue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2014-FA", "2014"}, {"2014-04", "2014-04"}, {"2004-11-14T10:00", "2004-11-14"}, {"195", "195X"},
		{"PRESENT_REF", ""}, {"19", ""}, {"P3M", ""}, {"XXXX-04", ""},
	}
	for _, tt := range tests {
		got, _, ok := normValue(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("normValue(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

// TestContextDates covers dates fixed by context: an earlier happening a
// phrase names, the publication month for the present progressive,
// ranges closed by "through"/"as of", a title line, and the narrative
// date carried only into sentences that link back.
func TestContextDates(t *testing.T) {
	title := "Shipping Under Fire in the Baltic Straits"
	text := title + " May 12, 2031 (X1)\n\n" +
		"Russian military operations began against Norway on March 3, 2031. " +
		"As of May 2, 2031, few ships have crossed since the start of the operations. " +
		"Since the conflict began, Russia has seized two ferries. " +
		"Russian forces are reportedly charging tolls on every tanker. " +
		"Shortly after the start of the conflict, insurers left the market.\n\n" +
		"On April 2, 2031, Norway closed its ports for 30 days—through May 2, 2031—to all traffic.\n\n" +
		"On April 9, 2031, Norway expelled diplomats. " +
		"Sweden revised its policy. " +
		"Denmark then expelled diplomats too.\n\n" +
		"Following the Baltic crisis, Finland changed course. " +
		"At the end of the war, Russia withdrew."
	dates := [][3]string{{"May 12, 2031", "2031-05-12", ""}, {"March 3, 2031", "2031-03-03", ""}, {"May 2, 2031", "2031-05-02", ""},
		{"April 2, 2031", "2031-04-02", ""}, {"May 2, 2031", "2031-05-02", ""}, {"April 9, 2031", "2031-04-09", ""}}
	doc := buildMeta(t, text, dates, nil, schema.Metadata{Title: title, Published: "2031-05-12"})
	check(t, doc, []want{
		{"2031-03-03", "", "assault", "military operations began", "Russia,Norway", ""},
		{"2031-03-03", "2031-05-02", "other", "few ships have crossed", "", ""},
		{"2031-03-03", "", "coerce", "Russia has seized two ferries", "Russia", ""},
		{"2031-05", "", "coerce", "are reportedly charging tolls", "Russia", ""},
		{"2031-03", "", "other", "insurers left the market", "", ""},
		{"2031-04-02", "2031-05-02", "other", "Norway closed its ports", "Norway", ""},
		{"2031-04-09", "", "sanction", "Norway expelled diplomats", "Norway", ""},
		{"2031-04-09", "", "sanction", "Denmark then expelled diplomats", "Denmark", ""},
	})
}

// TestGroupsAndActorlessTypes covers "the two leaders" / "they" naming the
// people and states met before, a verb-less continuation sharing its
// subject, and a PLOVER verb without actors falling back to other.
func TestGroupsAndActorlessTypes(t *testing.T) {
	text := "Relations between President Ivan Petrov and Prime Minister Jonas Berg stayed warm.\n\n" +
		"The two leaders met in May 2030. " +
		"They spoke at a forum in June 2030 and signed a memorandum of understanding in July 2030.\n\n" +
		"Ten applications were approved in 2029."
	dates := [][3]string{{"May 2030", "2030-05", ""}, {"June 2030", "2030-06", ""}, {"July 2030", "2030-07", ""}, {"2029", "2029", ""}}
	doc := build(t, text, dates, nil)
	check(t, doc, []want{
		{"2030-05", "", "consult", "The two leaders met", "", "Ivan Petrov,Jonas Berg"},
		{"2030-06", "", "other", "They spoke at a forum", "", "Ivan Petrov,Jonas Berg"},
		{"2030-07", "", "agree", "signed a memorandum", "", "Ivan Petrov,Jonas Berg"},
		{"2029", "", "other", "applications were approved", "", ""},
	})
}
