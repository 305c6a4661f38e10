package refparse

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

var (
	reYear    = regexp.MustCompile(`^(1[5-9]\d\d|20\d\d)[a-z]?$`)
	reInitial = regexp.MustCompile(`^(\p{Lu}\.?-?)+,?;?$`)
	reURLish  = regexp.MustCompile(`(?i)^(https?://|www\.|doi:|10\.\d{4,}/)`)
	rePageRng = regexp.MustCompile(`^\d+[-–—]+\d+$`)
)

// tokenFeatures lists the observation features of every token of a
// reference. Features describe the word itself, its neighbours and where it
// stands in the reference (position, quotes, brackets, sentence count),
// because reference fields follow each other in a fairly fixed order.
var xf = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range strings.Split(os.Getenv("REFFEAT"), ",") {
		m[k] = true
	}
	return m
}()

func tokenFeatures(toks []token) [][]string {
	n := len(toks)
	base := make([]tokInfo, n)
	inQuote, paren := false, 0
	dots, commas := 0, 0
	seenYear := false
	for i, t := range toks {
		w := t.Text
		c := core(w)
		lc := strings.ToLower(c)
		bi := tokInfo{w: lc, sh: shape(w)}
		if lc == "" {
			bi.w = "<p:" + w + ">"
		}
		fr, lr := firstRune(w), lastRune(w)
		if !unicode.IsLetter(fr) && !unicode.IsDigit(fr) {
			bi.fp = string(fr)
		}
		if !unicode.IsLetter(lr) && !unicode.IsDigit(lr) {
			bi.lp = string(lr)
		}
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
		if reYear.MatchString(c) {
			seenYear = true
			bi.year = true
		}
		if strings.HasSuffix(w, ".") || strings.HasSuffix(w, ".”") || strings.HasSuffix(w, ".\"") || strings.HasSuffix(w, ":") {
			if !reInitial.MatchString(w) {
				dots++
			}
		}
		if strings.HasSuffix(w, ",") || strings.HasSuffix(w, ",”") {
			commas++
		}
		base[i] = bi
	}
	edges := edgeClasses(toks)
	// clause position: words since the last punctuation boundary
	clause := make([]int, n)
	for i := range toks {
		if i > 0 && edges[i]/12 == 0 {
			clause[i] = clause[i-1] + 1
		}
	}
	seenIn := make([]bool, n)
	seenEd := make([]bool, n)
	quotesClosed := make([]int, n)
	{
		in, ed, qc := false, false, 0
		for i := range toks {
			seenIn[i], seenEd[i], quotesClosed[i] = in, ed, qc
			if base[i].w == "in" && i > 0 && (base[i-1].lp != "" || edges[i]/12 == 6) {
				in = true
			}
			if lex.class[base[i].w] == "editor" {
				ed = true
			}
			if closesQuote(toks[i].Text) {
				qc++
			}
		}
	}
	out := make([][]string, n)
	for i, t := range toks {
		b := base[i]
		w := t.Text
		c := core(w)
		f := make([]string, 0, 40)
		f = append(f, "b", "w="+b.w, "s="+b.sh)
		if b.lp != "" {
			f = append(f, "lp="+b.lp)
		}
		if b.fp != "" {
			f = append(f, "fp="+b.fp)
		}
		if len(b.w) > 3 {
			f = append(f, "p3="+prefix(b.w, 3), "x3="+suffix(b.w, 3))
		}
		pos := i * 10 / n
		f = append(f, "pos="+strconv.Itoa(pos), "pos-s="+strconv.Itoa(pos)+b.sh)
		if i == 0 {
			f = append(f, "first")
		}
		if i == n-1 {
			f = append(f, "last")
		}
		if b.year {
			f = append(f, "year")
		}
		if c != "" && isDigits(c) {
			f = append(f, "num", "numlen="+strconv.Itoa(min(len(c), 5)))
		}
		if rePageRng.MatchString(c) {
			f = append(f, "pagerange")
		}
		if reInitial.MatchString(w) {
			f = append(f, "initial")
		}
		if reURLish.MatchString(strings.TrimLeft(w, "(<[")) {
			f = append(f, "url")
		}
		if c != "" {
			r := firstRune(c)
			if unicode.IsUpper(r) {
				f = append(f, "cap")
			} else if unicode.IsLower(r) {
				f = append(f, "lower")
			}
		}
		if cl, ok := lex.class[b.w]; ok {
			f = append(f, "cls="+cl)
		}
		if _, ok := lex.Months[b.w]; ok {
			f = append(f, "month")
		}
		if b.inQuote {
			f = append(f, "inq")
		}
		if b.paren {
			f = append(f, "paren")
		}
		f = append(f, "dots="+strconv.Itoa(min(b.dots, 5)), "commas="+strconv.Itoa(min(b.commas, 6)))
		if b.seenYear {
			f = append(f, "afteryear")
		}
		f = append(f, "eb="+strconv.Itoa(edges[i]), "cp="+strconv.Itoa(min(clause[i], 3)))
		if i+1 < n {
			f = append(f, "ea="+strconv.Itoa(edges[i+1]))
		} else {
			f = append(f, "ea=end")
		}
		for _, d := range []int{-2, -1, 1, 2} {
			j := i + d
			tag := strconv.Itoa(d)
			if j < 0 || j >= n {
				f = append(f, "w"+tag+"=<none>")
				continue
			}
			o := base[j]
			f = append(f, "w"+tag+"="+o.w)
			if d == -1 || d == 1 {
				f = append(f, "s"+tag+"="+o.sh, "lp"+tag+"="+o.lp, "ww"+tag+"="+o.w+"|"+b.w)
				if cl, ok := lex.class[o.w]; ok {
					f = append(f, "cls"+tag+"="+cl)
				}
				if o.year {
					f = append(f, "year"+tag)
				}
			}
		}
		if xf["A"] {
			f = append(f, "ebw="+strconv.Itoa(edges[i])+"|"+b.w)
		}
		if xf["B"] {
			for k := 1; k <= 4; k++ {
				f = append(f, "pp"+strconv.Itoa(k)+"="+prefix(b.w, k), "xx"+strconv.Itoa(k)+"="+suffix(b.w, k))
			}
		}
		if xf["C"] {
			f = append(f, "pos-e="+strconv.Itoa(pos)+"|"+strconv.Itoa(edges[i]))
			f = append(f, "dc="+strconv.Itoa(min(b.dots, 5))+"|"+strconv.Itoa(min(b.commas, 6)))
		}
		if xf["D"] {
			if i > 0 {
				f = append(f, "lpw="+base[i-1].lp+"|"+b.w)
			}
			if i+1 < n {
				f = append(f, "wlp="+b.lp+"|"+base[i+1].w)
			}
		}
		if xf["E"] {
			f = append(f, "sin="+strconv.FormatBool(seenIn[i]), "sq="+strconv.Itoa(min(quotesClosed[i], 2)), "sed="+strconv.FormatBool(seenEd[i]))
		}
		if xf["F"] {
			f = append(f, "s-2="+shapeOr(base, i-2), "s+2="+shapeOr(base, i+2), "ss="+shapeOr(base, i-1)+"|"+b.sh+"|"+shapeOr(base, i+1))
		}
		if xf["G"] {
			if cl, ok := lex.class[b.w]; ok {
				f = append(f, "clse="+cl+"|"+strconv.Itoa(edges[i]))
			}
		}
		out[i] = f
	}
	return out
}

func shapeOr(base []tokInfo, i int) string {
	if i < 0 || i >= len(base) {
		return "_"
	}
	return base[i].sh
}

type tokInfo struct {
	w, sh, fp, lp  string
	inQuote, paren bool
	dots, commas   int
	year, seenYear bool
}

func prefix(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

func suffix(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[len(r)-n:]
	}
	return string(r)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
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
				if reInitial.MatchString(pw) {
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
