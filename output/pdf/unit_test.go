package pdf

import (
	"flag"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/schema"
	"golang.org/x/image/font/gofont/goregular"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestDisplayDate(t *testing.T) {
	tests := []struct {
		d    schema.Date
		want string
	}{
		{schema.Date{Value: "1905"}, "1905"},
		{schema.Date{Value: "1993-10"}, "October 1993"},
		{schema.Date{Value: "2004-11-14"}, "14 November 2004"},
		{schema.Date{Value: "2013-03-22T15:30"}, "22 March 2013, 15:30"},
		{schema.Date{Value: "2014-SU"}, "Summer 2014"},
		{schema.Date{Value: "2014-Q3"}, "Q3 2014"},
		{schema.Date{Value: "2014-W11"}, "week 11, 2014"},
		{schema.Date{Value: "195X"}, "1950s"},
		{schema.Date{Value: "19"}, "1900s"},
		{schema.Date{Value: "2013-11", EndValue: "2014-02"}, "November 2013 – February 2014"},
		{schema.Date{Value: "2014-03", EndValue: "2014-05"}, "March–May 2014"},
		{schema.Date{Value: "2014-03-03", EndValue: "2014-03-05"}, "3–5 March 2014"},
		{schema.Date{Value: "2014-03-03", EndValue: "2014-04-05"}, "3 March 2014 – 5 April 2014"},
		{schema.Date{Value: "PAST_REF", Text: "in the  past"}, "in the past"},
		{schema.Date{Value: "XXXX-04-11"}, "XXXX-04-11"},
		{schema.Date{}, "undated"},
		{schema.Date{Value: "2014-13"}, "2014-13"},
	}
	for _, tc := range tests {
		if got := DisplayDate(tc.d); got != tc.want {
			t.Errorf("DisplayDate(%+v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

// TestChicagoGolden formats the fixture's citations and others covering
// each branch against testdata/chicago.golden (refresh with -update).
func TestChicagoGolden(t *testing.T) {
	cits := fixtureDoc("g", 2000, 2001, 2).Citations
	cits = append(cits,
		schema.Citation{ID: "7", Kind: schema.KindReference, CSL: &schema.CSLItem{Type: "article-newspaper",
			Author: []schema.CSLName{{Given: "Ana", Family: "Ruiz"}}, Title: "Is the Treaty Dead?",
			ContainerTitle: "The Daily Ledger", Issued: &schema.CSLDate{DateParts: [][]int{{2014, 11, 19}}}}},
		schema.Citation{ID: "8", Kind: schema.KindReference, CSL: &schema.CSLItem{Type: "book",
			Editor: []schema.CSLName{{Given: "A", Family: "One"}, {Given: "B", Family: "Two"}, {Given: "C", Family: "Three"}, {Given: "D", Family: "Four"}},
			Title:  "Many Hands", Publisher: "Press", Issued: &schema.CSLDate{Raw: "1999"}, DOI: "10.1000/xyz"}},
		schema.Citation{ID: "9", Kind: schema.KindReference, Evidence: schema.Evidence{Text: "Interview  with an official,\n2015."}},
		schema.Citation{ID: "10", Kind: schema.KindReference, CSL: &schema.CSLItem{Type: "webpage", Title: "Gauge data"},
			More: []schema.CSLItem{{Type: "report", Title: "Second Source", Author: []schema.CSLName{{Literal: "Basin Authority"}}}}},
	)
	var b strings.Builder
	for _, c := range cits {
		b.WriteString(c.ID + ". " + runsText(chicagoNote(c)) + "\n")
	}
	golden := filepath.Join("testdata", "chicago.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if b.String() != string(want) {
		t.Errorf("Chicago notes differ from %s:\n got:\n%s\nwant:\n%s", golden, b.String(), want)
	}
}

// TestSpreadNeverOverlaps: whatever the wishes, placed labels keep their
// gap and stay inside the column.
func TestSpreadNeverOverlaps(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for trial := 0; trial < 500; trial++ {
		n := 1 + rng.Intn(60)
		top, bottom, gap := 40.0, 270.0, 0.9
		bs := make([]box, n)
		total := 0.0
		for i := range bs {
			h := 3.4 * float64(1+rng.Intn(2))
			if total+h+gap > bottom-top {
				bs = bs[:i]
				break
			}
			total += h + gap
			bs[i] = box{H: h}
		}
		wants := make([]float64, len(bs))
		for i := range wants {
			// Clustered wishes, some outside the column.
			wants[i] = top - 20 + rng.Float64()*(bottom-top+40)
			if rng.Intn(3) == 0 && i > 0 {
				wants[i] = wants[i-1]
			}
		}
		sortFloat(wants)
		for i := range bs {
			bs[i].Want = wants[i]
		}
		tops := spread(bs, top, bottom, gap)
		for i := range bs {
			if tops[i] < top-1e-6 || tops[i]+bs[i].H > bottom+1e-6 {
				t.Fatalf("trial %d: box %d at %.2f+%.2f outside [%v,%v]", trial, i, tops[i], bs[i].H, top, bottom)
			}
			if i > 0 && tops[i] < tops[i-1]+bs[i-1].H+gap-1e-6 {
				t.Fatalf("trial %d: box %d (%.2f) overlaps box %d (%.2f+%.2f)", trial, i, tops[i], i-1, tops[i-1], bs[i-1].H)
			}
		}
	}
}

// TestSpreadKeepsFreeLabelsInPlace: a label with room sits centred on its
// mark.
func TestSpreadKeepsFreeLabelsInPlace(t *testing.T) {
	tops := spread([]box{{Want: 50, H: 4}, {Want: 100, H: 4}}, 0, 200, 1)
	if tops[0] != 48 || tops[1] != 98 {
		t.Fatalf("tops %v, want [48 98]", tops)
	}
	// Two labels wanting one place share it evenly.
	tops = spread([]box{{Want: 50, H: 4}, {Want: 50, H: 4}}, 0, 200, 1)
	if math.Abs((tops[0]+tops[1]+4)/2-50) > 1e-9 {
		t.Fatalf("tops %v not centred on 50", tops)
	}
}

func sortFloat(v []float64) {
	for i := 1; i < len(v); i++ {
		for j := i; j > 0 && v[j] < v[j-1]; j-- {
			v[j], v[j-1] = v[j-1], v[j]
		}
	}
}

// TestBuildAxis: the axis is monotone, fits its column, and breaks only
// long empty stretches.
func TestBuildAxis(t *testing.T) {
	tests := []struct {
		name   string
		ts     []float64
		breaks int
	}{
		{"three years", []float64{2019, 2019.2, 2020.5, 2021.9}, 0},
		{"one date", []float64{2024.5, 2024.5}, 0},
		{"even century", func() []float64 {
			var ts []float64
			for y := 1900.0; y <= 2020; y += 3 {
				ts = append(ts, y)
			}
			return ts
		}(), 0},
		// 1905 | 1956 | 1991–1993 | 2001–2004 | 2012–2015
		{"early anchors", []float64{1905, 1956, 1991, 1993, 2001, 2004, 2012, 2013, 2014, 2014.5, 2015}, 4},
		{"busy decade in a quiet stretch", []float64{1950, 1953, 1957, 1960, 1964, 1990, 1991, 1991.5, 1992, 1992.2, 1993}, 1},
		{"wide step merges touching pieces", []float64{1700, 1990, 1991, 1999, 2000}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ax := buildAxis(tc.ts, 50, 270)
			if len(ax)-1 != tc.breaks {
				t.Errorf("%d breaks, want %d: %+v", len(ax)-1, tc.breaks, ax)
			}
			if ax[0].Y0 < 50-1e-9 || ax[len(ax)-1].Y1 > 270+1e-9 {
				t.Errorf("axis %v..%v outside 50..270", ax[0].Y0, ax[len(ax)-1].Y1)
			}
			prev := math.Inf(-1)
			for _, tt := range tc.ts {
				y := ax.Y(tt)
				if y < prev-1e-9 {
					t.Errorf("Y(%v) = %v < previous %v", tt, y, prev)
				}
				prev = y
			}
			for _, s := range ax {
				if s.T1 <= s.T0 || s.Y1 <= s.Y0 {
					t.Errorf("empty segment %+v", s)
				}
			}
		})
	}
}

func TestTickLabel(t *testing.T) {
	for _, tc := range []struct {
		t, step float64
		want    string
	}{{1990, 10, "1990"}, {2014, 0.25, "2014"}, {2014.25, 0.25, "Apr"}, {2014 + 11.0/12, 1.0 / 12, "Dec"}} {
		if got := tickLabel(tc.t, tc.step); got != tc.want {
			t.Errorf("tickLabel(%v, %v) = %q, want %q", tc.t, tc.step, got, tc.want)
		}
	}
}

func TestSanitizer(t *testing.T) {
	fs, err := GoFonts()
	if err != nil {
		t.Fatal(err)
	}
	st, err := loadStyle()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"plain ASCII", "plain ASCII"},
		{"line\nbreak\ttab", "line break tab"},
		{"“Sergueï” in Zürich — Москва", "“Sergueï” in Zürich — Москва"},
		{"earth 🌍 here", "earth ? here"},
		{"北方", "??"},
		{"a\u2010b \u21D2 c", "a-b => c"}, // style.yaml fallbacks
		{"\uFF21\uFF22", "AB"},            // full-width: compatibility form
		{"\u1EA0 and e\u0301", "A and é"}, // accents stripped; combined first
		{"zero\u200Bwidth", "zerowidth"},  // dropped
		{"bad \xff byte", "bad  byte"},
	}
	for _, tc := range tests {
		z := newSanitizer(fs, st.fallbacks)
		if got := z.clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	z := newSanitizer(fs, st.fallbacks)
	z.clean("🌍 🌍 北")
	w := strings.Join(z.warnings(), "")
	if !strings.Contains(w, "U+1F30D printed as “?” (2×)") || !strings.Contains(w, "U+5317") {
		t.Errorf("warnings %q", w)
	}
}

// TestLoadFont: a configured TrueType loads from an absolute path or a
// folder-relative one (the case fpdf itself gets wrong), and renders.
func TestLoadFont(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine.ttf"), goregular.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ dir, name string }{{"", filepath.Join(dir, "mine.ttf")}, {dir, "mine.ttf"}, {"/elsewhere", filepath.Join(dir, "mine.ttf")}} {
		fs, err := LoadFont(tc.dir, tc.name)
		if err != nil {
			t.Fatalf("LoadFont(%q, %q): %v", tc.dir, tc.name, err)
		}
		doc := fixtureDoc("font", 2000, 2002, 5)
		var sb strings.Builder
		if _, err := Render(&sb, doc, Options{Fonts: fs}); err != nil {
			t.Fatalf("render with %s: %v", fs.Name, err)
		}
	}
	// A truncated TrueType is refused before fpdf sees it.
	bad := filepath.Join(dir, "cut.ttf")
	os.WriteFile(bad, goregular.TTF[:200], 0o644)
	if _, err := LoadFont("", bad); err == nil || !strings.Contains(err.Error(), "cut.ttf") {
		t.Errorf("truncated font: err = %v", err)
	}
}

func TestStyleTable(t *testing.T) {
	st, err := loadStyle()
	if err != nil {
		t.Fatal(err)
	}
	// Every PLOVER type and stance of the schema has its own mark.
	for _, typ := range []string{"agree", "consult", "support", "concede", "cooperate", "aid", "retreat", "request",
		"accuse", "reject", "threaten", "protest", "sanction", "mobilize", "coerce", "assault",
		"statement", "election", "economic", "conflict", "other"} {
		if st.EventTypes[typ] == nil {
			t.Errorf("no mark for event type %s", typ)
		}
	}
	seen := map[[2]string]string{}
	for name, m := range st.EventTypes {
		k := [2]string{m.Shape, m.Color}
		if other, dup := seen[k]; dup {
			t.Errorf("event types %s and %s share shape and colour", name, other)
		}
		seen[k] = name
	}
	for _, s := range []string{schema.StanceSupport, schema.StanceOppose, schema.StanceDemand, schema.StancePropose,
		schema.StanceRecommend, schema.StanceReject, schema.StanceCriticize, schema.StanceOther} {
		if st.Stances[s] == nil {
			t.Errorf("no mark for stance %s", s)
		}
	}
	if _, err := parseStyle([]byte("event_types:\n  x: {label: x, shape: hexagon, color: \"#000000\"}\n")); err == nil {
		t.Error("unknown shape accepted")
	}
	if len(st.typeOrder) != len(st.EventTypes) {
		t.Errorf("type order %d, types %d", len(st.typeOrder), len(st.EventTypes))
	}
}

func TestKeyLine(t *testing.T) {
	st, _ := loadStyle()
	ps := []schema.Position{
		{Holder: "Japan", Stance: "demand", Topic: "islands"},
		{Holder: "Russia", Stance: "reject", Topic: "islands"},
		{Holder: "Japan", Stance: "support", Topic: "trade"},
		{Holder: "Japan", Stance: "demand", Topic: "islands"},
		{Holder: "Japan", Stance: "other"},
		{Holder: "author", HolderKind: "author", Stance: "recommend", Topic: "talks"},
	}
	hs := keyPositions(ps)
	if len(hs) != 3 || hs[0].Holder != "Japan" || hs[2].Holder != "The author" {
		t.Fatalf("holders %+v", hs)
	}
	if got, want := keyLine(st, hs[0]), "demands islands; supports trade; comments"; got != want {
		t.Errorf("keyLine = %q, want %q", got, want)
	}
}

// runsText joins runs as plain text, with italics as *…*, for tests and
// golden files.
func runsText(rs []run) string {
	var b strings.Builder
	for _, r := range rs {
		if r.Italic {
			b.WriteString("*" + r.Text + "*")
		} else {
			b.WriteString(r.Text)
		}
	}
	return b.String()
}
