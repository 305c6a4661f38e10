package pdf

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

//go:embed style.yaml
var styleYAML []byte

// mark is how one event type or stance is drawn: a filled shape in a
// colour, with a legend label.
type mark struct {
	Label string `yaml:"label"`
	// Verb reads in a sentence ("Japan demands ..."); stances only.
	Verb  string `yaml:"verb"`
	Shape string `yaml:"shape"`
	Color string `yaml:"color"`
	rgb   [3]int
}

// style is the parsed style.yaml.
type style struct {
	EventTypes map[string]*mark  `yaml:"event_types"`
	Stances    map[string]*mark  `yaml:"stances"`
	Fallbacks  map[string]string `yaml:"fallbacks"`
	fallbacks  map[rune]string
	// typeOrder and stanceOrder are the keys in file order, for legends.
	typeOrder, stanceOrder []string
}

var (
	styleOnce sync.Once
	styleVal  *style
	styleErr  error
)

// loadStyle parses the embedded style table once.
func loadStyle() (*style, error) {
	styleOnce.Do(func() { styleVal, styleErr = parseStyle(styleYAML) })
	return styleVal, styleErr
}

func parseStyle(data []byte) (*style, error) {
	var st style
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&st); err != nil {
		return nil, fmt.Errorf("pdf style.yaml: %w", err)
	}
	for _, group := range []map[string]*mark{st.EventTypes, st.Stances} {
		for name, m := range group {
			rgb, err := parseColor(m.Color)
			if err != nil {
				return nil, fmt.Errorf("pdf style.yaml: %s: %w", name, err)
			}
			m.rgb = rgb
			switch m.Shape {
			case "circle", "square", "diamond", "up", "down":
			default:
				return nil, fmt.Errorf("pdf style.yaml: %s: unknown shape %q", name, m.Shape)
			}
		}
	}
	if st.EventTypes["other"] == nil || st.Stances["other"] == nil {
		return nil, fmt.Errorf("pdf style.yaml: event_types and stances need an \"other\" entry")
	}
	var order struct {
		EventTypes yaml.Node `yaml:"event_types"`
		Stances    yaml.Node `yaml:"stances"`
	}
	if err := yaml.Unmarshal(data, &order); err != nil {
		return nil, fmt.Errorf("pdf style.yaml: %w", err)
	}
	st.typeOrder = mapKeys(&order.EventTypes)
	st.stanceOrder = mapKeys(&order.Stances)
	st.fallbacks = map[rune]string{}
	for k, v := range st.Fallbacks {
		r, n := utf8.DecodeRuneInString(k)
		if n != len(k) {
			return nil, fmt.Errorf("pdf style.yaml: fallback key %q is not one character", k)
		}
		st.fallbacks[r] = v
	}
	return &st, nil
}

func parseColor(s string) ([3]int, error) {
	if len(s) != 7 || s[0] != '#' {
		return [3]int{}, fmt.Errorf("colour %q: want #RRGGBB", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return [3]int{}, fmt.Errorf("colour %q: %w", s, err)
	}
	return [3]int{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}, nil
}

// eventMark returns the mark of an event type, "other" for unknown ones.
func (st *style) eventMark(typ string) *mark {
	if m, ok := st.EventTypes[strings.ToLower(typ)]; ok {
		return m
	}
	return st.EventTypes["other"]
}

// stanceMark returns the mark of a stance, "other" for unknown ones.
func (st *style) stanceMark(stance string) *mark {
	if m, ok := st.Stances[strings.ToLower(stance)]; ok {
		return m
	}
	return st.Stances["other"]
}

// mapKeys lists a YAML mapping's keys in file order.
func mapKeys(n *yaml.Node) []string {
	var keys []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		keys = append(keys, n.Content[i].Value)
	}
	return keys
}
