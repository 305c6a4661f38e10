package xlsx

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// formulaLike reports whether a spreadsheet would take text for a formula
// when it is typed, edited or exported to CSV: a leading =, +, -, @, tab or
// carriage return (OWASP's list), or their full-width forms, which some
// input methods turn into the ASCII ones.
func formulaLike(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '＝', '＋', '－', '＠':
		return true
	}
	return false
}

// safeURL reports whether a URL may become a clickable link: absolute
// http(s) only, so a document cannot plant file: or javascript: links.
func safeURL(s string) bool {
	if strings.ContainsAny(s, " \t\r\n\"<>") || len(s) > 2000 {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	return u.Scheme == "http" || u.Scheme == "https"
}
