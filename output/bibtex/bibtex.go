package bibtex

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/output/csl"
	"github.com/dossier-dev/dossier/schema"
)

// Name is the format name.
const Name = "bibtex"

// Exporter writes NAME.bib.
type Exporter struct{}

// New builds the exporter; it has no settings.
func New(*output.Run) (output.Exporter, error) { return &Exporter{}, nil }

// Path is where a document's BibTeX goes in dir.
func Path(dir string, doc *schema.Document) string { return filepath.Join(dir, doc.ID+".bib") }

// Export writes the document's sources atomically.
func (e *Exporter) Export(_ context.Context, doc *schema.Document, dir string) ([]string, error) {
	path := Path(dir, doc)
	if err := atomicfile.Write(path, func(w io.Writer) error { return Encode(w, csl.Items(doc)) }); err != nil {
		return nil, fmt.Errorf("bibtex: %s: %w", path, err)
	}
	return []string{path}, nil
}

// entryType maps CSL types to BibTeX entry types.
var entryType = map[string]string{
	"article-journal":   "article",
	"article-newspaper": "article",
	"article-magazine":  "article",
	"article":           "article",
	"book":              "book",
	"chapter":           "incollection",
	"paper-conference":  "inproceedings",
	"report":            "techreport",
	"thesis":            "phdthesis",
}

var months = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// Encode writes one entry per item.
func Encode(w io.Writer, items []schema.CSLItem) error {
	keys := map[string]bool{}
	for _, it := range items {
		if _, err := io.WriteString(w, entry(it, uniqueKey(it, keys))); err != nil {
			return err
		}
	}
	return nil
}

func entry(it schema.CSLItem, key string) string {
	typ := entryType[it.Type]
	if typ == "" {
		typ = "misc"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "@%s{%s,\n", typ, key)
	field := func(name, v string) {
		v = strings.Join(strings.Fields(v), " ")
		if v != "" {
			fmt.Fprintf(&b, "  %s = {%s},\n", name, v)
		}
	}
	field("author", names(it.Author))
	field("editor", names(it.Editor))
	field("title", Escape(it.Title))
	switch typ {
	case "article":
		field("journal", Escape(it.ContainerTitle))
	case "incollection", "inproceedings":
		field("booktitle", Escape(it.ContainerTitle))
	case "techreport":
		field("institution", Escape(it.Publisher))
		field("type", Escape(it.Genre))
		field("series", Escape(it.ContainerTitle))
	default:
		field("howpublished", Escape(it.ContainerTitle))
	}
	if typ != "techreport" {
		field("publisher", Escape(it.Publisher))
	}
	field("series", Escape(it.CollectionTitle))
	field("address", Escape(it.PublisherPlace))
	field("edition", Escape(it.Edition))
	field("volume", Escape(it.Volume))
	field("number", Escape(it.Issue))
	field("pages", Escape(strings.NewReplacer("–", "--", "—", "--").Replace(dashes(it.Page))))
	if p := parts(it.Issued); len(p) > 0 {
		field("year", fmt.Sprint(p[0]))
		if len(p) > 1 && p[1] >= 1 && p[1] <= 12 {
			fmt.Fprintf(&b, "  month = %s,\n", months[p[1]-1])
		}
		field("date", isoDate(p))
	} else if it.Issued != nil {
		field("year", Escape(it.Issued.Raw))
	}
	if p := parts(it.Accessed); len(p) > 0 {
		field("urldate", isoDate(p))
	}
	field("url", escapeURL(it.URL))
	field("doi", escapeURL(it.DOI))
	field("isbn", Escape(it.ISBN))
	field("language", Escape(it.Language))
	field("note", Escape(it.Note))
	s := strings.TrimSuffix(b.String(), ",\n")
	return s + "\n}\n\n"
}

// names joins names with " and ": "Family, Given" for people, a braced
// literal for institutions (so BibTeX does not split it), "others" for et al.
func names(ns []schema.CSLName) string {
	var parts []string
	for _, n := range ns {
		switch {
		case n.Literal == "et al.":
			parts = append(parts, "others")
		case n.Literal != "":
			parts = append(parts, "{"+Escape(n.Literal)+"}")
		default:
			fam := strings.TrimSpace(n.Particle + " " + n.Family)
			s := Escape(fam)
			if strings.Contains(fam, ",") || strings.Contains(strings.ToLower(" "+fam+" "), " and ") {
				s = "{" + s + "}"
			}
			if n.Suffix != "" {
				s += ", " + Escape(n.Suffix)
			}
			if n.Given != "" {
				s += ", " + Escape(n.Given)
			}
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " and ")
}

// Escape makes text safe inside a braced BibTeX value: the characters
// BibTeX and LaTeX treat specially are escaped, braces included, so every
// value stays balanced.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '{', '}', '%', '&', '$', '#', '_':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// escapeURL keeps URLs verbatim (the url and doi fields are read raw by
// biblatex and Zotero) but escapes the characters that would unbalance or
// end the value.
func escapeURL(s string) string {
	return strings.NewReplacer("{", "%7B", "}", "%7D", "\\", "%5C", " ", "%20").Replace(s)
}

func dashes(s string) string {
	if strings.Contains(s, "--") {
		return s
	}
	return strings.Replace(s, "-", "--", 1)
}

func parts(d *schema.CSLDate) []int {
	if d == nil || len(d.DateParts) == 0 || len(d.DateParts[0]) == 0 || d.DateParts[0][0] == 0 {
		return nil
	}
	return d.DateParts[0]
}

func isoDate(p []int) string {
	switch len(p) {
	case 1:
		return fmt.Sprintf("%04d", p[0])
	case 2:
		return fmt.Sprintf("%04d-%02d", p[0], p[1])
	default:
		return fmt.Sprintf("%04d-%02d-%02d", p[0], p[1], p[2])
	}
}

// uniqueKey builds "familyYEARword" in ASCII and adds a, b, … on clashes.
func uniqueKey(it schema.CSLItem, used map[string]bool) string {
	var who string
	if len(it.Author) > 0 {
		n := it.Author[0]
		who = n.Family
		if n.Literal != "" {
			who = firstWord(n.Literal)
		}
	} else if len(it.Editor) > 0 {
		who = it.Editor[0].Family + it.Editor[0].Literal
	}
	year := ""
	if p := parts(it.Issued); len(p) > 0 {
		year = fmt.Sprint(p[0])
	}
	key := ascii(who) + year + ascii(firstWord(skipArticle(it.Title)))
	if key == "" {
		key = ascii(it.ID)
	}
	if key == "" || !unicode.IsLetter(rune(key[0])) {
		key = "ref" + key // keys that start with a digit trip some tools
	}
	base := key
	for i := 0; used[key]; i++ {
		key = base + suffix(i)
	}
	used[key] = true
	return key
}

func suffix(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('a'+(i-1)%26)) + s
	}
	return s
}

func skipArticle(t string) string {
	ws := strings.Fields(t)
	if len(ws) > 1 {
		switch strings.ToLower(ws[0]) {
		case "the", "a", "an", "le", "la", "les", "der", "die", "das", "el":
			return strings.Join(ws[1:], " ")
		}
	}
	return t
}

func firstWord(s string) string {
	ws := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(ws) == 0 {
		return ""
	}
	return ws[0]
}

// ascii folds accents and keeps letters and digits, since BibTeX keys
// must be plain ASCII.
func ascii(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
