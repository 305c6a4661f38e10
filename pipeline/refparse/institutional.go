package refparse

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/dossier-dev/dossier/schema"
)

// Government and think-tank notes often cite data sets and agency pages
// without quotation marks, as a comma list that runs from the issuing body
// down to the item: "Agency, Database, Table, https://…" (Chicago's form
// for databases and unpublished agency material). The tagger, trained on
// bibliography entries, has never seen that shape, so rules read it: the
// first segment is an institutional author, acronym or sub-unit segments
// right after it extend the author chain, the last capitalised segment
// before the date/URL tail is the title and the segments between author
// and title are the container.

var (
	rePageTail     = regexp.MustCompile(`^(?i:pp?\.|pages?\s)\s*\d`)
	reBareYearTail = regexp.MustCompile(`^(?:1[5-9]\d\d|20\d\d)[.,;]?$`)
	// reAnalysisOf reads "<Body> analysis of data from <Source>": the body
	// is the author, the source the title.
	reAnalysisOf = regexp.MustCompile(`^(.{2,80}?)\s+(?:analysis|analyses|calculations?|tabulations?|compilation|estimates?)\s+(?:of|from|based on|using)\s+(?:(?:data|figures|statistics)\s+(?:from|of|in)\s+)?(?:the\s+)?(\p{Lu}.*)$`)
)

// topCommas splits s at commas outside brackets and quotation marks and
// returns the segments with their byte offsets.
func topCommas(s string) (segs []string, starts []int) {
	depth, inQ, last := 0, false, 0
	for i, r := range s {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case '“', '"':
			inQ = !inQ
		case '”':
			inQ = false
		case ',', ';':
			if depth <= 0 && !inQ {
				segs = append(segs, s[last:i])
				starts = append(starts, last)
				last = i + 1
			}
		}
	}
	segs = append(segs, s[last:])
	starts = append(starts, last)
	return segs, starts
}

// tailStart returns the index of the first segment that begins the
// reference's tail: a URL, a date, a page locator or an "Accessed" clause.
func tailStart(segs []string) int {
	for i, sg := range segs {
		t := strings.TrimSpace(sg)
		if t == "" {
			continue
		}
		if loc := reURL.FindStringIndex(t); loc != nil && loc[0] == 0 {
			return i
		}
		if loc := reAccessed.FindStringIndex(t); loc != nil && loc[0] == 0 {
			return i
		}
		if rePageTail.MatchString(t) || reBareYearTail.MatchString(t) {
			return i
		}
		if d, n := findDate(t); d != nil && n > 0 && len(d.DateParts) > 0 && len(d.DateParts[0]) >= 2 {
			return i
		}
		// "January 5" before ", 2026": a month and a day, then a year
		if i+1 < len(segs) && reMonthDay.MatchString(t) && reBareYearTail.MatchString(strings.TrimSpace(segs[i+1])) {
			return i
		}
	}
	return len(segs)
}

var reMonthDay = regexp.MustCompile(`^(?:` + monthRe + `)\s+\d{1,2}$`)

// isAcronymWord: one all-capital word of 2–8 letters ("MARAD", "USDA").
func isAcronymWord(s string) bool {
	s = strings.TrimSpace(s)
	n := 0
	for _, r := range s {
		if !unicode.IsUpper(r) && r != '&' && r != '-' {
			return false
		}
		n++
	}
	return n >= 2 && n <= 8
}

// capitalised: the segment starts with an upper-case letter or a digit
// followed by a capitalised word is not enough; locators such as
// "commodity 1214" start in lower case.
func capitalised(s string) bool {
	r := firstRune(strings.TrimLeft(strings.TrimSpace(s), "(“\"'‘"))
	return unicode.IsUpper(r)
}

// parseInstitutionalList reads an unquoted comma-list note headed by an
// institution; ok is false when s does not have that shape.
func parseInstitutionalList(s string) (schema.CSLItem, bool) {
	if strings.ContainsAny(s, "“”\"") || reReportNo.MatchString(s) {
		return schema.CSLItem{}, false
	}
	segs, starts := topCommas(s)
	if len(segs) < 2 {
		return schema.CSLItem{}, false
	}
	first := strings.TrimSpace(segs[0])
	if !isInstitution(first) || len(strings.Fields(first)) > 10 {
		return schema.CSLItem{}, false
	}
	tail := tailStart(segs)
	// only the online form: with a URL the list runs down to a page or
	// table; without one ("Body, Report, Geneva, 2010") it is a book
	// citation the tagger reads better
	if tail == len(segs) || tail < 1 || !reURL.MatchString(strings.Join(segs[tail:], ",")) {
		return schema.CSLItem{}, false
	}
	if tail == 1 {
		// the short form "Body, p. 7, URL": an author and a locator
		it := schema.CSLItem{Author: ParseNames(first), Type: "webpage"}
		if m := reURL.FindString(s); m != "" {
			it.URL = strings.TrimRight(m, ".,;)]>")
		}
		return it, true
	}
	// the author chain: the institution plus acronym or institutional
	// sub-units ("Department of X, MARAD")
	a := 1
	for a < tail-1 && (isAcronymWord(segs[a]) || isSubunit(segs[a])) {
		a++
	}
	// drop trailing locators that start in lower case ("commodity 2103")
	end := tail
	for end > a+1 && !capitalised(segs[end-1]) {
		end--
	}
	if end <= a || end > a+1 && !capitalised(segs[end-1]) {
		return schema.CSLItem{}, false
	}
	for k := a; k < end; k++ {
		if len(strings.Fields(segs[k])) > 25 {
			return schema.CSLItem{}, false // prose, not a list of names
		}
	}
	it := schema.CSLItem{}
	it.Author = ParseNames(s[:starts[a]-1])
	it.Title = cleanTitle(segs[end-1])
	if end-1 > a {
		it.ContainerTitle = cleanField(s[starts[a] : starts[end-1]-1])
	}
	rest := s[starts[tail]:]
	if m := reURL.FindString(rest); m != "" {
		it.URL = strings.TrimRight(m, ".,;)]>")
	}
	noURL := reURL.ReplaceAllString(rest, " ")
	if loc := reAccessed.FindStringIndex(noURL); loc != nil {
		if d, n := findDate(noURL[loc[1]:]); d != nil && n > 0 {
			it.Accessed = d
		}
		noURL = noURL[:loc[0]]
	}
	if d, _ := scanDate(noURL, false); d != nil {
		it.Issued = d
	}
	if m := regexp.MustCompile(`\bpp?\.\s*(\d[\d\s–-]*)`).FindStringSubmatch(noURL); m != nil {
		it.Page = cleanPages(m[1])
	}
	it.Type = "webpage"
	if it.URL == "" || reReport.MatchString(it.Title) {
		it.Type = "report"
	}
	return it, true
}

// isSubunit: a segment whose first or last word is an organisational head
// noun ("Office of Policy", "Statistics Division").
func isSubunit(s string) bool {
	ws := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if len(ws) == 0 || len(ws) > 8 || !capitalised(s) {
		return false
	}
	return lex.subunit[strings.ToLower(ws[0])] || lex.subunit[strings.ToLower(ws[len(ws)-1])]
}

// parseAnalysisOf reads "<Body> analysis of data from <Source>, URL": an
// author's own analysis of a named source.
func parseAnalysisOf(s string) (schema.CSLItem, bool) {
	m := reAnalysisOf.FindStringSubmatch(s)
	if m == nil {
		return schema.CSLItem{}, false
	}
	body := strings.TrimSpace(m[1])
	if !isAcronymWord(body) && !isInstitution(body) {
		return schema.CSLItem{}, false
	}
	rest := m[2]
	it := schema.CSLItem{Author: []schema.CSLName{{Literal: body}}}
	segs, _ := topCommas(rest)
	t := tailStart(segs)
	if t == 0 {
		return schema.CSLItem{}, false
	}
	it.Title = cleanTitle(strings.Join(segs[:t], ","))
	tail := strings.Join(segs[t:], ",")
	if u := reURL.FindString(tail); u != "" {
		it.URL = strings.TrimRight(u, ".,;)]>")
	}
	if d, _ := scanDate(reURL.ReplaceAllString(tail, " "), false); d != nil {
		it.Issued = d
	}
	it.Type = "dataset"
	return it, true
}
