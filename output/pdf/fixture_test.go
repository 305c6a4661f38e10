package pdf

import (
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/schema"
)

// The fixtures are invented text (no corpus sentences): a fictional
// dossier on river-basin talks, written to exercise what a briefing must
// survive — accents, Cyrillic, curly quotes, characters the Go fonts lack
// (an emoji, CJK), dense and sparse dates, long summaries.

// fixtureDoc builds a document whose events span the given years; n
// events, spread so that some cluster and some stand alone.
func fixtureDoc(id string, fromYear, toYear, n int) *schema.Document {
	var text strings.Builder
	doc := &schema.Document{
		ID:     id,
		Source: schema.Source{Path: "/data/in/" + id + ".txt", MediaType: "text/plain"},
		Metadata: schema.Metadata{
			Title:     "The Upper Rhône Compact: Talks in Zürich and the “Blue Line”",
			Subtitle:  "Water, borders and the Министерство иностранных дел position",
			Authors:   []string{"Sergueï Vasilievich Marchenko", "Anaïs Lefèvre"},
			Publisher: "Institut für Flussrecht",
			Container: "Studies in Basin Diplomacy",
			Published: fmt.Sprintf("%d-03", toYear),
			URL:       "https://example.org/briefs/upper-rhone",
		},
	}
	add := func(s string) schema.Evidence {
		start := len([]rune(text.String()))
		text.WriteString(s)
		text.WriteString(" ")
		return schema.Evidence{Text: s, Start: start, End: start + len([]rune(s))}
	}
	types := []string{"agree", "consult", "statement", "reject", "accuse", "economic", "sanction",
		"protest", "request", "election", "aid", "conflict", "coerce", "other", "support"}
	actors := [][]string{{"Switzerland", "France"}, {"Russia"}, {"Italy", "Switzerland"}, {"UNECE"}, {"France"}}
	people := [][]string{{"Sergueï Marchenko"}, {"Jörg Müller", "Zoë Dubois"}, nil, {"Алексей Громов"}, nil}
	span := toYear - fromYear
	for i := 0; i < n; i++ {
		var d schema.Date
		// Spread: a few early anchors, then the bulk in the last fifth.
		var year int
		switch {
		case span == 0:
			year = fromYear
		case i < n/5:
			year = fromYear + i*span/(max(n/5, 1)*2)
		default:
			year = toYear - span/5 + (i-n/5)*(span/5)/max(n-n/5, 1)
		}
		month := 1 + (i*5)%12
		day := 1 + (i*7)%28
		switch i % 4 {
		case 0:
			d = schema.Date{Value: fmt.Sprintf("%d", year), Precision: schema.PrecisionYear, Text: fmt.Sprintf("in %d", year)}
		case 1:
			d = schema.Date{Value: fmt.Sprintf("%d-%02d", year, month), Precision: schema.PrecisionMonth}
		case 2:
			d = schema.Date{Value: fmt.Sprintf("%d-%02d-%02d", year, month, day), Precision: schema.PrecisionDay}
		case 3:
			if i%8 == 3 {
				d = schema.Date{Value: fmt.Sprintf("%d-%02d", year, month), EndValue: fmt.Sprintf("%d-%02d", year+1, month), Precision: schema.PrecisionMonth}
			} else {
				d = schema.Date{Value: fmt.Sprintf("%d-%02d-%02d", year, month, day), Precision: schema.PrecisionDay}
			}
		}
		summary := fmt.Sprintf("Delegations meet on the %s sluice gates (round %d)", []string{"Genève", "Zürich", "Lyon", "Sion"}[i%4], i+1)
		if i%6 == 2 {
			summary = "Joint commission publishes a long statement on sediment, fisheries, hydropower quotas and the “Blue Line” demarcation, which both sides had disputed for years before the talks resumed"
		}
		if i%9 == 4 {
			summary = "Marchenko says the treaty is „не подлежит пересмотру“ 🌍 — talks stall"
		}
		if i%11 == 7 {
			summary = "Observers from 北方 attend the session in Zürich"
		}
		ev := add(summary + ".")
		doc.Events = append(doc.Events, schema.Event{
			ID: fmt.Sprintf("E%d", i+1), Date: d, Type: types[i%len(types)],
			Actors: actors[i%len(actors)], People: people[i%len(people)], Summary: summary,
			Evidence: ev, Notes: noteFor(i),
		})
	}
	// One event whose date no calendar can hold.
	doc.Events = append(doc.Events, schema.Event{ID: "EU", Date: schema.Date{Value: "PAST_REF", Text: "some years earlier"},
		Type: "consult", Actors: []string{"France"}, Summary: "Informal contacts between engineers", Evidence: add("Informal contacts.")})
	doc.Positions = []schema.Position{
		{ID: "P1", Holder: "Switzerland", HolderKind: "state", Stance: "demand", Topic: "Blue Line demarcation",
			Statement: "Bern insists the “Blue Line” follows the 1911 survey", Evidence: add("Bern insists."), Notes: []string{"1", "2"}},
		{ID: "P2", Holder: "Switzerland", HolderKind: "state", Stance: "support", Topic: "joint fisheries board",
			Statement: "Switzerland backs a joint fisheries board", Evidence: add("Switzerland backs."), Notes: []string{"3"}},
		{ID: "P3", Holder: "Russia", HolderKind: "state", Stance: "reject", Topic: "treaty revision",
			Statement: "Moscow calls the treaty «не подлежит пересмотру», not open to revision", Evidence: add("Moscow calls."), Notes: []string{"4"}},
		{ID: "P4", Holder: "Sergueï Marchenko", HolderKind: "person", Stance: "criticize", Topic: "hydropower quotas",
			Statement: "The quotas, he wrote, “reward upstream haste and punish the patient”", Evidence: add("The quotas.")},
		{ID: "P5", Holder: "author", HolderKind: "author", Stance: "recommend", Topic: "data sharing",
			Statement: "Both sides should publish gauge readings daily, including those from Zürich and Sion", Evidence: add("Both sides."), Notes: []string{"5"}},
		{ID: "P6", Holder: "France", HolderKind: "state", Stance: "propose", Topic: "sediment fund",
			Statement: "Paris proposes a sediment fund 💧 financed by turbine fees", Evidence: add("Paris proposes.")},
		{ID: "P7", Holder: "Switzerland", HolderKind: "state", Stance: "demand", Topic: "Blue Line demarcation",
			Statement: "Again: the line must follow the survey", Evidence: add("Again.")},
	}
	doc.Citations = []schema.Citation{
		{ID: "1", Kind: schema.KindReference, Anchored: true, CSL: &schema.CSLItem{Type: "report",
			Author: []schema.CSLName{{Given: "Anaïs", Family: "Lefèvre"}, {Given: "Jörg", Family: "Müller"}},
			Title:  "Sediment and Sovereignty on the Upper Rhône", Publisher: "Institut für Flussrecht", PublisherPlace: "Zürich",
			Issued: &schema.CSLDate{DateParts: [][]int{{2019}}}, URL: "https://example.org/reports/sediment"}},
		{ID: "2", Kind: schema.KindReference, Anchored: true, CSL: &schema.CSLItem{Type: "article-journal",
			Author: []schema.CSLName{{Given: "Sergueï", Family: "Marchenko"}},
			Title:  "Rivers as Borders", ContainerTitle: "Journal of Basin Law", Volume: "12", Issue: "3",
			Issued: &schema.CSLDate{DateParts: [][]int{{2018, 5}}}, Page: "45–67"}},
		{ID: "3", Kind: schema.KindReference, Anchored: true, CSL: &schema.CSLItem{Type: "webpage",
			Author: []schema.CSLName{{Literal: "Министерство иностранных дел"}},
			Title:  "Заявление о переговорах", ContainerTitle: "mid.example",
			Issued:   &schema.CSLDate{DateParts: [][]int{{2020, 3, 25}}},
			Accessed: &schema.CSLDate{DateParts: [][]int{{2021, 1, 2}}}, URL: "https://mid.example/statement/25"}},
		{ID: "4", Kind: schema.KindReference, Anchored: true, Authors: []string{"Swiss Federal Office for the Environment"},
			Title: "Upper Rhône gauge network", Issued: "2017-11", URL: "https://example.ch/gauges"},
		{ID: "5", Kind: schema.KindNote, Anchored: true, Evidence: add("Gauge readings were not published between 2016 and 2018; see the annex.")},
		{ID: "6", Kind: schema.KindReference, Anchored: false, CSL: &schema.CSLItem{Type: "chapter",
			Author: []schema.CSLName{{Given: "Zoë", Family: "Dubois"}}, Title: "The Zürich Rounds",
			ContainerTitle: "Studies in Basin Diplomacy", Editor: []schema.CSLName{{Given: "Anaïs", Family: "Lefèvre"}},
			Publisher: "Rhône Press", PublisherPlace: "Lyon", Issued: &schema.CSLDate{DateParts: [][]int{{2020}}}, Page: "101–130"}},
	}
	doc.Warnings = []schema.Warning{
		{Stage: "events", Code: "date-inferred", Message: "year of “in March” taken from the paragraph", Evidence: &schema.Evidence{Text: "In March, the delegations met again in Zürich."}},
		{Stage: "citations", Code: "unanchored", Message: "note 6 has no marker in the text"},
	}
	doc.Text = text.String()
	return doc
}

// noteFor gives some events note numbers, some none.
func noteFor(i int) []string {
	switch i % 5 {
	case 0:
		return []string{"1"}
	case 1:
		return []string{"2", "3"}
	case 3:
		return []string{"4"}
	}
	return nil
}
