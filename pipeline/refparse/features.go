package refparse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Features are 64-bit hashes of (template, value) pairs rather than
// strings: extraction then builds no strings and the model looks weights
// up in a map keyed by integers, which is what keeps the tagger cheap
// inside the pipeline. Collisions among the ~10^5 features in use are
// vanishingly unlikely at 64 bits.

// feature templates; the value is the hash's seed, so the numbering is
// part of the model format (retrain with `make model` after changing it)
const (
	fBias uint64 = iota + 1
	fWord
	fShape
	fLastPunct
	fFirstPunct
	fPre3
	fSuf3
	fPos
	fPosShape
	fFirst
	fLast
	fYear
	fNum
	fNumLen
	fPageRange
	fInitial
	fURL
	fCap
	fLower
	fClass
	fMonth
	fInQuote
	fParen
	fDots
	fCommas
	fAfterYear
	fEdgeBefore
	fClausePos
	fEdgeAfter
	fWordAt   // + offset: neighbour word
	fShapeAt  // + offset: neighbour shape
	fLPAt     // + offset: neighbour's last punctuation
	fWordPair // + offset: neighbour word with this word
	fClassAt  // + offset: neighbour word class
	fYearAt   // + offset: neighbour is a year
	fPrefix   // + length: prefix of 1-4 characters
	fSuffix   // + length: suffix of 1-4 characters
	fShape2   // shape two tokens away
	fShape3   // shapes of the previous, this and the next token
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fh hashes a template with a string value (FNV-1a over the bytes).
func fh(tpl uint64, s string) uint64 {
	h := uint64(fnvOffset) ^ tpl*0x9E3779B97F4A7C15
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// fh2 hashes a template with two values, separated so ("ab","c") and
// ("a","bc") differ.
func fh2(tpl uint64, a, b string) uint64 {
	h := fh(tpl, a)
	h ^= 0xFF
	h *= fnvPrime
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= fnvPrime
	}
	return h
}

// fi hashes a template with a small integer value.
func fi(tpl uint64, v int) uint64 {
	h := uint64(fnvOffset) ^ tpl*0x9E3779B97F4A7C15
	h ^= uint64(v) + 0x100
	h *= fnvPrime
	h ^= h >> 29
	return h * fnvPrime
}

// tokInfo is what a token's neighbours see of it.
type tokInfo struct {
	w, sh, fp, lp  string
	cls            string
	inQuote, paren bool
	dots, commas   int
	year, seenYear bool
}

// punctStr returns r as a string without allocating for ASCII.
func punctStr(w string, last bool) string {
	var r rune
	var size int
	if last {
		r, size = utf8.DecodeLastRuneInString(w)
		if size == 0 || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return ""
		}
		return w[len(w)-size:]
	}
	r, size = utf8.DecodeRuneInString(w)
	if size == 0 || unicode.IsLetter(r) || unicode.IsDigit(r) {
		return ""
	}
	return w[:size]
}

// tokenFeatures lists the observation features of every token of a
// reference. Features describe the word itself, its neighbours and where it
// stands in the reference (position, quotes, brackets, sentence count),
// because reference fields follow each other in a fairly fixed order.
// edges are the boundary classes of edgeClasses(toks).
func tokenFeatures(toks []token, edges []int) [][]uint64 {
	n := len(toks)
	base := make([]tokInfo, n)
	inQuote, paren := false, 0
	dots, commas := 0, 0
	seenYear := false
	for i, t := range toks {
		w := t.Text
		c := core(w)
		lc := lowerASCIIFast(c)
		bi := tokInfo{w: lc, sh: shape(w)}
		if lc == "" {
			bi.w = "<p:" + w + ">"
		}
		bi.fp, bi.lp = punctStr(w, false), punctStr(w, true)
		bi.cls = lex.class[bi.w]
		if opensQuote(w) {
			inQuote = true
		}
		bi.inQuote = inQuote
		if closesQuote(w) {
			inQuote = false
		}
		paren += strings.Count(w, "(") + strings.Count(w, "[")
		bi.paren = paren > 0
		paren -= strings.Count(w, ")") + strings.Count(w, "]")
		if paren < 0 {
			paren = 0
		}
		bi.dots, bi.commas, bi.seenYear = dots, commas, seenYear
		if isYear(c) {
			seenYear = true
			bi.year = true
		}
		if strings.HasSuffix(w, ".") || strings.HasSuffix(w, ".”") || strings.HasSuffix(w, ".\"") || strings.HasSuffix(w, ":") {
			if !isInitial(w) {
				dots++
			}
		}
		if strings.HasSuffix(w, ",") || strings.HasSuffix(w, ",”") {
			commas++
		}
		base[i] = bi
	}
	// clause position: words since the last punctuation boundary
	clause := make([]int, n)
	for i := range toks {
		if i > 0 && edges[i]/12 == 0 {
			clause[i] = clause[i-1] + 1
		}
	}
	const per = 52
	flat := make([]uint64, 0, n*per)
	out := make([][]uint64, n)
	for i, t := range toks {
		start := len(flat)
		b := base[i]
		w := t.Text
		c := core(w)
		f := flat
		f = append(f, fBias, fh(fWord, b.w), fh(fShape, b.sh))
		if b.lp != "" {
			f = append(f, fh(fLastPunct, b.lp))
		}
		if b.fp != "" {
			f = append(f, fh(fFirstPunct, b.fp))
		}
		if len(b.w) > 3 {
			f = append(f, fh(fPre3, prefix(b.w, 3)), fh(fSuf3, suffix(b.w, 3)))
		}
		for k := 1; k <= 4; k++ {
			f = append(f, fh(fPrefix+uint64(k)<<8, prefix(b.w, k)), fh(fSuffix+uint64(k)<<8, suffix(b.w, k)))
		}
		pos := i * 10 / n
		f = append(f, fi(fPos, pos), fh(fPosShape+uint64(pos)<<8, b.sh))
		if i == 0 {
			f = append(f, fFirst)
		}
		if i == n-1 {
			f = append(f, fLast)
		}
		if b.year {
			f = append(f, fYear)
		}
		if c != "" && isDigits(c) {
			f = append(f, fNum, fi(fNumLen, min(len(c), 5)))
		}
		if isPageRange(c) {
			f = append(f, fPageRange)
		}
		if isInitial(w) {
			f = append(f, fInitial)
		}
		if isURLish(strings.TrimLeft(w, "(<[")) {
			f = append(f, fURL)
		}
		if c != "" {
			r := firstRune(c)
			if unicode.IsUpper(r) {
				f = append(f, fCap)
			} else if unicode.IsLower(r) {
				f = append(f, fLower)
			}
		}
		if b.cls != "" {
			f = append(f, fh(fClass, b.cls))
		}
		if _, ok := lex.Months[b.w]; ok {
			f = append(f, fMonth)
		}
		if b.inQuote {
			f = append(f, fInQuote)
		}
		if b.paren {
			f = append(f, fParen)
		}
		f = append(f, fi(fDots, min(b.dots, 5)), fi(fCommas, min(b.commas, 6)))
		if b.seenYear {
			f = append(f, fAfterYear)
		}
		f = append(f, fi(fEdgeBefore, edges[i]), fi(fClausePos, min(clause[i], 3)))
		if i+1 < n {
			f = append(f, fi(fEdgeAfter, edges[i+1]))
		} else {
			f = append(f, fi(fEdgeAfter, -1))
		}
		for _, d := range [...]int{-2, -1, 1, 2} {
			j := i + d
			off := uint64(d+3) << 8
			if j < 0 || j >= n {
				f = append(f, fh(fWordAt+off, "<none>"))
				continue
			}
			o := base[j]
			f = append(f, fh(fWordAt+off, o.w))
			if d == -1 || d == 1 {
				f = append(f, fh(fShapeAt+off, o.sh), fh(fLPAt+off, o.lp), fh2(fWordPair+off, o.w, b.w))
				if o.cls != "" {
					f = append(f, fh(fClassAt+off, o.cls))
				}
				if o.year {
					f = append(f, fYearAt+off)
				}
			}
		}
		f = append(f, fh(fShape2+1<<8, shapeAt(base, i-2)), fh(fShape2+2<<8, shapeAt(base, i+2)),
			fh2(fShape3, shapeAt(base, i-1)+"|"+b.sh, shapeAt(base, i+1)))
		flat = f
		out[i] = flat[start:len(flat):len(flat)]
	}
	return out
}

func shapeAt(base []tokInfo, i int) string {
	if i < 0 || i >= len(base) {
		return "_"
	}
	return base[i].sh
}

// lowerASCIIFast lower-cases s, returning s itself when nothing changes.
func lowerASCIIFast(s string) string {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return strings.ToLower(s)
		}
	}
	return s
}

// prefix returns the first n characters of s (without allocating).
func prefix(s string, n int) string {
	k := 0
	for i := range s {
		if k == n {
			return s[:i]
		}
		k++
	}
	return s
}

// suffix returns the last n characters of s (without allocating).
func suffix(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// isYear: 1500-2099, optionally with a letter ("2011a").
func isYear(c string) bool {
	if len(c) == 5 && c[4] >= 'a' && c[4] <= 'z' {
		c = c[:4]
	}
	if len(c) != 4 || !isDigits(c) {
		return false
	}
	return c[0] == '1' && c[1] >= '5' || c[0] == '2' && c[1] == '0'
}

// isInitial: one or more capital letters each optionally followed by "."
// and "-", then optionally "," or ";" — "J.", "J.-P.", "AB,".
func isInitial(w string) bool {
	w = strings.TrimSuffix(w, ";")
	w = strings.TrimSuffix(w, ",")
	if w == "" {
		return false
	}
	for w != "" {
		r, size := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		w = w[size:]
		w = strings.TrimPrefix(w, ".")
		w = strings.TrimPrefix(w, "-")
	}
	return true
}

// isURLish: the word starts like a URL or DOI.
func isURLish(w string) bool {
	l := w
	if len(l) > 12 {
		l = l[:12]
	}
	l = strings.ToLower(l)
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.") || strings.HasPrefix(l, "doi:") {
		return true
	}
	// 10.NNNN/
	if !strings.HasPrefix(w, "10.") {
		return false
	}
	k := 3
	for k < len(w) && w[k] >= '0' && w[k] <= '9' {
		k++
	}
	return k-3 >= 4 && k < len(w) && w[k] == '/'
}

// isPageRange: digits, a run of dashes, digits ("12-34", "12–34").
func isPageRange(c string) bool {
	i := 0
	for i < len(c) && c[i] >= '0' && c[i] <= '9' {
		i++
	}
	if i == 0 {
		return false
	}
	j := i
	for j < len(c) {
		if c[j] == '-' {
			j++
		} else if strings.HasPrefix(c[j:], "–") || strings.HasPrefix(c[j:], "—") {
			j += len("–")
		} else {
			break
		}
	}
	if j == i || j == len(c) {
		return false
	}
	return isDigits(c[j:])
}

// opensQuote reports whether a word begins a quoted stretch.
func opensQuote(w string) bool {
	w = strings.TrimLeft(w, "([")
	return strings.HasPrefix(w, "\"") || strings.HasPrefix(w, "“") || strings.HasPrefix(w, "«") || strings.HasPrefix(w, "„") || strings.HasPrefix(w, "‘")
}

// closesQuote reports whether a word ends a quoted stretch.
func closesQuote(w string) bool {
	w = strings.TrimRight(w, ".,;:)]")
	if strings.HasSuffix(w, "”") || strings.HasSuffix(w, "»") || strings.HasSuffix(w, "’") && !strings.HasSuffix(w, "s’") {
		return true
	}
	return strings.HasSuffix(w, "\"") && (len(w) > 1 || !opensQuote(w))
}

// numEdge is the number of boundary classes edgeClasses returns.
const numEdge = 10 * 3 * 4

// edgeClasses classifies the boundary before every token by the
// punctuation that ends the previous word (none, "." , ",", ":", ";",
// closing bracket, closing quote, other) and what opens this one (nothing,
// a bracket, a quotation mark). Token 0 gets its own class.
func edgeClasses(toks []token) []int {
	out := make([]int, len(toks))
	for i := range toks {
		prev := 8
		if i > 0 {
			pw := toks[i-1].Text
			switch r := lastRune(pw); {
			case closesQuote(pw):
				prev = 6
			case r == '.':
				if isInitial(pw) {
					prev = 7
				} else {
					prev = 1
				}
			case r == ',':
				prev = 2
			case r == ':':
				prev = 3
			case r == ';':
				prev = 4
			case r == ')' || r == ']':
				prev = 5
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				prev = 0
			default:
				prev = 9
			}
		}
		open := 0
		switch f := firstRune(toks[i].Text); {
		case f == '(' || f == '[':
			open = 1
		case opensQuote(toks[i].Text):
			open = 2
		}
		kind := 0 // other
		switch c := core(toks[i].Text); {
		case c == "":
		case unicode.IsDigit(firstRune(c)):
			kind = 1
		case unicode.IsUpper(firstRune(c)):
			kind = 2
		case unicode.IsLower(firstRune(c)):
			kind = 3
		}
		out[i] = (prev*3+open)*4 + kind
	}
	return out
}
