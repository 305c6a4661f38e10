package refparse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one whitespace-separated word of a reference, with its byte
// offsets so labelled stretches can be cut back out of the original text.
type token struct {
	Text       string
	Start, End int // byte offsets in the reference
}

// tokenize splits s at white space. The tagger labels whole words, as the
// training data (AnyStyle's core set) segments at word boundaries.
func tokenize(s string) []token {
	var toks []token
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				toks = append(toks, token{s[start:i], start, i})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		toks = append(toks, token{s[start:], start, len(s)})
	}
	return toks
}

// core strips a word's surrounding punctuation: `(2011).` → `2011`.
func core(w string) string {
	return strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// shape maps a word to a compressed character-class string: "Smith," →
// "Xx,", "2011)." → "d).", so the tagger generalises over unseen words.
func shape(w string) string {
	var b strings.Builder
	var last rune = -1
	n := 0
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last && (c == 'x' || c == 'd' || c == 'X') {
			continue
		}
		last = c
		b.WriteRune(c)
		n++
		if n > 8 {
			break
		}
	}
	return b.String()
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
