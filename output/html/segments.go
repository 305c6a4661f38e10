package html

import (
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// Piece roles. Every item has exactly one primary piece, so a reader (or a
// test) can count highlighted items by counting `mark.hl` elements; the
// other roles never carry the "hl" class.
const (
	rolePrimary = iota // the item's evidence span
	roleMarker         // an in-text note marker pointing at a citation
	roleBoiler         // a boilerplate span, dimmed
	roleHeading        // a section heading, set bold
)

// piece is one span to wrap in the rendered text, in byte offsets of the
// document text.
type piece struct {
	start, end int
	// key identifies the item ("e0", "p3", "c1"); empty for boilerplate.
	key string
	// kind is the CSS class of the item's kind: "ev", "po" or "ci"; for a
	// heading, its level ("h2").
	kind string
	role int
	// order breaks ties between pieces with the same span, so the output is
	// the same on every run.
	order int
}

// renderText writes text HTML-escaped, with each piece wrapped in an
// element. Overlapping pieces that do not nest are split: the text is cut at
// every span boundary, elements are closed in reverse order of opening and
// the ones still running are reopened as continuations (class "hlc", or
// "mkc" for a marker's), so the
// output is always well-formed and each item keeps a single primary element.
//
// chunk > 0 also cuts the text into <div class="ck"> blocks of about that
// many bytes at line ends, so a browser can skip laying out the parts of a
// long document that are off screen (content-visibility); open elements are
// closed before a cut and reopened after it.
func renderText(w io.Writer, text string, pieces []piece, chunk int) error {
	r := &renderer{w: newStickyWriter(w), text: text}
	ps := make([]piece, 0, len(pieces))
	for _, p := range pieces {
		p.start = clamp(p.start, 0, len(text))
		p.end = clamp(p.end, p.start, len(text))
		ps = append(ps, p)
	}
	// Outer pieces first: earlier start, then longer, then boilerplate
	// before items, then input order.
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.start != b.start {
			return a.start < b.start
		}
		if a.end != b.end {
			return a.end > b.end
		}
		if a.role >= roleBoiler && b.role < roleBoiler {
			return true
		}
		if a.role < roleBoiler && b.role >= roleBoiler {
			return false
		}
		return a.order < b.order
	})
	bounds := make([]int, 0, 2*len(ps)+2)
	for _, p := range ps {
		bounds = append(bounds, p.start, p.end)
	}
	breaks := map[int]bool{}
	if chunk > 0 {
		for _, b := range chunkBreaks(text, chunk) {
			breaks[b] = true
			bounds = append(bounds, b)
		}
		r.s(`<div class="ck">`)
	}
	bounds = append(bounds, len(text))
	sort.Ints(bounds)

	pos, next := 0, 0
	for i, b := range bounds {
		if i > 0 && b == bounds[i-1] {
			continue
		}
		r.escape(text[pos:b])
		pos = b
		r.closeEnding(b)
		if breaks[b] {
			open := r.stack
			r.closeAll()
			r.s(`</div><div class="ck">`)
			for _, p := range open {
				r.open(p, true)
			}
		}
		for next < len(ps) && ps[next].start == b {
			p := ps[next]
			next++
			r.open(p, false)
			if p.end == p.start {
				r.closeTop()
			}
		}
	}
	r.closeAll()
	if chunk > 0 {
		r.s("</div>")
	}
	return r.w.err
}

type renderer struct {
	w     *stickyWriter
	text  string
	stack []piece
}

func (r *renderer) s(s string) { r.w.WriteString(s) }

// open writes a piece's start tag and pushes it.
func (r *renderer) open(p piece, cont bool) {
	switch p.role {
	case roleBoiler:
		r.s(`<span class="bp">`)
	case roleHeading:
		r.s(`<span class="hd `)
		r.s(p.kind)
		r.s(`">`)
	default:
		cls := "hl"
		switch {
		case cont && p.role == roleMarker:
			cls = "mkc"
		case cont:
			cls = "hlc"
		case p.role == roleMarker:
			cls = "mk"
		}
		r.s(`<mark class="`)
		r.s(cls)
		r.s(" ")
		r.s(p.kind)
		r.s(`" data-item="`)
		r.s(p.key)
		if cont {
			r.s(`">`)
		} else {
			r.s(`" tabindex="0">`)
		}
	}
	r.stack = append(r.stack, p)
}

func (r *renderer) closeTop() {
	p := r.stack[len(r.stack)-1]
	r.stack = r.stack[:len(r.stack)-1]
	if p.role >= roleBoiler {
		r.s("</span>")
	} else {
		r.s("</mark>")
	}
}

func (r *renderer) closeAll() {
	for len(r.stack) > 0 {
		r.closeTop()
	}
}

// closeEnding closes every open piece that ends at b, reopening as
// continuations the pieces opened after it that run on.
func (r *renderer) closeEnding(b int) {
	low := -1
	for i, p := range r.stack {
		if p.end == b {
			low = i
			break
		}
	}
	if low < 0 {
		return
	}
	above := append([]piece(nil), r.stack[low:]...)
	for len(r.stack) > low {
		r.closeTop()
	}
	for _, p := range above {
		if p.end > b {
			r.open(p, true)
		}
	}
}

// escape writes text HTML-escaped. Invalid UTF-8 becomes U+FFFD, so the page
// is valid UTF-8 whatever the document held.
func (r *renderer) escape(s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			var rep string
			switch c {
			case '&':
				rep = "&amp;"
			case '<':
				rep = "&lt;"
			case '>':
				rep = "&gt;"
			case '"':
				rep = "&#34;"
			case '\'':
				rep = "&#39;"
			case 0:
				rep = "\uFFFD"
			default:
				i++
				continue
			}
			r.s(s[last:i])
			r.s(rep)
			i++
			last = i
			continue
		}
		ru, size := utf8.DecodeRuneInString(s[i:])
		if ru == utf8.RuneError && size == 1 {
			r.s(s[last:i])
			r.s("\uFFFD")
			i++
			last = i
			continue
		}
		i += size
	}
	r.s(s[last:])
}

// chunkBreaks returns byte offsets just after a newline, about size bytes
// apart.
func chunkBreaks(text string, size int) []int {
	var out []int
	from := 0
	for from+size < len(text) {
		j := strings.IndexByte(text[from+size:], '\n')
		if j < 0 {
			break
		}
		b := from + size + j + 1
		if b >= len(text) {
			break
		}
		out = append(out, b)
		from = b
	}
	return out
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// stickyWriter remembers the first write error so rendering code can write
// without checking each call.
type stickyWriter struct {
	w   io.Writer
	sw  io.StringWriter
	err error
}

func newStickyWriter(w io.Writer) *stickyWriter {
	sw, _ := w.(io.StringWriter)
	return &stickyWriter{w: w, sw: sw}
}

func (s *stickyWriter) WriteString(str string) {
	if s.err != nil || str == "" {
		return
	}
	if s.sw != nil {
		_, s.err = s.sw.WriteString(str)
		return
	}
	_, s.err = io.WriteString(s.w, str)
}
