package citations

import (
	"strings"
	"unicode"
)

// acronyms collects "Long Name (LN)" definitions from the document's text
// outside its notes, so an author cited by acronym ("IJC") is written out
// as the body introduces it. Definitions made only inside notes are not
// used: there the note itself chose the short form.
func (s *Stage) acronyms(t *text, notes []note) map[string]string {
	out := map[string]string{}
	src := t.s
	for i := 0; i < len(src); i++ {
		if src[i] != '(' {
			continue
		}
		j := strings.IndexByte(src[i:], ')')
		if j < 3 || j > 12 {
			continue
		}
		acr := src[i+1 : i+j]
		if !isAcronym(acr) || insideNotes(notes, i) {
			continue
		}
		if _, seen := out[acr]; seen {
			continue
		}
		if long := s.expansion(src[max(0, i-200):i], acr); long != "" {
			out[acr] = long
		}
	}
	return out
}

func insideNotes(notes []note, b int) bool {
	for _, n := range notes {
		if n.entry <= b && b < n.end {
			return true
		}
	}
	return false
}

func isAcronym(s string) bool {
	upper := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r) || r == '&':
		default:
			return false
		}
	}
	return upper >= 2 && unicode.IsUpper([]rune(s)[0])
}

// expansion finds the shortest run of words ending just before the
// parenthesis whose capitalised initials spell the acronym.
func (s *Stage) expansion(before, acr string) string {
	words := strings.Fields(before)
	want := strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return r
		}
		return -1
	}, acr)
	for k := len(words) - 1; k >= 0 && k >= len(words)-12; k-- {
		w := words[k]
		if !unicode.IsUpper([]rune(w)[0]) {
			if !s.lx.particles[strings.ToLower(w)] {
				return ""
			}
			continue
		}
		var initials strings.Builder
		for _, x := range words[k:] {
			if r := []rune(x)[0]; unicode.IsUpper(r) {
				initials.WriteRune(r)
			}
		}
		if initials.String() == want {
			return strings.Trim(strings.Join(words[k:], " "), ",;:")
		}
	}
	return ""
}
