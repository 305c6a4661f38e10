package ingest

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/schema"
	"golang.org/x/net/html"
)

var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "tr": true, "table": true, "section": true,
}

var skipTags = map[string]bool{"script": true, "style": true, "head": true}

// rawMark is a markup element's extent in the raw (uncollapsed) text.
type rawMark struct {
	kind       string // a, sup, h, li
	start, end int    // byte offsets in raw
	url, id    string
	level      int
	ordered    bool
	number     int
}

// htmlMarkup is markup in byte offsets of the rendered text.
type htmlMarkup struct{ marks []rawMark }

// renderHTML renders the visible text with a streaming tokenizer, so
// deeply nested documents cost no recursion.
func renderHTML(src string) (string, htmlMarkup, error) {
	z := html.NewTokenizer(strings.NewReader(src))
	var raw strings.Builder
	skip := 0
	var marks []rawMark
	// open holds indexes into marks of elements not yet closed, per kind.
	open := map[string][]int{}
	type listState struct {
		ordered bool
		n       int
	}
	var lists []listState
	openMark := func(m rawMark) {
		m.start = raw.Len()
		m.end = -1
		marks = append(marks, m)
		open[m.kind] = append(open[m.kind], len(marks)-1)
	}
	closeMark := func(kind string) {
		st := open[kind]
		if len(st) == 0 {
			return
		}
		i := st[len(st)-1]
		open[kind] = st[:len(st)-1]
		marks[i].end = raw.Len()
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			// EOF or a tokenizer error: both end the document.
			for kind := range open {
				for len(open[kind]) > 0 {
					closeMark(kind)
				}
			}
			text, mk := collapse(raw.String(), marks)
			return text, mk, nil
		case html.TextToken:
			if skip == 0 {
				raw.WriteString(spaceOut(string(z.Text())))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			var attrs map[string]string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if attrs == nil {
					attrs = map[string]string{}
				}
				attrs[string(k)] = string(v)
			}
			if tt == html.SelfClosingTagToken {
				if tag == "br" {
					raw.WriteByte('\n')
				}
				continue
			}
			if skipTags[tag] {
				skip++
				continue
			}
			switch tag {
			case "br":
				raw.WriteByte('\n')
			case "a":
				openMark(rawMark{kind: "a", url: attrs["href"], id: attrs["id"]})
			case "sup":
				openMark(rawMark{kind: "sup"})
			case "h1", "h2", "h3", "h4", "h5", "h6":
				openMark(rawMark{kind: "h", level: int(tag[1] - '0')})
			case "ol", "ul":
				lists = append(lists, listState{ordered: tag == "ol"})
			case "li":
				m := rawMark{kind: "li", id: attrs["id"]}
				if len(lists) > 0 {
					l := &lists[len(lists)-1]
					l.n++
					if v, err := strconv.Atoi(attrs["value"]); err == nil {
						l.n = v
					}
					m.ordered, m.number = l.ordered, l.n
				}
				openMark(m)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipTags[tag] {
				if skip > 0 {
					skip--
				}
				continue
			}
			switch tag {
			case "a", "sup", "li":
				closeMark(tag)
			case "h1", "h2", "h3", "h4", "h5", "h6":
				closeMark("h")
			case "ol", "ul":
				if len(lists) > 0 {
					lists = lists[:len(lists)-1]
				}
			}
			if blockTags[tag] {
				raw.WriteByte('\n')
			}
		}
	}
}

// spaceOut turns every whitespace character into a plain space.
func spaceOut(s string) string {
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
}

// collapse trims lines, squeezes runs of spaces, drops empty lines, and
// moves the marks' raw offsets to offsets in the result.
func collapse(raw string, marks []rawMark) (string, htmlMarkup) {
	// Collect every raw offset that must be mapped, in order.
	type ref struct {
		pos int
		dst *int
	}
	refs := make([]ref, 0, 2*len(marks))
	for i := range marks {
		if marks[i].end < 0 {
			marks[i].end = len(raw)
		}
		refs = append(refs, ref{marks[i].start, &marks[i].start}, ref{marks[i].end, &marks[i].end})
	}
	sortRefs(refs, func(r ref) int { return r.pos })

	var out strings.Builder
	out.Grow(len(raw))
	ri := 0
	lineStart := 0
	for lineStart <= len(raw) {
		nl := strings.IndexByte(raw[lineStart:], '\n')
		lineEnd := len(raw)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		line := raw[lineStart:lineEnd]
		a := len(line) - len(strings.TrimLeft(line, " "))
		b := len(strings.TrimRight(line, " "))
		if a < b {
			if out.Len() > 0 {
				out.WriteByte('\n')
			}
			base := out.Len()
			// map refs before the trimmed content to its start
			for ri < len(refs) && refs[ri].pos <= lineStart+a {
				*refs[ri].dst = base
				ri++
			}
			prevSpace := false
			for i := a; i < b; i++ {
				for ri < len(refs) && refs[ri].pos <= lineStart+i {
					*refs[ri].dst = out.Len()
					ri++
				}
				c := line[i]
				if c == ' ' {
					if prevSpace {
						continue
					}
					prevSpace = true
				} else {
					prevSpace = false
				}
				out.WriteByte(c)
			}
			for ri < len(refs) && refs[ri].pos <= lineEnd {
				*refs[ri].dst = out.Len()
				ri++
			}
		} else {
			for ri < len(refs) && refs[ri].pos <= lineEnd {
				*refs[ri].dst = out.Len()
				ri++
			}
		}
		if nl < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	for ; ri < len(refs); ri++ {
		*refs[ri].dst = out.Len()
	}
	text := out.String()
	if text != "" {
		text += "\n"
	}
	// A mark that began at the end of a line may map past the newline
	// joining it to the next; trim marks to their visible text.
	for i := range marks {
		m := &marks[i]
		for m.start < m.end && m.start < len(text) && (text[m.start] == ' ' || text[m.start] == '\n') {
			m.start++
		}
		for m.end > m.start && (text[m.end-1] == ' ' || text[m.end-1] == '\n') {
			m.end--
		}
		for m.start < len(text) && !utf8.RuneStart(text[m.start]) {
			m.start++
		}
		if m.end < m.start {
			m.end = m.start
		}
	}
	return text, htmlMarkup{marks: marks}
}

func sortRefs[T any](s []T, key func(T) int) {
	sort.SliceStable(s, func(i, j int) bool { return key(s[i]) < key(s[j]) })
}

// toSchema converts byte offsets to code-point offsets of doc.Text.
func (m htmlMarkup) toSchema(doc *schema.Document) schema.Markup {
	var out schema.Markup
	span := func(r rawMark) schema.Span {
		return schema.Span{Start: doc.RuneOffset(r.start), End: doc.RuneOffset(r.end)}
	}
	for _, r := range m.marks {
		if r.start >= r.end && r.kind != "li" {
			continue
		}
		switch r.kind {
		case "a":
			if r.url == "" {
				continue
			}
			out.Links = append(out.Links, schema.Link{Span: span(r), URL: r.url, ID: r.id})
		case "sup":
			out.Superscripts = append(out.Superscripts, span(r))
		case "h":
			out.Headings = append(out.Headings, schema.Heading{Span: span(r), Level: r.level})
		case "li":
			out.ListItems = append(out.ListItems, schema.ListItem{Span: span(r), ID: r.id, Ordered: r.ordered, Number: r.number})
		}
	}
	return out
}
