package metadata

import (
	"context"
	_ "embed"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-dev/dossier/schema"
	"go.yaml.in/yaml/v3"
)

//go:embed patterns.yaml
var patternsYAML []byte

type patternFile struct {
	Publishers []struct {
		Pattern string `yaml:"pattern"`
		Name    string `yaml:"name"`
	} `yaml:"publishers"`
	Published        []string `yaml:"published"`
	PublishedText    []string `yaml:"published_text"`
	AuthorSections   []string `yaml:"author_sections"`
	AuthorLine       string   `yaml:"author_line"`
	Authors          []string `yaml:"authors"`
	Containers       []string `yaml:"containers"`
	PublisherPhrases []string `yaml:"publisher_phrases"`
}

type publisherSig struct {
	re   *regexp.Regexp
	name string
}

// Extractor is the metadata stage.
type Extractor struct {
	publishers       []publisherSig
	published        []*regexp.Regexp
	publishedText    []*regexp.Regexp
	authorSections   []*regexp.Regexp
	authorLine       *regexp.Regexp
	authors          []*regexp.Regexp
	containers       []*regexp.Regexp
	publisherPhrases []*regexp.Regexp
}

// New compiles the embedded patterns.
func New() (*Extractor, error) {
	var pf patternFile
	dec := yaml.NewDecoder(strings.NewReader(string(patternsYAML)))
	dec.KnownFields(true)
	if err := dec.Decode(&pf); err != nil {
		return nil, fmt.Errorf("metadata: patterns.yaml: %w", err)
	}
	e := &Extractor{}
	var err error
	compile := func(list []string) []*regexp.Regexp {
		var out []*regexp.Regexp
		for _, p := range list {
			re, cerr := regexp.Compile(p)
			if cerr != nil && err == nil {
				err = fmt.Errorf("metadata: patterns.yaml: %q: %w", p, cerr)
			}
			out = append(out, re)
		}
		return out
	}
	for _, p := range pf.Publishers {
		re, cerr := regexp.Compile(p.Pattern)
		if cerr != nil {
			return nil, fmt.Errorf("metadata: patterns.yaml: %q: %w", p.Pattern, cerr)
		}
		e.publishers = append(e.publishers, publisherSig{re, p.Name})
	}
	e.published = compile(pf.Published)
	e.publishedText = compile(pf.PublishedText)
	e.authorSections = compile(pf.AuthorSections)
	if al := compile([]string{pf.AuthorLine}); len(al) == 1 {
		e.authorLine = al[0]
	}
	e.authors = compile(pf.Authors)
	e.containers = compile(pf.Containers)
	e.publisherPhrases = compile(pf.PublisherPhrases)
	return e, err
}

// headLines is how far from the top bylines and dates are looked for.
const headLines = 40

// Process fills doc.Metadata, keeping values already set (by an earlier
// stage or the caller).
func (e *Extractor) Process(_ context.Context, doc *schema.Document) error {
	m := &doc.Metadata
	lines := strings.Split(doc.Text, "\n")
	offsets := make([]int, len(lines))
	off := 0
	for i, l := range lines {
		offsets[i] = off
		off += len(l) + 1
	}
	if m.Title == "" {
		e.findTitle(doc, lines, offsets)
	}
	head := lines
	if len(head) > headLines {
		head = head[:headLines]
	}
	for _, l := range head {
		l = strings.TrimSpace(l)
		if len(m.Authors) == 0 {
			for _, re := range e.authors {
				if sm := re.FindStringSubmatch(l); sm != nil {
					m.Authors = splitNames(sm[re.SubexpIndex("names")])
					if i := re.SubexpIndex("publisher"); i > 0 && sm[i] != "" && m.Publisher == "" {
						m.Publisher = strings.TrimSpace(sm[i])
					}
					break
				}
			}
		}
		if m.Published == "" {
			for _, re := range e.published {
				if sm := re.FindStringSubmatch(l); sm != nil {
					if d := parseDate(sm[re.SubexpIndex("date")]); d != "" {
						m.Published = d
						break
					}
				}
			}
		}
	}
	// Container, publisher phrases and a late "published in" line may sit
	// in an editor's note at the end: search the whole text.
	if m.Container == "" {
		for _, re := range e.containers {
			if sm := re.FindStringSubmatch(doc.Text); sm != nil {
				m.Container = strings.TrimSpace(sm[re.SubexpIndex("title")])
				break
			}
		}
	}
	if len(m.Authors) == 0 {
		m.Authors = e.authorSection(lines)
	}
	if m.Publisher == "" {
		for _, re := range e.publisherPhrases {
			if sm := re.FindStringSubmatch(doc.Text); sm != nil {
				m.Publisher = strings.TrimSpace(sm[re.SubexpIndex("name")])
				break
			}
		}
	}
	if m.Publisher == "" {
		for _, p := range e.publishers {
			if p.re.MatchString(doc.Text) {
				m.Publisher = p.name
				break
			}
		}
	}
	if m.Published == "" {
		for _, re := range e.publishedText {
			if sm := re.FindStringSubmatch(doc.Text); sm != nil {
				m.Published = parseDate(sm[re.SubexpIndex("date")])
				break
			}
		}
	}
	return nil
}

// authorSection reads "Name, Role" lines under an author heading.
func (e *Extractor) authorSection(lines []string) []string {
	var names []string
	for i, l := range lines {
		if !matchAny(e.authorSections, strings.TrimSpace(strings.TrimLeft(l, "# "))) {
			continue
		}
		for _, next := range lines[i+1:] {
			next = strings.TrimSpace(next)
			if next == "" {
				if len(names) > 0 {
					break
				}
				continue
			}
			sm := e.authorLine.FindStringSubmatch(next)
			if sm == nil {
				break
			}
			names = append(names, strings.TrimSpace(sm[1]))
		}
		if len(names) > 0 {
			return names
		}
	}
	return nil
}

func matchAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

var mdHeading = regexp.MustCompile(`^#{1,2}\s+(.+?)\s*#*$`)

// findTitle takes the first level-1 heading (HTML, Markdown), else the
// first short non-boilerplate line.
func (e *Extractor) findTitle(doc *schema.Document, lines []string, offsets []int) {
	set := func(b0, b1 int) {
		ev := doc.EvidenceBytes(b0, b1)
		doc.Metadata.Title = ev.Text
		doc.Metadata.TitleEvidence = &ev
	}
	for _, h := range doc.Markup.Headings {
		if h.Level == 1 {
			ev := doc.EvidenceAt(h.Span)
			doc.Metadata.Title = ev.Text
			doc.Metadata.TitleEvidence = &ev
			return
		}
	}
	for i, l := range lines {
		if sm := mdHeading.FindStringSubmatchIndex(l); sm != nil && strings.HasPrefix(l, "# ") {
			set(offsets[i]+sm[2], offsets[i]+sm[3])
			return
		}
	}
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || doc.InBoilerplate(doc.RuneOffset(offsets[i]+strings.Index(l, t))) {
			continue
		}
		words := len(strings.Fields(t))
		if words > 25 || strings.HasSuffix(t, ".") || isKicker(t) {
			continue
		}
		a := offsets[i] + strings.Index(l, t)
		set(a, a+len(t))
		return
	}
}

// isKicker reports a section label set above a headline ("ANALYSIS",
// "OPINION"): a short line in capitals.
func isKicker(t string) bool {
	return len(strings.Fields(t)) <= 3 && strings.ToUpper(t) == t && strings.ToLower(t) != t
}

// splitNames splits "A and B", "A, B and C", "Family, Given; Family, Given".
func splitNames(s string) []string {
	s = strings.TrimSpace(strings.Trim(s, "|"))
	var names []string
	if strings.Contains(s, ";") {
		for _, p := range strings.Split(s, ";") {
			p = strings.TrimSpace(p)
			if fam, given, ok := strings.Cut(p, ","); ok {
				p = strings.TrimSpace(given) + " " + strings.TrimSpace(fam)
			}
			if p != "" {
				names = append(names, p)
			}
		}
		return names
	}
	s = strings.ReplaceAll(s, " and ", ", ")
	s = strings.ReplaceAll(s, " & ", ", ")
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			names = append(names, p)
		}
	}
	if len(names) == 2 && !strings.Contains(names[0], " ") && !strings.Contains(names[1], " ") {
		// "Frittelli, John": one inverted name
		return []string{names[1] + " " + names[0]}
	}
	return names
}

// parseDate reads the date forms of bylines into ISO 8601 at their
// precision.
func parseDate(s string) string {
	s = strings.TrimSpace(strings.TrimRight(s, "., "))
	layouts := []struct{ layout, out string }{
		{"01/02/2006", "2006-01-02"},
		{"1/2/2006", "2006-01-02"},
		{"2006-01-02", "2006-01-02"},
		{"January 2, 2006", "2006-01-02"},
		{"January 2 2006", "2006-01-02"},
		{"Jan. 2, 2006", "2006-01-02"},
		{"Jan 2, 2006", "2006-01-02"},
		{"2 January 2006", "2006-01-02"},
		{"January 2006", "2006-01"},
		{"Jan 2006", "2006-01"},
	}
	for _, l := range layouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			return t.Format(l.out)
		}
	}
	if len(s) == 4 {
		if y, err := strconv.Atoi(s); err == nil && y > 1000 {
			return s
		}
	}
	return ""
}
