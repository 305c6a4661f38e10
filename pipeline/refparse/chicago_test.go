package refparse_test

import (
	"reflect"
	"testing"

	. "github.com/dossier-dev/dossier/pipeline/refparse"
	"github.com/dossier-dev/dossier/schema"
)

// TestNoteRulesUnquoted covers the note rules for sources printed without
// quotation marks or identifiers, and for the parts of a note around a
// source that are not it. Every field is asserted, empty ones included:
// the rules exist to keep a place out of the container and commentary out
// of the source.
func TestNoteRulesUnquoted(t *testing.T) {
	cases := []struct {
		name, note                      string
		authors                         []string
		title, container, place, issued string
		publisher, typ                  string
	}{
		{
			name:    "institution, unquoted title opening with a year, place and month",
			note:    "Ministry of Coastal Affairs. 2030 Shoreline Strategy. Washington, DC, March 2021.",
			authors: []string{"Ministry of Coastal Affairs"},
			title:   "2030 Shoreline Strategy", place: "Washington, DC", issued: "2021-03", typ: "report",
		},
		{
			name:  "title, then the meeting it came from and where",
			note:  "Lisbon Accord on Fisheries. Atlantic Fisheries Summit, Porto, Portugal, June 3, 2016.",
			title: "Lisbon Accord on Fisheries", container: "Atlantic Fisheries Summit", place: "Porto, Portugal", issued: "2016-06-03", typ: "document",
		},
		{
			name:    "book with a Chicago imprint, Place: Publisher, Year",
			note:    "Moreau, Claire. Rivers and Borders. Oxford: Clarendon Press, 2012.",
			authors: []string{"Claire Moreau"},
			title:   "Rivers and Borders", place: "Oxford", publisher: "Clarendon Press", issued: "2012", typ: "book",
		},
		{
			name:    "place between a quoted title and its date, institution author",
			note:    "Nordic Fisheries Council. “Agreement on Shared Herring Stocks.” Tórshavn, June 9, 2014. Accessed July 1, 2015.",
			authors: []string{"Nordic Fisheries Council"},
			title:   "Agreement on Shared Herring Stocks", place: "Tórshavn", issued: "2014-06-09",
		},
		{
			name:    "periodical between a quoted title and its date stays the container",
			note:    "Lind, Astrid. “Herring Talks Collapse.” Fisheries Gazette, June 9, 2014.",
			authors: []string{"Astrid Lind"},
			title:   "Herring Talks Collapse", container: "Fisheries Gazette", issued: "2014-06-09",
		},
		{
			name:    "numbered series with a by-line after a cue",
			note:    "See Policy Insight PI20451, Coastal Erosion, by Maria Santos.",
			authors: []string{"Maria Santos"},
			title:   "Coastal Erosion", container: "Policy Insight PI20451", typ: "report",
		},
		{
			name:    "commentary sentence after the source's date is dropped",
			note:    `Harbour Ministry, "Statement on the Closure of Pier 4," May 2, 2022. The last ferry crews left the old pier on June 1, 2022.`,
			authors: []string{"Harbour Ministry"},
			title:   "Statement on the Closure of Pier 4", issued: "2022-05-02",
		},
		{
			name:  "statute cited by a section: the title is the Act",
			note:  "See, for example, Section 12 of the Coastal Protection Act, 2019 (P.L. 116-99, Title III).",
			title: "Coastal Protection Act, 2019", typ: "legislation",
		},
		{
			name:  "statute cited by its code section is kept whole",
			note:  "33 U.S.C. §1251(a).",
			title: "33 U.S.C. §1251(a)", typ: "legislation",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kind, items := ParseNote(c.note)
			if kind != schema.KindReference || len(items) == 0 {
				t.Fatalf("kind %q with %d items, want a reference", kind, len(items))
			}
			it := items[0]
			if got := names(it.Author); !reflect.DeepEqual(got, c.authors) {
				t.Errorf("authors %q, want %q", got, c.authors)
			}
			check := func(field, got, want string) {
				if got != want {
					t.Errorf("%s %q, want %q", field, got, want)
				}
			}
			check("title", it.Title, c.title)
			check("container", it.ContainerTitle, c.container)
			check("place", it.PublisherPlace, c.place)
			check("publisher", it.Publisher, c.publisher)
			check("issued", ISODate(it.Issued), c.issued)
			if c.typ != "" {
				check("type", it.Type, c.typ)
			}
		})
	}
}

// TestNoteRulesStayNotes guards the other side: explanations shaped a
// little like the new source patterns are still notes.
func TestNoteRulesStayNotes(t *testing.T) {
	for _, note := range []string{
		"Finland joined the alliance. Sweden followed in March 2024.",
		"The talks resumed. Geneva, May 4, 2021.",
		"The figures come from Table A-1234, Annual Totals, by region.",
		"The harbour reopened on May 3, 2019. Most of the fishing fleet returned within a week of the reopening.",
		"Turkey and Hungary ratified it only in January and February 2024 respectively.",
	} {
		t.Run(note, func(t *testing.T) {
			if kind, items := ParseNote(note); kind != schema.KindNote {
				t.Errorf("kind %q (items %+v), want %q", kind, items, schema.KindNote)
			}
		})
	}
}
