package jsonld

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/schema"
)

// fixtureText is invented for these tests. It has non-ASCII letters,
// dashes and quotes before the evidence, so byte and code-point offsets
// differ.
const fixtureText = `Cold waters, warm words
Lena Ortiz

Arvelia and the Northern League signed a fisheries accord in March 2014.
In the 1990s, relations between the two were cold.¹ Foreign Minister Jana Kovač visited Brellin on 14 November 2004 — a visit critics called “hollow”.
Talks resumed in the third quarter of 2015, and from 2016 to 2018 the League’s fleet stayed out of Arvelian waters.
The Ministry of Fisheries supports deeper cooperation on energy security.²
We doubt the accord will survive another bad season for the fisheries.

Notes
1 Tomas Reed, “Cold Waters”, Journal of Northern Affairs 12 (2009), https://example.org/cold-waters
2 See the ministry’s statement of 3 May 2016.
`

// spanOf returns the evidence of the n-th (0-based) occurrence of sub in
// text, in code points.
func spanOf(t testing.TB, text, sub string, n int) schema.Evidence {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], sub)
		if j < 0 {
			t.Fatalf("fixture: %q not found (occurrence %d)", sub, n)
		}
		if i == n {
			b := off + j
			s := utf8.RuneCountInString(text[:b])
			return schema.Evidence{Text: sub, Start: s, End: s + utf8.RuneCountInString(sub)}
		}
		off += j + len(sub)
	}
}

// fixtureDoc builds a document by hand, as the pipeline would.
func fixtureDoc(t testing.TB) *schema.Document {
	t.Helper()
	text := fixtureText
	sum := sha256.Sum256([]byte(text))
	ev := func(s string) schema.Evidence { return spanOf(t, text, s, 0) }
	date := func(value, end string, p schema.Precision, words string) schema.Date {
		e := ev(words)
		return schema.Date{Value: value, EndValue: end, Precision: p, Text: words, Start: e.Start, End: e.End}
	}
	return &schema.Document{
		ID: "cold-waters",
		Source: schema.Source{
			Path: "/data/in/cold-waters.txt", MediaType: "text/plain",
			SHA256: hex.EncodeToString(sum[:]), Size: int64(len(text)), Encoding: "utf-8",
		},
		Metadata: schema.Metadata{
			Title: "Cold waters, warm words", Authors: []string{"Lena Ortiz"},
			Publisher: "Institute for Maritime Studies", Container: "Essays on the Northern Seas",
			Published: "2016-05", Language: "en",
		},
		Text: text,
		Events: []schema.Event{
			{ID: "e1", Type: "agree", Actors: []string{"Arvelia", "Northern League"},
				Summary:  "Arvelia and the Northern League sign a fisheries accord",
				Date:     date("2014-03", "", schema.PrecisionMonth, "March 2014"),
				Evidence: ev("Arvelia and the Northern League signed a fisheries accord in March 2014.")},
			{ID: "e2", Type: "other", Actors: []string{"Arvelia", "Northern League"},
				Summary:  "Relations between Arvelia and the League are cold",
				Date:     date("199X", "", schema.PrecisionDecade, "the 1990s"),
				Evidence: ev("In the 1990s, relations between the two were cold."), Notes: []string{"1"}},
			{ID: "e3", Type: "consult", Actors: []string{"Brellin"}, People: []string{"Jana Kovač"},
				Summary:  "Jana Kovač visits Brellin",
				Date:     date("2004-11-14", "", schema.PrecisionDay, "14 November 2004"),
				Evidence: ev("Foreign Minister Jana Kovač visited Brellin on 14 November 2004")},
			{ID: "e4", Type: "consult", Actors: []string{"Arvelia", "Northern League"},
				Summary:  "Talks resume",
				Date:     date("2015-Q3", "", schema.PrecisionQuarter, "the third quarter of 2015"),
				Evidence: ev("Talks resumed in the third quarter of 2015")},
			{ID: "e5", Type: "retreat", Actors: []string{"Northern League"},
				Summary:  "The League's fleet stays out of Arvelian waters",
				Date:     date("2016", "2018", schema.PrecisionYear, "from 2016 to 2018"),
				Evidence: ev("from 2016 to 2018 the League’s fleet stayed out of Arvelian waters")},
		},
		Positions: []schema.Position{
			{ID: "p1", Holder: "Ministry of Fisheries", HolderKind: "organisation", Stance: schema.StanceSupport,
				Topic: "energy security", Statement: "supports deeper cooperation on energy security",
				Evidence: ev("The Ministry of Fisheries supports deeper cooperation on energy security."), Notes: []string{"2"}},
			{ID: "p2", Holder: "Lena Ortiz", HolderKind: "author", Stance: schema.StanceCriticize,
				Topic: "fisheries", Statement: "doubts the accord will survive",
				Evidence: ev("We doubt the accord will survive another bad season for the fisheries.")},
		},
		Citations: []schema.Citation{
			{ID: "1", Kind: schema.KindReference, Anchored: true, Authors: []string{"Tomas Reed"},
				Title: "Cold Waters", Container: "Journal of Northern Affairs", Issued: "2009",
				URL:      "https://example.org/cold-waters",
				Evidence: ev("1 Tomas Reed, “Cold Waters”, Journal of Northern Affairs 12 (2009), https://example.org/cold-waters"),
				Markers:  []schema.Evidence{ev("¹")},
				CSL: &schema.CSLItem{ID: "1", Type: "article-journal", Title: "Cold Waters",
					Author:         []schema.CSLName{{Family: "Reed", Given: "Tomas"}},
					ContainerTitle: "Journal of Northern Affairs", Volume: "12",
					Issued: &schema.CSLDate{DateParts: [][]int{{2009}}}, URL: "https://example.org/cold-waters"}},
			{ID: "2", Kind: schema.KindNote, Anchored: true,
				Evidence: ev("2 See the ministry’s statement of 3 May 2016."), Markers: []schema.Evidence{ev("²")}},
		},
		Actors: []schema.Actor{
			{ID: "a1", Name: "Arvelia", Kind: schema.ActorState, Aliases: []string{"Arvelian"}},
			{ID: "a2", Name: "Northern League", Kind: schema.ActorOrganisation, Aliases: []string{"League"}},
			{ID: "a3", Name: "Jana Kovač", Kind: schema.ActorPerson, Roles: []string{"Foreign Minister"}, Country: "Arvelia"},
			{ID: "a4", Name: "Brellin", Kind: schema.ActorState},
			{ID: "a5", Name: "Ministry of Fisheries", Kind: schema.ActorOrganisation},
		},
	}
}

// fixedRun is a run with a fixed clock, so files are byte-for-byte stable.
func fixedRun() *output.Run {
	return &output.Run{Version: "0.0.0-test", ConfigHash: "0123456789abcdef",
		Started: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)}
}

func fixedExporter(t testing.TB) *Exporter {
	t.Helper()
	e, err := New(fixedRun())
	if err != nil {
		t.Fatal(err)
	}
	x := e.(*Exporter)
	x.now = func() time.Time { return time.Date(2024, 5, 6, 7, 9, 0, 0, time.UTC) }
	return x
}
