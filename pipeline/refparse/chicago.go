package refparse

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/dossier-dev/dossier/schema"
)

// This file holds the note rules for sources cited without quotation
// marks, identifiers or brackets, which the tagger (trained on journal
// references) reads poorly:
//
//   - Chicago's unquoted bibliography shape, "[Author.] Title. Imprint,
//     Date." ("Harbour Board. 2019 Dredging Plan. Valletta, Malta, May
//     2019."), where the imprint is a container or publisher and places;
//   - a place printed between a quoted title and its date ("“Title.”
//     Reykjavik, May 3, 2011."), which is where the document was issued,
//     not the periodical it appeared in;
//   - a statute cited by a part of it ("Section 12 of the X Act, 2020
//     (P.L. …)"), whose title is the Act's name.

// reTrailingDate is a date closing a sentence: "May 28, 2008", "28 May
// 2008", "July 2024" or a bare year, with the comma before it.
var reTrailingDate = regexp.MustCompile(`(?:^|,\s*)((?:` + monthRe + `)\s*\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:` + monthRe + `),?\s+\d{4}|(?:` + monthRe + `),?\s+\d{4}|(?:1[5-9]|20)\d\d)$`)

// unquoted is a note split into the parts of the unquoted Chicago shape.
type unquoted struct {
	author, title string
	imprint       string // the last sentence without its date
	date          string
}

// unquotedShape reports whether s is "[Author.] Title. Imprint, Date.":
// two or three sentences, none of them prose, every one opening with a
// capital or a digit, no quotation marks, URL or "Accessed" clause, and
// the last sentence ending in a date. With two sentences the imprint must
// not be empty ("Title. Date." is too little to call a source); with three
// the first must read as a name (an institution or a short capitalised
// run).
func unquotedShape(s string) (unquoted, bool) {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), " ."))
	if s == "" || strings.ContainsAny(s, "“”\"«»") || hasHardSignal(s) || len(strings.Fields(s)) > 40 {
		return unquoted{}, false
	}
	sents := digitSentences(sentences(s))
	if len(sents) < 2 || len(sents) > 3 {
		return unquoted{}, false
	}
	for _, st := range sents {
		r := firstRune(st)
		if !(unicode.IsUpper(r) || unicode.IsDigit(r)) || isProse(st) || !titleLike(st) {
			return unquoted{}, false
		}
	}
	last := strings.TrimRight(sents[len(sents)-1], " .")
	m := reTrailingDate.FindStringSubmatchIndex(last)
	if m == nil {
		return unquoted{}, false
	}
	u := unquoted{
		imprint: strings.Trim(last[:m[0]], " ,;:"),
		date:    last[m[2]:m[3]],
	}
	if len(sents) == 2 && u.imprint == "" {
		return unquoted{}, false
	}
	if u.imprint != "" && !allCaps(u.imprint) {
		return unquoted{}, false
	}
	u.title = strings.TrimRight(sents[len(sents)-2], " .")
	if len(sents) == 3 {
		u.author = strings.TrimRight(sents[0], " .")
		if len(strings.Fields(u.author)) > 12 || !allCaps(u.author) {
			return unquoted{}, false
		}
	}
	return u, true
}

// digitSentences also splits where a sentence ends before one opening
// with a digit, as a title may ("Harbour Board. 2019 Dredging Plan."),
// but not after an abbreviation or initial ("No. 5", "Vol. 2").
func digitSentences(sents []string) []string {
	var out []string
	for _, st := range sents {
		for {
			cut := -1
			for _, m := range reDigitSentence.FindAllStringSubmatchIndex(st, -1) {
				if !isAbbrev(lastWord(st[:m[3]])) {
					cut = m[3] + 1 // after the period
					break
				}
			}
			if cut < 0 {
				break
			}
			out = append(out, strings.TrimSpace(st[:cut]))
			st = strings.TrimSpace(st[cut:])
		}
		out = append(out, st)
	}
	return out
}

var reDigitSentence = regexp.MustCompile(`(\p{L}{2})\. \d`)

// titleLike: at least two thirds of the words that are not short function
// words start with a capital or a digit, as in titles, names and imprints;
// "The last patrol left the base in May 2024" is not.
func titleLike(s string) bool {
	n, caps := 0, 0
	for _, w := range strings.Fields(s) {
		c := core(w)
		if c == "" || functionWord[strings.ToLower(c)] {
			continue
		}
		n++
		if r := firstRune(c); unicode.IsUpper(r) || unicode.IsDigit(r) {
			caps++
		}
	}
	return n > 0 && caps*3 >= n*2
}

// allCaps: every word but the function words starts with a capital or a
// digit, as names and imprints do ("Arctic Ocean Conference, Ilulissat").
func allCaps(s string) bool {
	for _, w := range strings.Fields(s) {
		c := core(w)
		if c == "" || functionWord[strings.ToLower(c)] {
			continue
		}
		if r := firstRune(c); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// functionWord lists the words titles leave in lower case.
var functionWord = map[string]bool{"a": true, "an": true, "the": true, "of": true, "and": true, "or": true, "for": true, "in": true, "on": true, "at": true, "to": true, "by": true, "with": true, "from": true, "de": true, "du": true, "des": true, "la": true, "le": true, "et": true, "und": true, "der": true, "die": true, "y": true, "del": true}

// parseUnquoted builds the item for a note of the unquoted shape. The
// imprint "Place: Publisher" is read as Chicago prints it; otherwise its
// first comma part is the container (a conference, series or site) or,
// when it names a press, the publisher, and the parts after it are the
// place. A first part that is itself a place (a city in the lexicon, or
// what the tagger labels a location) makes the whole imprint the place.
func parseUnquoted(s string, u unquoted) schema.CSLItem {
	it := schema.CSLItem{Title: cleanTitle(u.title), Issued: ParseDate(u.date)}
	if u.author != "" {
		it.Author = ParseNames(u.author)
	}
	imp := u.imprint
	if i := strings.Index(imp, ":"); i > 0 {
		it.PublisherPlace = cleanField(imp[:i])
		it.Publisher = cleanField(imp[i+1:])
	} else if imp != "" {
		parts, _ := topCommas(imp)
		head := strings.TrimSpace(parts[0])
		switch {
		case isPlace(s, imp, head):
			it.PublisherPlace = cleanField(imp)
		case namesPress(head):
			it.Publisher = cleanField(head)
		default:
			it.ContainerTitle = cleanContainer(head)
		}
		if it.PublisherPlace == "" && len(parts) > 1 {
			it.PublisherPlace = cleanField(strings.Join(parts[1:], ","))
		}
	}
	it.Type = inferType(s, &it, false)
	if it.Type == "book" && it.Publisher == "" {
		switch {
		case it.ContainerTitle != "":
			it.Type = "document" // issued at a meeting or in a series, not a press's book
		case len(it.Author) > 0 && it.Author[0].Literal != "":
			it.Type = "report" // an institution's own document, issued at a place
		}
	}
	return it
}

// isPlace says whether the imprint's first part head is a place: a city
// word of the lexicon, or the tagger's location label on it.
func isPlace(s, imp, head string) bool {
	for _, w := range strings.Fields(head) {
		if lex.class[strings.ToLower(core(w))] == "place" {
			return true
		}
	}
	ref, toks, labels := defaultParser.label(s)
	at := strings.LastIndex(ref, imp)
	if at < 0 {
		return false
	}
	for i, t := range toks {
		if t.Start >= at {
			return labels[i] == "location"
		}
	}
	return false
}

// namesPress: a publisher's name ("… Press", "… Publishing").
func namesPress(s string) bool {
	for _, w := range strings.Fields(s) {
		if lex.class[strings.ToLower(core(w))] == "publisher" {
			return true
		}
	}
	return false
}

// placeAfterQuote moves a container the tagger found between a
// sentence-closing quoted title and the date to the place when it reads
// as a place: `Body. “Title.” Reykjavik, May 3, 2011.` An institution's
// document names where it was issued; a person's article names its
// periodical (`Name, Given. “Title.” Harbour Times, May 3, 2011.`), so
// the segment counts as a place when it is a lexicon city, or a single
// word that names no periodical or body after an institution author.
func placeAfterQuote(s string, it *schema.CSLItem) {
	ct := it.ContainerTitle
	if ct == "" || it.PublisherPlace != "" {
		return
	}
	i := strings.Index(s, ".” "+ct+",")
	if i < 0 {
		i = strings.Index(s, ".\" "+ct+",")
	}
	if i < 0 {
		return
	}
	rest := strings.TrimSpace(s[i+len(".” "+ct+","):])
	if d, n := findDate(rest); d == nil || n == 0 {
		return
	}
	ws := strings.Fields(ct)
	city := false
	for _, w := range ws {
		if lex.class[strings.ToLower(core(w))] == "place" {
			city = true
		}
	}
	institutional := len(it.Author) > 0 && it.Author[0].Literal != ""
	single := len(ws) == 1 && !lex.newspaper[strings.ToLower(core(ws[0]))] && !lex.institution[strings.ToLower(core(ws[0]))]
	if !city && !(institutional && single) {
		return
	}
	it.PublisherPlace, it.ContainerTitle = ct, ""
	if it.Type == "article-journal" || it.Type == "article" || it.Type == "article-newspaper" {
		it.Type = "document"
	}
}

// reLawPart is a pinpoint inside a named statute, "Section 7 of the";
// reLawParen a public-law or statute citation in brackets after its name.
var (
	reLawPart  = regexp.MustCompile(`^(?i:sections?|secs?\.|§+|subsection|title|subtitle|division|part|article|chapter)\s+[\w.()-]+(?:\s*(?:,|and|to|-|–)\s*[\w.()-]+)*\s+of\s+(?:the\s+)?`)
	reLawParen = regexp.MustCompile(`\s*\((?:[^()]*\b(?:P\.?\s?L\.|Pub\.\s*L\.|Stat\.|U\.S\.C\.)[^()]*)\)$`)
	reNamedAct = regexp.MustCompile(`\b(?:Act|Code|Law|Treaty|Convention|Resolution)\b`)
)

// lawTitle reduces a statute cited by one of its parts to the statute's
// name: "Section 7008 of the X Appropriations Act, 2024 (P.L. 118-47,
// Division F)" is the "X Appropriations Act, 2024". A citation that is
// not of a named Act ("12 U.S.C. §4501") is returned as it stands.
func lawTitle(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), " .")
	loc := reLawPart.FindStringIndex(s)
	if loc == nil {
		return s
	}
	name := reLawParen.ReplaceAllString(s[loc[1]:], "")
	if !reNamedAct.MatchString(name) || !capitalised(name) {
		return s
	}
	return strings.TrimRight(name, " ,.")
}

// isCommentary says whether a sentence after a complete source comments
// on it rather than continuing it: no quotation marks or identifiers, at
// least six words and three of them lower-case content words ("The last
// patrol left the base on May 5, 2024.").
func isCommentary(s string) bool {
	if strings.ContainsAny(s, "“”\"") || hasHardSignal(s) {
		return false
	}
	ws := strings.Fields(s)
	if len(ws) < 6 {
		return false
	}
	lower := 0
	for _, w := range ws {
		c := core(w)
		if c != "" && unicode.IsLower(firstRune(c)) && !functionWord[c] {
			lower++
		}
	}
	return lower >= 3
}

// endsWithDate: the sentence's last words are a date, as a Chicago
// source's final element is.
func endsWithDate(s string) bool {
	return reTrailingDate.MatchString(strings.TrimRight(s, " ."))
}
