package actors

import (
	"bytes"
	"io"
	"unicode"
	"unicode/utf8"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// isWordRune is a character that continues a word: a name never starts or
// ends next to one.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// runeBefore is the character before byte offset i, or 0.
func runeBefore(s string, i int) rune {
	if i <= 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

// runeAt is the character at byte offset i, or 0.
func runeAt(s string, i int) rune {
	if i >= len(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

func decodeLast(s string) (rune, int) { return utf8.DecodeLastRuneInString(s) }
