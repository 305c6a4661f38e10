package html

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/schema"
)

// Name is the format name.
const Name = "html"

// chunkBytes is the size of the blocks the text is cut into (see
// renderText): small enough that a 1 MB document is ~130 blocks the browser
// can skip, large enough that a short document is a handful.
const chunkBytes = 8 << 10

var (
	//go:embed assets/page.css
	pageCSS string
	//go:embed assets/page.js
	pageJS string
	//go:embed assets/page.tmpl
	pageTmpl string
	//go:embed assets/index.tmpl
	indexTmpl string
)

// The policy allows exactly the page's own script and style, by hash, and
// nothing else: no network, no other scripts, no inline handlers. A hash
// rather than a nonce keeps the output byte-for-byte reproducible.
var (
	pageCSP  = "default-src 'none'; script-src " + hashSource(pageJS) + "; style-src " + hashSource(pageCSS) + "; img-src data:; base-uri 'none'; form-action 'none'"
	indexCSP = "default-src 'none'; style-src " + hashSource(pageCSS) + "; base-uri 'none'; form-action 'none'"

	funcs  = template.FuncMap{"join": strings.Join}
	pageT  = template.Must(template.New("page").Funcs(funcs).Parse(pageTmpl))
	indexT = template.Must(template.New("index").Funcs(funcs).Parse(indexTmpl))
)

func hashSource(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// Exporter writes NAME.html.
type Exporter struct{}

// New builds the exporter. The page has no settings yet; the run is
// accepted so the exporter fits the registry.
func New(*output.Run) (output.Exporter, error) { return &Exporter{}, nil }

// Path is where a document's page goes in dir.
func Path(dir string, doc *schema.Document) string { return filepath.Join(dir, doc.ID+".html") }

// Export writes the document's page atomically.
func (e *Exporter) Export(ctx context.Context, doc *schema.Document, dir string) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	path := Path(dir, doc)
	if err := atomicfile.Write(path, func(w io.Writer) error { return Write(w, doc) }); err != nil {
		return nil, fmt.Errorf("html: %s: %w", path, err)
	}
	return []string{path}, nil
}

// Write writes the review page of doc.
func Write(w io.Writer, doc *schema.Document) error {
	p, err := buildPage(doc)
	if err != nil {
		return err
	}
	return pageT.Execute(w, p)
}

// pageData is what the page template shows.
type pageData struct {
	Title    string
	Lang     string
	Meta     []string
	URL      string // the document's own URL, when it is http(s)
	Source   string
	CSP      string
	CSS      template.CSS
	JS       template.JS
	Data     template.JS
	Body     template.HTML
	Big      bool
	Counts   counts
	Events   []eventView
	Groups   []holderGroup
	Cites    []citeView
	Warnings []warnView
	Filters  filters
}

type counts struct {
	Events, Positions, Citations, Warnings, Boilerplate int
}

// Items is the number of highlighted items.
func (c counts) Items() int { return c.Events + c.Positions + c.Citations }

type eventView struct {
	Key, ID, DateText, Value, Type, Summary string
	Actors, People                          []string
	Inferred                                bool
	// sort keys: the date value and where the evidence starts
	when string
	at   int
}

type holderGroup struct {
	Holder, Kind string
	Items        []posView
}

type posView struct {
	Key, ID, Stance, Topic, Statement string
}

type citeView struct {
	Key, ID, Kind, Text, URL string
	// Link is true when URL is http(s) and may be an href.
	Link     bool
	Anchored bool
	Markers  int
}

type warnView struct {
	Stage, Code, Message, Evidence string
}

type filters struct {
	Types, Actors, Holders, Stances []string
}

// itemData is one item as the page script sees it: for tooltips (F, label
// and value pairs), ordering (S, E) and filtering (the rest).
type itemData struct {
	K      string      `json:"k"`
	Kind   string      `json:"kind"`
	Label  string      `json:"label"`
	S      int         `json:"s"`
	E      int         `json:"e"`
	F      [][2]string `json:"f"`
	Type   string      `json:"type,omitempty"`
	Actors []string    `json:"actors,omitempty"`
	Holder string      `json:"holder,omitempty"`
	Stance string      `json:"stance,omitempty"`
}

func buildPage(doc *schema.Document) (*pageData, error) {
	p := &pageData{
		Title:  doc.Metadata.Title,
		Lang:   doc.Metadata.Language,
		Source: doc.Source.Path,
		CSP:    pageCSP,
		CSS:    template.CSS(pageCSS),
		JS:     template.JS(pageJS),
		Big:    len(doc.Text) > 4*chunkBytes,
	}
	if p.Title == "" {
		p.Title = doc.ID
	}
	md := doc.Metadata
	if len(md.Authors) > 0 {
		p.Meta = append(p.Meta, strings.Join(md.Authors, ", "))
	}
	for _, s := range []string{md.Publisher, md.Container, md.Published} {
		if s != "" {
			p.Meta = append(p.Meta, s)
		}
	}
	if httpURL(md.URL) {
		p.URL = md.URL
	}
	p.Counts = counts{
		Events: len(doc.Events), Positions: len(doc.Positions), Citations: len(doc.Citations),
		Warnings: len(doc.Warnings), Boilerplate: len(doc.Boilerplate),
	}

	var items []itemData
	var pieces []piece
	order := 0
	add := func(key, kind string, ev schema.Evidence, role int) {
		pieces = append(pieces, piece{
			start: doc.ByteOffset(ev.Start), end: doc.ByteOffset(ev.End),
			key: key, kind: kind, role: role, order: order,
		})
		order++
	}
	for _, b := range doc.Boilerplate {
		add("", "", schema.Evidence{Start: b.Start, End: b.End}, roleBoiler)
	}
	for _, h := range doc.Markup.Headings {
		add("", fmt.Sprintf("h%d", clamp(h.Level, 1, 6)), schema.Evidence{Start: h.Start, End: h.End}, roleHeading)
	}

	types, actors, holders, stances := set{}, set{}, set{}, set{}
	for i, e := range doc.Events {
		key := fmt.Sprintf("e%d", i)
		add(key, "ev", e.Evidence, rolePrimary)
		value := e.Date.Value
		if e.Date.EndValue != "" {
			value += " – " + e.Date.EndValue
		}
		p.Events = append(p.Events, eventView{
			Key: key, ID: e.ID, DateText: e.Date.Text, Value: value, Type: e.Type,
			Summary: e.Summary, Actors: e.Actors, People: e.People, Inferred: e.Date.Inferred,
			when: e.Date.Value, at: e.Evidence.Start,
		})
		types.add(e.Type)
		actors.add(e.Actors...)
		actors.add(e.People...)
		f := [][2]string{{"Date", dateField(e.Date)}, {"Type", e.Type}}
		f = appendField(f, "Actors", strings.Join(e.Actors, ", "))
		f = appendField(f, "People", strings.Join(e.People, ", "))
		f = appendField(f, "Summary", e.Summary)
		f = appendField(f, "Rule", e.Rule)
		all := append(append([]string(nil), e.Actors...), e.People...)
		items = append(items, itemData{K: key, Kind: "event", Label: "Event " + e.ID, S: e.Evidence.Start, E: e.Evidence.End, F: f, Type: e.Type, Actors: all})
	}
	sort.SliceStable(p.Events, func(i, j int) bool {
		a, b := p.Events[i], p.Events[j]
		if (a.when == "") != (b.when == "") {
			return b.when == ""
		}
		if a.when != b.when {
			return a.when < b.when
		}
		return a.at < b.at
	})

	groups := map[string]*holderGroup{}
	for i, ps := range doc.Positions {
		key := fmt.Sprintf("p%d", i)
		add(key, "po", ps.Evidence, rolePrimary)
		g := groups[ps.Holder]
		if g == nil {
			g = &holderGroup{Holder: ps.Holder, Kind: ps.HolderKind}
			groups[ps.Holder] = g
		}
		g.Items = append(g.Items, posView{Key: key, ID: ps.ID, Stance: ps.Stance, Topic: ps.Topic, Statement: ps.Statement})
		holders.add(ps.Holder)
		stances.add(ps.Stance)
		holder := ps.Holder
		if ps.HolderKind != "" {
			holder += " (" + ps.HolderKind + ")"
		}
		f := [][2]string{{"Holder", holder}, {"Stance", ps.Stance}}
		f = appendField(f, "Topic", ps.Topic)
		f = appendField(f, "Statement", ps.Statement)
		f = appendField(f, "Rule", ps.Rule)
		items = append(items, itemData{K: key, Kind: "position", Label: "Position " + ps.ID, S: ps.Evidence.Start, E: ps.Evidence.End, F: f, Holder: ps.Holder, Stance: ps.Stance})
	}
	for _, g := range groups {
		p.Groups = append(p.Groups, *g)
	}
	// Main voices first, then by name.
	sort.Slice(p.Groups, func(i, j int) bool {
		a, b := p.Groups[i], p.Groups[j]
		if len(a.Items) != len(b.Items) {
			return len(a.Items) > len(b.Items)
		}
		return a.Holder < b.Holder
	})

	for i, c := range doc.Citations {
		key := fmt.Sprintf("c%d", i)
		add(key, "ci", c.Evidence, rolePrimary)
		for _, m := range c.Markers {
			add(key, "ci", m, roleMarker)
		}
		cv := citeView{Key: key, ID: c.ID, Kind: c.Kind, Text: formatCitation(c), URL: c.URL, Link: httpURL(c.URL), Anchored: c.Anchored, Markers: len(c.Markers)}
		p.Cites = append(p.Cites, cv)
		f := [][2]string{{"Note", c.ID + " (" + c.Kind + ")"}, {"Source", cv.Text}}
		f = appendField(f, "URL", c.URL)
		f = appendField(f, "Accessed", c.Accessed)
		items = append(items, itemData{K: key, Kind: "citation", Label: "Citation " + c.ID, S: c.Evidence.Start, E: c.Evidence.End, F: f})
	}

	for _, w := range doc.Warnings {
		wv := warnView{Stage: w.Stage, Code: w.Code, Message: w.Message}
		if w.Evidence != nil {
			wv.Evidence = w.Evidence.Text
		}
		p.Warnings = append(p.Warnings, wv)
	}
	p.Filters = filters{Types: types.sorted(), Actors: actors.sorted(), Holders: holders.sorted(), Stances: stances.sorted()}

	var body strings.Builder
	body.Grow(len(doc.Text) + len(doc.Text)/8 + 64*len(pieces))
	chunk := 0
	if p.Big {
		chunk = chunkBytes
	}
	if err := renderText(&body, doc.Text, pieces, chunk); err != nil {
		return nil, err
	}
	p.Body = template.HTML(body.String())

	// encoding/json escapes <, > and & (and U+2028/9) as \uXXXX, so no text
	// can close the <script> block the data sits in.
	var data bytes.Buffer
	if err := json.NewEncoder(&data).Encode(map[string]any{"items": items}); err != nil {
		return nil, fmt.Errorf("html: item data of %s: %w", doc.ID, err)
	}
	p.Data = template.JS(bytes.TrimSpace(data.Bytes()))
	return p, nil
}

func dateField(d schema.Date) string {
	s := d.Text
	if d.Value != "" {
		s += " → " + d.Value
		if d.EndValue != "" {
			s += " – " + d.EndValue
		}
	}
	if d.Inferred {
		s += " (inferred)"
	}
	return s
}

func appendField(f [][2]string, name, value string) [][2]string {
	if value == "" {
		return f
	}
	return append(f, [2]string{name, value})
}

// formatCitation renders a citation the way a bibliography would: authors,
// “title”, container, date. A note the parser could not break down is shown
// as written.
func formatCitation(c schema.Citation) string {
	var parts []string
	if len(c.Authors) > 0 {
		parts = append(parts, strings.TrimSuffix(strings.Join(c.Authors, ", "), ".")+".")
	}
	if c.Title != "" {
		parts = append(parts, "“"+strings.TrimSuffix(c.Title, ".")+".”")
	}
	tail := c.Container
	if c.Issued != "" {
		if tail != "" {
			tail += ", "
		}
		tail += c.Issued
	}
	if tail != "" {
		parts = append(parts, tail+".")
	}
	if c.Accessed != "" {
		parts = append(parts, "Accessed "+c.Accessed+".")
	}
	if len(parts) == 0 {
		return c.Evidence.Text
	}
	return strings.Join(parts, " ")
}

// httpURL reports whether s is an absolute http or https URL, the only kind
// the page makes into a link.
func httpURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return false
	}
	return u.Scheme == "http" || u.Scheme == "https"
}

type set map[string]bool

func (s set) add(vs ...string) {
	for _, v := range vs {
		if v != "" {
			s[v] = true
		}
	}
}

func (s set) sorted() []string {
	out := make([]string, 0, len(s))
	for v := range s {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}
