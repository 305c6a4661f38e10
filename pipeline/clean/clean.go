package clean

import (
	"context"
	_ "embed"
	"fmt"
	"regexp"
	"strings"

	"github.com/dossier-dev/dossier/schema"
	"go.yaml.in/yaml/v3"
)

//go:embed rules.yaml
var rulesYAML []byte

type rules struct {
	Lines        []string `yaml:"lines"`
	TOC          []string `yaml:"toc"`
	Trailer      []string `yaml:"trailer"`
	LinkShare    float64  `yaml:"link_share"`
	HeaderChrome []string `yaml:"header_chrome"`
	HeaderLines  int      `yaml:"header_lines"`
}

// Cleaner marks boilerplate.
type Cleaner struct {
	lines     []*regexp.Regexp
	toc       []*regexp.Regexp
	trailer   []*regexp.Regexp
	linkShare float64
	header    int
	chrome    []*regexp.Regexp
}

// New compiles the embedded rules.
func New() (*Cleaner, error) {
	var r rules
	dec := yaml.NewDecoder(strings.NewReader(string(rulesYAML)))
	dec.KnownFields(true)
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("clean: rules.yaml: %w", err)
	}
	c := &Cleaner{linkShare: r.LinkShare, header: r.HeaderLines}
	for _, p := range r.Lines {
		re, err := regexp.Compile("(?i)" + p)
		if err != nil {
			return nil, fmt.Errorf("clean: rules.yaml: line rule %q: %w", p, err)
		}
		c.lines = append(c.lines, re)
	}
	for _, p := range r.HeaderChrome {
		re, err := regexp.Compile("(?i)" + p)
		if err != nil {
			return nil, fmt.Errorf("clean: rules.yaml: header_chrome rule %q: %w", p, err)
		}
		c.chrome = append(c.chrome, re)
	}
	for _, set := range []struct {
		name string
		src  []string
		dst  *[]*regexp.Regexp
	}{{"toc", r.TOC, &c.toc}, {"trailer", r.Trailer, &c.trailer}} {
		for _, p := range set.src {
			re, err := regexp.Compile("(?i)" + p)
			if err != nil {
				return nil, fmt.Errorf("clean: rules.yaml: %s rule %q: %w", set.name, p, err)
			}
			*set.dst = append(*set.dst, re)
		}
	}
	return c, nil
}

var mdLink = regexp.MustCompile(`\[[^\]\n]*\]\([^)\s]*\)`)

type line struct {
	start, end int // byte offsets, end excludes the newline
	text       string
}

func splitLines(text string) []line {
	var out []line
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			out = append(out, line{start, i, text[start:i]})
			start = i + 1
		}
	}
	return out
}

// Process marks boilerplate lines of doc.
func (c *Cleaner) Process(_ context.Context, doc *schema.Document) error {
	lines := splitLines(doc.Text)
	bp := make([]bool, len(lines))
	inTOC, inTrailer := false, false
	lastHeaderChrome := -1
	seen := 0 // non-empty lines seen
	for i, l := range lines {
		t := strings.TrimSpace(l.text)
		if t == "" {
			continue
		}
		seen++
		switch {
		case c.matchAny(c.trailer, t):
			inTrailer = true
		case c.matchAny(c.toc, t):
			inTOC = true
			bp[i] = true
			continue
		case inTOC && !listItem.MatchString(t):
			inTOC = false
		}
		if inTrailer || inTOC || c.matchAny(c.lines, t) || c.isMenu(t) {
			bp[i] = true
			if seen <= c.header && (c.matchAny(c.chrome, t) || c.isMenu(t)) {
				lastHeaderChrome = i
			}
		}
	}
	// Page chrome near the top: what stands above it is teaser or chrome.
	for i := 0; i < lastHeaderChrome; i++ {
		if strings.TrimSpace(lines[i].text) != "" && !looksLikeProse(lines[i].text) {
			bp[i] = true
		}
	}
	doc.Boilerplate = doc.Boilerplate[:0]
	for i, l := range lines {
		if !bp[i] {
			continue
		}
		a, b := l.start, l.end
		for a < b && (doc.Text[a] == ' ' || doc.Text[a] == '\t') {
			a++
		}
		for b > a && (doc.Text[b-1] == ' ' || doc.Text[b-1] == '\t') {
			b--
		}
		if a == b {
			continue
		}
		s := schema.Span{Start: doc.RuneOffset(a), End: doc.RuneOffset(b)}
		if n := len(doc.Boilerplate); n > 0 && gapIsBlank(doc, doc.Boilerplate[n-1].End, s.Start) {
			doc.Boilerplate[n-1].End = s.End
			continue
		}
		doc.Boilerplate = append(doc.Boilerplate, s)
	}
	return nil
}

func gapIsBlank(doc *schema.Document, from, to int) bool {
	return strings.TrimSpace(doc.Slice(schema.Span{Start: from, End: to})) == ""
}

func (c *Cleaner) matchAny(res []*regexp.Regexp, t string) bool {
	for _, re := range res {
		if re.MatchString(t) {
			return true
		}
	}
	return false
}

// isMenu reports a line made mostly of Markdown links.
func (c *Cleaner) isMenu(t string) bool {
	links := mdLink.FindAllStringIndex(t, -1)
	if len(links) == 0 {
		return false
	}
	n := 0
	for _, l := range links {
		n += l[1] - l[0]
	}
	body := strings.TrimLeft(t, "-*+ ")
	return float64(n) >= c.linkShare*float64(len(body))
}

var listItem = regexp.MustCompile(`^(?:[-*+•]|\d{1,3}[.)])\s`)

// looksLikeProse keeps real sentences above page chrome (a standfirst).
func looksLikeProse(t string) bool {
	t = strings.TrimSpace(t)
	return len(strings.Fields(t)) >= 15 && strings.ContainsAny(t[len(t)-1:], ".?!”\"")
}
