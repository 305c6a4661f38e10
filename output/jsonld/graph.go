package jsonld

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/schema"
)

// node is one JSON-LD node object. encoding/json writes map keys sorted, so
// a node always serialises the same way ("@id" and "@type" first).
type node map[string]any

// quoteContext is how many code points of text TextQuoteSelector's prefix
// and suffix carry: enough to find the quote again after the text moved.
const quoteContext = 32

// graph is one document's linked data: the nodes that belong to the
// document alone, and the nodes shared with other documents of a corpus
// (actors, topics, containers, the run and the software), which a corpus
// writes once.
type graph struct {
	own    []node
	shared []node
	// source is the @id of the input entity, which the run used.
	source string
}

// builder turns one document into a graph. It is used by one goroutine.
type builder struct {
	base   string
	doc    *schema.Document
	docIRI string
	runIRI string

	g graph
	// sharedIdx finds a shared node by @id, to merge what a second mention
	// adds (another alias, a role).
	sharedIdx map[string]node
	// kindOf is the actor kind of each canonical name the document knows.
	kindOf map[string]string
	// cites maps a citation id to the IRIs of the works it cites (or of the
	// note itself when it cites nothing).
	cites map[string][]string
	// used de-duplicates minted item IRIs (ids should be unique but a
	// document from another tool may repeat one).
	used map[string]bool
}

// runInfo is what the provenance nodes say about the run.
type runInfo struct {
	run   *output.Run
	ended time.Time
}

// runIRI identifies a run: its start time and configuration. Every file of
// one run names the same activity.
func runIRI(base string, run *output.Run) string {
	if run == nil || run.Started.IsZero() {
		return base + "run/unknown"
	}
	id := run.Started.UTC().Format("20060102T150405.000000000Z")
	if run.ConfigHash != "" {
		id += "-" + run.ConfigHash
	}
	return base + "run/" + url.PathEscape(id)
}

func softwareIRI(base string, run *output.Run) string {
	v := "unknown"
	if run != nil && run.Version != "" {
		v = run.Version
	}
	return base + "software/dossier/" + url.PathEscape(v)
}

// runNodes are the PROV-O activity of the run and the software that ran it.
func runNodes(base string, ri runInfo) []node {
	act := node{
		"@id":               runIRI(base, ri.run),
		"@type":             "Activity",
		"wasAssociatedWith": softwareIRI(base, ri.run),
		"endedAtTime":       ri.ended.UTC().Format(time.RFC3339Nano),
	}
	sw := node{
		"@id":   softwareIRI(base, ri.run),
		"@type": []string{"SoftwareAgent", "SoftwareApplication"},
		"name":  "dossier",
	}
	if ri.run != nil {
		if !ri.run.Started.IsZero() {
			act["startedAtTime"] = ri.run.Started.UTC().Format(time.RFC3339Nano)
		}
		if ri.run.ConfigHash != "" {
			act["configHash"] = ri.run.ConfigHash
		}
		if ri.run.Version != "" {
			sw["softwareVersion"] = ri.run.Version
		}
	}
	return []node{act, sw}
}

// DocumentIRI is the @id of a document's node under base.
func DocumentIRI(base, docID string) string { return base + "doc/" + url.PathEscape(docID) }

// ActorIRI is the @id of an actor (a state, organisation or person) under
// base. It depends on the canonical name alone, so the same actor gets the
// same node in every document and every run.
func ActorIRI(base, name string) string { return base + "actor/" + slug(name) }

// TopicIRI is the @id of a position topic under base.
func TopicIRI(base, topic string) string { return base + "topic/" + slug(topic) }

// workIRI is the @id of a container work (a book, a journal, a site).
func workIRI(base, title string) string { return base + "work/" + slug(title) }

// slug makes a stable IRI segment of a name: letters and digits lowercased,
// every other run of characters one hyphen, non-ASCII letters
// percent-encoded. "Russian Federation" and "russian-federation" meet; a
// name with no letter or digit falls back to a hash of the name.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		sum := sha256.Sum256([]byte(s))
		return "h" + hex.EncodeToString(sum[:6])
	}
	return url.PathEscape(b.String())
}

// sourceIRI names the input bytes by their hash (RFC 6920 "ni" URI), so the
// same file read twice is the same entity.
func sourceIRI(docIRI, sha string) string {
	raw, err := hex.DecodeString(sha)
	if err != nil || len(raw) != sha256.Size {
		return docIRI + "/source"
	}
	return "ni:///sha-256;" + base64.RawURLEncoding.EncodeToString(raw)
}

// build makes the graph of one document.
func build(base string, doc *schema.Document, ri runInfo) graph {
	b := &builder{
		base:      base,
		doc:       doc,
		docIRI:    DocumentIRI(base, doc.ID),
		runIRI:    runIRI(base, ri.run),
		sharedIdx: map[string]node{},
		kindOf:    map[string]string{},
		cites:     map[string][]string{},
		used:      map[string]bool{},
	}
	for _, n := range runNodes(base, ri) {
		b.addShared(n)
	}
	docNode := b.document()
	b.g.own = append(b.g.own, docNode)
	b.source(docNode)
	for _, a := range doc.Actors {
		b.actor(a)
	}
	b.docPeople(docNode)
	b.citations(docNode)
	for i := range doc.Events {
		b.event(i, &doc.Events[i])
	}
	for i := range doc.Positions {
		b.position(i, &doc.Positions[i])
	}
	return b.g
}

// addShared adds a shared node, or merges it into the one already there.
func (b *builder) addShared(n node) node {
	id := n["@id"].(string)
	if old, ok := b.sharedIdx[id]; ok {
		mergeNode(old, n)
		return old
	}
	b.sharedIdx[id] = n
	b.g.shared = append(b.g.shared, n)
	return n
}

// mergeNode adds to dst what src knows and dst does not: missing keys, and
// further values of list-valued keys (aliases, roles). The first @type
// stays: one node per actor, typed as it was first met.
func mergeNode(dst, src node) {
	for k, v := range src {
		old, ok := dst[k]
		if !ok {
			dst[k] = v
			continue
		}
		ol, ok1 := old.([]string)
		nl, ok2 := v.([]string)
		if ok1 && ok2 && k != "@type" {
			dst[k] = unionStrings(ol, nl)
		}
	}
}

func unionStrings(a, b []string) []string {
	seen := make(map[string]bool, len(a)+len(b))
	out := make([]string, 0, len(a)+len(b))
	for _, s := range append(append([]string{}, a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// itemIRI mints the @id of an item of the document, unique in it.
func (b *builder) itemIRI(kind, id string, index int) string {
	if id == "" {
		id = kind[:1] + strconv.Itoa(index+1)
	}
	iri := b.docIRI + "/" + kind + "/" + url.PathEscape(id)
	for n := 2; b.used[iri]; n++ {
		iri = b.docIRI + "/" + kind + "/" + url.PathEscape(id) + "-" + strconv.Itoa(n)
	}
	b.used[iri] = true
	return iri
}

// agentTypes maps dossier's actor kinds to schema.org classes.
var agentTypes = map[string]string{
	schema.ActorState:        "Country",
	schema.ActorOrganisation: "Organization",
	schema.ActorPerson:       "Person",
}

// agent returns the @id of the actor node for name, creating it with kind
// (the kind the document's actor list gives wins) when it is new.
func (b *builder) agent(name, kind string) string {
	name = strings.TrimSpace(name)
	if k, ok := b.kindOf[name]; ok {
		kind = k
	}
	typ, ok := agentTypes[kind]
	if !ok {
		typ = "Organization"
	}
	n := b.addShared(node{"@id": ActorIRI(b.base, name), "@type": typ, "name": name})
	return n["@id"].(string)
}

// actor adds one of the document's actors with everything known about it.
func (b *builder) actor(a schema.Actor) {
	if strings.TrimSpace(a.Name) == "" {
		return
	}
	b.kindOf[strings.TrimSpace(a.Name)] = a.Kind
	typ, ok := agentTypes[a.Kind]
	if !ok {
		typ = "Organization"
	}
	n := node{"@id": ActorIRI(b.base, a.Name), "@type": typ, "name": strings.TrimSpace(a.Name)}
	if aliases := without(a.Aliases, a.Name); len(aliases) > 0 {
		n["alternateName"] = aliases
	}
	if len(a.Roles) > 0 && a.Kind == schema.ActorPerson {
		n["jobTitle"] = append([]string{}, a.Roles...)
	}
	if a.Country != "" && a.Kind == schema.ActorPerson {
		n["nationality"] = b.agent(a.Country, schema.ActorState)
	}
	b.addShared(n)
}

func without(list []string, drop string) []string {
	var out []string
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" && s != drop {
			out = append(out, s)
		}
	}
	return out
}

// document is the node of the document itself. Its class follows what the
// metadata shows (see docType).
func (b *builder) document() node {
	m := b.doc.Metadata
	n := node{"@id": b.docIRI, "@type": docType(b.doc), "wasGeneratedBy": b.runIRI}
	n["name"] = m.Title
	if m.Title == "" {
		n["name"] = b.doc.ID
	}
	if m.Subtitle != "" {
		n["alternativeHeadline"] = m.Subtitle
	}
	if lit, ok := dateLiteral(m.Published); ok {
		n["datePublished"] = lit
	}
	if m.Language != "" {
		n["inLanguage"] = m.Language
	}
	if u, ok := absoluteURL(m.URL); ok {
		n["url"] = u
	}
	if m.Container != "" {
		n["isPartOf"] = b.container(m.Container)
	}
	return n
}

// docPeople links the document's authors and publisher, once the actor list
// is known (an author the text also names is the same node).
func (b *builder) docPeople(n node) {
	m := b.doc.Metadata
	if m.Publisher != "" {
		n["publisher"] = b.agent(m.Publisher, schema.ActorOrganisation)
	}
	var authors []string
	for _, a := range m.Authors {
		if strings.TrimSpace(a) == "" {
			continue
		}
		kind := schema.ActorPerson
		if a == m.Publisher {
			kind = schema.ActorOrganisation
		}
		authors = append(authors, b.agent(a, kind))
	}
	if len(authors) > 0 {
		n["author"] = authors
	}
}

// docType classes the document: a ScholarlyArticle when personal authors
// write inside a larger work (a chapter, a journal article); a Report when
// an institution publishes it (think-tank and agency papers, even with named
// authors); a ScholarlyArticle when personal authors cite sources with no
// publisher known; a CreativeWork otherwise.
func docType(doc *schema.Document) string {
	refs := 0
	for _, c := range doc.Citations {
		if c.Kind == schema.KindReference {
			refs++
		}
	}
	m := doc.Metadata
	personal := false
	for _, a := range m.Authors {
		if strings.TrimSpace(a) != "" && a != m.Publisher {
			personal = true
		}
	}
	switch {
	case personal && m.Container != "":
		return "ScholarlyArticle"
	case m.Publisher != "":
		return "Report"
	case personal && refs > 0:
		return "ScholarlyArticle"
	}
	return "CreativeWork"
}

// container is the shared node of a larger work (a book, a journal).
func (b *builder) container(title string) string {
	n := b.addShared(node{"@id": workIRI(b.base, title), "@type": "CreativeWork", "name": title})
	return n["@id"].(string)
}

// source adds the input file as a PROV entity the document derives from and
// the run used.
func (b *builder) source(docNode node) {
	s := b.doc.Source
	iri := sourceIRI(b.docIRI, s.SHA256)
	n := node{"@id": iri, "@type": "Entity"}
	if s.SHA256 != "" {
		n["sha256"] = s.SHA256
	}
	if s.Path != "" {
		n["name"] = filepath.Base(s.Path)
	}
	if s.MediaType != "" {
		n["encodingFormat"] = s.MediaType
	}
	b.g.own = append(b.g.own, n)
	b.g.source = iri
	docNode["wasDerivedFrom"] = iri
}

// dateLiteral is the typed literal of a date's start, for datePublished.
func dateLiteral(v string) (literal, bool) {
	iv, ok := parseInterval(strings.TrimSpace(v))
	return iv.Lo, ok
}

// absoluteURL accepts only absolute http(s)/ftp/urn-like IRIs: a relative
// or malformed URL would be resolved against the file's location by a
// JSON-LD processor and come out as something the source never said.
func absoluteURL(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, " \t\n<>\"{}|\\^`") {
		return "", false
	}
	if strings.HasPrefix(strings.ToLower(s), "www.") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || (u.Host == "" && u.Opaque == "") {
		return "", false
	}
	return s, true
}

// event adds an event as a schema:Event.
func (b *builder) event(i int, e *schema.Event) {
	iri := b.itemIRI("event", e.ID, i)
	n := node{"@id": iri, "@type": "Event", "subjectOf": b.docIRI}
	n["name"] = firstNonEmpty(e.Summary, e.Evidence.Text, e.Trigger, e.Type)
	n["additionalType"] = eventTypeIRI(e.Type)
	addDates(n, e.Date)
	var about []string
	for _, a := range e.Actors {
		if strings.TrimSpace(a) != "" {
			about = append(about, b.agent(a, schema.ActorOrganisation))
		}
	}
	for _, p := range e.People {
		if strings.TrimSpace(p) != "" {
			about = append(about, b.agent(p, schema.ActorPerson))
		}
	}
	if len(about) > 0 {
		n["about"] = unionStrings(nil, about)
	}
	if c := b.cited(e.Notes); len(c) > 0 {
		n["citation"] = c
	}
	b.g.own = append(b.g.own, n)
	b.annotate(iri, []string{iri}, e.Evidence)
}

// addDates writes startDate/endDate typed by what the value gives, the
// precision, and the TIMEX3 value as written (ISO 8601 "a/b" for ranges).
func addDates(n node, d schema.Date) {
	if d.Value == "" {
		return
	}
	n["timexValue"] = d.Value
	if d.EndValue != "" {
		n["timexValue"] = d.Value + "/" + d.EndValue
	}
	if iv, ok := parseInterval(d.Value); ok {
		n["startDate"] = iv.Lo
		if iv.Hi != iv.Lo {
			n["endDate"] = iv.Hi
		}
	}
	if d.EndValue != "" {
		if iv, ok := parseInterval(d.EndValue); ok {
			n["endDate"] = iv.Hi
		}
	}
	if p := precisionIRI(d.Precision); p != "" {
		n["precision"] = p
	}
	if d.Inferred {
		n["dateInferred"] = true
	}
}

// position adds a position as a schema:Claim.
func (b *builder) position(i int, p *schema.Position) {
	iri := b.itemIRI("position", p.ID, i)
	n := node{"@id": iri, "@type": "Claim", "appearance": b.docIRI, "stance": stanceIRI(p.Stance)}
	n["text"] = firstNonEmpty(p.Statement, p.Evidence.Text)
	if h := b.holder(p); len(h) > 0 {
		n["author"] = h
	}
	if t := strings.TrimSpace(p.Topic); t != "" {
		tn := b.addShared(node{"@id": TopicIRI(b.base, t), "@type": "DefinedTerm", "name": t})
		n["about"] = tn["@id"]
	}
	if c := b.cited(p.Notes); len(c) > 0 {
		n["citation"] = c
	}
	b.g.own = append(b.g.own, n)
	b.annotate(iri, []string{iri}, p.Evidence)
}

// holder is the claim's author: the named actor, or for the document's
// author without a name, its authors (or publisher).
func (b *builder) holder(p *schema.Position) []string {
	m := b.doc.Metadata
	name := strings.TrimSpace(p.Holder)
	if name == "" {
		if ids, ok := b.docAgents(); ok {
			return ids
		}
		return nil
	}
	kind := p.HolderKind
	if _, known := agentTypes[kind]; !known {
		kind = schema.ActorPerson
		if name == m.Publisher {
			kind = schema.ActorOrganisation
		}
	}
	return []string{b.agent(name, kind)}
}

// docAgents are the document's authors, or its publisher.
func (b *builder) docAgents() ([]string, bool) {
	m := b.doc.Metadata
	var ids []string
	for _, a := range m.Authors {
		if strings.TrimSpace(a) != "" {
			ids = append(ids, ActorIRI(b.base, a))
		}
	}
	if len(ids) == 0 && m.Publisher != "" {
		ids = append(ids, ActorIRI(b.base, m.Publisher))
	}
	return ids, len(ids) > 0
}

// cited resolves note ids to the IRIs of what they cite; ids the document
// has no citation for are left out.
func (b *builder) cited(notes []string) []string {
	var out []string
	for _, id := range notes {
		out = append(out, b.cites[id]...)
	}
	return unionStrings(nil, out)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// citations adds each citation: the works it cites (typed by their CSL
// type), or, for a note that cites nothing, a schema:Comment with its text.
func (b *builder) citations(docNode node) {
	var works, comments []string
	for i := range b.doc.Citations {
		c := &b.doc.Citations[i]
		iri := b.itemIRI("citation", c.ID, i)
		items := citedItems(c)
		var ids []string
		if len(items) == 0 {
			n := node{"@id": iri, "@type": "Comment", "text": firstNonEmpty(c.Evidence.Text, c.ID)}
			b.g.own = append(b.g.own, n)
			comments = append(comments, iri)
			ids = []string{iri}
		} else {
			for j, it := range items {
				wid := iri
				if j > 0 {
					wid = iri + "/" + strconv.Itoa(j+1)
				}
				b.g.own = append(b.g.own, b.work(wid, it))
				ids = append(ids, wid)
			}
			works = append(works, ids...)
		}
		if c.ID != "" {
			if _, dup := b.cites[c.ID]; !dup {
				b.cites[c.ID] = ids
			}
		}
		b.annotate(iri, ids, c.Evidence)
	}
	if len(works) > 0 {
		docNode["citation"] = works
	}
	if len(comments) > 0 {
		docNode["comment"] = comments
	}
}

// citedItems are the CSL items of a citation; a citation parsed without
// CSL but with bibliographic fields becomes one item made of them.
func citedItems(c *schema.Citation) []schema.CSLItem {
	var items []schema.CSLItem
	if c.CSL != nil {
		it := *c.CSL
		// Fill what the CSL left out from the flat fields.
		if it.Title == "" {
			it.Title = c.Title
		}
		if it.ContainerTitle == "" {
			it.ContainerTitle = c.Container
		}
		if it.URL == "" {
			it.URL = c.URL
		}
		if it.Issued == nil && c.Issued != "" {
			it.Issued = &schema.CSLDate{Raw: c.Issued}
		}
		if len(it.Author) == 0 {
			for _, a := range c.Authors {
				it.Author = append(it.Author, schema.CSLName{Literal: a})
			}
		}
		items = append(items, it)
	} else if c.Title != "" || c.URL != "" || len(c.Authors) > 0 {
		it := schema.CSLItem{Title: c.Title, ContainerTitle: c.Container, URL: c.URL}
		if c.URL != "" && c.Title == "" && c.Container == "" {
			it.Type = "webpage"
		}
		for _, a := range c.Authors {
			it.Author = append(it.Author, schema.CSLName{Literal: a})
		}
		if c.Issued != "" {
			it.Issued = &schema.CSLDate{Raw: c.Issued}
		}
		items = append(items, it)
	}
	return append(items, c.More...)
}

// cslTypes maps CSL item types to schema.org classes; others are
// CreativeWork.
var cslTypes = map[string]string{
	"article":            "Article",
	"article-journal":    "ScholarlyArticle",
	"article-magazine":   "Article",
	"article-newspaper":  "NewsArticle",
	"bill":               "Legislation",
	"book":               "Book",
	"chapter":            "Chapter",
	"dataset":            "Dataset",
	"legislation":        "Legislation",
	"paper-conference":   "ScholarlyArticle",
	"post":               "WebPage",
	"post-weblog":        "BlogPosting",
	"report":             "Report",
	"thesis":             "Thesis",
	"treaty":             "Legislation",
	"webpage":            "WebPage",
	"entry-encyclopedia": "Article",
}

// work is the node of one cited work.
func (b *builder) work(iri string, it schema.CSLItem) node {
	typ, ok := cslTypes[it.Type]
	if !ok {
		typ = "CreativeWork"
	}
	n := node{"@id": iri, "@type": typ, "name": firstNonEmpty(it.Title, it.ContainerTitle, it.URL, it.Note)}
	if n["name"] == "" {
		delete(n, "name")
	}
	var authors []string
	for _, a := range it.Author {
		if id := b.cslAgent(a); id != "" {
			authors = append(authors, id)
		}
	}
	if len(authors) > 0 {
		n["author"] = unionStrings(nil, authors)
	}
	if lit, ok := dateLiteral(cslDateValue(it.Issued)); ok {
		n["datePublished"] = lit
	}
	if u, ok := absoluteURL(it.URL); ok {
		n["url"] = u
	}
	if it.Publisher != "" {
		n["publisher"] = b.agent(it.Publisher, schema.ActorOrganisation)
	}
	if it.ContainerTitle != "" && it.ContainerTitle != it.Title {
		n["isPartOf"] = b.container(it.ContainerTitle)
	}
	if doi := strings.TrimSpace(it.DOI); doi != "" {
		if u, ok := absoluteURL("https://doi.org/" + doi); ok {
			n["sameAs"] = u
		}
	}
	if it.ISBN != "" {
		n["isbn"] = it.ISBN
	}
	if it.Language != "" {
		n["inLanguage"] = it.Language
	}
	return n
}

// notAName are author-list fillers a reference parser may hand over as a
// name; they are no one, so they get no node.
var notAName = map[string]bool{"et al.": true, "et al": true, "and others": true, "others": true}

// cslAgent is the actor node of a CSL name: an organisation for a literal,
// a person with given and family name otherwise.
func (b *builder) cslAgent(a schema.CSLName) string {
	name := strings.TrimSpace(a.Display())
	if name == "" || notAName[strings.ToLower(name)] {
		return ""
	}
	if a.Literal != "" {
		kind := schema.ActorOrganisation
		if k, ok := b.kindOf[name]; ok {
			kind = k
		}
		return b.agent(name, kind)
	}
	id := b.agent(name, schema.ActorPerson)
	if n := b.sharedIdx[id]; n["@type"] == "Person" {
		if a.Family != "" {
			mergeNode(n, node{"familyName": strings.TrimSpace(strings.TrimSpace(a.Particle + " " + a.Family))})
		}
		if a.Given != "" {
			mergeNode(n, node{"givenName": a.Given})
		}
	}
	return id
}

// cslDateValue renders a CSL date as ISO 8601 at its precision.
func cslDateValue(d *schema.CSLDate) string {
	if d == nil {
		return ""
	}
	if len(d.DateParts) > 0 && len(d.DateParts[0]) > 0 {
		p := d.DateParts[0]
		s := fmt.Sprintf("%04d", p[0])
		for _, x := range p[1:min(len(p), 3)] {
			s += fmt.Sprintf("-%02d", x)
		}
		return s
	}
	return d.Raw
}

// annotate adds the Web Annotation that grounds an item in the text: its
// body is the item, its target the stretch of the document the evidence
// points at, by quote (with 32 code points either side) and by position.
// Evidence with no usable span gets no annotation.
func (b *builder) annotate(itemIRI string, body []string, ev schema.Evidence) {
	start, end, ok := locate(b.doc, ev)
	if !ok {
		return
	}
	quote := node{"@type": "TextQuoteSelector", "exact": b.doc.Slice(schema.Span{Start: start, End: end})}
	if p := b.doc.Slice(schema.Span{Start: max(0, start-quoteContext), End: start}); p != "" {
		quote["prefix"] = p
	}
	if s := b.doc.Slice(schema.Span{Start: end, End: min(b.doc.RuneLen(), end+quoteContext)}); s != "" {
		quote["suffix"] = s
	}
	b.g.own = append(b.g.own, node{
		"@id":        itemIRI + "/annotation",
		"@type":      "Annotation",
		"motivation": "oa:identifying",
		"body":       body,
		"target": node{
			"@type":  "SpecificResource",
			"source": b.docIRI,
			"selector": []node{
				quote,
				{"@type": "TextPositionSelector", "start": start, "end": end},
			},
		},
	})
}

// locate finds the evidence's code-point span in the text: its offsets when
// they lie in the text, else the first place its text occurs.
func locate(doc *schema.Document, ev schema.Evidence) (int, int, bool) {
	n := doc.RuneLen()
	if ev.Start >= 0 && ev.Start < ev.End && ev.End <= n {
		return ev.Start, ev.End, true
	}
	if ev.Text == "" {
		return 0, 0, false
	}
	i := strings.Index(doc.Text, ev.Text)
	if i < 0 {
		return 0, 0, false
	}
	s := doc.RuneOffset(i)
	return s, doc.RuneOffset(i + len(ev.Text)), true
}
