package xlsx

import (
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/schema"
)

// fixtureText is invented for these tests. Four sentences start with the
// characters that make spreadsheets read text as a formula.
const fixtureText = `Freedonia and Sylvania held talks in Geneva on 4 March 2019 about the shared river.[1]
=SUM(1,2) appeared on a banner at the Sylvanian border in 2020.
+Sylvania rejected the Freedonian water plan in May 2021.
-Freedonia demanded compensation for the 1850 flood.
@Sylvania supported the river commission's report in 2019.
	Tabbed: Freedonia proposed a joint survey in the third quarter of 2022.

Notes
1 Freedonia Ministry of Water, "River Report", 2019, https://example.org/river-report.
`

// fixtureDoc builds a document by hand over fixtureText, one item per
// sentence, with offsets computed from the text.
func fixtureDoc(t testing.TB, id string) *schema.Document {
	t.Helper()
	doc := &schema.Document{
		ID:   id,
		Text: fixtureText,
		Source: schema.Source{Path: "testdata/" + id + ".txt", MediaType: "text/plain",
			SHA256: strings.Repeat("ab", 32), Size: int64(len(fixtureText))},
		Metadata: schema.Metadata{Title: "=Rivers of Freedonia", Authors: []string{"Ada Lovelace"},
			Publisher: "Freedonia Institute", Published: "2023-01-05", URL: "https://example.org/rivers"},
	}
	ev := func(s string) schema.Evidence {
		i := strings.Index(doc.Text, s)
		if i < 0 {
			t.Fatalf("fixture: %q not in text", s)
		}
		return doc.EvidenceBytes(i, i+len(s))
	}
	line := func(prefix string) schema.Evidence {
		i := strings.Index(doc.Text, prefix)
		if i < 0 {
			t.Fatalf("fixture: %q not in text", prefix)
		}
		j := strings.IndexByte(doc.Text[i:], '\n')
		return doc.EvidenceBytes(i, i+j)
	}
	date := func(v, end string, p schema.Precision, words string) schema.Date {
		e := ev(words)
		return schema.Date{Value: v, EndValue: end, Precision: p, Text: words, Start: e.Start, End: e.End}
	}
	doc.Events = []schema.Event{
		{ID: "e1", Date: date("2019-03-04", "", schema.PrecisionDay, "4 March 2019"), Type: "consult",
			Actors: []string{"Freedonia", "Sylvania"}, Summary: "Freedonia and Sylvania held talks",
			Evidence: line("Freedonia and Sylvania held"), Notes: []string{"1"}},
		{ID: "e2", Date: date("2020", "", schema.PrecisionYear, "2020"), Type: "protest",
			Actors: []string{"Sylvania"}, Summary: "=SUM(1,2)", Evidence: line("=SUM")},
		{ID: "e3", Date: date("2021-05", "", schema.PrecisionMonth, "May 2021"), Type: "reject",
			Actors: []string{"Sylvania", "Freedonia"}, Summary: "+Sylvania rejected the plan", Evidence: line("+Sylvania")},
		{ID: "e4", Date: date("1850", "", schema.PrecisionYear, "1850"), Type: "request",
			Actors: []string{"Freedonia"}, Summary: "-Freedonia demanded compensation", Evidence: line("-Freedonia")},
		{ID: "e5", Date: date("2022-Q3", "", schema.PrecisionQuarter, "the third quarter of 2022"), Type: "agree",
			Actors: []string{"Freedonia"}, People: []string{"@handle"}, Summary: "\tTabbed survey", Evidence: line("\tTabbed")},
	}
	doc.Positions = []schema.Position{
		{ID: "p1", Holder: "Sylvania", HolderKind: "state", Stance: "support", Topic: "@river commission",
			Statement: "@Sylvania supported the report", Evidence: line("@Sylvania"), Notes: []string{"1"}},
		{ID: "p2", Holder: "Freedonia", HolderKind: "state", Stance: "demand", Topic: "compensation",
			Statement: "-Freedonia demanded compensation", Evidence: line("-Freedonia")},
	}
	doc.Citations = []schema.Citation{{ID: "1", Kind: schema.KindReference, Anchored: true,
		Authors: []string{"Freedonia Ministry of Water"}, Title: "River Report", Issued: "2019",
		URL: "https://example.org/river-report", Evidence: line("1 Freedonia Ministry"),
		Markers: []schema.Evidence{ev("[1]")}}}
	doc.Actors = []schema.Actor{
		{ID: "a1", Name: "Freedonia", Kind: schema.ActorState, Mentions: []schema.Span{ev("Freedonia").Span()}},
		{ID: "a2", Name: "Sylvania", Kind: schema.ActorState, Aliases: []string{"Sylvanian"}},
	}
	warn := ev("=SUM(1,2)")
	doc.Warn("events", "formula_like", "+check this sentence", &warn)
	for _, e := range doc.Events {
		if !doc.Grounded(e.Evidence) {
			t.Fatalf("fixture event %s not grounded", e.ID)
		}
	}
	return doc
}
