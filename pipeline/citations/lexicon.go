package citations

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed lexicon.yaml
var lexiconYAML []byte

// lexiconFile is lexicon.yaml as written.
type lexiconFile struct {
	Headings        []string          `yaml:"headings"`
	SectionEnds     []string          `yaml:"section_ends"`
	Entries         map[string]string `yaml:"entries"`
	Markers         map[string]string `yaml:"markers"`
	NoteFragment    string            `yaml:"note_fragment"`
	NavTexts        []string          `yaml:"nav_texts"`
	NavPrefixes     []string          `yaml:"nav_prefixes"`
	NavSchemes      []string          `yaml:"nav_schemes"`
	NavHosts        []string          `yaml:"nav_hosts"`
	SourceLine      string            `yaml:"source_line"`
	SourceCompilers []string          `yaml:"source_compilers"`
	NameParticles   []string          `yaml:"name_particles"`
}

// lexicon is the compiled word lists and patterns.
type lexicon struct {
	headings    map[string]bool
	sectionEnds map[string]bool

	footnote, numbered, bracketed, superscript, bare *regexp.Regexp

	bracketMarker, noteMarker, unicodeMarker, gluedMarker *regexp.Regexp

	noteFragment *regexp.Regexp

	navTexts    map[string]bool
	navPrefixes []string
	navSchemes  []string
	navHosts    map[string]bool

	sourceLine      *regexp.Regexp
	sourceCompilers []*regexp.Regexp
	particles       map[string]bool
}

// loadLexicon parses and compiles a lexicon; name is used in errors.
func loadLexicon(name string, data []byte) (*lexicon, error) {
	var f lexiconFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	lx := &lexicon{
		headings:    set(f.Headings),
		sectionEnds: set(f.SectionEnds),
		navTexts:    set(f.NavTexts),
		navPrefixes: lower(f.NavPrefixes),
		navSchemes:  lower(f.NavSchemes),
		navHosts:    set(f.NavHosts),
		particles:   set(f.NameParticles),
	}
	var err error
	compile := func(field, expr string) *regexp.Regexp {
		if err != nil {
			return nil
		}
		if expr == "" {
			err = fmt.Errorf("%s: %s is missing", name, field)
			return nil
		}
		re, e := regexp.Compile(expr)
		if e != nil {
			err = fmt.Errorf("%s: %s: %w", name, field, e)
			return nil
		}
		if re.NumSubexp() < 1 {
			err = fmt.Errorf("%s: %s needs one capture group", name, field)
		}
		return re
	}
	lx.footnote = compile("entries.footnote", f.Entries["footnote"])
	lx.numbered = compile("entries.numbered", f.Entries["numbered"])
	lx.bracketed = compile("entries.bracketed", f.Entries["bracketed"])
	lx.superscript = compile("entries.superscript", f.Entries["superscript"])
	lx.bare = compile("entries.bare", f.Entries["bare"])
	lx.bracketMarker = compile("markers.bracket", f.Markers["bracket"])
	lx.noteMarker = compile("markers.note", f.Markers["note"])
	lx.unicodeMarker = compile("markers.unicode", f.Markers["unicode"])
	lx.gluedMarker = compile("markers.glued", f.Markers["glued"])
	lx.noteFragment = compile("note_fragment", f.NoteFragment)
	lx.sourceLine = compile("source_line", f.SourceLine)
	for i, c := range f.SourceCompilers {
		if err != nil {
			break
		}
		re, e := regexp.Compile(c)
		if e != nil {
			err = fmt.Errorf("%s: source_compilers[%d]: %w", name, i, e)
			break
		}
		lx.sourceCompilers = append(lx.sourceCompilers, re)
	}
	if err != nil {
		return nil, err
	}
	if len(lx.headings) == 0 {
		return nil, fmt.Errorf("%s: headings is empty", name)
	}
	return lx, nil
}

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[strings.ToLower(strings.TrimSpace(w))] = true
	}
	return m
}

func lower(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToLower(w)
	}
	return out
}
