package citations

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/dossier-dev/dossier/pipeline/refparse"
	"github.com/dossier-dev/dossier/schema"
)

// inlineLink is a link in the body: its anchor text span and target.
type inlineLink struct {
	text span
	// whole is the link as written (Markdown "[text](url)"), or its text.
	whole span
	url   string
}

// inlineCitations numbers a note-less document's sources in order of
// appearance: body links and figure "Source:" lines. A link inside a
// source line belongs to that line.
func (s *Stage) inlineCitations(t *text) []schema.Citation {
	sources := s.sourceLines(t)
	var cs []schema.Citation
	acr := s.acronyms(t, nil)
	for _, sl := range sources {
		cs = append(cs, s.sourceCitation(t, sl, acr))
	}
	for _, l := range s.inlineLinks(t) {
		inside := false
		for _, sl := range sources {
			if sl.contains(l.text.start) {
				inside = true
				break
			}
		}
		if inside {
			continue
		}
		// The anchor text is both the citation and its marker.
		ev := t.evidence(l.text)
		cs = append(cs, schema.Citation{
			Kind: schema.KindReference, Anchored: true, URL: l.url, Evidence: ev,
			Markers: []schema.Evidence{ev},
			CSL:     &schema.CSLItem{Type: "webpage", URL: l.url},
		})
	}
	sortCitations(cs)
	for i := range cs {
		id := strconv.Itoa(i + 1)
		cs[i].ID = id
		if cs[i].CSL != nil {
			cs[i].CSL.ID = id
		}
	}
	return cs
}

var firstURL = regexp.MustCompile(`https?://[^\s<>"]+`)

// sourceCitation parses a figure's source line. Its marker is the line
// itself, so it is not anchored.
func (s *Stage) sourceCitation(t *text, sl span, acr map[string]string) schema.Citation {
	ev := t.evidence(sl)
	body := ev.Text
	if m := s.lx.sourceLine.FindStringIndex(body); m != nil {
		body = body[m[1]:]
	}
	for _, re := range s.lx.sourceCompilers {
		if m := re.FindStringIndex(body); m != nil {
			body = body[m[1]:]
			break
		}
	}
	_, items := refparse.ParseNote(body)
	if len(items) == 0 {
		items = []schema.CSLItem{refparse.Parse(body)}
	}
	c := fill("", ev, false, schema.KindReference, items, acr)
	c.Kind = schema.KindReference
	if c.URL == "" {
		if u := firstURL.FindString(body); u != "" {
			c.URL = strings.TrimRight(u, ".,;)")
			if c.CSL != nil && c.CSL.URL == "" {
				c.CSL.URL = c.URL
			}
		}
	}
	return c
}

var metaKV = regexp.MustCompile(`^[ \t]*\*\*[^*\n]{1,40}:\*\*`)

// sourceLines finds figure "Source:" lines, skipping a page header's
// "**Source:** URL" field (the document's own address).
func (s *Stage) sourceLines(t *text) []span {
	var out []span
	for i := range t.lines {
		ln := t.line(i)
		if !s.lx.sourceLine.MatchString(ln) {
			continue
		}
		if metaKV.MatchString(ln) && ((i > 0 && metaKV.MatchString(t.line(i-1))) || (i+1 < len(t.lines) && metaKV.MatchString(t.line(i+1)))) {
			continue
		}
		if t.doc.InBoilerplate(t.doc.RuneOffset(t.lines[i].start)) {
			continue
		}
		sp := t.trimSpan(t.lines[i])
		// Start at the word "Source", past table pipes and emphasis.
		if m := s.lx.sourceLine.FindStringSubmatchIndex(t.s[sp.start:sp.end]); m != nil {
			sp.start += m[2]
		}
		if strings.TrimSpace(strings.Trim(t.s[sp.start:sp.end], "*_:")) == "" {
			continue
		}
		out = append(out, sp)
	}
	return out
}

// inlineLinks lists the body's links to sources: Markdown links in the
// text as written, HTML links from the markup; navigation, share and
// download links, internal anchors and links in boilerplate are left out.
func (s *Stage) inlineLinks(t *text) []inlineLink {
	var all []inlineLink
	if t.html {
		for _, l := range t.doc.Markup.Links {
			a, b := t.doc.ByteOffset(l.Start), t.doc.ByteOffset(l.End)
			all = append(all, inlineLink{text: span{a, b}, whole: span{a, b}, url: strings.TrimSpace(l.URL)})
		}
	} else {
		all = markdownLinks(t.s)
	}
	var out []inlineLink
	for _, l := range all {
		if s.isNav(t, l, all) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// isNav reports whether a link is site furniture rather than a source.
func (s *Stage) isNav(t *text, l inlineLink, all []inlineLink) bool {
	anchor := strings.TrimSpace(t.s[l.text.start:l.text.end])
	if anchor == "" || l.url == "" || strings.HasPrefix(l.url, "#") {
		return true
	}
	low := strings.ToLower(strings.Join(strings.Fields(anchor), " "))
	if s.lx.navTexts[low] {
		return true
	}
	for _, p := range s.lx.navPrefixes {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	lu := strings.ToLower(l.url)
	for _, sc := range s.lx.navSchemes {
		if strings.HasPrefix(lu, sc) {
			return true
		}
	}
	if u, err := url.Parse(l.url); err == nil {
		if s.lx.navHosts[strings.ToLower(u.Host)] {
			return true
		}
		// A site's root with a fragment is an in-page anchor
		// ("https://site.example#citation").
		if u.Fragment != "" && (u.Path == "" || u.Path == "/") && u.RawQuery == "" {
			return true
		}
		if md := t.doc.Metadata.URL; md != "" && stripFragment(l.url) == stripFragment(md) {
			return true
		}
	}
	words, links, lone := lineShape(t, l, all)
	// Boilerplate the cleaner marked is trusted for links that do not
	// stand in a sentence; a link in prose is kept even there, since a
	// cleaner's page header can run into the first paragraph.
	if words < 8 && t.doc.InBoilerplate(t.doc.RuneOffset(l.text.start)) {
		return true
	}
	// A line of links and separators alone is a menu, breadcrumb, table of
	// contents or version list; a lone link on its own line is a button or
	// a list entry.
	if links >= 2 {
		return words < 3
	}
	return lone
}

func stripFragment(u string) string {
	if i := strings.IndexByte(u, '#'); i >= 0 {
		return u[:i]
	}
	return u
}

// lineShape describes the line a link stands on: how many words it has
// outside links, how many links, and whether the link is alone on it.
func lineShape(t *text, l inlineLink, all []inlineLink) (words, links int, lone bool) {
	i := t.lineAt(l.whole.start)
	if i >= len(t.lines) {
		return 0, 0, false
	}
	ln := t.lines[i]
	var rest strings.Builder
	pos := ln.start
	for _, o := range all {
		if o.whole.start < ln.start || o.whole.end > ln.end || o.whole.start < pos {
			continue
		}
		rest.WriteString(t.s[pos:o.whole.start])
		pos = o.whole.end
		links++
	}
	rest.WriteString(t.s[pos:ln.end])
	words = len(strings.FieldsFunc(rest.String(), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
	trimmed := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(rest.String()), "-*+•|"))
	lone = links == 1 && words == 0 && len(trimmed) <= 2
	return words, links, lone
}

// markdownLinks finds "[text](url)" links (not images) in Markdown as
// written. URLs may hold balanced parentheses.
func markdownLinks(s string) []inlineLink {
	var out []inlineLink
	for i := 0; i < len(s); i++ {
		if s[i] != '[' || (i > 0 && s[i-1] == '!') || (i+1 < len(s) && s[i+1] == '^') {
			continue
		}
		// The closing bracket, allowing one level of nesting.
		depth, j := 0, i+1
		for ; j < len(s) && s[j] != '\n'; j++ {
			if s[j] == '[' {
				depth++
			} else if s[j] == ']' {
				if depth == 0 {
					break
				}
				depth--
			}
		}
		if j+1 >= len(s) || s[j] != ']' || s[j+1] != '(' {
			continue
		}
		k, par := j+2, 0
		for ; k < len(s) && s[k] != '\n'; k++ {
			if s[k] == '(' {
				par++
			} else if s[k] == ')' {
				if par == 0 {
					break
				}
				par--
			}
		}
		if k >= len(s) || s[k] != ')' {
			continue
		}
		target := strings.TrimSpace(s[j+2 : k])
		if sp := strings.IndexAny(target, " \t"); sp >= 0 { // [t](url "title")
			target = target[:sp]
		}
		target = strings.Trim(target, "<>")
		out = append(out, inlineLink{text: trimBytes(s, span{i + 1, j}), whole: span{i, k + 1}, url: target})
		i = j
	}
	return out
}

// trimBytes narrows a span past spaces and emphasis marks.
func trimBytes(s string, sp span) span {
	for sp.start < sp.end && strings.ContainsRune(" \t*_", rune(s[sp.start])) {
		sp.start++
	}
	for sp.end > sp.start && strings.ContainsRune(" \t*_", rune(s[sp.end-1])) {
		sp.end--
	}
	return sp
}
