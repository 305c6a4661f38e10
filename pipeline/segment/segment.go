package segment

import (
	"context"
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/schema"
	"go.yaml.in/yaml/v3"
)

//go:embed abbreviations.yaml
var abbreviationsYAML []byte

// Segmenter splits text into paragraphs and sentences.
type Segmenter struct {
	abbrev   map[string]bool
	acronyms map[string]bool
}

// New loads the embedded abbreviation list.
func New() (*Segmenter, error) {
	var lists map[string][]string
	if err := yaml.Unmarshal(abbreviationsYAML, &lists); err != nil {
		return nil, fmt.Errorf("segment: abbreviations.yaml: %w", err)
	}
	s := &Segmenter{abbrev: map[string]bool{}, acronyms: map[string]bool{}}
	for k, words := range lists {
		for _, w := range words {
			if k == "acronyms" {
				s.acronyms[w] = true
			} else {
				s.abbrev[w] = true
			}
		}
	}
	return s, nil
}

// Process fills doc.Paragraphs and doc.Sentences.
func (s *Segmenter) Process(_ context.Context, doc *schema.Document) error {
	doc.Paragraphs = doc.Paragraphs[:0]
	doc.Sentences = doc.Sentences[:0]
	lineMode := doc.Source.MediaType == "text/html"
	for _, p := range paragraphs(doc.Text, lineMode) {
		doc.Paragraphs = append(doc.Paragraphs, span(doc, p))
		for _, sen := range s.sentences(doc.Text, p) {
			doc.Sentences = append(doc.Sentences, span(doc, sen))
		}
	}
	return nil
}

type byteSpan struct{ start, end int }

func span(doc *schema.Document, b byteSpan) schema.Span {
	return schema.Span{Start: doc.RuneOffset(b.start), End: doc.RuneOffset(b.end)}
}

// paragraphs returns the byte spans of paragraphs, trimmed of whitespace.
func paragraphs(text string, lineMode bool) []byteSpan {
	var out []byteSpan
	emit := func(a, b int) {
		if sp, ok := trimmed(text, a, b); ok {
			out = append(out, sp)
		}
	}
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		if lineMode {
			emit(start, i)
			start = i + 1
			continue
		}
		// a blank line (only spaces) ends the paragraph
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
			j++
		}
		if j < len(text) && text[j] == '\n' {
			emit(start, i)
			start = j
			i = j - 1
		}
	}
	emit(start, len(text))
	return out
}

// trimmed narrows [a,b) to its non-space content; ok is false when none is
// left.
func trimmed(text string, a, b int) (byteSpan, bool) {
	for a < b && isSpaceByte(text[a]) {
		a++
	}
	for b > a && isSpaceByte(text[b-1]) {
		b--
	}
	return byteSpan{a, b}, a < b
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

// noteMarker matches a note marker after a sentence end: " [3]", "[^3]",
// "[4–6]", superscript digits.
var noteMarker = regexp.MustCompile(`^[ \t]*(?:\[\^?\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)`)

// gluedMarker is a note marker written right after the full stop.
var gluedMarker = regexp.MustCompile(`^(?:\[\^?\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)`)

// listStart matches a line that begins a list item, table row or heading.
var listStart = regexp.MustCompile(`^[ \t]*(?:[-*+•|#>]|\d{1,3}[.)]\s|\(\d{1,3}\)\s)`)

// sentences splits one paragraph.
func (s *Segmenter) sentences(text string, p byteSpan) []byteSpan {
	var out []byteSpan
	start := p.start
	emit := func(end int) {
		if sp, ok := trimmed(text, start, end); ok {
			out = append(out, sp)
		}
		start = end
	}
	for i := p.start; i < p.end; {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			// Line breaks inside a paragraph end a sentence when the next
			// line starts a list item or row, or this line ended with
			// sentence punctuation or had none at all (a heading).
			next := text[i+1 : p.end]
			prev := strings.TrimRight(text[start:i], " \t")
			if listStart.MatchString(next) || prev == "" || endsSentence(prev) || !strings.ContainsAny(prev, ".,;:!?") {
				emit(i)
			}
		case r == '.' || r == '!' || r == '?' || r == '…':
			end := i + size
			// swallow repeated punctuation and closing quotes/brackets
			for end < p.end {
				c, sz := utf8.DecodeRuneInString(text[end:])
				if c == '.' || c == '!' || c == '?' || c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == ']' || c == '»' {
					end += sz
					continue
				}
				break
			}
			// A marker glued to the stop ("China.[^1] Beijing") belongs
			// to the sentence it ends; the space comes after it.
			next := end + len(gluedMarker.FindString(text[end:p.end]))
			if next >= p.end {
				i = next
				continue
			}
			c, _ := utf8.DecodeRuneInString(text[next:])
			if c != ' ' && c != '\n' && c != '\t' && c != '\u00a0' {
				i = end
				continue
			}
			if r == '.' && !s.isBoundary(text, p.start, i, next, p.end) {
				i = next
				continue
			}
			end = next
			if m := noteMarker.FindString(text[end:p.end]); m != "" {
				end += len(m)
			}
			emit(end)
			i = end
			continue
		}
		i += size
	}
	emit(p.end)
	return out
}

// isBoundary decides whether the full stop at dot (followed by space at
// after) ends a sentence.
func (s *Segmenter) isBoundary(text string, pstart, dot, after, pend int) bool {
	// the word before the stop
	w := dot
	for w > pstart {
		c, sz := utf8.DecodeLastRuneInString(text[pstart:w])
		if unicode.IsLetter(c) || unicode.IsDigit(c) || c == '.' || c == '-' {
			w -= sz
			continue
		}
		break
	}
	word := strings.TrimLeft(text[w:dot], ".-")
	// the next word
	n := after
	for n < pend && (isSpaceByte(text[n]) || text[n] == 0xc2 && n+1 < pend && text[n+1] == 0xa0) {
		if text[n] == 0xc2 {
			n++
		}
		n++
	}
	nextRune, _ := utf8.DecodeRuneInString(text[n:pend])
	nextStartsSentence := unicode.IsUpper(nextRune) || unicode.IsDigit(nextRune) || strings.ContainsRune("\"“‘'([", nextRune)
	if !nextStartsSentence {
		return false
	}
	if word == "" {
		return true
	}
	if s.abbrev[word] {
		// "No. 5", "Jan. 2023", "Dr. Smith": an abbreviation is followed by
		// what it introduces.
		return false
	}
	if s.acronyms[word] || isInitials(word) {
		// "the U.S. Congress" vs "… in the U.S. The next": only a function
		// word after it clearly starts a new sentence.
		return startsWithFunctionWord(text[n:pend])
	}
	return true
}

// isInitials matches "J" (a single capital initial) or dotted letters
// "J.R" / "U.S.A".
func isInitials(w string) bool {
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	parts := strings.Split(w, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if utf8.RuneCountInString(p) != 1 {
			return false
		}
	}
	return true
}

var functionWords = map[string]bool{
	"The": true, "This": true, "These": true, "That": true, "Those": true, "It": true, "In": true,
	"A": true, "An": true, "But": true, "However": true, "He": true, "She": true, "They": true,
	"We": true, "On": true, "As": true, "At": true, "For": true, "If": true, "While": true, "When": true,
	"Since": true, "After": true, "Before": true, "Its": true, "Their": true, "There": true, "Although": true,
}

func startsWithFunctionWord(s string) bool {
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	return functionWords[s[:end]]
}

// endsSentence reports whether a line ends with sentence punctuation
// (possibly inside closing quotes or brackets).
func endsSentence(line string) bool {
	line = strings.TrimRight(line, "\"'”’)]»")
	r, _ := utf8.DecodeLastRuneInString(line)
	return r == '.' || r == '!' || r == '?' || r == ':' || r == '…'
}
