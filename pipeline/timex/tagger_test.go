package timex

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/schema"
)

func newTagger(t testing.TB) *Tagger {
	t.Helper()
	tg, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// find returns the expression whose text is want, failing when absent.
func find(t *testing.T, got []schema.TimeExpr, want string) schema.TimeExpr {
	t.Helper()
	for _, te := range got {
		if te.Text == want {
			return te
		}
	}
	t.Fatalf("no expression %q in %+v", want, got)
	return schema.TimeExpr{}
}

func TestValues(t *testing.T) {
	tg := newTagger(t)
	cases := []struct {
		name, text, dct, expr, typ, value, end string
	}{
		{"year", "The treaty was signed in 1905 in Portsmouth.", "", "1905", "DATE", "1905", ""},
		{"year first", "1990 was a hard year.", "", "1990", "DATE", "1990", ""},
		{"month year", "Talks resumed in April 2014 after a pause.", "", "April 2014", "DATE", "2014-04", ""},
		{"full date", "The summit opened on November 14, 2004, in Santiago.", "", "November 14, 2004", "DATE", "2004-11-14", ""},
		{"day month year", "It was signed on 2 January 2015 by both sides.", "", "2 January 2015", "DATE", "2015-01-02", ""},
		{"abbreviated", "Shares fell on Aug. 7, 1998, in heavy trading.", "", "Aug. 7, 1998", "DATE", "1998-08-07", ""},
		{"iso", "Published 2015-03-02 by the institute.", "", "2015-03-02", "DATE", "2015-03-02", ""},
		{"season", "The talks stalled in autumn 2014.", "", "autumn 2014", "DATE", "2014-FA", ""},
		{"decade", "Trade grew through the 2010s.", "", "the 2010s", "DATE", "201X", ""},
		{"decade word", "It was a problem in the nineties.", "", "the nineties", "DATE", "199X", ""},
		{"century", "The 19th century saw two wars.", "", "The 19th century", "DATE", "18", ""},
		{"quarter", "Profit rose in the third quarter of 2014.", "", "the third quarter of 2014", "DATE", "2014-Q3", ""},
		{"quarter adjective", "Third-quarter profit fell.", "1989-10-26", "Third-quarter", "DATE", "1989-Q3", ""},
		{"half", "Growth slowed in the first half of 2015.", "", "the first half of 2015", "DATE", "2015-H1", ""},
		{"fiscal", "Sales in fiscal 1989 were flat.", "", "fiscal 1989", "DATE", "1989", ""},
		{"duration", "Negotiations lasted a month.", "", "a month", "DURATION", "P1M", ""},
		{"duration words", "The plan runs for twenty four years.", "", "twenty four years", "DURATION", "P24Y", ""},
		{"duration adjective", "He signed a two-year contract.", "", "two-year", "DURATION", "P2Y", ""},
		{"duration past", "Prices rose over the past three years.", "2015-03-02", "the past three years", "DURATION", "P3Y", ""},
		{"duration half", "The project took 2 1/2 years.", "", "2 1/2 years", "DURATION", "P2Y6M", ""},
		{"vague duration", "It took several weeks to agree.", "", "several weeks", "DURATION", "PXW", ""},
		{"present", "The alliance is now stronger than ever.", "", "now", "DATE", "PRESENT_REF", ""},
		{"past ref", "He recently met the minister.", "", "recently", "DATE", "PAST_REF", ""},
		{"future ref", "Relations may improve in the near future.", "", "the near future", "DATE", "FUTURE_REF", ""},
		{"set", "Inspectors report daily to the council.", "", "daily", "SET", "P1D", ""},
		{"set each", "The board meets each year in Geneva.", "", "each year", "SET", "P1Y", ""},
		{"set weekday", "Flights leave each Thursday from Delhi.", "", "each Thursday", "SET", "XXXX-WXX-4", ""},
		{"yesterday", "The minister resigned yesterday.", "2015-03-04", "yesterday", "DATE", "2015-03-03", ""},
		{"today", "The vote is today.", "2015-03-04", "today", "DATE", "2015-03-04", ""},
		{"last week", "They met last week in Tokyo.", "2015-03-04", "last week", "DATE", "2015-W09", ""},
		{"next year", "Elections are due next year.", "2015-03-04", "next year", "DATE", "2016", ""},
		{"this month", "Inflation fell this month.", "2015-03-04", "this month", "DATE", "2015-03", ""},
		{"ago", "The treaty lapsed two years ago.", "2015-03-04", "two years ago", "DATE", "2013", ""},
		{"later", "In 2010 the talks began. Three years later they failed.", "", "Three years later", "DATE", "2013", ""},
		{"following year", "The plan was drafted in 2011. The following year it passed.", "2015-03-04", "The following year", "DATE", "2012", ""},
		{"past weekday", "The minister spoke on Friday about trade.", "2015-03-04", "Friday", "DATE", "2015-02-27", ""},
		{"future weekday", "The minister will speak on Friday about trade.", "2015-03-04", "Friday", "DATE", "2015-03-06", ""},
		{"same weekday", "The minister spoke on Wednesday.", "2015-03-04", "Wednesday", "DATE", "2015-03-04", ""},
		{"last month name", "The deal was signed last May.", "2015-03-04", "last May", "DATE", "2014-05", ""},
		{"clock time", "The vote closes at 10 p.m. Wednesday.", "2015-03-04", "10 p.m. Wednesday", "TIME", "2015-03-04T22:00", ""},
		{"this morning", "The envoy arrived this morning.", "2015-03-04", "this morning", "TIME", "2015-03-04TMO", ""},
		{"weekday evening", "The blast came Friday evening near the port.", "2015-03-09", "Friday evening", "TIME", "2015-03-06TEV", ""},
		{"weekday night is to", "Trading is to resume in Paris Tuesday night.", "2015-03-05", "Tuesday night", "TIME", "2015-03-10TNI", ""},
		{"year end", "The sale should close by year-end.", "2015-03-05", "year-end", "DATE", "2015", ""},
		{"current quarter", "Most auctions fall in the current quarter.", "2015-11-05", "the current quarter", "DATE", "2015-Q4", ""},
		{"adjectival quarter", "It posted a third-quarter loss.", "2015-11-05", "third-quarter", "DATE", "2015-Q3", ""},
		{"adjectival duration", "Voters face the 14-day waiting period.", "2015-11-05", "14-day", "DURATION", "P14D", ""},
		{"within stays out", "Troops could leave within two weeks.", "2015-11-05", "two weeks", "DURATION", "P2W", ""},
		{"days before", "He was seen in the days before the vote.", "2015-11-05", "days", "DURATION", "PXD", ""},
		{"for years", "The mill has been idle for years.", "2015-11-05", "years", "DURATION", "PXY", ""},
		{"holiday", "The truce began on Christmas Day 2014.", "", "Christmas Day 2014", "DATE", "2014-12-25", ""},
		{"nth weekday holiday", "They met on Thanksgiving 2015.", "", "Thanksgiving 2015", "DATE", "2015-11-26", ""},
		{"spelled year", "It happened in nineteen ninety-six.", "", "nineteen ninety-six", "DATE", "1996", ""},
		{"mid year", "The group split in mid-1996.", "", "mid-1996", "DATE", "1996", ""},
		{"end of", "Troops leave by the end of 1990.", "", "the end of 1990", "DATE", "1990", ""},
		// Ranges are one expression with an end value.
		{"range months", "Talks ran from November 2013 to February 2014.", "", "November 2013 to February 2014", "DATE", "2013-11", "2014-02"},
		{"range between", "Exports doubled between 2013 and 2014.", "", "2013 and 2014", "DATE", "2013", "2014"},
		{"range through", "He served from 1991 through 1993.", "", "1991 through 1993", "DATE", "1991", "1993"},
		{"range dash", "The 2009-2010 crisis hit exports.", "", "2009-2010", "DATE", "2009", "2010"},
		{"range dash space", "Output grew in 2013- 2014 overall.", "", "2013- 2014", "DATE", "2013", "2014"},
		{"range short", "The 1994-95 season was short.", "", "1994-95", "DATE", "1994", "1995"},
		{"range present", "He has led the party from March 2014 to present.", "", "March 2014 to present", "DATE", "2014-03", "PRESENT_REF"},
		{"range between through", "Between December 2012 through December 2014 prices fell.", "", "December 2012 through December 2014", "DATE", "2012-12", "2014-12"},
		{"range days", "The summit is on April 24-25, 1999.", "", "April 24-25, 1999", "DATE", "1999-04-24", "1999-04-25"},
		{"range inferred start", "The freeze lasted November to February 2014.", "", "November to February 2014", "DATE", "2013-11", "2014-02"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			te := find(t, tg.Tag(c.text, c.dct), c.expr)
			if te.Type != c.typ || te.Value != c.value || te.EndValue != c.end {
				t.Errorf("%q: got %s %s..%s, want %s %s..%s", c.expr, te.Type, te.Value, te.EndValue, c.typ, c.value, c.end)
			}
		})
	}
}

// TestAnchoring pins the anchoring rule down: deictic expressions use the
// creation date; a month without a year uses the year the paragraph just
// stated, else the creation date's year; without a creation date,
// everything uses the narrative time.
func TestAnchoring(t *testing.T) {
	tg := newTagger(t)
	cases := []struct {
		name, text, dct, expr, value string
		anchored                     bool
	}{
		{"narrative month beats DCT year", "In 2014, the cabinet changed. In April, Obama visited Japan.", "2015-06-01", "April", "2014-04", true},
		{"narrative month without DCT", "In 2014, the cabinet changed. In April, Obama visited Japan.", "", "April", "2014-04", true},
		{"new paragraph drops narrative", "In 2014, the cabinet changed.\n\nIn April, Obama visited Japan.", "2015-06-01", "April", "2015-04", true},
		{"past month after DCT keeps the previous paragraph's year", "The dispute grew serious in 2014, and the allies imposed sanctions.\n\nLater, the cabinet tightened them after the envoy's visit in April.", "2015-03-02", "April", "2014-04", true},
		{"month after DCT is last year", "Exports fell in November.", "2015-03-02", "November", "2014-11", true},
		{"future month after DCT", "The summit will be held in November.", "2015-03-02", "November", "2015-11", true},
		{"since-year is not the narrative", "Profits doubled since 1980. In September, it bought a rival.", "1989-10-30", "September", "1989-09", true},
		{"deictic uses DCT", "In 2010 the talks began. Last week they ended.", "2015-03-04", "Last week", "2015-W09", true},
		{"deictic without DCT uses narrative", "On 3 March 2010 the talks began. The next day they ended.", "", "The next day", "2010-03-04", true},
		{"yesterday without DCT uses narrative", "On 3 March 2010 the talks began. Yesterday they ended.", "", "Yesterday", "2010-03-02", true},
		{"explicit is not anchored", "In April 2014 Obama visited Japan.", "2015-06-01", "April 2014", "2014-04", false},
		{"nothing to anchor to", "In April, Obama visited Japan.", "", "April", "XXXX-04", false},
		{"quarter looks back", "Profit fell in the fourth quarter.", "1998-02-10", "the fourth quarter", "1997-Q4", true},
		{"year earlier follows quarter", "Profit rose in the third quarter. A year earlier it fell.", "1989-10-26", "A year earlier", "1988-Q3", true},
		// The first quarter a story names is the one it reports; a later
		// one ("after a weak second quarter") is a comparison.
		{"reported quarter stays the reference", "Net rose in the third quarter.\n\nAfter a weak second quarter, margins improved.\n\nThe year-earlier period had charges.", "1989-11-01", "The year-earlier period", "1988-Q3", true},
		{"the 1988 period is that year's quarter", "Net rose in the third quarter. In the 1988 period, it fell.", "1989-11-01", "the 1988 period", "1988-Q3", true},
		{"quarter topic expires", "Net rose in the third quarter.\n\nA.\n\nB.\n\nC.\n\nD.\n\nSales fell in the first quarter of 1989.\n\nThe year-earlier period was weak.", "1989-11-01", "The year-earlier period", "1988-Q1", true},
		// "this year's third quarter" fixes the year as a stated one would.
		{"deictic year sets the narrative", "Sales in 1988 were flat.\nIn this year's third quarter, net rose. Assets as of Sept. 30 fell.", "1989-10-26", "Sept. 30", "1989-09-30", true},
		// Future cues in context, and words that only look like them.
		{"next to is a place", "Two blasts hit the offices next to the embassy on Friday.", "1998-08-08", "Friday", "1998-08-07", true},
		{"hyphenated cue", "It reported lower-than-expected results after trading closed Wednesday.", "1989-10-27", "Wednesday", "1989-10-25", true},
		{"set without to", "The court set Friday as the deadline.", "2000-01-15", "Friday", "2000-01-14", true},
		{"set to", "The court is set to rule Friday.", "2000-01-15", "Friday", "2000-01-21", true},
		{"early outside as early as", "Police arrested him in the early hours of Thursday.", "1999-10-08", "Thursday", "1999-10-07", true},
		{"as early as", "A ruling could come as early as Thursday.", "1999-10-08", "Thursday", "1999-10-14", true},
		{"would after a report", "She said the father would be travelling to Washington Thursday.", "2000-04-05", "Thursday", "2000-04-06", true},
		{"would across a comma", "They said they would appeal the decision, announced Wednesday.", "2000-01-06", "Wednesday", "2000-01-05", true},
		{"would and a named event", "They would look for ways to undo Wednesday's ruling.", "2000-01-15", "Wednesday", "2000-01-12", true},
		{"future cue far back in the sentence", "The colonel will be named commander of the shuttle crew that flies a long mission in December.", "1998-03-04", "December", "1998-12", true},
		{"previous weekday before the day in view", "Trading was heavy on Friday, Oct. 27, 1989. The index fell from the previous Friday.", "1989-10-30", "previous Friday", "1989-10-20", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			te := find(t, tg.Tag(c.text, c.dct), c.expr)
			if te.Value != c.value || te.Anchored != c.anchored {
				t.Errorf("%q: got %s anchored=%v, want %s anchored=%v", c.expr, te.Value, te.Anchored, c.value, c.anchored)
			}
		})
	}
}

func TestNotDates(t *testing.T) {
	tg := newTagger(t)
	for _, text := range []string{
		"World War II changed the region.",
		"Growth reached 4.7 percent.",
		"The fund holds $32 billion.",
		"They drove along Route 66.",
		"The G7 met in Bavaria.",
		"As noted earlier [4], the claim is weak.",
		"See page 2014 of the record.",
		"Article 9 renounces war.",
		"A force of 2000 troops was sent.",
		"The 6-year-old boy was found.",
		"She was 37 years old.",
		"Security Council Resolution 1325 was adopted.",
		"They may march on the capital.",
		"The fall of the wall was sudden.",
		"Figure 1990 shows the trend.",
		"No. 1985 was the winning ticket.",
		"It paid $5 million a year in fees.",
		"She spoke on ABC's \"This Week\" program about trade.",
		"He told CBS's \"60 Minutes\" that he would stay.",
		"Thanks for listening to this edition of VOA Today.",
	} {
		if got := tg.Tag(text, "2015-03-02"); len(got) != 0 {
			t.Errorf("%q: found %+v", text, got)
		}
	}
}

func TestOffsetsAreCodePoints(t *testing.T) {
	tg := newTagger(t)
	text := "Ministers — «after much delay» — met in Zürich on 5 May 2015 and again in June."
	got := tg.Tag(text, "")
	if len(got) != 2 {
		t.Fatalf("got %+v", got)
	}
	runes := []rune(text)
	for _, te := range got {
		if string(runes[te.Start:te.End]) != te.Text {
			t.Errorf("%q at %d-%d points at %q", te.Text, te.Start, te.End, string(runes[te.Start:te.End]))
		}
	}
	if got[1].Value != "2015-06" {
		t.Errorf("June: got %s", got[1].Value)
	}
}

func TestSortedAndDisjoint(t *testing.T) {
	tg := newTagger(t)
	text := "On Friday, 3 March 2015, two weeks after the talks of February 2015 to March 2015, the minister said that now, daily, each year and last week mattered."
	got := tg.Tag(text, "2015-03-10")
	if len(got) < 5 {
		t.Fatalf("too few: %+v", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Start < got[i-1].End {
			t.Errorf("overlap or disorder: %+v then %+v", got[i-1], got[i])
		}
	}
}

func TestDateOf(t *testing.T) {
	cases := []struct {
		te   schema.TimeExpr
		want schema.Date
		ok   bool
	}{
		{schema.TimeExpr{Type: "DATE", Value: "2014"}, schema.Date{Value: "2014", Precision: schema.PrecisionYear}, true},
		{schema.TimeExpr{Type: "DATE", Value: "2014-04", Anchored: true}, schema.Date{Value: "2014-04", Precision: schema.PrecisionMonth, Inferred: true}, true},
		{schema.TimeExpr{Type: "DATE", Value: "2004-11-14"}, schema.Date{Value: "2004-11-14", Precision: schema.PrecisionDay}, true},
		{schema.TimeExpr{Type: "DATE", Value: "2014-W11"}, schema.Date{Value: "2014-W11", Precision: schema.PrecisionWeek}, true},
		{schema.TimeExpr{Type: "DATE", Value: "2014-W11-WE"}, schema.Date{Value: "2014-W11", Precision: schema.PrecisionWeek}, true},
		{schema.TimeExpr{Type: "DATE", Value: "2014-Q3"}, schema.Date{Value: "2014-Q3", Precision: schema.PrecisionQuarter}, true},
		{schema.TimeExpr{Type: "DATE", Value: "2014-FA"}, schema.Date{Value: "2014-FA", Precision: schema.PrecisionSeason}, true},
		{schema.TimeExpr{Type: "DATE", Value: "201X"}, schema.Date{Value: "201X", Precision: schema.PrecisionDecade}, true},
		{schema.TimeExpr{Type: "DATE", Value: "19"}, schema.Date{Value: "19", Precision: schema.PrecisionCentury}, true},
		{schema.TimeExpr{Type: "DATE", Value: "2015-H1"}, schema.Date{Value: "2015-Q1", EndValue: "2015-Q2", Precision: schema.PrecisionQuarter}, true},
		{schema.TimeExpr{Type: "DATE", Value: "2013-11", EndValue: "2014-02"}, schema.Date{Value: "2013-11", EndValue: "2014-02", Precision: schema.PrecisionMonth}, true},
		{schema.TimeExpr{Type: "DATE", Value: "2014-03", EndValue: "PRESENT_REF"}, schema.Date{Value: "2014-03", Precision: schema.PrecisionMonth}, true},
		{schema.TimeExpr{Type: "TIME", Value: "2015-03-04T22:00"}, schema.Date{Value: "2015-03-04T22:00", Precision: schema.PrecisionTime}, true},
		{schema.TimeExpr{Type: "DATE", Value: "PRESENT_REF"}, schema.Date{}, false},
		{schema.TimeExpr{Type: "DATE", Value: "XXXX-04"}, schema.Date{}, false},
		{schema.TimeExpr{Type: "DURATION", Value: "P1Y"}, schema.Date{}, false},
		{schema.TimeExpr{Type: "SET", Value: "P1D"}, schema.Date{}, false},
	}
	for _, c := range cases {
		c.te.Text, c.te.Start, c.te.End = "x", 3, 4
		got, ok := DateOf(c.te)
		if ok != c.ok {
			t.Errorf("%s %s: ok=%v", c.te.Type, c.te.Value, ok)
			continue
		}
		if !ok {
			continue
		}
		c.want.Text, c.want.Start, c.want.End = "x", 3, 4
		if got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.te.Value, got, c.want)
		}
	}
}

func TestStage(t *testing.T) {
	cases := []struct {
		cfgDCT, published, want string
	}{
		{"", "2015-03-04", "2015-03-03"},
		// The document's own date wins; the configured one is the fallback.
		{"2016-01-10", "2015-03-04", "2015-03-03"},
		{"2016-01-10", "", "2016-01-09"},
		{"2016-01-10", "not a date", "2016-01-09"},
		{"", "2015-03", "XXXX-XX-XX"},
		{"", "", "XXXX-XX-XX"},
	}
	for _, c := range cases {
		cfg := &config.Config{}
		cfg.Pipeline.DCT = c.cfgDCT
		st, err := NewStage(cfg)
		if err != nil {
			t.Fatal(err)
		}
		doc := &schema.Document{Text: "The minister resigned yesterday.", Metadata: schema.Metadata{Published: c.published}}
		if err := st.Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Dates) != 1 || doc.Dates[0].Value != c.want {
			t.Errorf("dct %q published %q: got %+v, want %s", c.cfgDCT, c.published, doc.Dates, c.want)
		}
		if !doc.Grounded(schema.Evidence{Text: doc.Dates[0].Text, Start: doc.Dates[0].Start, End: doc.Dates[0].End}) {
			t.Errorf("not grounded: %+v", doc.Dates[0])
		}
	}
	cfg := &config.Config{}
	cfg.Pipeline.DCT = "March 2015"
	if _, err := NewStage(cfg); err == nil || !strings.Contains(err.Error(), "pipeline.dct") {
		t.Errorf("bad dct accepted: %v", err)
	}
}

func TestLexiconErrors(t *testing.T) {
	for _, bad := range []string{
		"months: {}\n",
		"nonsense_key: 1\n",
		string(lexiconYAML) + "\nunit_plurals: {eons: eon}\n",
	} {
		if _, err := loadLexicon([]byte(bad)); err == nil || !strings.Contains(err.Error(), "lexicon.yaml") {
			t.Errorf("accepted bad lexicon: %v", err)
		}
	}
}

// FuzzTag checks that no input panics the tagger and every expression is
// sorted, disjoint, on rune boundaries and grounded in the text.
func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"In 2014, prices rose. In April, Obama visited Japan.",
		"from November 2013 to February 2014, between 2013 and 2014, 2009-2010, 2013- 2014",
		"Zürich — 5 May 2015 «now» 10 p.m. Wednesday \u00a0 last week",
		"the 1990s, the '90s, 20th century, Q3 2014, FY2015, mid-1996, 1994-95",
		"\xff\xfe 2014-\n\n-2015 Sept. 30, 1,990 4.7 percent $32 billion [4]",
		"a a a a year year-earlier the the past past 2 1/2 years 12:61 99:99 p.m.",
	} {
		f.Add(s, "2015-03-04")
	}
	f.Add("Monday", "")
	f.Add("Monday", "1998-02-13T14:26:00")
	tg, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, dct string) {
		got := tg.Tag(text, dct)
		n := utf8.RuneCountInString(text)
		runes := []rune(text)
		prevEnd := 0
		for _, te := range got {
			if te.Start < prevEnd || te.End <= te.Start || te.End > n {
				t.Fatalf("bad span %d-%d (prev end %d, len %d) in %q", te.Start, te.End, prevEnd, n, text)
			}
			if string(runes[te.Start:te.End]) != te.Text {
				t.Fatalf("%q at %d-%d is %q", te.Text, te.Start, te.End, string(runes[te.Start:te.End]))
			}
			if !utf8.ValidString(text) {
				continue
			}
			if te.Value == "" || te.Type == "" {
				t.Fatalf("empty value or type: %+v", te)
			}
			prevEnd = te.End
		}
	})
}

// BenchmarkTag reports throughput on a mixed English text; b.SetBytes
// makes `go test -bench` print MB/s.
func BenchmarkTag(b *testing.B) {
	tg := newTagger(b)
	para := "In 2014, the two governments agreed to resume talks. In April, Obama visited Japan and met the prime minister on Friday. " +
		"Over the past three years, trade grew 4.7 percent a year to $32 billion, according to a report published on 2 March 2015. " +
		"The ministers will meet again next week, and a summit is planned for the first half of 2016. Officials said that the dispute, " +
		"which dates back to World War II, is now unlikely to be settled before the end of the decade.\n\n"
	text := strings.Repeat(para, 200)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tg.Tag(text, "2015-03-04")
	}
}
