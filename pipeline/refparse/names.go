package refparse

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/dossier-dev/dossier/schema"
)

var (
	reEtAl      = regexp.MustCompile(`(?i)[,;]?\s*\bet\.?\s+al\b\.?`)
	reEdMarker  = regexp.MustCompile(`(?i)[,;]?\s*\(?\b(?:eds?|editors?|hrsg|hg|coord|comps?|trans|transl|translated|dir)\b\.?\)?\s*[.,:;]*\s*$`)
	reLeadWord  = regexp.MustCompile(`(?i)^(?:in|by|edited by|ed\. by|eds\. by|translated by|coordinated by|compiled by)\s*:?\s+`)
	reNameSep   = regexp.MustCompile(`\s*(?:;|\s&\s|&|\band\b|\bund\b|\bet\b|\by\b)\s*`)
	reInitials  = regexp.MustCompile(`^(?:\p{Lu}\.?\s?-?)+$`)
	reAcronymIn = regexp.MustCompile(`\(\p{Lu}{2,}\)`)
	reEdMid     = regexp.MustCompile(`(?i),?\s*\(?\b(?:eds|editors|hrsg)\.?\)?[.,:;]?\s+\S`)
)

// particles are lower-case name prefixes that belong to the family name.
var particles = map[string]bool{"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "di": true, "du": true, "del": true, "della": true, "la": true, "le": true, "ter": true, "ten": true, "dos": true, "das": true, "bin": true, "al": true, "el": true}

// ParseNames splits an author or editor field into names: people as
// family/given (from "Family, Given", "Given Family" or "Family G." forms,
// and Chicago's "Family, Given, Given Family, and Given Family"),
// institutions as one literal, and a trailing "et al." as a literal
// "et al." so the display keeps it.
func ParseNames(s string) []schema.CSLName {
	s = strings.TrimSpace(s)
	s = reLeadWord.ReplaceAllString(s, "")
	s = reEdMarker.ReplaceAllString(s, "")
	// a name list ends at its role marker: "X, Y, and Z, eds. (Place"
	if loc := reEdMid.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = s[:loc[0]]
	}
	etal := false
	if loc := reEtAl.FindStringIndex(s); loc != nil {
		etal = true
		s = s[:loc[0]] + s[loc[1]:]
	}
	s = strings.Trim(s, " ,;:")
	s = trimBrackets(s)
	if strings.HasSuffix(s, ".") && !endsWithAbbrev(s) {
		s = strings.TrimSuffix(s, ".")
	}
	var out []schema.CSLName
	if s != "" {
		if isInstitution(s) {
			out = append(out, schema.CSLName{Literal: s})
		} else {
			out = splitPeople(s)
		}
	}
	if etal {
		out = append(out, schema.CSLName{Literal: "et al."})
	}
	return out
}

// isInstitution says whether a name string names an organisation: it has
// an institutional word ("Ministry", "Council"), an acronym in brackets,
// or a chain of dotted parts ("Japan. Ministry of …").
func isInstitution(s string) bool {
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, "."))
		if lex.institution[lw] {
			return true
		}
	}
	if reAcronymIn.MatchString(s) {
		return true
	}
	// "U.S. Customs and Border Protection": a national prefix
	if f := strings.Fields(s); len(f) > 1 && lex.instPrefix[strings.ToLower(f[0])] {
		return true
	}
	// "U.S." or "UN" alone, all-caps single tokens
	if len(words) == 1 && len([]rune(strings.ReplaceAll(s, ".", ""))) >= 2 && strings.ToUpper(s) == s && !strings.Contains(s, ",") {
		return true
	}
	// "Japan. MOFA" style chain: a capitalised word followed by ". " and more
	if !strings.Contains(s, ",") {
		parts := strings.Split(s, ". ")
		if len(parts) > 1 && len([]rune(parts[0])) > 2 && !reInitials.MatchString(parts[0]) {
			return true
		}
	}
	return false
}

// splitPeople splits a list of personal names.
func splitPeople(s string) []schema.CSLName {
	var out []schema.CSLName
	for _, chunk := range reNameSep.Split(s, -1) {
		chunk = strings.Trim(chunk, " ,")
		if chunk == "" {
			continue
		}
		parts := splitComma(chunk)
		for i := 0; i < len(parts); i++ {
			p := parts[i]
			ws := strings.Fields(p)
			switch {
			case len(ws) == 0:
				continue
			case i+1 < len(parts) && looksFamily(ws) && looksGiven(parts[i+1], i == 0 && len(out) == 0):
				out = append(out, personName(strings.Join(ws, " "), parts[i+1]))
				i++
			case len(ws) == 1 && reInitials.MatchString(ws[0]) && len(out) > 0 && out[len(out)-1].Given == "":
				out[len(out)-1].Given = ws[0]
			default:
				out = append(out, directName(ws))
			}
		}
	}
	return out
}

func splitComma(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// looksFamily: one or two words (with a particle), not initials.
func looksFamily(ws []string) bool {
	if len(ws) == 0 || len(ws) > 3 {
		return false
	}
	if reInitials.MatchString(strings.Join(ws, "")) && len(ws[0]) <= 3 {
		return false
	}
	if len(ws) > 1 && !particles[strings.ToLower(ws[0])] && !particles[strings.ToLower(ws[len(ws)-2])] {
		return false
	}
	return true
}

// looksGiven: initials, or one or two capitalised words when the list is
// inverted ("Rachman, Gideon").
func looksGiven(p string, firstName bool) bool {
	ws := strings.Fields(p)
	if len(ws) == 0 {
		return false
	}
	if reInitials.MatchString(strings.ReplaceAll(p, " ", "")) {
		return true
	}
	if len(ws) > 2 {
		return false
	}
	allInit := true
	for _, w := range ws {
		if !unicode.IsUpper(firstRune(w)) {
			return false
		}
		if !reInitials.MatchString(w) {
			allInit = false
		}
	}
	return firstName || allInit || len(ws) == 1 && len([]rune(ws[0])) <= 3
}

func personName(family, given string) schema.CSLName {
	n := schema.CSLName{Family: family, Given: strings.TrimSpace(given)}
	fw := strings.Fields(family)
	if len(fw) > 1 && particles[strings.ToLower(fw[0])] && unicode.IsLower(firstRune(fw[0])) {
		n.Particle = fw[0]
		n.Family = strings.Join(fw[1:], " ")
	}
	return n
}

// directName reads "Given Middle Family", "Family G." or "G. Family".
func directName(ws []string) schema.CSLName {
	if len(ws) == 1 {
		return schema.CSLName{Family: ws[0]}
	}
	last := ws[len(ws)-1]
	if reInitials.MatchString(last) && !reInitials.MatchString(ws[0]) {
		// "Heidegger M."
		return schema.CSLName{Family: strings.Join(ws[:len(ws)-1], " "), Given: last}
	}
	// family starts at the first particle after the given names
	k := len(ws) - 1
	for j := 1; j < len(ws)-1; j++ {
		if particles[ws[j]] {
			k = j
			break
		}
	}
	n := schema.CSLName{Given: strings.Join(ws[:k], " "), Family: strings.Join(ws[k:], " ")}
	if k < len(ws)-1 && particles[ws[k]] {
		n.Particle = ws[k]
		n.Family = strings.Join(ws[k+1:], " ")
	}
	return n
}
