package pdf

import (
	"strings"

	"github.com/dossier-dev/dossier/schema"
)

// run is a stretch of a formatted note: its text, whether it is set in
// italics (titles of whole works), and the URL it links to.
type run struct {
	Text   string
	Italic bool
	URL    string
}

// chicagoNote formats a citation as a Chicago Manual of Style
// notes-bibliography full note (17th ed.), the style briefings in policy
// circles use. Explanatory notes and notes nothing could be parsed from
// are printed as the document gives them.
func chicagoNote(c schema.Citation) []run {
	if c.Kind == schema.KindNote {
		return []run{{Text: asWritten(c)}}
	}
	items := []schema.CSLItem{}
	if c.CSL != nil {
		items = append(items, *c.CSL)
	} else if c.Title != "" {
		items = append(items, cslFromCitation(c))
	}
	items = append(items, c.More...)
	var out []run
	for i, it := range items {
		rs := chicagoItem(it)
		if len(rs) == 0 {
			continue
		}
		if i > 0 && len(out) > 0 {
			out = append(out, run{Text: "; "})
		}
		out = append(out, rs...)
	}
	if len(out) == 0 {
		return []run{{Text: asWritten(c)}}
	}
	out = append(out, run{Text: "."})
	return tidy(out)
}

// asWritten is the note's own text, whitespace collapsed.
func asWritten(c schema.Citation) string {
	t := strings.Join(strings.Fields(c.Evidence.Text), " ")
	if t == "" {
		t = strings.Join(strings.Fields(c.Title), " ")
	}
	if t == "" && c.URL != "" {
		t = c.URL
	}
	if t == "" {
		t = "(empty note)"
	}
	return t
}

// cslFromCitation builds a CSL item from the flat fields of a citation
// whose CSL was not filled in.
func cslFromCitation(c schema.Citation) schema.CSLItem {
	it := schema.CSLItem{Type: "document", Title: c.Title, ContainerTitle: c.Container, URL: c.URL}
	for _, a := range c.Authors {
		it.Author = append(it.Author, schema.CSLName{Literal: a})
	}
	if c.Issued != "" {
		it.Issued = &schema.CSLDate{Raw: c.Issued}
	}
	if c.Accessed != "" {
		it.Accessed = &schema.CSLDate{Raw: c.Accessed}
	}
	return it
}

// cslDate renders a CSL date in Chicago form.
func cslDate(d *schema.CSLDate) string {
	if d == nil {
		return ""
	}
	if len(d.DateParts) > 0 && len(d.DateParts[0]) > 0 {
		p := d.DateParts[0]
		v := pad4(p[0])
		if len(p) > 1 && p[1] >= 1 && p[1] <= 12 {
			v += "-" + pad2(p[1])
			if len(p) > 2 && p[2] >= 1 && p[2] <= 31 {
				v += "-" + pad2(p[2])
			}
		}
		return chicagoDate(v)
	}
	return chicagoDate(strings.TrimSpace(d.Raw))
}

func pad2(n int) string { return string([]byte{byte('0' + n/10%10), byte('0' + n%10)}) }
func pad4(n int) string { return pad2(n/100) + pad2(n%100) }

// names joins authors the Chicago way: "A", "A and B", "A, B, and C", and
// "A et al." for four or more.
func names(ns []schema.CSLName) string {
	var ds []string
	for _, n := range ns {
		if d := strings.TrimSpace(n.Display()); d != "" {
			ds = append(ds, d)
		}
	}
	switch len(ds) {
	case 0:
		return ""
	case 1:
		return ds[0]
	case 2:
		return ds[0] + " and " + ds[1]
	case 3:
		return ds[0] + ", " + ds[1] + ", and " + ds[2]
	}
	return ds[0] + " et al."
}

// chicagoItem formats one source. Whole works (books, reports, theses) have
// italic titles and a facts-of-publication parenthesis; parts (articles,
// chapters, pages, statements) have quoted titles followed by the
// container in italics.
func chicagoItem(it schema.CSLItem) []run {
	var rs []run
	add := func(text string, italic bool) { rs = append(rs, run{Text: text, Italic: italic}) }
	title := strings.Join(strings.Fields(it.Title), " ")
	container := strings.Join(strings.Fields(it.ContainerTitle), " ")
	if a := names(it.Author); a != "" {
		add(a, false)
		add(", ", false)
	} else if e := names(it.Editor); e != "" && it.Type != "chapter" {
		add(e+", ed"+edPlural(len(it.Editor))+"., ", false)
	}
	issued := cslDate(it.Issued)
	pubFacts := func() string {
		var parts []string
		place := strings.TrimSpace(it.PublisherPlace)
		pub := strings.TrimSpace(it.Publisher)
		switch {
		case place != "" && pub != "":
			parts = append(parts, place+": "+pub)
		case pub != "":
			parts = append(parts, pub)
		case place != "":
			parts = append(parts, place)
		}
		if issued != "" {
			parts = append(parts, issued)
		}
		return strings.Join(parts, ", ")
	}
	tail := func() {
		if it.Page != "" {
			add(", "+it.Page, false)
		}
		if it.Accessed != nil && (it.URL != "" || it.DOI != "") {
			if a := cslDate(it.Accessed); a != "" {
				add(", accessed "+a, false)
			}
		}
		link := ""
		if it.DOI != "" {
			link = "https://doi.org/" + strings.TrimPrefix(strings.TrimSpace(it.DOI), "https://doi.org/")
		} else if it.URL != "" {
			link = strings.TrimSpace(it.URL)
		}
		if link != "" {
			add(", ", false)
			rs = append(rs, run{Text: link, URL: link})
		}
	}
	switch it.Type {
	case "book", "report", "thesis", "manuscript":
		if title != "" {
			add(title, true)
		}
		if it.CollectionTitle != "" {
			add(", "+it.CollectionTitle, false)
		}
		if f := pubFacts(); f != "" {
			add(" ("+f+")", false)
		}
		tail()
	case "article-journal":
		addQuoted(&rs, title)
		if container != "" {
			add(container, true)
		}
		if it.Volume != "" {
			add(" "+it.Volume, false)
		}
		if it.Issue != "" {
			add(", no. "+it.Issue, false)
		}
		if issued != "" {
			add(" ("+issued+")", false)
		}
		if it.Page != "" {
			add(": "+it.Page, false)
			it.Page = ""
		}
		tail()
	case "chapter", "paper-conference", "entry-encyclopedia":
		addQuoted(&rs, title)
		if container != "" {
			add("in ", false)
			add(container, true)
		}
		if e := names(it.Editor); e != "" {
			add(", ed. "+e, false)
		}
		if f := pubFacts(); f != "" {
			add(" ("+f+")", false)
		}
		tail()
	default:
		// article-newspaper, webpage, post-weblog, legislation, speech,
		// interview, document and the rest: "Title," Container, Date, URL.
		addQuoted(&rs, title)
		where := container
		if where == "" {
			where = strings.TrimSpace(it.Publisher)
		}
		if where != "" {
			italic := it.Type == "article-newspaper" || it.Type == "article-magazine"
			add(where, italic)
		}
		if issued != "" {
			if where != "" {
				add(", ", false)
			}
			add(issued, false)
		}
		tail()
	}
	return tidy(rs)
}

// addQuoted adds a title in curly quotes with the comma inside, as
// Chicago wants ("Title," …), unless it ends in its own punctuation.
func addQuoted(rs *[]run, title string) {
	if title == "" {
		return
	}
	if strings.HasSuffix(title, "?") || strings.HasSuffix(title, "!") {
		*rs = append(*rs, run{Text: "\u201c" + title + "\u201d "})
		return
	}
	*rs = append(*rs, run{Text: "\u201c" + strings.TrimRight(title, ".,;:") + ",\u201d "})
}

func edPlural(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}

// tidy merges adjacent runs of one kind and removes the doubled or dangling
// punctuation that optional fields leave ("Title,” , 2001" → "Title,” 2001").
func tidy(rs []run) []run {
	var out []run
	for _, r := range rs {
		if r.Text == "" {
			continue
		}
		if n := len(out); n > 0 {
			prev := &out[n-1]
			pt := prev.Text
			// A quoted title already ends ",” " : drop a following ", ".
			if strings.HasSuffix(pt, ",\u201d ") && strings.HasPrefix(r.Text, ", ") {
				r.Text = strings.TrimPrefix(r.Text, ", ")
			}
			if strings.HasSuffix(pt, ",\u201d ") && (r.Text == "." || r.Text == "; ") {
				prev.Text = strings.TrimSuffix(pt, ",\u201d ") + "\u201d"
			}
			if r.Text == "." && (strings.HasSuffix(prev.Text, ".") || strings.HasSuffix(prev.Text, ", ")) && prev.URL == "" {
				prev.Text = strings.TrimSuffix(prev.Text, ", ")
				if strings.HasSuffix(prev.Text, ".") {
					continue
				}
			}
			if r.Text == "" {
				continue
			}
			if prev.Italic == r.Italic && prev.URL == "" && r.URL == "" {
				prev.Text += r.Text
				continue
			}
		}
		out = append(out, r)
	}
	// A trailing ", " before nothing.
	if n := len(out); n > 0 && out[n-1].URL == "" {
		out[n-1].Text = strings.TrimSuffix(out[n-1].Text, ", ")
	}
	return out
}
