package pdf

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// fontFamily is the name the briefing registers its font under in fpdf.
const fontFamily = "body"

// fontStyles are the fpdf styles a font set provides. The briefing sets
// nothing in bold italic, and fpdf embeds every registered font, so there
// is none.
var fontStyles = []string{"", "B", "I"}

// FontSet is a TrueType family loaded from bytes: the Go fonts compiled into
// the binary, or a configured TTF. It also answers which characters the
// fonts can draw, because fpdf cannot fall back to another font and prints
// nothing (or garbage) for a glyph the font lacks.
type FontSet struct {
	// Name describes the source for messages ("Go fonts", a file path).
	Name string
	// data holds the TTF bytes per fpdf style.
	data map[string][]byte
	// parsed are the distinct fonts, checked for glyph coverage.
	parsed []*sfnt.Font
}

// GoFonts returns the Go fonts (regular, bold, italic; Latin, Greek and
// Cyrillic, WGL4), which golang.org/x/image ships as TTF bytes compiled
// into the binary.
func GoFonts() (*FontSet, error) {
	fs := &FontSet{Name: "Go fonts", data: map[string][]byte{
		"": goregular.TTF, "B": gobold.TTF, "I": goitalic.TTF,
	}}
	for _, st := range fontStyles {
		f, err := parseTrueType(fs.data[st], "Go font "+st)
		if err != nil {
			return nil, err
		}
		fs.parsed = append(fs.parsed, f)
	}
	return fs, nil
}

// LoadFont reads a TrueType font for all three styles. name may be absolute
// or relative to dir. The bytes are read here and handed to fpdf from
// memory: fpdf's own path handling turns an absolute path into a relative
// one unless its font folder is set, and fails later.
func LoadFont(dir, name string) (*FontSet, error) {
	path := name
	if !filepath.IsAbs(path) && dir != "" {
		path = filepath.Join(dir, name)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("pdf font %s: %w", path, err)
	}
	f, err := parseTrueType(data, path)
	if err != nil {
		return nil, err
	}
	fs := &FontSet{Name: path, data: map[string][]byte{}, parsed: []*sfnt.Font{f}}
	for _, st := range fontStyles {
		fs.data[st] = data
	}
	return fs, nil
}

// parseTrueType checks that data is a single TrueType-outline font, the
// only kind fpdf embeds: it rejects OpenType/CFF ("OTTO"), collections
// ("ttcf") and anything sfnt cannot parse, with a message naming what.
func parseTrueType(data []byte, what string) (*sfnt.Font, error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("pdf font %s: not a font file (%d bytes)", what, len(data))
	}
	switch magic := string(data[:4]); magic {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return nil, fmt.Errorf("pdf font %s: OpenType with CFF outlines; fpdf embeds only TrueType (glyf) fonts", what)
	case "ttcf":
		return nil, fmt.Errorf("pdf font %s: a font collection (.ttc); extract one .ttf from it", what)
	default:
		return nil, fmt.Errorf("pdf font %s: not a TrueType font (starts %q)", what, magic)
	}
	if !hasTable(data, "glyf") || !hasTable(data, "loca") || !hasTable(data, "cmap") {
		return nil, fmt.Errorf("pdf font %s: TrueType tables glyf/loca/cmap missing", what)
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("pdf font %s: %w", what, err)
	}
	return f, nil
}

// hasTable reports whether the sfnt table directory lists tag.
func hasTable(data []byte, tag string) bool {
	n := int(data[4])<<8 | int(data[5])
	for i := 0; i < n; i++ {
		off := 12 + 16*i
		if off+4 > len(data) {
			return false
		}
		if string(data[off:off+4]) == tag {
			return true
		}
	}
	return false
}

// register adds the set to pdf under fontFamily. fpdf reports some font
// problems only by printing, and may panic on a malformed file, so the
// call is guarded and pdf.Error checked.
func (fs *FontSet) register(pdf *fpdf.Fpdf) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf font %s: fpdf failed to load it: %v", fs.Name, r)
		}
	}()
	for _, st := range fontStyles {
		pdf.AddUTF8FontFromBytes(fontFamily, st, fs.data[st])
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("pdf font %s: %w", fs.Name, err)
		}
		// fpdf prints rather than fails on some parse errors; setting the
		// font shows whether it was really registered.
		pdf.SetFont(fontFamily, st, 10)
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("pdf font %s: fpdf could not use it: %w", fs.Name, err)
		}
	}
	return nil
}

// has reports whether every font of the set has a glyph for r. fpdf reads
// only the Basic Multilingual Plane (cmap format 4), so anything beyond
// it, emoji included, counts as missing.
func (fs *FontSet) has(r rune, buf *sfnt.Buffer) bool {
	if r > 0xFFFF || r < 0x20 {
		return false
	}
	for _, f := range fs.parsed {
		i, err := f.GlyphIndex(buf, r)
		if err != nil || i == 0 {
			return false
		}
	}
	return true
}

// sanitizer maps text onto what the font can draw, remembering what it had
// to replace so the briefing can warn about it. One sanitizer serves one
// rendering (it is not safe for concurrent use).
type sanitizer struct {
	fonts     *FontSet
	fallbacks map[rune]string
	buf       sfnt.Buffer
	cache     map[rune]string
	// missing counts replaced characters.
	missing map[rune]int
}

func newSanitizer(fs *FontSet, fallbacks map[rune]string) *sanitizer {
	return &sanitizer{fonts: fs, fallbacks: fallbacks, cache: map[rune]string{}, missing: map[rune]int{}}
}

// clean returns s with line breaks and tabs as spaces, control characters
// dropped and every character the font lacks replaced by a stand-in.
func (z *sanitizer) clean(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c < 0x20 || c == 0x7f {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	// Composed form first: "e" + combining acute is "é", which the font
	// has even where it lacks the combining mark.
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteString(z.rune(r))
	}
	return b.String()
}

// rune returns what to print for r.
func (z *sanitizer) rune(r rune) string {
	if r < utf8.RuneSelf {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return " "
		case r < 0x20 || r == 0x7f:
			return ""
		}
		return string(r)
	}
	if out, ok := z.cache[r]; ok {
		if out != string(r) {
			z.missing[r]++
		}
		return out
	}
	out := string(r)
	if r == utf8.RuneError || unicode.Is(unicode.Cc, r) {
		out = ""
	} else if unicode.IsSpace(r) && !z.fonts.has(r, &z.buf) {
		out = " "
	} else if unicode.Is(unicode.Mn, r) && !z.fonts.has(r, &z.buf) {
		// A combining mark the font lacks: drop it, the base letter stays.
		out = ""
	} else if !z.fonts.has(r, &z.buf) {
		out = z.substitute(r)
	}
	z.cache[r] = out
	if out != string(r) {
		z.missing[r]++
	}
	return out
}

// substitute finds a stand-in for a character the font lacks: the style
// table's fallback, the letter without its accents, or "?".
func (z *sanitizer) substitute(r rune) string {
	if s, ok := z.fallbacks[r]; ok && z.allHave(s) {
		return s
	}
	var kept []rune
	for _, c := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		kept = append(kept, c)
	}
	if len(kept) > 0 && string(kept) != string(r) && z.allHave(string(kept)) {
		return string(kept)
	}
	// Compatibility forms (full-width letters, ligatures, superscripts).
	if k := norm.NFKD.String(string(r)); k != string(r) {
		var b strings.Builder
		for _, c := range k {
			if !unicode.Is(unicode.Mn, c) {
				b.WriteRune(c)
			}
		}
		if b.Len() > 0 && z.allHave(b.String()) {
			return b.String()
		}
	}
	return "?"
}

func (z *sanitizer) allHave(s string) bool {
	for _, c := range s {
		if c >= utf8.RuneSelf && !z.fonts.has(c, &z.buf) {
			return false
		}
	}
	return true
}

// warnings describes the replaced characters, most frequent first.
func (z *sanitizer) warnings() []string {
	if len(z.missing) == 0 {
		return nil
	}
	rs := make([]rune, 0, len(z.missing))
	for r := range z.missing {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool {
		if z.missing[rs[i]] != z.missing[rs[j]] {
			return z.missing[rs[i]] > z.missing[rs[j]]
		}
		return rs[i] < rs[j]
	})
	var parts []string
	for _, r := range rs {
		out := z.cache[r]
		if out == "" {
			out = "nothing"
		} else {
			out = strconvQuote(out)
		}
		parts = append(parts, fmt.Sprintf("U+%04X printed as %s (%d×)", r, out, z.missing[r]))
	}
	return []string{fmt.Sprintf("the font (%s) lacks %d character(s); configure output.pdf.font for this script: %s",
		z.fonts.Name, len(rs), strings.Join(parts, ", "))}
}

// strconvQuote quotes s in typographic quotes for a warning line.
func strconvQuote(s string) string { return "\u201c" + s + "\u201d" }
