package refparse

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/schema"
)

const monthRe = `(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

var (
	reMDY   = regexp.MustCompile(`(` + monthRe + `)\s*(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	reDMY   = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(` + monthRe + `),?\s+(\d{4})\b`)
	reMY    = regexp.MustCompile(`(` + monthRe + `),?\s+(\d{4})\b`)
	reISO   = regexp.MustCompile(`\b(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?\b`)
	reUS    = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)
	reYear4 = regexp.MustCompile(`\b(1[5-9]\d\d|20\d\d)(?:[a-z]\b|\b)`)
)

// ParseDate reads the first date in s at the precision it gives (year,
// month, day). Without a recognisable date but with text it keeps the text
// as raw; nil for blank input.
func ParseDate(s string) *schema.CSLDate {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if d, _ := scanDate(s, false); d != nil {
		return d
	}
	raw := strings.Trim(s, trimSet)
	if raw == "" {
		return nil
	}
	return &schema.CSLDate{Raw: raw}
}

// findDate reads a date at the very start of s (after spaces and
// punctuation) and returns it with the bytes consumed.
func findDate(s string) (*schema.CSLDate, int) { return scanDate(s, true) }

func scanDate(s string, anchored bool) (*schema.CSLDate, int) {
	if anchored {
		// an anchored date starts within the leading punctuation and is
		// short: scanning the rest of a long note would only cost time
		lead := len(s) - len(strings.TrimLeft(s, " ,.;:(["))
		if lim := lead + 48; len(s) > lim {
			cut := lim
			for cut < len(s) && s[cut]&0xC0 == 0x80 {
				cut++
			}
			s = s[:cut]
		}
	}
	month := hasMonth(s)
	type cand struct {
		d          *schema.CSLDate
		start, end int
	}
	var best *cand
	try := func(re *regexp.Regexp, build func(m []string) []int) {
		loc := re.FindStringSubmatchIndex(s)
		if loc == nil {
			return
		}
		if anchored && strings.TrimLeft(s[:loc[0]], " ,.;:([") != "" {
			return
		}
		m := make([]string, len(loc)/2)
		for i := range m {
			if loc[2*i] >= 0 {
				m[i] = s[loc[2*i]:loc[2*i+1]]
			}
		}
		parts := build(m)
		if parts == nil {
			return
		}
		if best == nil || loc[0] < best.start || loc[0] == best.start && loc[1] > best.end {
			best = &cand{&schema.CSLDate{DateParts: [][]int{parts}}, loc[0], loc[1]}
		}
	}
	if month {
		try(reMDY, func(m []string) []int { return ymd(m[3], monthNum(m[1]), m[2]) })
		try(reDMY, func(m []string) []int { return ymd(m[3], monthNum(m[2]), m[1]) })
		try(reMY, func(m []string) []int { return ymd(m[2], monthNum(m[1]), "") })
	}
	try(reISO, func(m []string) []int {
		mo, _ := strconv.Atoi(m[2])
		return ymd(m[1], mo, m[3])
	})
	try(reUS, func(m []string) []int {
		mo, _ := strconv.Atoi(m[1])
		return ymd(m[3], mo, m[2])
	})
	try(reYear4, func(m []string) []int { return ymd(m[1], 0, "") })
	if best == nil {
		return nil, 0
	}
	end := best.end
	for end < len(s) && strings.ContainsRune(").,;]", rune(s[end])) {
		end++
	}
	return best.d, end
}

func monthNum(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	return lex.Months[s]
}

// ymd validates and packs date parts; nil when out of range.
func ymd(y string, m int, d string) []int {
	yi, err := strconv.Atoi(y)
	if err != nil || yi < 1000 || yi > 2100 {
		return nil
	}
	if m == 0 {
		return []int{yi}
	}
	if m < 1 || m > 12 {
		return nil
	}
	if d == "" {
		return []int{yi, m}
	}
	di, err := strconv.Atoi(d)
	if err != nil || di < 1 || di > 31 {
		return []int{yi, m}
	}
	return []int{yi, m, di}
}

// hasMonth reports whether some word of s is a month name or its
// abbreviation: a cheap necessary condition for the month-name date
// patterns, which are costly to run over text without one.
func hasMonth(s string) bool {
	var buf [9]byte
	for i := 0; i < len(s); {
		if !isASCIILetter(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isASCIILetter(s[j]) {
			j++
		}
		if n := j - i; n >= 3 && n <= len(buf) && (i == 0 || s[i-1] < 0x80) {
			for k := 0; k < n; k++ {
				buf[k] = s[i+k] | 0x20
			}
			if _, ok := lex.Months[string(buf[:n])]; ok {
				return true
			}
		}
		i = j
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// containsFold reports whether s contains the lower-case ASCII word sub,
// ignoring ASCII case, without allocating.
func containsFold(s, sub string) bool {
	n := len(sub)
outer:
	for i := 0; i+n <= len(s); i++ {
		for k := 0; k < n; k++ {
			c := s[i+k]
			if c >= 'A' && c <= 'Z' {
				c |= 0x20
			}
			if c != sub[k] {
				continue outer
			}
		}
		return true
	}
	return false
}

// mayHaveURL and mayHaveAccessed are cheap necessary conditions for reURL
// and reAccessed.
func mayHaveURL(s string) bool { return containsFold(s, "http") || containsFold(s, "www.") }

func mayHaveAccessed(s string) bool {
	return containsFold(s, "accessed") || containsFold(s, "retrieved") || containsFold(s, "viewed") || containsFold(s, "visited") || containsFold(s, "consulted")
}

// mayLegislation is a cheap necessary condition for reLegislation.
func mayLegislation(s string) bool {
	return strings.Contains(s, "§") || containsFold(s, "act") || containsFold(s, "stat.") || containsFold(s, "pub.") ||
		containsFold(s, "c.f.r") || containsFold(s, "usc") || containsFold(s, "u.s") || containsFold(s, "us.c") ||
		containsFold(s, "pl") || containsFold(s, "p.l")
}

// strongRefWords are the literal words reStrongRef looks for.
var strongRefWords = [...]string{"vol.", "pp.", "ed.", "eds.", "press", "working paper", "journal", "doi"}

func mayStrongRef(s string) bool {
	for _, w := range strongRefWords {
		if containsFold(s, w) {
			return true
		}
	}
	return false
}
