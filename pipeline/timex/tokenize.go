package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	kWord  = 'w'
	kNum   = 'n'
	kPunct = 'p'
)

// token is one word, number or punctuation mark, with its byte span.
type token struct {
	low  string // lower-cased text; curly apostrophes straightened
	s, e int    // byte offsets into the text
	kind byte
	// sp is true when whitespace (or the start of the text) precedes it.
	sp bool
	// nl counts the line breaks in the whitespace before it.
	nl int
	// cap is true when the token starts with an upper-case letter.
	cap bool
}

// tokenize splits text into tokens. Words keep internal periods when a
// letter follows ("p.m.", "U.S."), so abbreviations stay whole; numbers
// keep internal separators followed by a digit ("1,500", "7:15", "4.7",
// "11/14/2004"); a possessive "'s" is its own token; everything else that
// is not a space is one punctuation token per character.
func tokenize(text string, buf []token) []token {
	toks := buf[:0]
	i, n := 0, len(text)
	sp, nl := true, 0
	for i < n {
		c := text[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == '\n':
			nl++
			sp = true
			i += size
			continue
		case r == ' ' || r == '\t' || r == '\r' || r == '\f' || r == '\v' || r == 0xa0 || (r > 0x7f && unicode.IsSpace(r)):
			sp = true
			i += size
			continue
		}
		start := i
		var kind byte
		switch {
		case isLetter(r):
			kind = kWord
			i += size
			for i < n {
				r2, s2 := decode(text, i)
				if isLetter(r2) || r2 == '\u00ad' {
					i += s2
					continue
				}
				if r2 == '.' && i+1 < n {
					r3, _ := decode(text, i+1)
					if isLetter(r3) {
						// Only single letters between periods: "p.m", "u.s".
						if prev, _ := utf8.DecodeLastRuneInString(text[start:i]); isLetter(prev) && (i-start < 2 || text[i-2] == '.') {
							i += 1
							continue
						}
					}
					// Final period of an abbreviation with internal periods.
					if strings.Contains(text[start:i], ".") {
						i++
					}
				}
				break
			}
		case r >= '0' && r <= '9':
			kind = kNum
			i++
			for i < n {
				d := text[i]
				if d >= '0' && d <= '9' {
					i++
					continue
				}
				if (d == ',' || d == '.' || d == ':' || d == '/') && i+1 < n && text[i+1] >= '0' && text[i+1] <= '9' {
					if d == ',' && !(i+3 < n+0 && threeDigits(text, i+1)) {
						break
					}
					i += 2
					continue
				}
				break
			}
		case (r == '\'' || r == '\u2019') && i+size < n && (text[i+size] == 's' || text[i+size] == 'S') &&
			(i+size+1 >= n || !isLetterAt(text, i+size+1)) && len(toks) > 0 && !sp:
			kind = kWord
			i += size + 1
			toks = append(toks, token{low: "'s", s: start, e: i, kind: kind, sp: sp, nl: nl})
			sp, nl = false, 0
			continue
		default:
			kind = kPunct
			i += size
		}
		raw := text[start:i]
		t := token{s: start, e: i, kind: kind, sp: sp, nl: nl}
		if kind == kWord {
			t.cap = isUpper(raw)
			t.low = lower(raw)
		} else if r == '\u2019' || r == '\u2018' {
			t.low = "'"
		} else {
			t.low = raw
		}
		toks = append(toks, t)
		sp, nl = false, 0
	}
	return toks
}

func decode(s string, i int) (rune, int) {
	if s[i] < utf8.RuneSelf {
		return rune(s[i]), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return (r|0x20) >= 'a' && (r|0x20) <= 'z'
	}
	return unicode.IsLetter(r)
}

func isLetterAt(s string, i int) bool {
	r, _ := decode(s, i)
	return isLetter(r)
}

// threeDigits reports whether s has exactly three digits at i (a
// thousands group), so "1,500" is one number and "1990,1991" two.
func threeDigits(s string, i int) bool {
	for k := 0; k < 3; k++ {
		if i+k >= len(s) || s[i+k] < '0' || s[i+k] > '9' {
			return false
		}
	}
	return i+3 >= len(s) || s[i+3] < '0' || s[i+3] > '9'
}

func isUpper(s string) bool {
	r, _ := decode(s, 0)
	return unicode.IsUpper(r)
}

// lower lower-cases ASCII without allocating when nothing changes.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}
