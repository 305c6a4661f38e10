package pdf

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
)

// Options are what a rendering needs besides the content.
type Options struct {
	// PageSize is "A4" or "Letter".
	PageSize string
	// Fonts is the font set; nil means the embedded Go fonts.
	Fonts *FontSet
	// Logo is an optional PNG or JPEG for page 1, with its fpdf type
	// ("PNG" or "JPG").
	Logo     []byte
	LogoType string
	// Version is dossier's version, recorded as the PDF's Creator.
	Version string
	// Created is the PDF's creation date; zero means now.
	Created time.Time
}

// Result reports on a finished rendering.
type Result struct {
	Pages int
	// Warnings are problems of the rendering itself (characters the font
	// lacks, notes cited but missing); they are also printed in the PDF.
	Warnings []string
}

// Geometry, in millimetres and points.
const (
	marginLR   = 18.0
	marginTop  = 20.0
	marginBot  = 18.0
	bodySize   = 9.5
	bodyLH     = 4.6
	smallSize  = 8.0
	smallLH    = 3.8
	headerSize = 7.5
)

// Colours.
var (
	colInk    = [3]int{33, 33, 33}
	colGrey   = [3]int{110, 110, 110}
	colRule   = [3]int{176, 190, 197}
	colLink   = [3]int{21, 101, 192}
	colBoxBG  = [3]int{241, 245, 249}
	colZebra  = [3]int{247, 248, 250}
	colHeadBG = [3]int{226, 232, 240}
)

// canvas wraps fpdf with the briefing's conventions: every string goes
// through the sanitizer, text is placed by its line box, and a block is
// moved whole to the next page when it does not fit.
type canvas struct {
	pdf *fpdf.Fpdf
	st  *style
	z   *sanitizer
	// page geometry
	pageW, pageH, left, right, contentW float64
	// header is the running header's text (sanitized).
	header string
	// onNewPage runs after a page break made by ensure (table headers).
	onNewPage func()
	// sections records the page each section starts on.
	sections map[string]int
	// warnings are the rendering's own problems.
	warnings []string
}

// newCanvas starts a PDF with fonts, header and footer.
func newCanvas(opt Options, st *style, title string, version string) (*canvas, error) {
	size := opt.PageSize
	if size == "" {
		size = "A4"
	}
	if size != "A4" && size != "Letter" {
		return nil, fmt.Errorf("pdf: page size %q: want A4 or Letter", size)
	}
	fonts := opt.Fonts
	if fonts == nil {
		var err error
		if fonts, err = defaultFonts(); err != nil {
			return nil, err
		}
	}
	p := fpdf.New("P", "mm", size, "")
	// The alias must be set before fonts are added: fpdf sizes its subset
	// tables by it.
	p.AliasNbPages("{nb}")
	p.SetCompression(true)
	if err := fonts.register(p); err != nil {
		return nil, err
	}
	c := &canvas{pdf: p, st: st, z: newSanitizer(fonts, st.fallbacks), sections: map[string]int{}}
	c.pageW, c.pageH = p.GetPageSize()
	c.left, c.right = marginLR, c.pageW-marginLR
	c.contentW = c.right - c.left
	p.SetMargins(marginLR, marginTop, marginLR)
	p.SetAutoPageBreak(true, marginBot)
	p.SetCellMargin(0)
	p.SetFont(fontFamily, "", bodySize)
	c.header = c.z.clean(title)
	p.SetHeaderFuncMode(c.drawHeader, false)
	p.SetFooterFunc(func() { c.drawFooter(version) })
	return c, p.Error()
}

// defaultFonts parses the embedded fonts once per process.
func defaultFonts() (*FontSet, error) {
	goFontsOnce.Do(func() { goFontsVal, goFontsErr = GoFonts() })
	return goFontsVal, goFontsErr
}

var (
	goFontsOnce sync.Once
	goFontsVal  *FontSet
	goFontsErr  error
)

func (c *canvas) drawHeader() {
	p := c.pdf
	if p.PageNo() == 1 {
		return
	}
	c.font("", headerSize)
	c.color(colGrey)
	p.SetXY(c.left, 9)
	p.CellFormat(c.contentW, 4, c.fit(c.header, c.contentW), "", 0, "L", false, 0, "")
	p.SetDrawColor(colRule[0], colRule[1], colRule[2])
	p.SetLineWidth(0.2)
	p.Line(c.left, 13.5, c.right, 13.5)
	c.color(colInk)
	p.SetXY(c.left, marginTop)
}

func (c *canvas) drawFooter(version string) {
	p := c.pdf
	c.font("", headerSize)
	c.color(colGrey)
	p.SetXY(c.left, c.pageH-11)
	// The alias is replaced after layout, so the text is centred in its
	// cell rather than measured.
	p.CellFormat(c.contentW, 4, fmt.Sprintf("Page %d of {nb}", p.PageNo()), "", 0, "C", false, 0, "")
	p.SetXY(c.left, c.pageH-11)
	p.CellFormat(c.contentW, 4, c.z.clean("dossier "+version), "", 0, "R", false, 0, "")
	c.color(colInk)
}

// font sets the body family's style and size.
func (c *canvas) font(style string, size float64) { c.pdf.SetFont(fontFamily, style, size) }

func (c *canvas) color(rgb [3]int) { c.pdf.SetTextColor(rgb[0], rgb[1], rgb[2]) }

// fontH is the current font size in mm.
func (c *canvas) fontH() float64 { _, u := c.pdf.GetFontSize(); return u }

// width measures sanitized text in the current font.
func (c *canvas) width(s string) float64 { return c.pdf.GetStringWidth(s) }

// fit shortens sanitized text with an ellipsis to fit w.
func (c *canvas) fit(s string, w float64) string {
	if c.width(s) <= w {
		return s
	}
	rs := []rune(s)
	lo, hi := 0, len(rs)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if c.width(string(rs[:mid])+"…") <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(rs[:lo]), " ,;:") + "…"
}

// wrap splits sanitized text into lines no wider than w, at most max lines
// (0 = no limit), the last shortened with an ellipsis when cut.
func (c *canvas) wrap(s string, w float64, max int) []string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return nil
	}
	// fpdf breaks lines only at spaces, and cuts a word wider than the
	// line anywhere ("Octobe|r"). Such a word is opened after its dashes
	// and slashes first; its pieces cannot share a line, so no space is
	// ever printed where there was none.
	if c.width(s) > w {
		words := strings.Split(s, " ")
		for i, wd := range words {
			if c.width(wd) > w && strings.ContainsAny(wd, "–—-/") {
				words[i] = breakAfter.Replace(wd)
			}
		}
		s = strings.Join(words, " ")
	}
	lines := c.pdf.SplitText(s, w)
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	if max > 0 && len(lines) > max {
		rest := strings.Join(lines[max-1:], " ")
		lines = append(lines[:max-1], c.fit(rest+" …", w))
		if c.width(rest) > w {
			lines[max-1] = c.fit(rest, w)
		}
	}
	return lines
}

// textLine draws sanitized text in a line box whose top is y.
func (c *canvas) textLine(x, y, lh float64, s string) {
	c.pdf.Text(x, c.baseline(y, lh), s)
}

// baseline is where text sits in a line box of height lh at y.
func (c *canvas) baseline(y, lh float64) float64 { return y + lh/2 + 0.33*c.fontH() }

// bottom is the lowest y content may reach on a page.
func (c *canvas) bottom() float64 { return c.pageH - marginBot }

// ensure starts a new page unless h more millimetres fit on this one; it
// reports whether it did.
func (c *canvas) ensure(h float64) bool {
	if c.pdf.GetY()+h <= c.bottom() {
		return false
	}
	c.pdf.AddPage()
	if c.onNewPage != nil {
		c.onNewPage()
	}
	return true
}

// section starts a section on a new page: heading, bookmark, link target.
func (c *canvas) section(name, title string, link int) {
	c.onNewPage = nil
	c.pdf.AddPage()
	c.sections[name] = c.pdf.PageNo()
	c.heading(title, link)
}

// heading prints a level-0 heading here, with a bookmark and link target.
func (c *canvas) heading(title string, link int) {
	p := c.pdf
	c.font("B", 15)
	c.color(colInk)
	p.Bookmark(infoText(title), 0, -1)
	if link >= 0 {
		p.SetLink(link, p.GetY(), p.PageNo())
	}
	c.textLine(c.left, p.GetY(), 7, c.z.clean(title))
	p.SetY(p.GetY() + 9)
	c.font("", bodySize)
}

// shape draws a filled mark centred at (x, y) with size s (mm).
func (c *canvas) shape(kind string, rgb [3]int, x, y, s float64) {
	p := c.pdf
	p.SetFillColor(rgb[0], rgb[1], rgb[2])
	p.SetDrawColor(255, 255, 255)
	p.SetLineWidth(0.15)
	h := s / 2
	switch kind {
	case "square":
		p.Rect(x-h*0.85, y-h*0.85, s*0.85, s*0.85, "FD")
	case "diamond":
		p.Polygon([]fpdf.PointType{{X: x, Y: y - h*1.1}, {X: x + h*1.1, Y: y}, {X: x, Y: y + h*1.1}, {X: x - h*1.1, Y: y}}, "FD")
	case "up":
		p.Polygon([]fpdf.PointType{{X: x, Y: y - h}, {X: x + h, Y: y + h*0.8}, {X: x - h, Y: y + h*0.8}}, "FD")
	case "down":
		p.Polygon([]fpdf.PointType{{X: x - h, Y: y - h*0.8}, {X: x + h, Y: y - h*0.8}, {X: x, Y: y + h}}, "FD")
	default:
		p.Circle(x, y, h, "FD")
	}
}

// legend draws marks with labels in rows across the page.
func (c *canvas) legend(caption string, items []*mark) {
	p := c.pdf
	c.font("B", smallSize)
	c.color(colGrey)
	x, y := c.left, p.GetY()
	cap := c.z.clean(caption)
	c.textLine(x, y, smallLH, cap)
	x += c.width(cap) + 3
	c.font("", smallSize)
	for _, m := range items {
		label := c.z.clean(m.Label)
		w := 4 + c.width(label) + 4
		if x+w > c.right {
			x, y = c.left+c.width(cap)+3, y+smallLH+0.8
		}
		c.shape(m.Shape, m.rgb, x+1.3, y+smallLH/2, 2.4)
		c.color(colInk)
		c.textLine(x+3.3, y, smallLH, label)
		x += w
	}
	p.SetY(y + smallLH + 2)
	c.font("", bodySize)
}

// para is text wrapped to a width, with note numbers set as superscripts
// after its last word.
type para struct {
	lines    []string
	notes    []string
	notesOwn bool // the notes did not fit on the last line
	style    string
	size, lh float64
}

func (p para) height() float64 {
	n := len(p.lines)
	if p.notesOwn || (n == 0 && len(p.notes) > 0) {
		n++
	}
	return float64(n) * p.lh
}

// layoutPara wraps raw text (it is sanitized here) in the given font.
func (c *canvas) layoutPara(text string, w float64, notes []string, style string, size, lh float64, max int) para {
	c.font(style, size)
	pr := para{lines: c.wrap(c.z.clean(text), w, max), notes: notes, style: style, size: size, lh: lh}
	if len(notes) > 0 && len(pr.lines) > 0 {
		last := c.width(pr.lines[len(pr.lines)-1])
		c.font("", size*0.68)
		if last+0.6+c.width(strings.Join(notes, ",")) > w {
			pr.notesOwn = true
		}
	}
	return pr
}

// drawPara draws a laid-out paragraph with its top at y.
func (c *canvas) drawPara(pr para, x, y float64, links map[string]int) {
	c.font(pr.style, pr.size)
	for i, l := range pr.lines {
		c.textLine(x, y+float64(i)*pr.lh, pr.lh, l)
	}
	if len(pr.notes) == 0 {
		return
	}
	nx, ny := x, y+float64(len(pr.lines)-1)*pr.lh
	if len(pr.lines) > 0 && !pr.notesOwn {
		nx += c.width(pr.lines[len(pr.lines)-1]) + 0.5
	} else if len(pr.lines) > 0 {
		ny += pr.lh
	} else {
		ny = y
	}
	c.notes(nx, c.baseline(ny, pr.lh), pr.size, pr.notes, links)
	c.font(pr.style, pr.size)
}

// notes draws note numbers as superscripts starting at x on the text
// baseline, each a link to its entry in Sources.
func (c *canvas) notes(x, baseline, size float64, ids []string, links map[string]int) {
	p := c.pdf
	c.font("", size*0.68)
	sup := baseline - 0.38*size*25.4/72
	h := c.fontH()
	for i, id := range ids {
		t := c.z.clean(id)
		if i > 0 {
			c.color(colGrey)
			p.Text(x, sup, ",")
			x += c.width(",")
		}
		w := c.width(t)
		if l, ok := links[id]; ok {
			c.color(colLink)
			p.Link(x, sup-h, w, h*1.3, l)
		} else {
			c.color(colGrey)
		}
		p.Text(x, sup, t)
		x += w
	}
	c.color(colInk)
}

// finish writes document info and the file.
func (c *canvas) finish(w io.Writer, title, author, subject, creator string, created time.Time) (int, error) {
	p := c.pdf
	p.SetTitle(infoText(title), true)
	p.SetAuthor(infoText(author), true)
	p.SetSubject(infoText(subject), true)
	p.SetCreator(infoText(creator), true)
	p.SetProducer("fpdf (codeberg.org/go-pdf/fpdf)", true)
	if created.IsZero() {
		created = time.Now()
	}
	p.SetCreationDate(created)
	p.SetModificationDate(created)
	p.SetCatalogSort(true)
	if err := p.Error(); err != nil {
		return 0, err
	}
	pages := p.PageCount()
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return 0, err
	}
	_, err := w.Write(buf.Bytes())
	return pages, err
}

// warn records a problem of the rendering.
func (c *canvas) warn(format string, args ...any) {
	c.warnings = append(c.warnings, fmt.Sprintf(format, args...))
}

// lighter mixes a colour with white.
func lighter(rgb [3]int, f float64) [3]int {
	var out [3]int
	for i, v := range rgb {
		out[i] = int(math.Round(float64(v) + (255-float64(v))*f))
	}
	return out
}

// firstRunes returns at most n runes of s, with an ellipsis when cut.
func firstRunes(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n])) + "…"
}

// breakAfter opens a long word at its dashes and slashes.
var breakAfter = strings.NewReplacer("\u2013", "\u2013 ", "\u2014", "\u2014 ", "-", "- ", "/", "/ ")

// infoText prepares a string for the PDF's document information and
// outline, which need no font but go through fpdf's UTF-16 encoder: that
// encoder panics on broken UTF-8 and garbles characters beyond the Basic
// Multilingual Plane, so those become U+FFFD; control characters go.
func infoText(s string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r > 0xFFFF:
			b.WriteRune('\uFFFD')
		case r < 0x20 || r == 0x7f:
			if r == '\n' || r == '\t' || r == '\r' {
				b.WriteByte(' ')
			}
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// linkURL makes a URL safe for a PDF link annotation, which wants 7-bit
// ASCII: other bytes, spaces and controls are percent-encoded.
func linkURL(u string) string {
	u = strings.TrimSpace(u)
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c >= 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
