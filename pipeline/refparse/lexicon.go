package refparse

import (
	_ "embed"
	"fmt"

	"go.yaml.in/yaml/v3"
)

//go:embed lexicon.yaml
var lexiconYAML []byte

// lexicon holds the parser's word lists (lexicon.yaml), so vocabulary lives
// in data rather than scattered through code.
type lexicon struct {
	Months      map[string]int      `yaml:"months"`
	Classes     map[string][]string `yaml:"classes"`
	Institution []string            `yaml:"institution"`
	Newspapers  []string            `yaml:"newspapers"`
	Legislation []string            `yaml:"legislation"`
	NoteCues    []string            `yaml:"notecues"`
	Subunits    []string            `yaml:"subunits"`
	InstPrefix  []string            `yaml:"instprefixes"`
	Genres      []string            `yaml:"genres"`

	class       map[string]string
	institution map[string]bool
	newspaper   map[string]bool
	subunit     map[string]bool
	instPrefix  map[string]bool
	genre       map[string]bool
}

var lex = mustLexicon()

func mustLexicon() *lexicon {
	var l lexicon
	if err := yaml.Unmarshal(lexiconYAML, &l); err != nil {
		panic(fmt.Sprintf("refparse: lexicon.yaml: %v", err)) // embedded file; a test covers it
	}
	l.class = map[string]string{}
	for c, ws := range l.Classes {
		for _, w := range ws {
			l.class[w] = c
		}
	}
	l.institution = set(l.Institution)
	l.newspaper = set(l.Newspapers)
	l.subunit = set(l.Subunits)
	l.instPrefix = set(l.InstPrefix)
	l.genre = set(l.Genres)
	return &l
}

func set(ws []string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
