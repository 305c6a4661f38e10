package html

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/schema"
	xhtml "golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// at returns the evidence of the first occurrence of s in doc's text; the
// test fails when s is not there.
func at(t testing.TB, doc *schema.Document, s string) schema.Evidence {
	t.Helper()
	i := strings.Index(doc.Text, s)
	if i < 0 {
		t.Fatalf("%q not in fixture text", s)
	}
	return doc.EvidenceBytes(i, i+len(s))
}

// hostileDoc is testdata/hostile.txt with items whose every field tries to
// break out of its context: markup in the text, in summaries, in actor and
// holder names, javascript: URLs, a title that closes <title>.
func hostileDoc(t testing.TB) *schema.Document {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("testdata", "hostile.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := &schema.Document{
		ID:     "hostile",
		Source: schema.Source{Path: "testdata/hostile.txt", MediaType: "text/plain"},
		Metadata: schema.Metadata{
			Title:   `Memo </title><script>alert("title")</script>`,
			Authors: []string{`<img src=x onerror=alert("author")>`},
			URL:     "javascript:alert(document.domain)",
		},
		Text: string(text),
	}
	menu := at(t, doc, "Site menu | Sign in | Subscribe")
	doc.Boilerplate = []schema.Span{menu.Span()}
	notes := at(t, doc, "Notes")
	doc.Markup.Headings = []schema.Heading{{Span: notes.Span(), Level: 2}}
	doc.Events = []schema.Event{
		{
			ID:       "E1",
			Date:     schema.Date{Value: "2021-05-03", Precision: schema.PrecisionDay, Text: "3 May 2021"},
			Type:     "consult",
			Actors:   []string{`</script><script>alert("actor")</script>`},
			People:   []string{"Dana <Example>"},
			Summary:  `Council meets <img src=x onerror=alert("summary")>`,
			Evidence: at(t, doc, "On 3 May 2021 the council met and said <script>alert(1)</script> was not welcome."),
		},
		{
			ID:       "E2",
			Date:     schema.Date{Value: "2021", Precision: schema.PrecisionYear, Text: "2021"},
			Type:     "statement",
			Summary:  "Ministry replies",
			Evidence: at(t, doc, "The ministry's reply was <img src=x onerror=alert(1)> in full"),
		},
	}
	doc.Positions = []schema.Position{{
		ID: "P1", Holder: `committee" onmouseover="alert(6)`, HolderKind: "organisation",
		Stance: "oppose", Topic: "<u>the plan</u>", Statement: "opposes the plan",
		Evidence: at(t, doc, "The committee opposes the plan </script><script>alert(3)</script> strongly."),
	}, {
		// Overlaps E1 without nesting in it.
		ID: "P2", Holder: "council", Stance: "reject", Topic: "scripts",
		Evidence: at(t, doc, "said <script>alert(1)</script> was not welcome.\nThe ministry's"),
	}}
	note1 := at(t, doc, `1. Office of Tests. "Escaping in practice." Test Journal, 2020. javascript:alert(4)`)
	note2 := at(t, doc, `2. A. Writer. "</textarea><svg onload=alert(5)>" https://example.org/paper?a=1&b=<2>`)
	doc.Citations = []schema.Citation{
		{
			ID: "1", Kind: schema.KindReference, Anchored: true, Authors: []string{"Office of Tests"},
			Title: "Escaping in practice", Container: "Test Journal", Issued: "2020",
			URL: "javascript:alert(4)", Evidence: note1, Markers: []schema.Evidence{at(t, doc, "[1]")},
		},
		{
			ID: "2", Kind: schema.KindReference, Anchored: true, Authors: []string{"A. Writer"},
			Title: "</textarea><svg onload=alert(5)>", URL: "https://example.org/paper?a=1&b=<2>",
			Evidence: note2, Markers: []schema.Evidence{at(t, doc, "[2]")},
		},
	}
	doc.Warnings = []schema.Warning{{Stage: "test", Code: "hostile", Message: "<script>alert(7)</script>", Evidence: &schema.Evidence{Text: "<b>"}}}
	return doc
}

// randomDoc is a multi-byte text with many random, overlapping spans, to
// check the renderer's invariants on shapes nobody wrote by hand.
func randomDoc(seed int64, n int) *schema.Document {
	rng := rand.New(rand.NewSource(seed))
	words := []string{"Zürich", "東京", "<b>", "&amp;", "policy", "–", "\"q\"", "talks", "\n", "\n\n", "x"}
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(words[rng.Intn(len(words))])
		b.WriteByte(' ')
	}
	doc := &schema.Document{ID: fmt.Sprintf("random-%d", seed), Text: b.String()}
	runes := doc.RuneLen()
	span := func() schema.Evidence {
		s := rng.Intn(runes)
		e := s + rng.Intn(min(200, runes-s)+1)
		return doc.EvidenceAt(schema.Span{Start: s, End: e})
	}
	for i := 0; i < runes/40; i++ {
		switch i % 3 {
		case 0:
			doc.Events = append(doc.Events, schema.Event{ID: fmt.Sprint("E", i), Type: "other", Evidence: span()})
		case 1:
			doc.Positions = append(doc.Positions, schema.Position{ID: fmt.Sprint("P", i), Holder: "h", Stance: "other", Evidence: span()})
		default:
			doc.Citations = append(doc.Citations, schema.Citation{ID: fmt.Sprint(i), Kind: schema.KindNote, Evidence: span(),
				Markers: []schema.Evidence{span()}})
		}
	}
	for i := 0; i < 3; i++ {
		s := span()
		if len(doc.Boilerplate) == 0 || doc.Boilerplate[len(doc.Boilerplate)-1].End <= s.Start {
			doc.Boilerplate = append(doc.Boilerplate, s.Span())
		}
	}
	return doc
}

func render(t testing.TB, doc *schema.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, doc); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestHostileGolden(t *testing.T) {
	got := render(t, hostileDoc(t))
	path := filepath.Join("testdata", "hostile.html.golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("page differs from %s; run go test ./output/html -run TestHostileGolden -update and review the diff", path)
	}
	// The payloads are on the page, as text.
	for _, s := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"&lt;img src=x onerror=alert(1)&gt;",
		"&lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;",
		`<span class="bad" title="not a web link; shown as text">javascript:alert(4)</span>`,
		`<a href="https://example.org/paper?a=1&amp;b=%3c2%3e" rel="noopener noreferrer" target="_blank">`,
	} {
		if !bytes.Contains(got, []byte(s)) {
			t.Errorf("page lacks %s", s)
		}
	}
}

// TestPageStructure parses pages as a browser would and checks what the
// review depends on: the only scripts are the page's own two, no element
// has an event handler, links are http(s), the text reads exactly as the
// document's, and each item has one primary highlight whose pieces spell
// its evidence.
func TestPageStructure(t *testing.T) {
	big := randomDoc(7, 5*chunkBytes)
	if len(big.Text) <= 4*chunkBytes {
		t.Fatal("big fixture too small to be cut into blocks")
	}
	for _, doc := range []*schema.Document{hostileDoc(t), randomDoc(1, 3000), randomDoc(2, 3000), big, {ID: "empty"}} {
		t.Run(doc.ID, func(t *testing.T) {
			checkPage(t, doc, parsePage(t, render(t, doc)))
		})
	}
}

func parsePage(t testing.TB, page []byte) *xhtml.Node {
	t.Helper()
	root, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func checkPage(t *testing.T, doc *schema.Document, root *xhtml.Node) {
	t.Helper()
	var scripts []*xhtml.Node
	var textRoot *xhtml.Node
	var csp string
	walk(root, func(n *xhtml.Node) {
		if n.Type != xhtml.ElementNode {
			return
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("<%s> has handler attribute %s=%q", n.Data, a.Key, a.Val)
			}
			if a.Key == "href" && !httpURL(a.Val) {
				t.Errorf("<%s href=%q>: not an http(s) link", n.Data, a.Val)
			}
			if a.Key == "style" {
				t.Errorf("<%s> has a style attribute, which the policy blocks", n.Data)
			}
		}
		switch n.Data {
		case "script":
			scripts = append(scripts, n)
		case "img", "svg", "iframe", "object", "embed", "textarea":
			t.Errorf("page has a <%s> element", n.Data)
		case "meta":
			if attr(n, "http-equiv") == "Content-Security-Policy" {
				csp = attr(n, "content")
			}
		}
		if attr(n, "id") == "text" {
			textRoot = n
		}
	})
	if len(scripts) != 2 {
		t.Fatalf("%d <script> elements, want 2 (data and code)", len(scripts))
	}
	if attr(scripts[0], "type") != "application/json" {
		t.Errorf("first script has type %q, want application/json", attr(scripts[0], "type"))
	}
	var data struct {
		Items []itemData `json:"items"`
	}
	if err := json.Unmarshal([]byte(textOf(scripts[0])), &data); err != nil {
		t.Fatalf("item data: %v", err)
	}
	nItems := len(doc.Events) + len(doc.Positions) + len(doc.Citations)
	if len(data.Items) != nItems {
		t.Errorf("%d items in data, want %d", len(data.Items), nItems)
	}
	sum := sha256.Sum256([]byte(textOf(scripts[1])))
	if h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, "script-src "+h) {
		t.Errorf("policy %q does not allow the page script (%s)", csp, h)
	}
	if !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("policy %q does not default to none", csp)
	}
	if textRoot == nil {
		t.Fatal("no #text element")
	}
	if got := textOf(textRoot); got != strings.ReplaceAll(doc.Text, "\x00", "\uFFFD") {
		t.Errorf("text on the page differs from the document's (%d vs %d bytes)", len(got), len(doc.Text))
	}

	primary := map[string]int{}
	pieces := map[string]*strings.Builder{}
	var markers, boiler strings.Builder
	walk(textRoot, func(n *xhtml.Node) {
		if n.Type != xhtml.ElementNode {
			return
		}
		cls := strings.Fields(attr(n, "class"))
		has := func(c string) bool {
			for _, x := range cls {
				if x == c {
					return true
				}
			}
			return false
		}
		key := attr(n, "data-item")
		switch {
		case has("bp"):
			boiler.WriteString(textOf(n))
		case has("hl"):
			primary[key]++
			fallthrough
		case has("hlc"):
			if pieces[key] == nil {
				pieces[key] = &strings.Builder{}
			}
			pieces[key].WriteString(textOf(n))
		case has("mk"), has("mkc"):
			markers.WriteString(textOf(n))
		}
	})
	check := func(key string, ev schema.Evidence) {
		if primary[key] != 1 {
			t.Errorf("%s: %d primary highlights, want 1", key, primary[key])
		}
		got := ""
		if pieces[key] != nil {
			got = pieces[key].String()
		}
		if got != ev.Text {
			t.Errorf("%s: highlighted %q, evidence is %q", key, got, ev.Text)
		}
	}
	var wantMarkers strings.Builder
	for i, e := range doc.Events {
		check(fmt.Sprintf("e%d", i), e.Evidence)
	}
	for i, p := range doc.Positions {
		check(fmt.Sprintf("p%d", i), p.Evidence)
	}
	for i, c := range doc.Citations {
		check(fmt.Sprintf("c%d", i), c.Evidence)
		for _, m := range c.Markers {
			wantMarkers.WriteString(m.Text)
		}
	}
	if len(primary) != nItems {
		t.Errorf("%d items highlighted, want %d", len(primary), nItems)
	}
	if markers.Len() != wantMarkers.Len() {
		t.Errorf("markers cover %d bytes, want %d", markers.Len(), wantMarkers.Len())
	}
	var wantBoiler strings.Builder
	for _, b := range doc.Boilerplate {
		wantBoiler.WriteString(doc.Slice(b))
	}
	if boiler.String() != wantBoiler.String() {
		t.Errorf("boilerplate on the page %q, want %q", boiler.String(), wantBoiler.String())
	}
}

func walk(n *xhtml.Node, f func(*xhtml.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *xhtml.Node) string {
	var b strings.Builder
	walk(n, func(c *xhtml.Node) {
		if c.Type == xhtml.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func TestHTTPURL(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"https://example.org/a", true},
		{"http://example.org", true},
		{" https://example.org/x ", true},
		{"HTTPS://EXAMPLE.ORG", true},
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{" javascript:alert(1)", false},
		{"data:text/html,<script>alert(1)</script>", false},
		{"vbscript:x", false},
		{"//example.org/protocol-relative", false},
		{"/relative/path", false},
		{"https:/missing-host", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := httpURL(tt.in); got != tt.want {
			t.Errorf("httpURL(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestFormatCitation(t *testing.T) {
	tests := []struct {
		c    schema.Citation
		want string
	}{
		{schema.Citation{Authors: []string{"Yu Ito", "Ann Lee"}, Title: "A study.", Container: "Journal", Issued: "2014-04", Accessed: "2015-01-02"},
			"Yu Ito, Ann Lee. “A study.” Journal, 2014-04. Accessed 2015-01-02."},
		{schema.Citation{Title: "Only a title"}, "“Only a title.”"},
		{schema.Citation{Issued: "2020"}, "2020."},
		{schema.Citation{Evidence: schema.Evidence{Text: "Ibid., p. 4."}}, "Ibid., p. 4."},
	}
	for _, tt := range tests {
		if got := formatCitation(tt.c); got != tt.want {
			t.Errorf("formatCitation(%+v) = %q, want %q", tt.c, got, tt.want)
		}
	}
}

func TestExportAndIndex(t *testing.T) {
	dir := t.TempDir()
	e, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	ce := e.(*Exporter)
	corpus, err := ce.NewCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	h := hostileDoc(t)
	odd := randomDoc(3, 500)
	odd.ID = "a report #2?"
	for _, doc := range []*schema.Document{h, odd} {
		paths, err := ce.Export(context.Background(), doc, dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(paths) != 1 || paths[0] != filepath.Join(dir, doc.ID+".html") {
			t.Fatalf("Export wrote %v", paths)
		}
		if err := corpus.Add(doc); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, IndexFile)); !os.IsNotExist(err) {
		t.Fatalf("index.html visible before Close (err %v)", err)
	}
	paths, err := corpus.Close()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	root, err := xhtml.Parse(bytes.NewReader(idx))
	if err != nil {
		t.Fatal(err)
	}
	var hrefs []string
	rows := 0
	walk(root, func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "a" {
			hrefs = append(hrefs, attr(n, "href"))
		}
		if n.Type == xhtml.ElementNode && n.Data == "tr" && n.Parent.Data == "tbody" {
			rows++
		}
		if n.Type == xhtml.ElementNode && n.Data == "script" {
			t.Error("index.html has a script")
		}
	})
	if rows != 2 {
		t.Errorf("%d rows, want 2", rows)
	}
	want := []string{"hostile.html", "a%20report%20%232%3F.html"}
	if strings.Join(hrefs, " ") != strings.Join(want, " ") {
		t.Errorf("links %v, want %v", hrefs, want)
	}
	for _, href := range hrefs {
		name := strings.NewReplacer("%20", " ", "%23", "#", "%3F", "?").Replace(href)
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("link %s: %v", href, err)
		}
	}
	// The hostile document's row: events, positions, citations, warnings.
	if !bytes.Contains(idx, []byte(`<td class="num">2</td><td class="num">2</td><td class="num">2</td><td class="num">1</td>`)) {
		t.Errorf("index lacks the hostile document's counts:\n%s", idx)
	}
}

func TestExportBadDir(t *testing.T) {
	_, err := (&Exporter{}).Export(context.Background(), hostileDoc(t), filepath.Join(t.TempDir(), "missing"))
	if err == nil || !strings.Contains(err.Error(), "hostile.html") {
		t.Errorf("error %v does not name the file", err)
	}
}
