package positions

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/dossier-dev/dossier/configs"
	"go.yaml.in/yaml/v3"
)

// lexiconFile is configs/positions.yaml.
type lexiconFile struct {
	Cues                 map[string][]string `yaml:"cues"`
	GroupHolders         []string            `yaml:"group_holders"`
	Pronouns             map[string][]string `yaml:"pronouns"`
	RecommendationModals []string            `yaml:"recommendation_modals"`
	AuthorPhrases        []string            `yaml:"author_phrases"`
	Imperatives          []string            `yaml:"imperatives"`
	ClauseBreaks         []string            `yaml:"clause_breaks"`
}

// topicFile is configs/topics.yaml.
type topicFile struct {
	Topics []struct {
		Name     string   `yaml:"name"`
		Keywords []string `yaml:"keywords"`
	} `yaml:"topics"`
}

type cue struct {
	stance string
	re     *regexp.Regexp
}

type topic struct {
	name     string
	keywords []string
}

// lexicon is the compiled word lists.
type lexicon struct {
	cues         []cue
	groups       *regexp.Regexp
	pronouns     map[string]string // lower-case pronoun → singular/plural/neutral
	modal        *regexp.Regexp
	authorPhrase *regexp.Regexp
	imperatives  map[string]bool
	clauseBreaks []string
	topics       []topic
}

func readYAML(path, builtin string, into any) error {
	var data []byte
	var err error
	if path != "" {
		data, err = os.ReadFile(path)
	} else {
		data, err = configs.FS.ReadFile(builtin)
		path = "configs/" + builtin
	}
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(into); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func alternation(words []string) string {
	sorted := append([]string(nil), words...)
	sort.Slice(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	return "(?:" + strings.Join(sorted, "|") + ")"
}

func loadLexicon(topicsPath string) (*lexicon, error) {
	var lf lexiconFile
	if err := readYAML("", "positions.yaml", &lf); err != nil {
		return nil, err
	}
	var tf topicFile
	if err := readYAML(topicsPath, "topics.yaml", &tf); err != nil {
		return nil, err
	}
	lx := &lexicon{pronouns: map[string]string{}, imperatives: map[string]bool{}, clauseBreaks: lf.ClauseBreaks}
	stances := make([]string, 0, len(lf.Cues))
	for s := range lf.Cues {
		stances = append(stances, s)
	}
	sort.Strings(stances)
	for _, s := range stances {
		for _, p := range lf.Cues[s] {
			re, err := regexp.Compile(`(?i)\b(?:` + p + `)\b`)
			if err != nil {
				return nil, fmt.Errorf("configs/positions.yaml: cue %q: %w", p, err)
			}
			lx.cues = append(lx.cues, cue{stance: s, re: re})
		}
	}
	var err error
	if lx.groups, err = regexp.Compile(`(?i)\b` + alternation(lf.GroupHolders) + `\b`); err != nil {
		return nil, fmt.Errorf("configs/positions.yaml: group_holders: %w", err)
	}
	if lx.modal, err = regexp.Compile(`(?i)\b` + alternation(lf.RecommendationModals) + `\b`); err != nil {
		return nil, fmt.Errorf("configs/positions.yaml: recommendation_modals: %w", err)
	}
	if lx.authorPhrase, err = regexp.Compile(`(?i)\b` + alternation(lf.AuthorPhrases) + `\b`); err != nil {
		return nil, fmt.Errorf("configs/positions.yaml: author_phrases: %w", err)
	}
	for kind, words := range lf.Pronouns {
		for _, w := range words {
			lx.pronouns[strings.ToLower(w)] = kind
		}
	}
	for _, w := range lf.Imperatives {
		lx.imperatives[strings.ToLower(w)] = true
	}
	for _, t := range tf.Topics {
		tp := topic{name: t.Name}
		for _, k := range t.Keywords {
			tp.keywords = append(tp.keywords, strings.ToLower(k))
		}
		lx.topics = append(lx.topics, tp)
	}
	return lx, nil
}

// topicOf normalises a statement to the first topic whose keyword occurs.
func (lx *lexicon) topicOf(statement string) string {
	low := strings.ToLower(statement)
	for _, t := range lx.topics {
		for _, k := range t.keywords {
			if strings.Contains(low, k) {
				return t.name
			}
		}
	}
	return ""
}
