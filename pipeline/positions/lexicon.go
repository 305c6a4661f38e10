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
	StrongModals         []string            `yaml:"strong_modals"`
	NounMarkers          []string            `yaml:"noun_markers"`
	Hedges               []string            `yaml:"hedges"`
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
	// at matches the cue at the start of a string.
	at *regexp.Regexp
}

// group is a group holder pattern and the name it gives ("" = as
// written, without its quantifier).
type group struct {
	re   *regexp.Regexp
	name string
}

type topic struct {
	name     string
	keywords []string
}

// lexicon is the compiled word lists.
type lexicon struct {
	cues []cue
	// anyCue is every cue in one regular expression, longest patterns
	// first, for lexicons whose cues do not all start with a literal word.
	anyCue *regexp.Regexp
	// byKey indexes cues by the first three letters of their first word:
	// a clause is scanned word by word and a cue's expression is tried only
	// where its word starts, which keeps the stage fast.
	byKey  map[string][]int
	groups []group
	// strong matches the modals that make any subject's clause a
	// recommendation; hedge the words that take that back.
	strong, hedge *regexp.Regexp
	pronouns      map[string]string // lower-case pronoun → singular/plural/neutral
	modal         *regexp.Regexp
	// recWords are literal starts of the modals and author phrases: a
	// clause with none of them is not a recommendation (a cheap test run
	// before the expressions).
	recWords     []string
	authorPhrase *regexp.Regexp
	imperatives  map[string]bool
	nounMarkers  map[string]bool
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
	lx := &lexicon{pronouns: map[string]string{}, imperatives: map[string]bool{}, nounMarkers: map[string]bool{}}
	for _, w := range lf.NounMarkers {
		lx.nounMarkers[strings.ToLower(w)] = true
	}
	for _, br := range lf.ClauseBreaks {
		lx.clauseBreaks = append(lx.clauseBreaks, br)
		if rest, ok := strings.CutPrefix(br, ", "); ok {
			// a comma inside closing quotes: "… islands,” because …"
			lx.clauseBreaks = append(lx.clauseBreaks, ",” "+rest, ",\" "+rest)
		}
	}
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
	order := make([]int, len(lx.cues))
	for i := range order {
		order[i] = i
	}
	var pats []string
	raw := map[int]string{}
	i := 0
	for _, st := range stances {
		for _, p := range lf.Cues[st] {
			raw[i] = p
			i++
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return len(raw[order[a]]) > len(raw[order[b]]) })
	for _, k := range order {
		pats = append(pats, "(?:"+raw[k]+")")
	}
	var err error
	if lx.anyCue, err = regexp.Compile(`(?i)\b(?:` + strings.Join(pats, "|") + `)\b`); err != nil {
		return nil, fmt.Errorf("configs/positions.yaml: cues: %w", err)
	}
	lx.byKey = map[string][]int{}
	for i := range lx.cues {
		lx.cues[i].at = regexp.MustCompile(`(?i)^(?:` + raw[i] + `)\b`)
	}
	for i := range lx.cues {
		for _, alt := range splitAlternatives(raw[i]) {
			key := wordKey(alt)
			if key == "" {
				lx.byKey = nil // no usable start: search every clause fully
				break
			}
			if ks := lx.byKey[key]; len(ks) == 0 || ks[len(ks)-1] != i {
				lx.byKey[key] = append(ks, i)
			}
		}
		if lx.byKey == nil {
			break
		}
	}
	for _, g := range lf.GroupHolders {
		pat, name, _ := strings.Cut(g, " => ")
		re, err := regexp.Compile(`(?i)\b(?:` + strings.TrimSpace(pat) + `)\b`)
		if err != nil {
			return nil, fmt.Errorf("configs/positions.yaml: group_holders: %q: %w", g, err)
		}
		lx.groups = append(lx.groups, group{re: re, name: strings.TrimSpace(name)})
	}
	if lx.strong, err = regexp.Compile(`(?i)\b` + alternation(lf.StrongModals) + `\b`); err != nil {
		return nil, fmt.Errorf("configs/positions.yaml: strong_modals: %w", err)
	}
	if lx.hedge, err = regexp.Compile(`(?i)\b` + alternation(lf.Hedges) + `\b`); err != nil {
		return nil, fmt.Errorf("configs/positions.yaml: hedges: %w", err)
	}
	if lx.modal, err = regexp.Compile(`(?i)\b` + alternation(lf.RecommendationModals) + `\b`); err != nil {
		return nil, fmt.Errorf("configs/positions.yaml: recommendation_modals: %w", err)
	}
	if lx.authorPhrase, err = regexp.Compile(`(?i)\b` + alternation(lf.AuthorPhrases) + `\b`); err != nil {
		return nil, fmt.Errorf("configs/positions.yaml: author_phrases: %w", err)
	}
	for _, p := range append(append([]string(nil), lf.RecommendationModals...), lf.AuthorPhrases...) {
		for _, alt := range splitAlternatives(p) {
			re, err := regexp.Compile(alt)
			if err != nil {
				return nil, fmt.Errorf("configs/positions.yaml: %q: %w", alt, err)
			}
			prefix, _ := re.LiteralPrefix()
			if prefix == "" {
				lx.recWords = nil
				break
			}
			lx.recWords = append(lx.recWords, strings.ToLower(prefix))
		}
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

// wordKey is the lower-case first three letters of a pattern's literal
// start, or "" when it has none.
func wordKey(alt string) string {
	re, err := regexp.Compile(alt)
	if err != nil {
		return ""
	}
	prefix, _ := re.LiteralPrefix()
	if len(prefix) < 3 {
		return ""
	}
	return strings.ToLower(prefix[:3])
}

// splitAlternatives splits a pattern at its top-level "|".
func splitAlternatives(p string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case '|':
			if depth == 0 {
				out = append(out, p[start:i])
				start = i + 1
			}
		}
	}
	return append(out, p[start:])
}

// mayRecommend is the cheap test run before the recommendation
// expressions.
func (lx *lexicon) mayRecommend(clause string) bool {
	if lx.recWords == nil {
		return true
	}
	low := strings.ToLower(clause)
	for _, w := range lx.recWords {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
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
