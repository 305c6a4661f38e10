package pdf

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/schema"
)

// entry is one row of a chronology and one mark on a timeline: an event
// of a document, read for display.
type entry struct {
	date    schema.Date
	display string
	typ     string
	summary string
	actors  string
	notes   []string
	// ref names the document in a corpus digest ("D2"); empty otherwise.
	ref     string
	t, tEnd float64
	dated   bool
	// link is the fpdf link to the entry's chronology row.
	link int
	// order keeps document order among equal dates.
	order int
}

// eventEntries reads a document's events in chronological order; undated
// events (no calendar value) follow in document order.
func eventEntries(doc *schema.Document, ref string, base int) []entry {
	out := make([]entry, 0, len(doc.Events))
	for i, ev := range doc.Events {
		e := entry{date: ev.Date, display: DisplayDate(ev.Date), typ: ev.Type, notes: ev.Notes,
			ref: ref, order: base + i}
		e.summary = strings.Join(strings.Fields(ev.Summary), " ")
		if e.summary == "" {
			e.summary = firstRunes(ev.Evidence.Text, 160)
		}
		if e.summary == "" {
			e.summary = "(no summary)"
		}
		who := append([]string(nil), ev.Actors...)
		who = append(who, ev.People...)
		e.actors = strings.Join(dedupe(who), ", ")
		e.t, e.tEnd, e.dated = datePlace(ev.Date)
		if ev.Evidence.Start > 0 {
			e.order = base + ev.Evidence.Start
		}
		out = append(out, e)
	}
	sortEntries(out)
	return out
}

func sortEntries(es []entry) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.dated != b.dated {
			return a.dated
		}
		if a.dated && a.t != b.t {
			return a.t < b.t
		}
		return a.order < b.order
	})
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// dateSpan describes the dates the entries cover: "1905 – March 2015".
func dateSpan(es []entry) (text string, years float64, n int) {
	first, last := -1, -1
	for i, e := range es {
		if !e.dated {
			continue
		}
		n++
		if first < 0 {
			first = i
		}
		if last < 0 || e.tEnd > es[last].tEnd {
			last = i
		}
	}
	if first < 0 {
		return "", 0, 0
	}
	a := es[first]
	b := es[last]
	startW, _ := parseWhen(a.date.Value)
	endV := b.date.Value
	if b.date.EndValue != "" {
		endV = b.date.EndValue
	}
	endW, ok := parseWhen(endV)
	if !ok {
		endW, _ = parseWhen(b.date.Value)
	}
	if startW.String() == endW.String() {
		return startW.String(), 0, n
	}
	return startW.String() + " \u2013 " + endW.String(), b.tEnd - a.t, n
}

// holderLine is one key point: a holder and its positions, most frequent
// stance and topic first.
type holderLine struct {
	Holder string
	Count  int
	// Pairs are "stance: topic" phrases in order of frequency.
	Pairs []stanceTopic
}

type stanceTopic struct {
	Stance, Topic string
	N             int
	first         int
}

// keyPositions groups positions by holder: holders with most positions
// first, then in order of first appearance.
func keyPositions(ps []schema.Position) []holderLine {
	type acc struct {
		line  holderLine
		first int
		pairs map[string]*stanceTopic
	}
	byHolder := map[string]*acc{}
	var order []*acc
	for i, p := range ps {
		h := holderName(p)
		a := byHolder[h]
		if a == nil {
			a = &acc{line: holderLine{Holder: h}, first: i, pairs: map[string]*stanceTopic{}}
			byHolder[h] = a
			order = append(order, a)
		}
		a.line.Count++
		stance := strings.ToLower(strings.TrimSpace(p.Stance))
		if stance == "" {
			stance = schema.StanceOther
		}
		topic := strings.Join(strings.Fields(p.Topic), " ")
		k := stance + "\x00" + topic
		st := a.pairs[k]
		if st == nil {
			st = &stanceTopic{Stance: stance, Topic: topic, first: i}
			a.pairs[k] = st
		}
		st.N++
	}
	out := make([]holderLine, 0, len(order))
	sort.SliceStable(order, func(i, j int) bool { return order[i].line.Count > order[j].line.Count })
	for _, a := range order {
		for _, st := range a.pairs {
			a.line.Pairs = append(a.line.Pairs, *st)
		}
		sort.Slice(a.line.Pairs, func(i, j int) bool {
			x, y := a.line.Pairs[i], a.line.Pairs[j]
			if x.N != y.N {
				return x.N > y.N
			}
			return x.first < y.first
		})
		out = append(out, a.line)
	}
	return out
}

// docRender is one briefing being drawn.
type docRender struct {
	*canvas
	doc     *schema.Document
	entries []entry
	// noteLinks maps citation ids to their link in Sources.
	noteLinks map[string]int
	// holderLinks maps holders to their place in Positions.
	holderLinks map[string]int
	secLinks    map[string]int
	// allWarnings are the rendering's own warnings, complete once the
	// warnings section is drawn.
	allWarnings []string
}

// Aliases fpdf replaces in the finished pages: values known only at the
// end (section pages, the warning count) are printed through them. Their
// digits are always in the font subset, because every page's footer
// prints its own number.
const aliasWarnCount = "{nw}"

func sectionAlias(id string) string { return "{s:" + id + "}" }

// Sections in order: id and heading.
var sectionOrder = [][2]string{
	{"timeline", "Timeline"},
	{"chronology", "Chronology"},
	{"positions", "Positions"},
	{"sources", "Sources"},
	{"warnings", "Warnings for the editor"},
}

// Render writes the briefing for doc to w. Whatever the document holds,
// it returns an error rather than panicking (fpdf panics on some input).
func Render(w io.Writer, doc *schema.Document, opt Options) (res Result, err error) {
	defer func() {
		if x := recover(); x != nil {
			res, err = Result{}, fmt.Errorf("pdf %s: rendering failed: %v", doc.ID, x)
		}
	}()
	st, err := loadStyle()
	if err != nil {
		return Result{}, err
	}
	r, err := render(doc, opt, st)
	if err != nil {
		return Result{}, err
	}
	pages, err := r.finish(w, docTitle(doc), strings.Join(doc.Metadata.Authors, "; "),
		"Briefing: chronology, positions and sources of "+docTitle(doc),
		"dossier "+versionOr(opt.Version), opt.Created)
	if err != nil {
		return Result{}, fmt.Errorf("pdf %s: %w", doc.ID, err)
	}
	return Result{Pages: pages, Warnings: r.allWarnings}, nil
}

func versionOr(v string) string {
	if v == "" {
		return "devel"
	}
	return v
}

// docTitle is the document's title, or its file name.
func docTitle(doc *schema.Document) string {
	if t := strings.Join(strings.Fields(doc.Metadata.Title), " "); t != "" {
		return t
	}
	if doc.ID != "" {
		return doc.ID
	}
	if doc.Source.Path != "" {
		return filepath.Base(doc.Source.Path)
	}
	return "Untitled document"
}

func render(doc *schema.Document, opt Options, st *style) (r *docRender, err error) {
	defer func() {
		// fpdf panics on some inputs it should reject; a briefing must
		// fail with an error, never take the run down.
		if x := recover(); x != nil {
			r, err = nil, fmt.Errorf("pdf %s: rendering failed: %v", doc.ID, x)
		}
	}()
	c, err := newCanvas(opt, st, docTitle(doc), versionOr(opt.Version))
	if err != nil {
		return nil, err
	}
	r = &docRender{canvas: c, doc: doc, noteLinks: map[string]int{}, holderLinks: map[string]int{},
		secLinks: map[string]int{}}
	p := c.pdf
	for _, s := range sectionOrder {
		r.secLinks[s[0]] = p.AddLink()
	}
	for _, cit := range doc.Citations {
		if _, dup := r.noteLinks[cit.ID]; !dup && cit.ID != "" {
			r.noteLinks[cit.ID] = p.AddLink()
		}
	}
	r.entries = eventEntries(doc, "", 0)
	for i := range r.entries {
		r.entries[i].link = p.AddLink()
		for _, n := range r.entries[i].notes {
			if _, ok := r.noteLinks[n]; !ok {
				r.warn("an event dated %s cites note %s, which is not among the sources", r.entries[i].display, n)
			}
		}
	}
	for _, pos := range doc.Positions {
		for _, n := range pos.Notes {
			if _, ok := r.noteLinks[n]; !ok {
				r.warn("a position of %s cites note %s, which is not among the sources", pos.Holder, n)
			}
		}
	}
	for _, hl := range keyPositions(doc.Positions) {
		r.holderLinks[hl.Holder] = p.AddLink()
	}
	p.AddPage()
	r.cover(opt)
	c.section("timeline", "Timeline", r.secLinks["timeline"])
	drawTimeline(c, r.entries, false)
	c.section("chronology", "Chronology", r.secLinks["chronology"])
	drawChronology(c, r.entries, r.noteLinks, false)
	c.section("positions", "Positions", r.secLinks["positions"])
	r.positions()
	c.section("sources", "Sources", r.secLinks["sources"])
	r.sources()
	r.warningsSection()
	for id, page := range c.sections {
		p.RegisterAlias(sectionAlias(id), strconv.Itoa(page))
	}
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("pdf %s: %w", doc.ID, err)
	}
	return r, nil
}

// cover draws page 1: the document's description, key points, contents.
func (r *docRender) cover(opt Options) {
	c, p, md := r.canvas, r.pdf, r.doc.Metadata
	p.Bookmark("Summary", 0, marginTop)
	titleW := c.contentW
	if len(opt.Logo) > 0 {
		p.RegisterImageOptionsReader("logo", fpdfImage(opt.LogoType), bytes.NewReader(opt.Logo))
		if err := p.Error(); err != nil {
			// A logo fpdf cannot read (interlaced PNG with alpha, CMYK
			// JPEG, …) costs the logo, not the briefing.
			c.warn("logo left out: %v", err)
			p.ClearError()
		} else {
			p.ImageOptions("logo", c.right-32, 12, 32, 0, false, fpdfImage(opt.LogoType), 0, "")
			titleW -= 36
		}
	}
	y := marginTop
	c.font("B", 8)
	c.color(colGrey)
	c.textLine(c.left, y, 4, "BRIEFING")
	y += 6
	c.font("B", 19)
	c.color(colInk)
	for _, l := range c.wrap(c.z.clean(docTitle(r.doc)), titleW, 4) {
		c.textLine(c.left, y, 8, l)
		y += 8
	}
	if md.Subtitle != "" {
		c.font("I", 12.5)
		c.color([3]int{66, 66, 66})
		for _, l := range c.wrap(c.z.clean(md.Subtitle), titleW, 3) {
			c.textLine(c.left, y, 6, l)
			y += 6
		}
	}
	y += 2
	p.SetDrawColor(colRule[0], colRule[1], colRule[2])
	p.SetLineWidth(0.4)
	p.Line(c.left, y, c.right, y)
	y += 3
	// Bibliographic facts.
	source := r.doc.Source.Path
	if source != "" {
		source = filepath.Base(source)
	}
	if r.doc.Source.MediaType != "" && source != "" {
		source += " (" + r.doc.Source.MediaType + ")"
	}
	date := ""
	if md.Published != "" {
		date = DisplayDate(schema.Date{Value: md.Published, Text: md.Published})
	}
	authorLabel := "Author"
	if len(md.Authors) > 1 {
		authorLabel = "Authors"
	}
	facts := [][3]string{
		{authorLabel, strings.Join(md.Authors, ", "), ""},
		{"Publisher", md.Publisher, ""},
		{"Published in", md.Container, ""},
		{"Date", date, ""},
		{"Source", source, ""},
	}
	if md.URL != "" {
		facts = append(facts, [3]string{"Online", md.URL, md.URL})
	}
	for _, f := range facts {
		if f[0] == "Published in" && f[1] == "" {
			continue
		}
		c.font("B", bodySize)
		c.color(colGrey)
		c.textLine(c.left, y, bodyLH+0.4, f[0])
		val := c.z.clean(strings.Join(strings.Fields(f[1]), " "))
		style := ""
		if val == "" {
			val, style = "not given", "I"
		}
		c.font(style, bodySize)
		c.color(colInk)
		if f[2] != "" {
			c.color(colLink)
		}
		lines := c.wrap(val, c.contentW-28, 2)
		for _, l := range lines {
			c.textLine(c.left+28, y, bodyLH+0.4, l)
			if f[2] != "" {
				p.LinkString(c.left+28, y, c.width(l), bodyLH, linkURL(f[2]))
			}
			y += bodyLH + 0.4
		}
	}
	c.color(colInk)
	y += 5
	y = r.keyPoints(y)
	y += 7
	r.contents(y)
}

// keyPoints draws the "Key points" box at y and returns its bottom.
func (r *docRender) keyPoints(y float64) float64 {
	c, p := r.canvas, r.pdf
	span, years, nDated := dateSpan(r.entries)
	holders := keyPositions(r.doc.Positions)
	const maxHolders = 12
	shown := holders
	if len(shown) > maxHolders {
		shown = shown[:maxHolders]
	}
	lh := bodyLH + 0.6
	lines := 2 + len(shown)
	if len(shown) == 0 {
		lines++
	}
	if len(holders) > len(shown) {
		lines++
	}
	h := 9 + float64(lines)*lh + 4
	p.SetFillColor(colBoxBG[0], colBoxBG[1], colBoxBG[2])
	p.SetDrawColor(colRule[0], colRule[1], colRule[2])
	p.SetLineWidth(0.3)
	p.RoundedRect(c.left, y, c.contentW, h, 2.5, "1234", "FD")
	x := c.left + 5
	w := c.contentW - 10
	yy := y + 3
	c.font("B", 12)
	c.textLine(x, yy, 6, "Key points")
	yy += 7.5
	// The span of dates.
	c.font("B", bodySize)
	c.textLine(x, yy, lh, "Dates covered")
	c.font("", bodySize)
	var txt string
	switch {
	case nDated == 0:
		txt = "no dated events were found"
	case years >= 1:
		txt = fmt.Sprintf("%s (%d years; %d dated event%s)", span, int(years+0.5), nDated, plural(nDated))
	default:
		txt = fmt.Sprintf("%s (%d dated event%s)", span, nDated, plural(nDated))
	}
	c.textLine(x+32, yy, lh, c.fit(c.z.clean(txt), w-32))
	yy += lh
	c.font("B", bodySize)
	c.textLine(x, yy, lh, "Extracted")
	c.font("", bodySize)
	counts := fmt.Sprintf("%d event%s, %d position%s, %d note%s; warnings to check: %s",
		len(r.doc.Events), plural(len(r.doc.Events)), len(r.doc.Positions), plural(len(r.doc.Positions)),
		len(r.doc.Citations), plural(len(r.doc.Citations)), aliasWarnCount)
	c.textLine(x+32, yy, lh, c.fit(counts, w-32))
	yy += lh
	if len(shown) == 0 {
		c.font("I", bodySize)
		c.textLine(x, yy, lh, "No positions were extracted.")
		yy += lh
	}
	for _, hl := range shown {
		m := c.st.stanceMark(hl.Pairs[0].Stance)
		c.shape(m.Shape, m.rgb, x+1.4, yy+lh/2, 2.6)
		c.font("B", bodySize)
		c.color(colInk)
		holder := c.fit(c.z.clean(hl.Holder), 45)
		c.textLine(x+4.5, yy, lh, holder)
		hx := x + 4.5 + c.width(holder) + 2
		c.font("", bodySize)
		line := c.fit(c.z.clean(keyLine(c.st, hl)), c.left+5+w-hx)
		c.textLine(hx, yy, lh, line)
		if l, ok := r.holderLinks[hl.Holder]; ok {
			p.Link(x, yy, w, lh, l)
		}
		yy += lh
	}
	if len(holders) > len(shown) {
		c.font("I", bodySize)
		c.textLine(x+4.5, yy, lh, fmt.Sprintf("and %d more holders (see Positions)", len(holders)-len(shown)))
		p.Link(x, yy, w, lh, r.secLinks["positions"])
		yy += lh
	}
	c.font("", bodySize)
	return y + h
}

// contents lists the sections with links and their pages.
func (r *docRender) contents(y float64) {
	c, p := r.canvas, r.pdf
	c.font("B", 11)
	c.textLine(c.left, y, 6, "In this briefing")
	y += 7
	c.font("", bodySize)
	for _, s := range sectionOrder {
		c.color(colLink)
		c.textLine(c.left+2, y, bodyLH+0.6, s[1])
		c.color(colGrey)
		c.textLine(c.left+70, y, bodyLH+0.6, sectionAlias(s[0]))
		p.Link(c.left, y, 90, bodyLH+0.6, r.secLinks[s[0]])
		y += bodyLH + 0.6
	}
	c.color(colInk)
}

// positions draws the positions grouped by holder.
func (r *docRender) positions() {
	c, p := r.canvas, r.pdf
	if len(r.doc.Positions) == 0 {
		c.font("I", bodySize)
		c.textLine(c.left, p.GetY(), bodyLH, "No positions were extracted from this document.")
		p.SetY(p.GetY() + bodyLH)
		return
	}
	var present []*mark
	seen := map[*mark]bool{}
	for _, name := range c.st.stanceOrder {
		m := c.st.Stances[name]
		for _, pos := range r.doc.Positions {
			if c.st.stanceMark(pos.Stance) == m && !seen[m] {
				seen[m] = true
				present = append(present, m)
			}
		}
	}
	c.legend("Stance:", present)
	p.SetY(p.GetY() + 2)
	byHolder := map[string][]schema.Position{}
	for _, pos := range r.doc.Positions {
		h := holderName(pos)
		byHolder[h] = append(byHolder[h], pos)
	}
	for _, hl := range keyPositions(r.doc.Positions) {
		ps := byHolder[hl.Holder]
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Evidence.Start < ps[j].Evidence.Start })
		// Keep the holder heading with its first position.
		first := r.positionBlock(ps[0])
		c.ensure(9 + first.height() + 6)
		y := p.GetY()
		p.SetLink(r.holderLinks[hl.Holder], y, p.PageNo())
		p.Bookmark(infoText(hl.Holder), 1, y)
		c.font("B", 11.5)
		c.color(colInk)
		name := c.z.clean(hl.Holder)
		c.textLine(c.left, y, 6, name)
		c.font("", smallSize)
		c.color(colGrey)
		kind := ps[0].HolderKind
		extra := fmt.Sprintf("%d position%s", len(ps), plural(len(ps)))
		if kind != "" {
			extra = kind + " \u00b7 " + extra
		}
		c.font("B", 11.5)
		nw := c.width(name)
		c.font("", smallSize)
		c.textLine(c.left+nw+3, y+0.6, 6, c.z.clean(extra))
		c.color(colInk)
		p.SetDrawColor(colRule[0], colRule[1], colRule[2])
		p.SetLineWidth(0.2)
		p.Line(c.left, y+6.5, c.right, y+6.5)
		p.SetY(y + 8.5)
		for _, pos := range ps {
			r.drawPosition(pos)
		}
		p.SetY(p.GetY() + 3)
	}
}

// posBlock is a laid-out position: heading line and quoted statement.
type posBlock struct {
	head  string
	topic string
	quote para
}

func (b posBlock) height() float64 { return bodyLH + b.quote.height() + 2.5 }

const posIndent = 7.0

func (r *docRender) positionBlock(pos schema.Position) posBlock {
	c := r.canvas
	stmt := strings.Join(strings.Fields(pos.Statement), " ")
	if stmt == "" {
		stmt = strings.Join(strings.Fields(pos.Evidence.Text), " ")
	}
	// Quotes inside the quotation become single quotes.
	stmt = strings.NewReplacer("\u201c", "\u2018", "\u201d", "\u2019", "\"", "'").Replace(stmt)
	q := c.layoutPara("\u201c"+stmt+"\u201d", c.contentW-posIndent, pos.Notes, "I", bodySize, bodyLH, 20)
	topic := strings.Join(strings.Fields(pos.Topic), " ")
	return posBlock{head: c.st.stanceMark(pos.Stance).Label, topic: topic, quote: q}
}

func (r *docRender) drawPosition(pos schema.Position) {
	c, p := r.canvas, r.pdf
	b := r.positionBlock(pos)
	c.ensure(b.height())
	y := p.GetY()
	m := c.st.stanceMark(pos.Stance)
	c.shape(m.Shape, m.rgb, c.left+2, y+bodyLH/2, 3)
	c.font("B", bodySize)
	p.SetTextColor(m.rgb[0], m.rgb[1], m.rgb[2])
	head := c.z.clean(b.head)
	c.textLine(c.left+posIndent, y, bodyLH, head)
	x := c.left + posIndent + c.width(head)
	c.color(colInk)
	if b.topic != "" {
		c.font("", bodySize)
		sep := " \u2014 "
		c.textLine(x, y, bodyLH, sep)
		x += c.width(sep)
		c.font("B", bodySize)
		c.textLine(x, y, bodyLH, c.fit(c.z.clean(b.topic), c.right-x))
	}
	c.drawPara(b.quote, c.left+posIndent, y+bodyLH, r.noteLinks)
	p.SetY(y + b.height())
}

// sources lists the citations in Chicago notes-bibliography style.
func (r *docRender) sources() {
	c, p := r.canvas, r.pdf
	if len(r.doc.Citations) == 0 {
		c.font("I", bodySize)
		c.textLine(c.left, p.GetY(), bodyLH, "No notes or references were found in this document.")
		p.SetY(p.GetY() + bodyLH + 4)
		return
	}
	c.font("", smallSize)
	c.color(colGrey)
	c.textLine(c.left, p.GetY(), smallLH, "Notes as numbered in the document, in Chicago notes-bibliography style.")
	p.SetY(p.GetY() + smallLH + 2.5)
	const indent = 10.0
	seen := map[string]bool{}
	for _, cit := range r.doc.Citations {
		c.ensure(2 * bodyLH)
		y := p.GetY()
		if l, ok := r.noteLinks[cit.ID]; ok && !seen[cit.ID] {
			p.SetLink(l, y, p.PageNo())
			seen[cit.ID] = true
		}
		c.font("B", bodySize)
		c.color(colInk)
		num := c.z.clean(cit.ID) + "."
		c.textLine(c.left+indent-2-c.width(num), y, bodyLH, num)
		p.SetLeftMargin(c.left + indent)
		p.SetXY(c.left+indent, y)
		for _, rn := range chicagoNote(cit) {
			style := ""
			if rn.Italic {
				style = "I"
			}
			c.font(style, bodySize)
			text := c.z.clean(rn.Text)
			if rn.URL != "" {
				c.color(colLink)
				p.WriteLinkString(bodyLH, text, linkURL(rn.URL))
				c.color(colInk)
				continue
			}
			p.Write(bodyLH, text)
		}
		if !cit.Anchored {
			c.font("I", smallSize)
			c.color(colGrey)
			p.Write(bodyLH, " (no marker in the text)")
			c.color(colInk)
		}
		p.SetLeftMargin(c.left)
		p.Ln(bodyLH + 1.6)
	}
	c.font("", bodySize)
}

// warningsSection lists what an editor should check before use.
func (r *docRender) warningsSection() {
	c, p := r.canvas, r.pdf
	p.SetY(p.GetY() + 6)
	c.ensure(20)
	r.sections["warnings"] = p.PageNo()
	c.heading("Warnings for the editor", r.secLinks["warnings"])
	type item struct{ head, body, quote string }
	var items []item
	for _, w := range r.doc.Warnings {
		it := item{head: strings.TrimSpace(w.Stage + " \u00b7 " + w.Code), body: w.Message}
		if w.Evidence != nil {
			it.quote = firstRunes(w.Evidence.Text, 300)
		}
		items = append(items, it)
	}
	// Everything else is drawn: clean what this section prints, then the
	// sanitizer knows every character the font lacked.
	for _, it := range items {
		c.z.clean(it.head + it.body + it.quote)
	}
	for _, w := range c.warnings {
		c.z.clean(w)
	}
	r.allWarnings = append(append([]string(nil), c.warnings...), c.z.warnings()...)
	for _, w := range r.allWarnings {
		items = append(items, item{head: "pdf", body: w})
	}
	p.RegisterAlias(aliasWarnCount, strconv.Itoa(len(items)))
	if len(items) == 0 {
		c.font("I", bodySize)
		c.textLine(c.left, p.GetY(), bodyLH, "No warnings: nothing was flagged for checking.")
		p.SetY(p.GetY() + bodyLH)
		return
	}
	const indent = 5.0
	w := c.contentW - indent
	for _, it := range items {
		body := c.layoutPara(it.body, w, nil, "", bodySize, bodyLH, 25)
		var quote para
		if it.quote != "" {
			quote = c.layoutPara("\u201c"+it.quote+"\u201d", w, nil, "I", smallSize, smallLH, 8)
		}
		h := smallLH + body.height() + quote.height() + 2
		c.ensure(h)
		y := p.GetY()
		c.font("B", smallSize)
		c.color(colGrey)
		c.textLine(c.left, y, smallLH, "\u2022")
		c.textLine(c.left+indent, y, smallLH, c.z.clean(it.head))
		c.color(colInk)
		y += smallLH
		c.drawPara(body, c.left+indent, y, nil)
		y += body.height()
		if it.quote != "" {
			c.color([3]int{80, 80, 80})
			c.drawPara(quote, c.left+indent, y, nil)
			c.color(colInk)
			y += quote.height()
		}
		p.SetY(y + 2)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// holderName is how a position's holder is printed: the document's own
// author (holder "author") reads as such.
func holderName(p schema.Position) string {
	h := strings.Join(strings.Fields(p.Holder), " ")
	switch {
	case h == "":
		return "Unattributed"
	case strings.EqualFold(h, "author") || (p.HolderKind == "author" && strings.EqualFold(h, "the author")):
		return "The author"
	}
	return h
}

// keyLine sums up a holder's positions in one line: each stance (most
// frequent first) with its topics, "demands Northern Territories, fishing
// rights; supports economic ties".
func keyLine(st *style, hl holderLine) string {
	var order []string
	topics := map[string][]string{}
	for _, pt := range hl.Pairs {
		if _, ok := topics[pt.Stance]; !ok {
			order = append(order, pt.Stance)
			topics[pt.Stance] = nil
		}
		if pt.Topic != "" {
			topics[pt.Stance] = append(topics[pt.Stance], pt.Topic)
		}
	}
	parts := make([]string, 0, len(order))
	for _, s := range order {
		p := st.stanceMark(s).Verb
		if ts := topics[s]; len(ts) > 0 {
			p += " " + strings.Join(ts, ", ")
		} else {
			p = strings.TrimSuffix(p, " on")
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}
