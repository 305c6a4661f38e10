package jsonld

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/piprate/json-gold/ld"

	"github.com/dossier-dev/dossier/internal/testutil"
	"github.com/dossier-dev/dossier/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// IRIs the checks look for.
const (
	rdfType   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	sdo       = "https://schema.org/"
	oaNS      = "http://www.w3.org/ns/oa#"
	provNS    = "http://www.w3.org/ns/prov#"
	xsdNS     = "http://www.w3.org/2001/XMLSchema#"
	xsdString = xsdNS + "string"
)

// refusingLoader is a read-only document loader: it fetches nothing and
// counts every attempt, so a test fails if a file needs the network.
type refusingLoader struct{ attempts atomic.Int64 }

func (l *refusingLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	l.attempts.Add(1)
	return nil, fmt.Errorf("offline test: refused to load %s", u)
}

// offline returns json-gold options that never touch the network and fail
// on any key expansion would drop.
func offline(t *testing.T) *ld.JsonLdOptions {
	t.Helper()
	loader := &refusingLoader{}
	t.Cleanup(func() {
		if n := loader.attempts.Load(); n > 0 {
			t.Errorf("the document loader was asked for %d remote documents", n)
		}
	})
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = loader
	opts.SafeMode = true
	return opts
}

func encode(t *testing.T, e *Exporter, doc *schema.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := e.Encode(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func parseJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	return v
}

var (
	seedOnce sync.Once
	seed     *schema.Document
)

// seedDoc runs the real pipeline on the seed once per test binary.
func seedDoc(t *testing.T) *schema.Document {
	t.Helper()
	path := testutil.DevCorpus(t, testutil.Seed) // skips without ../shared
	seedOnce.Do(func() { seed = testutil.Process(t, path) })
	if seed == nil {
		t.Fatal("the pipeline failed on the seed (see the first test that ran it)")
	}
	return seed
}

// rdfGraph indexes the default graph of a dataset by subject and predicate.
type rdfGraph struct {
	quads []*ld.Quad
	sp    map[string]map[string][]ld.Node
}

func toRDF(t *testing.T, data []byte) *rdfGraph {
	t.Helper()
	res, err := ld.NewJsonLdProcessor().ToRDF(parseJSON(t, data), offline(t))
	if err != nil {
		t.Fatalf("ToRDF: %v", err)
	}
	ds := res.(*ld.RDFDataset)
	g := &rdfGraph{quads: ds.GetQuads("@default"), sp: map[string]map[string][]ld.Node{}}
	for name := range ds.Graphs {
		if name != "@default" {
			t.Errorf("unexpected named graph %s", name)
		}
	}
	for _, q := range g.quads {
		for _, n := range []ld.Node{q.Subject, q.Predicate, q.Object} {
			if unexpanded(n) {
				t.Errorf("IRI %q was not expanded: its prefix is a context term (in %v)", n.GetValue(), q)
			}
		}
		s := q.Subject.GetValue()
		if g.sp[s] == nil {
			g.sp[s] = map[string][]ld.Node{}
		}
		p := q.Predicate.GetValue()
		g.sp[s][p] = append(g.sp[s][p], q.Object)
	}
	return g
}

// unexpanded reports an IRI whose scheme is one of the context's prefixes:
// a compact IRI that expansion did not resolve (JSON-LD 1.1 uses a term as
// a prefix only when its IRI ends in a delimiter such as / or #).
func unexpanded(n ld.Node) bool {
	if !ld.IsIRI(n) {
		return false
	}
	scheme, _, _ := strings.Cut(n.GetValue(), ":")
	switch scheme {
	case "schema", "xsd", "oa", "prov", "dossier", "plover", "rdf", "rdfs":
		return true
	}
	return false
}

func (g *rdfGraph) objects(s, p string) []ld.Node { return g.sp[s][p] }

func (g *rdfGraph) object(s, p string) string {
	if o := g.sp[s][p]; len(o) > 0 {
		return o[0].GetValue()
	}
	return ""
}

func (g *rdfGraph) ofType(class string) []string {
	var out []string
	for s, ps := range g.sp {
		for _, o := range ps[rdfType] {
			if o.GetValue() == class {
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return out
}

// bodies maps each annotation body to its annotations.
func (g *rdfGraph) bodies() map[string][]string {
	m := map[string][]string{}
	for _, a := range g.ofType(oaNS + "Annotation") {
		for _, b := range g.objects(a, oaNS+"hasBody") {
			m[b.GetValue()] = append(m[b.GetValue()], a)
		}
	}
	return m
}

func TestGolden(t *testing.T) {
	got := encode(t, fixedExporter(t), fixtureDoc(t))
	path := filepath.Join("testdata", "cold-waters.jsonld")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; if the change is intended, run go test ./output/jsonld -update", path)
	}
}

// docs are the documents every structural check runs on: the hand-built
// fixture and the seed through the real pipeline.
func docs(t *testing.T) map[string]func(*testing.T) *schema.Document {
	return map[string]func(*testing.T) *schema.Document{
		"fixture": func(t *testing.T) *schema.Document { return fixtureDoc(t) },
		"seed":    seedDoc,
	}
}

// TestRDF converts each file to RDF and checks that every event, position
// and citation is there, typed, grounded by an annotation whose selectors
// agree with the text, and that dates are typed.
func TestRDF(t *testing.T) {
	for name, get := range docs(t) {
		t.Run(name, func(t *testing.T) {
			doc := get(t)
			g := toRDF(t, encode(t, fixedExporter(t), doc))
			docIRI := DocumentIRI(DefaultBase, doc.ID)
			bodies := g.bodies()

			events := g.ofType(sdo + "Event")
			if len(events) != len(doc.Events) {
				t.Errorf("%d schema:Event, want %d", len(events), len(doc.Events))
			}
			claims := g.ofType(sdo + "Claim")
			if len(claims) != len(doc.Positions) {
				t.Errorf("%d schema:Claim, want %d", len(claims), len(doc.Positions))
			}
			for _, s := range append(append([]string{}, events...), claims...) {
				if len(g.sp[s]) < 3 {
					t.Errorf("%s has only %d properties", s, len(g.sp[s]))
				}
				if len(bodies[s]) != 1 {
					t.Errorf("%s is the body of %d annotations, want 1", s, len(bodies[s]))
				}
			}
			for _, c := range claims {
				if g.object(c, sdo+"appearance") != docIRI {
					t.Errorf("%s: appearance %q, want %q", c, g.object(c, sdo+"appearance"), docIRI)
				}
				if st := g.object(c, DossierNS+"stance"); !strings.HasPrefix(st, DossierNS) {
					t.Errorf("%s: stance %q is not a dossier term", c, st)
				}
			}
			for _, c := range doc.Citations {
				iri := docIRI + "/citation/" + url.PathEscape(c.ID)
				if len(g.sp[iri]) == 0 {
					t.Errorf("citation %s: no triples for %s", c.ID, iri)
				}
				if len(bodies[iri]) != 1 {
					t.Errorf("citation %s is the body of %d annotations, want 1", c.ID, len(bodies[iri]))
				}
			}
			checkSelectors(t, g, doc)
			checkDates(t, g)
			checkProvenance(t, g, doc)
		})
	}
}

// checkSelectors verifies that every annotation's quote is the text at its
// position, with up to 32 code points of context either side.
func checkSelectors(t *testing.T, g *rdfGraph, doc *schema.Document) {
	t.Helper()
	anns := g.ofType(oaNS + "Annotation")
	for _, a := range anns {
		target := g.object(a, oaNS+"hasTarget")
		if g.object(target, oaNS+"hasSource") != DocumentIRI(DefaultBase, doc.ID) {
			t.Errorf("%s: target source %q", a, g.object(target, oaNS+"hasSource"))
		}
		var quote, pos string
		for _, s := range g.objects(target, oaNS+"hasSelector") {
			switch g.object(s.GetValue(), rdfType) {
			case oaNS + "TextQuoteSelector":
				quote = s.GetValue()
			case oaNS + "TextPositionSelector":
				pos = s.GetValue()
			}
		}
		if quote == "" || pos == "" {
			t.Errorf("%s: quote selector %q, position selector %q", a, quote, pos)
			continue
		}
		var start, end int
		for _, x := range []struct {
			p string
			v *int
		}{{"start", &start}, {"end", &end}} {
			o := g.objects(pos, oaNS+x.p)
			if len(o) != 1 {
				t.Fatalf("%s: %d oa:%s", a, len(o), x.p)
			}
			if dt := o[0].(ld.Literal).Datatype; dt != xsdNS+"nonNegativeInteger" {
				t.Errorf("%s: oa:%s datatype %s", a, x.p, dt)
			}
			fmt.Sscan(o[0].GetValue(), x.v)
		}
		if want := doc.Slice(schema.Span{Start: start, End: end}); g.object(quote, oaNS+"exact") != want {
			t.Errorf("%s: exact %q, text at %d:%d is %q", a, g.object(quote, oaNS+"exact"), start, end, want)
		}
		wantPrefix := doc.Slice(schema.Span{Start: max(0, start-quoteContext), End: start})
		if got := g.object(quote, oaNS+"prefix"); got != wantPrefix {
			t.Errorf("%s: prefix %q, want %q", a, got, wantPrefix)
		}
		wantSuffix := doc.Slice(schema.Span{Start: end, End: min(doc.RuneLen(), end+quoteContext)})
		if got := g.object(quote, oaNS+"suffix"); got != wantSuffix {
			t.Errorf("%s: suffix %q, want %q", a, got, wantSuffix)
		}
	}
}

// checkDates verifies that every date literal carries an XSD date type
// matching its lexical form.
func checkDates(t *testing.T, g *rdfGraph) {
	t.Helper()
	forms := map[string]string{
		xsdNS + "gYear":      `^\d{4}$`,
		xsdNS + "gYearMonth": `^\d{4}-\d{2}$`,
		xsdNS + "date":       `^\d{4}-\d{2}-\d{2}$`,
		xsdNS + "dateTime":   `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}`,
	}
	for _, q := range g.quads {
		p := q.Predicate.GetValue()
		if p != sdo+"startDate" && p != sdo+"endDate" && p != sdo+"datePublished" &&
			p != provNS+"startedAtTime" && p != provNS+"endedAtTime" {
			continue
		}
		lit, ok := q.Object.(ld.Literal)
		if !ok {
			t.Errorf("%s %s: object is not a literal", q.Subject.GetValue(), p)
			continue
		}
		re, ok := forms[lit.Datatype]
		if !ok {
			t.Errorf("%s %s %q: datatype %q is not an XSD date type", q.Subject.GetValue(), p, lit.Value, lit.Datatype)
			continue
		}
		if !regexpMatch(re, lit.Value) {
			t.Errorf("%s %s: %q is not a lexical %s", q.Subject.GetValue(), p, lit.Value, lit.Datatype)
		}
	}
}

// checkProvenance verifies the run activity: times, configuration, the
// input it used and the software.
func checkProvenance(t *testing.T, g *rdfGraph, doc *schema.Document) {
	t.Helper()
	acts := g.ofType(provNS + "Activity")
	if len(acts) != 1 {
		t.Fatalf("%d prov:Activity, want 1", len(acts))
	}
	a := acts[0]
	for _, p := range []string{"startedAtTime", "endedAtTime", "wasAssociatedWith", "used"} {
		if len(g.objects(a, provNS+p)) == 0 {
			t.Errorf("activity has no prov:%s", p)
		}
	}
	if g.object(a, DossierNS+"configHash") != fixedRun().ConfigHash {
		t.Errorf("config hash %q", g.object(a, DossierNS+"configHash"))
	}
	src := g.object(a, provNS+"used")
	if g.object(src, DossierNS+"sha256") != doc.Source.SHA256 {
		t.Errorf("used %s with sha256 %q, want %q", src, g.object(src, DossierNS+"sha256"), doc.Source.SHA256)
	}
	sw := g.object(a, provNS+"wasAssociatedWith")
	if g.object(sw, sdo+"softwareVersion") != fixedRun().Version {
		t.Errorf("software %s version %q", sw, g.object(sw, sdo+"softwareVersion"))
	}
	docIRI := DocumentIRI(DefaultBase, doc.ID)
	if g.object(docIRI, provNS+"wasGeneratedBy") != a || g.object(docIRI, provNS+"wasDerivedFrom") != src {
		t.Errorf("document: generated by %q from %q", g.object(docIRI, provNS+"wasGeneratedBy"), g.object(docIRI, provNS+"wasDerivedFrom"))
	}
}

// TestFixtureValues pins what the hand-built document must say, triple by
// triple.
func TestFixtureValues(t *testing.T) {
	doc := fixtureDoc(t)
	g := toRDF(t, encode(t, fixedExporter(t), doc))
	d := DocumentIRI(DefaultBase, doc.ID)
	lit := func(s, p string) string {
		o := g.objects(s, p)
		if len(o) != 1 {
			return fmt.Sprintf("<%d values>", len(o))
		}
		l, ok := o[0].(ld.Literal)
		if !ok {
			return "<" + o[0].GetValue() + ">"
		}
		if l.Datatype == xsdString {
			return l.Value
		}
		return l.Value + "^^" + strings.TrimPrefix(l.Datatype, xsdNS)
	}
	iri := func(s, p string) string {
		var out []string
		for _, o := range g.objects(s, p) {
			out = append(out, o.GetValue())
		}
		sort.Strings(out)
		return strings.Join(out, " ")
	}
	actor := func(name string) string { return ActorIRI(DefaultBase, name) }
	tests := []struct {
		name, got, want string
	}{
		{"doc type", iri(d, rdfType), sdo + "ScholarlyArticle"},
		{"doc published", lit(d, sdo+"datePublished"), "2016-05^^gYearMonth"},
		{"doc author", iri(d, sdo+"author"), actor("Lena Ortiz")},
		{"doc publisher", iri(g.object(d, sdo+"publisher"), rdfType), sdo + "Organization"},
		{"doc container", lit(g.object(d, sdo+"isPartOf"), sdo+"name"), "Essays on the Northern Seas"},
		{"doc cites", iri(d, sdo+"citation"), d + "/citation/1"},
		{"doc note", iri(d, sdo+"comment"), d + "/citation/2"},
		{"month", lit(d+"/event/e1", sdo+"startDate"), "2014-03^^gYearMonth"},
		{"month no end", lit(d+"/event/e1", sdo+"endDate"), "<0 values>"},
		{"event type", iri(d+"/event/e1", sdo+"additionalType"), PloverNS + "agree"},
		{"event actors", iri(d+"/event/e1", sdo+"about"), actor("Arvelia") + " " + actor("Northern League")},
		{"precision", iri(d+"/event/e1", DossierNS+"precision"), DossierNS + "MonthPrecision"},
		{"decade start", lit(d+"/event/e2", sdo+"startDate"), "1990^^gYear"},
		{"decade end", lit(d+"/event/e2", sdo+"endDate"), "1999^^gYear"},
		{"decade timex", lit(d+"/event/e2", DossierNS+"timexValue"), "199X"},
		{"event cites", iri(d+"/event/e2", sdo+"citation"), d + "/citation/1"},
		{"day", lit(d+"/event/e3", sdo+"startDate"), "2004-11-14^^date"},
		{"person actor", iri(d+"/event/e3", sdo+"about"), actor("Brellin") + " " + actor("Jana Kovač")},
		{"quarter start", lit(d+"/event/e4", sdo+"startDate"), "2015-07^^gYearMonth"},
		{"quarter end", lit(d+"/event/e4", sdo+"endDate"), "2015-09^^gYearMonth"},
		{"range start", lit(d+"/event/e5", sdo+"startDate"), "2016^^gYear"},
		{"range end", lit(d+"/event/e5", sdo+"endDate"), "2018^^gYear"},
		{"range timex", lit(d+"/event/e5", DossierNS+"timexValue"), "2016/2018"},
		{"country", iri(actor("Arvelia"), rdfType), sdo + "Country"},
		{"alias", lit(actor("Arvelia"), sdo+"alternateName"), "Arvelian"},
		{"person", iri(actor("Jana Kovač"), rdfType), sdo + "Person"},
		{"role", lit(actor("Jana Kovač"), sdo+"jobTitle"), "Foreign Minister"},
		{"nationality", iri(actor("Jana Kovač"), sdo+"nationality"), actor("Arvelia")},
		{"claim author", iri(d+"/position/p1", sdo+"author"), actor("Ministry of Fisheries")},
		{"claim text", lit(d+"/position/p1", sdo+"text"), "supports deeper cooperation on energy security"},
		{"claim topic", lit(g.object(d+"/position/p1", sdo+"about"), sdo+"name"), "energy security"},
		{"claim stance", iri(d+"/position/p1", DossierNS+"stance"), DossierNS + "SupportStance"},
		{"claim cites note", iri(d+"/position/p1", sdo+"citation"), d + "/citation/2"},
		{"author claim", iri(d+"/position/p2", sdo+"author"), actor("Lena Ortiz")},
		{"author stance", iri(d+"/position/p2", DossierNS+"stance"), DossierNS + "CriticizeStance"},
		{"work type", iri(d+"/citation/1", rdfType), sdo + "ScholarlyArticle"},
		{"work name", lit(d+"/citation/1", sdo+"name"), "Cold Waters"},
		{"work date", lit(d+"/citation/1", sdo+"datePublished"), "2009^^gYear"},
		{"work url", iri(d+"/citation/1", sdo+"url"), "https://example.org/cold-waters"},
		{"work author", iri(d+"/citation/1", sdo+"author"), actor("Tomas Reed")},
		{"work author family", lit(actor("Tomas Reed"), sdo+"familyName"), "Reed"},
		{"work journal", lit(g.object(d+"/citation/1", sdo+"isPartOf"), sdo+"name"), "Journal of Northern Affairs"},
		{"note", iri(d+"/citation/2", rdfType), sdo + "Comment"},
		{"note text", lit(d+"/citation/2", sdo+"text"), "2 See the ministry’s statement of 3 May 2016."},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, tt.got, tt.want)
		}
	}
	// The quote of e3 sits after non-ASCII text: its position counts code
	// points, not bytes.
	a := g.bodies()[d+"/event/e3"][0]
	target := g.object(a, oaNS+"hasTarget")
	for _, s := range g.objects(target, oaNS+"hasSelector") {
		if st := g.object(s.GetValue(), oaNS+"start"); st != "" {
			if want := fmt.Sprint(doc.Events[2].Evidence.Start); st != want {
				t.Errorf("e3 start %s, want %s", st, want)
			}
		}
	}
}

// TestKeysMapped walks the compact document: every key that is not a
// keyword must be a term of the inline context mapping to an absolute IRI,
// and expansion must keep exactly those IRIs — no key silently dropped.
func TestKeysMapped(t *testing.T) {
	for name, get := range docs(t) {
		t.Run(name, func(t *testing.T) {
			data := encode(t, fixedExporter(t), get(t))
			compact := parseJSON(t, data).(map[string]any)
			ctx, ok := compact["@context"].(map[string]any)
			if !ok {
				t.Fatalf("@context is %T, want an inline object (no remote context)", compact["@context"])
			}
			want := map[string]bool{}
			walkKeys(compact["@graph"], func(k string) {
				iri, err := termIRI(ctx, k)
				if err != nil {
					t.Errorf("key %q: %v", k, err)
					return
				}
				want[iri] = true
			})
			expanded, err := ld.NewJsonLdProcessor().Expand(compact, offline(t))
			if err != nil {
				t.Fatalf("Expand: %v", err)
			}
			got := map[string]bool{}
			walkKeys(expanded, func(k string) { got[k] = true })
			for k := range want {
				if !got[k] {
					t.Errorf("%s is used in the file but missing after expansion", k)
				}
			}
			for k := range got {
				if !want[k] {
					t.Errorf("%s appears after expansion but no key maps to it", k)
				}
			}
			if len(want) < 10 {
				t.Errorf("only %d distinct keys: the walk is broken", len(want))
			}
		})
	}
}

// walkKeys calls f for every non-keyword key of every object in v.
func walkKeys(v any, f func(string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if !strings.HasPrefix(k, "@") {
				f(k)
			}
			if k != "@context" {
				walkKeys(val, f)
			}
		}
	case []any:
		for _, e := range x {
			walkKeys(e, f)
		}
	}
}

// termIRI resolves a key through the context to an absolute IRI.
func termIRI(ctx map[string]any, key string) (string, error) {
	def, ok := ctx[key]
	if !ok {
		return "", fmt.Errorf("not defined in the @context")
	}
	var id string
	switch d := def.(type) {
	case string:
		id = d
	case map[string]any:
		id, _ = d["@id"].(string)
	}
	prefix, local, found := strings.Cut(id, ":")
	if !found {
		return "", fmt.Errorf("maps to %q, not an IRI", id)
	}
	if ns, ok := ctx[prefix].(string); ok {
		id = ns + local
	}
	if !strings.HasPrefix(id, "http://") && !strings.HasPrefix(id, "https://") {
		return "", fmt.Errorf("maps to %q, not an absolute http(s) IRI", id)
	}
	return id, nil
}

// TestVocabulary checks that every dossier: and plover: IRI a file uses is
// defined in the embedded vocabulary and documented in docs/vocabulary.md.
func TestVocabulary(t *testing.T) {
	vocab := toRDF(t, VocabJSON)
	md, err := os.ReadFile(filepath.Join(testutil.RepoRoot(), "docs", "vocabulary.md"))
	if err != nil {
		t.Fatal(err)
	}
	g := toRDF(t, encode(t, fixedExporter(t), fixtureDoc(t)))
	seen := map[string]bool{}
	for _, q := range g.quads {
		for _, n := range []ld.Node{q.Predicate, q.Object} {
			if v := n.GetValue(); ld.IsIRI(n) && strings.HasPrefix(v, DossierNS) {
				seen[v] = true
			}
		}
	}
	if len(seen) < 5 {
		t.Fatalf("only %d dossier terms used: %v", len(seen), seen)
	}
	for iri := range seen {
		if len(vocab.sp[iri]) == 0 {
			t.Errorf("%s is used but not defined in vocab.jsonld", iri)
		}
	}
	// Every term of the vocabulary is documented.
	for s := range vocab.sp {
		local := strings.TrimPrefix(s, DossierNS)
		term := "dossier:" + local
		if strings.HasPrefix(local, "plover/") {
			term = "plover:" + strings.TrimPrefix(local, "plover/")
		}
		if !strings.Contains(string(md), "`"+term+"`") {
			t.Errorf("docs/vocabulary.md does not document `%s`", term)
		}
	}
	// Every code the schema uses has a term.
	for _, s := range []string{schema.StanceSupport, schema.StanceOppose, schema.StanceDemand, schema.StancePropose,
		schema.StanceRecommend, schema.StanceReject, schema.StanceCriticize, schema.StanceOther} {
		if _, ok := stanceTerms[s]; !ok {
			t.Errorf("stance %q has no vocabulary term", s)
		}
	}
	for _, p := range []schema.Precision{schema.PrecisionCentury, schema.PrecisionDecade, schema.PrecisionYear,
		schema.PrecisionSeason, schema.PrecisionQuarter, schema.PrecisionMonth, schema.PrecisionWeek,
		schema.PrecisionDay, schema.PrecisionTime} {
		if precisionIRI(p) == "" {
			t.Errorf("precision %q has no vocabulary term", p)
		}
	}
	if len(eventTypeTerms) != 21 {
		t.Errorf("%d event types, want the 16 PLOVER categories and 5 of dossier's", len(eventTypeTerms))
	}
}

// TestCorpus merges two documents that share actors: one node per actor,
// every event of both, one run that used both inputs.
func TestCorpus(t *testing.T) {
	a := fixtureDoc(t)
	b := fixtureDoc(t)
	b.ID = "cold-waters-2"
	b.Source.SHA256 = strings.Repeat("ab", 32)
	b.Actors[0].Aliases = []string{"Republic of Arvelia"}
	dir := t.TempDir()
	e := fixedExporter(t)
	w, err := e.NewCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []*schema.Document{a, b} {
		if err := w.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	paths, err := w.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || filepath.Base(paths[0]) != CorpusFile {
		t.Fatalf("paths %v", paths)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the spool was left behind: %v", entries)
	}
	data, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	// One node object per actor in the file itself.
	count := map[string]int{}
	for _, n := range parseJSON(t, data).(map[string]any)["@graph"].([]any) {
		count[n.(map[string]any)["@id"].(string)]++
	}
	for _, act := range a.Actors {
		if c := count[ActorIRI(DefaultBase, act.Name)]; c != 1 {
			t.Errorf("actor %s: %d node objects, want 1", act.Name, c)
		}
	}
	g := toRDF(t, data)
	if n := len(g.ofType(sdo + "Event")); n != len(a.Events)+len(b.Events) {
		t.Errorf("%d events, want %d", n, len(a.Events)+len(b.Events))
	}
	if n := len(g.ofType(sdo + "Claim")); n != len(a.Positions)+len(b.Positions) {
		t.Errorf("%d claims, want %d", n, len(a.Positions)+len(b.Positions))
	}
	arv := ActorIRI(DefaultBase, "Arvelia")
	if n := len(g.objects(arv, sdo+"alternateName")); n != 2 {
		t.Errorf("Arvelia has %d alternate names, want both documents' (2)", n)
	}
	acts := g.ofType(provNS + "Activity")
	if len(acts) != 1 || len(g.objects(acts[0], provNS+"used")) != 2 {
		t.Errorf("activities %v; want one that used 2 inputs", acts)
	}
}

// TestRdflib parses the files offline with Python's rdflib and counts one
// schema:Event per event and one schema:Claim per position.
func TestRdflib(t *testing.T) {
	py := testutil.Python(t, "rdflib")
	dir := t.TempDir()
	e := fixedExporter(t)
	type want struct {
		path           string
		events, claims int
	}
	var wants []want
	var all []*schema.Document
	names := []string{"fixture", "seed"}
	for _, name := range names {
		doc := docs(t)[name](t)
		all = append(all, doc)
		paths, err := e.Export(context.Background(), doc, dir)
		if err != nil {
			t.Fatal(err)
		}
		wants = append(wants, want{paths[0], len(doc.Events), len(doc.Positions)})
	}
	w, err := e.NewCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	ev, cl := 0, 0
	for _, d := range all {
		if err := w.Add(d); err != nil {
			t.Fatal(err)
		}
		ev, cl = ev+len(d.Events), cl+len(d.Positions)
	}
	paths, err := w.Close()
	if err != nil {
		t.Fatal(err)
	}
	wants = append(wants, want{paths[0], ev, cl})

	const script = `
import json, sys
from rdflib import Graph, Namespace, RDF
SDO = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
out = {}
for path in sys.argv[1:]:
    g = Graph()
    g.parse(path, format="json-ld")
    out[path] = {
        "events": len(set(g.subjects(RDF.type, SDO.Event))),
        "claims": len(set(g.subjects(RDF.type, SDO.Claim))),
        "annotations": len(set(g.subjects(RDF.type, OA.Annotation))),
        "triples": len(g),
    }
print(json.dumps(out))
`
	args := []string{"-c", script}
	for _, w := range wants {
		args = append(args, w.path)
	}
	outb, err := runPython(py, args)
	if err != nil {
		t.Fatalf("rdflib: %v\n%s", err, outb)
	}
	var got map[string]struct{ Events, Claims, Annotations, Triples int }
	if err := json.Unmarshal(outb, &got); err != nil {
		t.Fatalf("rdflib output %q: %v", outb, err)
	}
	for _, w := range wants {
		r := got[w.path]
		if r.Events != w.events || r.Claims != w.claims {
			t.Errorf("%s: rdflib finds %d events and %d claims, want %d and %d",
				filepath.Base(w.path), r.Events, r.Claims, w.events, w.claims)
		}
		if r.Triples == 0 {
			t.Errorf("%s: rdflib read no triples", filepath.Base(w.path))
		}
		t.Logf("%s: %d triples, %d events, %d claims, %d annotations", filepath.Base(w.path), r.Triples, r.Events, r.Claims, r.Annotations)
	}
}

func TestParseInterval(t *testing.T) {
	tests := []struct {
		in             string
		lo, hi, loType string
		ok             bool
	}{
		{"1905", "1905", "1905", xsdGYear, true},
		{"2014-04", "2014-04", "2014-04", xsdGYearMonth, true},
		{"2004-11-14", "2004-11-14", "2004-11-14", xsdDate, true},
		{"2013-03-22T15:30", "2013-03-22T15:30:00", "2013-03-22T15:30:00", xsdDateTime, true},
		{"2013-03-22TMO", "2013-03-22", "2013-03-22", xsdDate, true},
		{"198X", "1980", "1989", xsdGYear, true},
		{"19", "1900", "1999", xsdGYear, true},
		{"2014-Q3", "2014-07", "2014-09", xsdGYearMonth, true},
		{"2014-H1", "2014-01", "2014-06", xsdGYearMonth, true},
		{"2014-SU", "2014", "2014", xsdGYear, true},
		{"2014-W11", "2014-03-10", "2014-03-16", xsdDate, true},
		{"2015-W01", "2014-12-29", "2015-01-04", xsdDate, true},
		{"2015-W53", "", "", "", true},
		{"2014-W53", "", "", "", false},
		{"2014-02-30", "", "", "", false},
		{"2014-13", "", "", "", false},
		{"XXXX-04-11", "", "", "", false},
		{"PRESENT_REF", "", "", "", false},
		{"P3M", "", "", "", false},
		{"", "", "", "", false},
	}
	for _, tt := range tests {
		iv, ok := parseInterval(tt.in)
		if ok != tt.ok {
			t.Errorf("%q: ok %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if !ok || tt.lo == "" {
			continue
		}
		if iv.Lo.Value != tt.lo || iv.Hi.Value != tt.hi || iv.Lo.Type != tt.loType || iv.Hi.Type != tt.loType {
			t.Errorf("%q: got %v..%v, want %s..%s (%s)", tt.in, iv.Lo, iv.Hi, tt.lo, tt.hi, tt.loType)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Russian Federation", "russian-federation"},
		{"  russian-federation ", "russian-federation"},
		{"U.S.", "u-s"},
		{"Jana Kovač", "jana-kova%C4%8D"},
		{"Ministry of Foreign Affairs (Japan)", "ministry-of-foreign-affairs-japan"},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if a, b := slug("???"), slug("!!!"); a == b || !strings.HasPrefix(a, "h") {
		t.Errorf("names without letters: %q and %q", a, b)
	}
}

// TestBadInput feeds evidence that points nowhere, a missing note, an
// unknown stance and a relative URL: the file stays valid and nothing is
// invented.
func TestBadInput(t *testing.T) {
	doc := fixtureDoc(t)
	doc.Events[0].Evidence = schema.Evidence{Text: "not in the text", Start: 5000, End: 5010}
	doc.Events[1].Evidence = schema.Evidence{Text: "Talks resumed", Start: -4, End: 2}
	doc.Events[1].Notes = []string{"99"}
	doc.Events[2].Type = "Parade!"
	doc.Positions[0].Stance = "ambivalent"
	doc.Citations[0].CSL.URL = "example.org/relative path"
	doc.Citations[0].URL = ""
	doc.Citations[0].CSL.Author = append(doc.Citations[0].CSL.Author, schema.CSLName{Literal: "et al."})
	doc.Metadata = schema.Metadata{}
	doc.Source.SHA256 = "zz"
	g := toRDF(t, encode(t, fixedExporter(t), doc))
	d := DocumentIRI(DefaultBase, doc.ID)
	bodies := g.bodies()
	if len(bodies[d+"/event/e1"]) != 0 {
		t.Error("evidence outside the text got an annotation")
	}
	if len(bodies[d+"/event/e2"]) != 1 {
		t.Error("evidence whose text occurs in the document got no annotation")
	}
	if c := g.objects(d+"/event/e2", sdo+"citation"); len(c) != 0 {
		t.Errorf("unknown note cited: %v", c)
	}
	if got := g.object(d+"/event/e3", sdo+"additionalType"); got != PloverNS+"other" {
		t.Errorf("unknown event type became %s", got)
	}
	if got := g.object(d+"/position/p1", DossierNS+"stance"); got != DossierNS+"OtherStance" {
		t.Errorf("unknown stance became %s", got)
	}
	if u := g.objects(d+"/citation/1", sdo+"url"); len(u) != 0 {
		t.Errorf("relative URL written: %v", u)
	}
	if a := g.objects(d+"/citation/1", sdo+"author"); len(a) != 1 {
		t.Errorf("\"et al.\" became an author: %v", a)
	}
	if got := g.object(d, sdo+"name"); got != doc.ID {
		t.Errorf("untitled document named %q", got)
	}
	if len(g.ofType(sdo+"Event")) != len(doc.Events) {
		t.Error("an event was lost")
	}
	// An empty document is still a valid graph.
	empty := &schema.Document{ID: "empty"}
	g = toRDF(t, encode(t, fixedExporter(t), empty))
	if len(g.ofType(sdo+"CreativeWork")) != 1 {
		t.Error("empty document: no CreativeWork node")
	}
}

func TestBase(t *testing.T) {
	for _, base := range []string{"relative/", "", "::"} {
		if err := checkBase(base); err == nil {
			t.Errorf("base %q accepted", base)
		}
	}
	for _, base := range []string{DefaultBase, "https://example.org/dossier/"} {
		if err := checkBase(base); err != nil {
			t.Errorf("base %q refused: %v", base, err)
		}
	}
}

// TestConcurrentExport writes documents from several goroutines (run
// with -race): the exporter keeps no shared state, so each file is what a
// lone Encode writes.
func TestConcurrentExport(t *testing.T) {
	e := fixedExporter(t)
	dir := t.TempDir()
	doc := func(i int) *schema.Document {
		d := fixtureDoc(t)
		d.ID = fmt.Sprintf("cold-waters-%d", i)
		return d
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if _, err := e.Export(context.Background(), doc(i), dir); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	for i := 0; i < 8; i++ {
		got, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("cold-waters-%d.jsonld", i)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, encode(t, e, doc(i))) {
			t.Errorf("cold-waters-%d.jsonld differs from a lone Encode", i)
		}
	}
}

func regexpMatch(re, s string) bool { return regexp.MustCompile(re).MatchString(s) }

func runPython(py string, args []string) ([]byte, error) {
	cmd := exec.Command(py, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return stderr.Bytes(), err
	}
	return out, nil
}

func TestDocType(t *testing.T) {
	ref := []schema.Citation{{ID: "1", Kind: schema.KindReference}}
	tests := []struct {
		name string
		m    schema.Metadata
		cits []schema.Citation
		want string
	}{
		{"chapter in a book", schema.Metadata{Authors: []string{"A. Writer"}, Container: "A Book", Publisher: "Press"}, nil, "ScholarlyArticle"},
		{"agency paper with authors", schema.Metadata{Authors: []string{"A. Writer"}, Publisher: "Research Service"}, ref, "Report"},
		{"institutional paper", schema.Metadata{Authors: []string{"Research Service"}, Publisher: "Research Service"}, nil, "Report"},
		{"personal paper citing sources", schema.Metadata{Authors: []string{"A. Writer"}}, ref, "ScholarlyArticle"},
		{"personal note", schema.Metadata{Authors: []string{"A. Writer"}}, nil, "CreativeWork"},
		{"nothing known", schema.Metadata{}, nil, "CreativeWork"},
	}
	for _, tt := range tests {
		if got := docType(&schema.Document{Metadata: tt.m, Citations: tt.cits}); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

// BenchmarkEncode measures one document's graph (go test -bench Encode).
func BenchmarkEncode(b *testing.B) {
	e, _ := New(fixedRun())
	doc := fixtureDoc(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := e.(*Exporter).Encode(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCorpus measures adding documents to a corpus graph.
func BenchmarkCorpus(b *testing.B) {
	e, _ := New(fixedRun())
	w, err := e.(*Exporter).NewCorpus(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	doc := fixtureDoc(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		doc.ID = fmt.Sprintf("doc-%d", i)
		if err := w.Add(doc); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := w.Close(); err != nil {
		b.Fatal(err)
	}
}
