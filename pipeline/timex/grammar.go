package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ---- building blocks -------------------------------------------------

// atoi parses a plain digit token.
func atoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// month reads a month name at i (with the period of an abbreviation) and
// reports whether the name is certain on its own: ambiguous words ("may",
// "march") and abbreviations need a capital letter, and the caller must
// see a day or year beside them or a cue before them.
func (r *run) month(i int) (m, end int, sure, ok bool) {
	if i >= len(r.toks) || r.toks[i].kind != kWord {
		return 0, 0, false, false
	}
	w := r.w(i)
	m, ok = r.lx.months[w]
	if !ok {
		return 0, 0, false, false
	}
	tk := r.toks[i]
	end = i + 1
	abbrev := len(w) <= 4 && w != "may" && w != "june" && w != "july"
	if abbrev {
		if !tk.cap {
			return 0, 0, false, false
		}
		if r.w(end) == "." && r.glued(end) {
			end++
		} else if !r.isNum(end) {
			return 0, 0, false, false // "Jan Kavan": a name, not January
		}
	}
	sure = !r.lx.ambMonths[w] && (tk.cap || !abbrev)
	if r.lx.ambMonths[w] && !tk.cap {
		return 0, 0, false, false
	}
	return m, end, sure, true
}

// dayNum reads a day of the month: "7", "7th", "seventh".
func (r *run) dayNum(i int) (d, end int, ok bool) {
	if r.isNum(i) {
		n, ok := atoi(r.w(i))
		if !ok || n < 1 || n > 31 || len(r.w(i)) > 2 {
			return 0, 0, false
		}
		end = i + 1
		if sfx := r.w(end); r.glued(end) && (sfx == "st" || sfx == "nd" || sfx == "rd" || sfx == "th") {
			end++
		}
		return n, end, true
	}
	if n, ok := r.lx.ordinals[r.w(i)]; ok && n > 0 {
		return n, i + 1, true
	}
	return 0, 0, false
}

// yearCues are words after which a number before 1800 reads as a year.
var yearCues = map[string]bool{"in": true, "since": true, "of": true, "by": true, "from": true, "until": true,
	"year": true, "to": true, "through": true, "between": true, "and": true, "before": true, "after": true,
	"during": true, "circa": true, "c.": true, "ca.": true, "around": true, "about": true}

// yearPrefixes may join a year with a hyphen ("mid-1996", "post-1959").
var yearPrefixes = map[string]bool{"mid": true, "pre": true, "post": true, "early": true, "late": true}

// year reads a year: four digits in a plausible range that nothing marks
// as a quantity, or a spelled-out year ("nineteen ninety-six", "two
// thousand").
func (r *run) year(i int) (y, end int, ok bool) {
	if r.isNum(i) {
		s := r.w(i)
		if len(s) != 4 {
			return 0, 0, false
		}
		y, _ = atoi(s)
		if y < 1000 || y > 2199 {
			return 0, 0, false
		}
		prev := r.w(i - 1)
		if r.lx.notYearBefore[prev] || (r.glued(i) && (prev == "-" || prev == "." || prev == ":" || prev == "/" || r.toks[i-1].kind == kWord)) {
			// "$1990", "No. 1990", "G2000"; "2009-2010" is read by the range rule.
			if !(prev == "-" && r.glued(i)) || i < 2 || !r.isNum(i-2) {
				if !(prev == "fy" || prev == "'" || prev == "-" && yearPrefixes[r.w(i-2)]) {
					return 0, 0, false
				}
			}
		}
		if i >= 2 && r.lx.notYearBefore[r.w(i-2)] && prev == "." {
			return 0, 0, false
		}
		next := r.w(i + 1)
		if r.lx.notYearAfter[next] && !(next == "s" && false) {
			return 0, 0, false
		}
		if r.glued(i+1) && (r.toks[i+1].kind == kWord || r.toks[i+1].kind == kNum) {
			return 0, 0, false
		}
		if y < 1800 && !yearCues[prev] {
			return 0, 0, false
		}
		return y, i + 1, true
	}
	return r.spelledYear(i)
}

// spelledYear reads "nineteen ninety-six", "nineteen eighty", "two
// thousand", "two thousand and one", "twenty fourteen".
func (r *run) spelledYear(i int) (int, int, bool) {
	hi, ok := r.lx.numbers[r.w(i)]
	if !ok {
		return 0, 0, false
	}
	if hi == 2 && r.w(i+1) == "thousand" {
		y, end := 2000, i+2
		if r.w(end) == "and" {
			if n, e, ok := r.smallNumber(end + 1); ok && n < 100 {
				return y + n, e, true
			}
			return y, end, true
		}
		if n, e, ok := r.smallNumber(end); ok && n < 100 {
			return y + n, e, true
		}
		return y, end, true
	}
	if hi < 11 || hi > 20 {
		return 0, 0, false
	}
	if r.w(i+1) == "hundred" {
		if n, e, ok := r.smallNumber(i + 2); ok && n < 100 {
			return hi*100 + n, e, true
		}
		return 0, 0, false
	}
	n, e, ok := r.smallNumber(i + 1)
	if !ok || n < 10 || n > 99 {
		return 0, 0, false
	}
	return hi*100 + n, e, true
}

// smallNumber reads a number under a hundred in words: "ninety-six",
// "twenty four", "seven".
func (r *run) smallNumber(i int) (int, int, bool) {
	n, ok := r.lx.numbers[r.w(i)]
	if !ok || n >= 100 || r.w(i) == "couple" || r.w(i) == "dozen" {
		return 0, 0, false
	}
	if n >= 20 && n%10 == 0 {
		j := i + 1
		if r.w(j) == "-" && r.glued(j) {
			j++
		}
		if u, ok := r.lx.numbers[r.w(j)]; ok && u >= 1 && u <= 9 {
			return n + u, j + 1, true
		}
	}
	return n, i + 1, true
}

// qty is a quantity before a unit: a number, or X when vague ("several").
type qty struct {
	n     int
	frac  string // decimal part, for "1.5 years"
	vague bool
	half  bool // "2 1/2", "two and a half"
}

// quantity reads a count: digits, number words, "a", "a few", "several",
// "a couple of", "2 1/2".
func (r *run) quantity(i int) (qty, int, bool) {
	w := r.w(i)
	if r.isNum(i) {
		s := strings.ReplaceAll(w, ",", "")
		var q qty
		if k := strings.IndexByte(s, '.'); k >= 0 {
			n, ok1 := atoi(s[:k])
			_, ok2 := atoi(s[k+1:])
			if !ok1 || !ok2 {
				return qty{}, 0, false
			}
			q = qty{n: n, frac: s[k+1:]}
		} else {
			n, ok := atoi(s)
			if !ok {
				return qty{}, 0, false
			}
			q = qty{n: n}
		}
		end := i + 1
		if r.w(end) == "1/2" {
			q.half = true
			end++
		}
		return q, end, true
	}
	switch w {
	case "a", "an":
		switch r.w(i + 1) {
		case "few":
			return qty{vague: true}, i + 2, true
		case "couple":
			if r.w(i+2) == "of" {
				return qty{n: 2}, i + 3, true
			}
			return qty{n: 2}, i + 2, true
		case "dozen":
			return qty{n: 12}, i + 2, true
		case "hundred":
			return qty{n: 100}, i + 2, true
		case "thousand":
			return qty{n: 1000}, i + 2, true
		}
		return qty{n: 1}, i + 1, true
	case "couple":
		if r.w(i+1) == "of" {
			return qty{n: 2}, i + 2, true
		}
	case "half":
		if a := r.w(i + 1); a == "a" || a == "an" {
			return qty{n: 0, half: true}, i + 2, true
		}
	}
	if r.lx.vague[w] {
		return qty{vague: true}, i + 1, true
	}
	if _, ok := r.lx.numbers[w]; ok && w != "couple" {
		total, cur, j := 0, 0, i
		for {
			v, ok := r.lx.numbers[r.w(j)]
			if !ok || r.w(j) == "couple" {
				break
			}
			switch {
			case v == 100:
				if cur == 0 {
					cur = 1
				}
				cur *= 100
			case v == 1000:
				if cur == 0 {
					cur = 1
				}
				total += cur * 1000
				cur = 0
			default:
				cur += v
			}
			j++
			if r.w(j) == "-" && r.glued(j) {
				if _, ok := r.lx.numbers[r.w(j+1)]; ok {
					j++
				}
			} else if r.w(j) == "and" {
				if nx, ok := r.lx.numbers[r.w(j+1)]; ok && nx < 100 && (cur >= 100 || total > 0) {
					j++
				}
			}
		}
		q := qty{n: total + cur}
		if r.w(j) == "and" && r.w(j+1) == "a" && r.w(j+2) == "half" {
			q.half = true
			j += 3
		}
		return q, j, true
	}
	return qty{}, 0, false
}

// unitAt reads a unit word ("year", "years").
func (r *run) unitAt(i int) (unit, bool, bool) {
	w := r.w(i)
	u, ok := r.lx.units[w]
	if !ok {
		return unit{}, false, false
	}
	return u, r.lx.plural[w], true
}

// duration formats n units as a TIMEX3 duration.
func duration(u unit, q qty) string {
	code := u.Code
	if code == "WE" {
		code = "D"
	}
	if q.vague {
		if u.Vague != "" {
			return "PX" + u.Vague
		}
		if u.Clock {
			return "PTX" + code
		}
		return "PX" + code
	}
	n := q.n * u.N
	if code == "Q" {
		code = "M"
		n *= 3
	}
	num := strconv.Itoa(n)
	if q.frac != "" && u.N == 1 {
		num += "." + q.frac
	}
	var half string
	if q.half {
		switch {
		case u.Clock && code == "H":
			half = "30M"
		case u.Clock && code == "M":
			half = "30S"
		case code == "Y" && u.N == 1:
			half = "6M"
		case code == "D":
			half = "T12H"
		case code == "M":
			half = "15D"
		}
		if half == "" {
			num += ".5"
		}
	}
	if n == 0 && half != "" {
		if u.Clock {
			return "PT" + half
		}
		return "P" + strings.TrimPrefix(half, "T")
	}
	if u.Clock {
		return "PT" + num + code + half
	}
	if strings.HasPrefix(half, "T") {
		return "P" + num + code + half
	}
	return "P" + num + code + half
}

// unitGran is the calendar granularity a unit counts in.
func unitGran(u unit) gran {
	if u.Clock {
		return gNone
	}
	switch u.Code {
	case "Y":
		switch u.N {
		case 10:
			return gDecade
		case 100:
			return gCentury
		}
		return gYear
	case "Q":
		return gQuarter
	case "M":
		return gMonth
	case "W", "WE":
		return gWeek
	case "D":
		return gDay
	}
	return gNone
}

func dateCand(s, e int, v dval, yearGiven bool) cand {
	return cand{s: s, e: e, typ: "DATE", value: v.String(), dv: v, hasDV: true, yearGiven: yearGiven, anchored: !yearGiven}
}

// ---- rules -------------------------------------------------------------

// ruleExplicit reads calendar dates: "Aug. 7, 1998", "7 August 1998",
// "Saturday, April 25", "July 1997", "January", "2004-11-14",
// "11/14/2004".
func (r *run) ruleExplicit(i int) (cand, bool) {
	start := i
	j := i
	hasWeekday := false
	if wd, ok := r.lx.weekdays[r.w(j)]; ok && wd > 0 && r.toks[j].cap {
		k := j + 1
		if r.lx.ambWeekdays[r.w(j)] {
			if r.w(k) != "." || !r.glued(k) {
				return cand{}, false
			}
		}
		if r.w(k) == "." && r.glued(k) {
			k++
		}
		if r.w(k) == "," {
			k++
		}
		if r.w(k) == "the" {
			k++
		}
		j, hasWeekday = k, true
	}
	// "last May", "this September", "next March"
	if sh, ok := r.lx.shifts[r.w(j)]; ok && !hasWeekday && r.w(j) != "past" {
		if m, e, _, ok := r.month(j + 1); ok {
			if _, _, ok := r.dayNum(e); !ok {
				if b, ok := r.base(); ok && b.m != 0 {
					y := b.y
					switch {
					case sh < 0 && m >= b.m:
						y--
					case sh > 0 && m <= b.m:
						y++
					}
					return dateCand(start, e, dval{g: gMonth, y: y, m: m}, false), true
				}
			}
		}
	}
	// ISO and numeric dates.
	if !hasWeekday && r.isNum(j) {
		if c, ok := r.numericDate(j); ok {
			return c, true
		}
	}
	if m, e, sure, ok := r.month(j); ok {
		k := e
		// MONTH DAY [,] [YEAR]
		if d, e2, ok := r.dayNum(k); ok && !(r.isNum(k) && r.glued(k+1) && r.w(k+1) == "-" && !r.isNum(k+2)) && !r.lx.notYearAfter[r.w(e2)] {
			k2 := e2
			if r.w(k2) == "," {
				if y, e3, ok := r.year(k2 + 1); ok && validDay(y, m, d) {
					return dateCand(start, e3, dval{g: gDay, y: y, m: m, d: d}, true).rangeableC(), true
				}
			} else if y, e3, ok := r.year(k2); ok && validDay(y, m, d) {
				return dateCand(start, e3, dval{g: gDay, y: y, m: m, d: d}, true).rangeableC(), true
			}
			if y, ok := r.monthYear(start, m); ok && validDay(y, m, d) {
				return dateCand(start, e2, dval{g: gDay, y: y, m: m, d: d}, false).rangeableC(), true
			}
			// No year anywhere: a range may still state it ("April 24-25, 1999").
			return cand{s: start, e: e2, typ: "DATE", value: fmt.Sprintf("XXXX-%02d-%02d", m, d), dv: dval{g: gDay, m: m, d: d}, hasDV: true, rangeable: true}, true
		}
		if hasWeekday {
			return cand{}, false
		}
		// MONTH [,|of] YEAR
		k = e
		if r.w(k) == "," || r.w(k) == "of" {
			k++
		}
		if y, e3, ok := r.year(k); ok {
			return dateCand(start, e3, dval{g: gMonth, y: y, m: m}, true).rangeableC(), true
		}
		// MONTH alone.
		if !sure && !r.lx.monthCues[r.w(i-1)] {
			return cand{}, false
		}
		if !sure && r.w(i-1) == "to" && !r.isNum(i-2) {
			// "to march" is a verb.
			return cand{}, false
		}
		if r.w(e) == "of" && r.w(e+1) == "the" {
			return cand{}, false // "the march of the ..."
		}
		// "MONTH last year", "MONTH this year", "MONTH next year"
		if sh, ok := r.lx.shifts[r.w(e)]; ok && r.w(e+1) == "year" {
			if b, ok := r.base(); ok {
				return dateCand(start, e+2, dval{g: gMonth, y: b.y + sh, m: m}, false), true
			}
		}
		if y, ok := r.monthYear(start, m); ok {
			return dateCand(start, e, dval{g: gMonth, y: y, m: m}, false).rangeableC(), true
		}
		return cand{s: start, e: e, typ: "DATE", value: fmt.Sprintf("XXXX-%02d", m), dv: dval{g: gMonth, m: m}, hasDV: true, rangeable: true}, true
	}
	// [the] DAY [of] MONTH [,] [YEAR]
	k := j
	if r.w(k) == "the" {
		k++
	}
	if d, e, ok := r.dayNum(k); ok {
		if r.w(e) == "of" {
			e++
		}
		if m, e2, _, ok := r.month(e); ok {
			if r.w(e2) == "," {
				if y, e3, ok := r.year(e2 + 1); ok && validDay(y, m, d) {
					return dateCand(start, e3, dval{g: gDay, y: y, m: m, d: d}, true).rangeableC(), true
				}
			}
			if y, e3, ok := r.year(e2); ok && validDay(y, m, d) {
				return dateCand(start, e3, dval{g: gDay, y: y, m: m, d: d}, true).rangeableC(), true
			}
			if r.w(k) == "the" || r.isNum(k) {
				if y, ok := r.monthYear(start, m); ok && validDay(y, m, d) {
					return dateCand(start, e2, dval{g: gDay, y: y, m: m, d: d}, false).rangeableC(), true
				}
			}
		}
	}
	return cand{}, false
}

func (c cand) rangeableC() cand { c.rangeable = true; return c }

// numericDate reads "2004-11-14", "2014-04" and "11/14/2004".
func (r *run) numericDate(i int) (cand, bool) {
	s := r.w(i)
	if len(s) == 4 && r.w(i+1) == "-" && r.glued(i+1) && r.isNum(i+2) && r.glued(i+2) {
		y, _ := atoi(s)
		ms := r.w(i + 2)
		m, ok := atoi(ms)
		if !ok || len(ms) != 2 || m < 1 || m > 12 || y < 1000 || y > 2199 {
			return cand{}, false
		}
		if r.w(i+3) == "-" && r.glued(i+3) && r.isNum(i+4) && r.glued(i+4) && len(r.w(i+4)) == 2 {
			d, _ := atoi(r.w(i + 4))
			if validDay(y, m, d) {
				return dateCand(i, i+5, dval{g: gDay, y: y, m: m, d: d}, true).rangeableC(), true
			}
			return cand{}, false
		}
		if ms[0] == '0' {
			return dateCand(i, i+3, dval{g: gMonth, y: y, m: m}, true).rangeableC(), true
		}
		return cand{}, false
	}
	if strings.Count(s, "/") == 2 {
		p := strings.Split(s, "/")
		a, ok1 := atoi(p[0])
		b, ok2 := atoi(p[1])
		y, ok3 := atoi(p[2])
		if !ok1 || !ok2 || !ok3 {
			return cand{}, false
		}
		switch len(p[2]) {
		case 4:
		case 2:
			if y > 40 {
				y += 1900
			} else {
				y += 2000
			}
		default:
			return cand{}, false
		}
		m, d := a, b
		if a > 12 {
			m, d = b, a
		}
		if validDay(y, m, d) {
			return dateCand(i, i+1, dval{g: gDay, y: y, m: m, d: d}, true).rangeableC(), true
		}
	}
	return cand{}, false
}

// ruleYear reads "1998", "fiscal 1989", "the year two thousand", "the 1988
// period", "FY2014".
func (r *run) ruleYear(i int) (cand, bool) {
	j := i
	the := false
	if r.w(j) == "the" {
		the = true
		j++
	}
	fiscal := false
	if r.lx.fiscal[r.w(j)] {
		fiscal = true
		j++
	}
	if r.w(j) == "year" {
		j++
	}
	if the && j == i+1 && !r.isNum(j) {
		return cand{}, false
	}
	y, e, ok := r.year(j)
	if !ok {
		return cand{}, false
	}
	if r.w(j) == "two" || r.lx.numbers[r.w(j)] > 0 {
		// Spelled years only after a cue or "the year": "nineteen
		// ninety-six" can also be a count.
		if j == i && !yearCues[r.w(i-1)] && !r.toks[i].cap && r.w(j+2) != "-" {
			return cand{}, false
		}
	}
	if the && !fiscal && r.w(j-1) != "year" {
		if r.w(e) == "period" && r.hasLastQ {
			return cand{}, false // "the 1988 period": that year's quarter (quarterRef)
		}
		if r.w(e) == "period" || r.w(e) == "season" {
			e++
		} else {
			return cand{}, false
		}
	}
	_ = fiscal
	return dateCand(i, e, dval{g: gYear, y: y}, true).rangeableC(), true
}

// ruleDecade reads decades and centuries: "the 1990s", "the '90s", "the
// nineties", "the late 1970s", "the 20th century", "the twentieth
// century".
func (r *run) ruleDecade(i int) (cand, bool) {
	j := i
	if r.w(j) == "the" {
		j++
	}
	if r.isNum(j) {
		s := r.w(j)
		if len(s) == 4 && s[3] == '0' && (r.w(j+1) == "s" || r.w(j+1) == "'s") && r.glued(j+1) {
			y, _ := atoi(s)
			return dateCand(i, j+2, dval{g: gDecade, y: y}, true).rangeableC(), true
		}
		// "20th century"
		if n, ok := atoi(s); ok && n >= 1 && n <= 21 && r.glued(j+1) {
			if sfx := r.w(j + 1); (sfx == "st" || sfx == "nd" || sfx == "rd" || sfx == "th") && (r.w(j+2) == "century" || r.w(j+2) == "-" && r.w(j+3) == "century") {
				e := j + 3
				if r.w(j+2) == "-" {
					e = j + 4
				}
				return dateCand(i, e, dval{g: gCentury, y: (n - 1) * 100}, true), true
			}
		}
	}
	// "the '90s"
	if r.w(j) == "'" && r.isNum(j+1) && r.glued(j+1) && len(r.w(j+1)) == 2 && r.w(j+2) == "s" && r.glued(j+2) {
		n, _ := atoi(r.w(j + 1))
		if n%10 == 0 {
			y := 1900 + n
			if n < 30 {
				y = 2000 + n
			}
			return dateCand(i, j+3, dval{g: gDecade, y: y}, true), true
		}
	}
	if d, ok := r.lx.decadeWords[r.w(j)]; ok && j > i {
		return dateCand(i, j+1, dval{g: gDecade, y: 1900 + d*10}, false), true
	}
	if n, ok := r.lx.ordinals[r.w(j)]; ok && n > 0 && n <= 21 && r.w(j+1) == "century" {
		return dateCand(i, j+2, dval{g: gCentury, y: (n - 1) * 100}, true), true
	}
	return cand{}, false
}

// seasonCues are the words after which a bare season word ("fall",
// "spring") is the season.
var seasonCues = map[string]bool{"in": true, "during": true, "by": true, "until": true, "since": true,
	"through": true, "throughout": true, "into": true, "over": true, "this": true, "early": true, "late": true,
	"next": true, "last": true, "before": true, "after": true}

// ruleSeason reads "autumn 2014", "the winter of 1994", "this summer",
// "last fall", "spring".
func (r *run) ruleSeason(i int) (cand, bool) {
	j := i
	shift, hasShift := 0, false
	if sh, ok := r.lx.shifts[r.w(j)]; ok {
		shift, hasShift = sh, true
		j++
	} else if r.w(j) == "the" {
		j++
	}
	code, ok := r.lx.seasons[r.w(j)]
	if !ok {
		return cand{}, false
	}
	si := seasonIndex(code)
	e := j + 1
	k := e
	if r.w(k) == "of" {
		k++
	}
	if r.w(k) == "," {
		k++
	}
	if y, e2, ok := r.year(k); ok {
		return dateCand(i, e2, dval{g: gSeason, y: y, sub: si}, true).rangeableC(), true
	}
	if r.w(e) == "of" || r.w(e) == "'s" {
		return cand{}, false // "the fall of Rome", "the spring's"
	}
	// A bare season word is only a season after a cue ("in the fall",
	// "this summer"); "fall" and "spring" are common words.
	if !hasShift {
		prev := r.w(i - 1)
		if !seasonCues[prev] {
			return cand{}, false
		}
		if j == i && r.w(j) != "summer" && r.w(j) != "winter" {
			return cand{}, false
		}
	}
	if hasShift && shift != 0 {
		b, ok := r.base()
		if !ok || b.m == 0 {
			return cand{}, false
		}
		cur := seasonOf(b.m)
		y := b.y
		if b.m <= 2 {
			y-- // January and February are the winter of the year before
		}
		if shift < 0 {
			if si >= cur {
				y--
			}
		} else if si <= cur {
			y++
		}
		return dateCand(i, e, dval{g: gSeason, y: y, sub: si}, false), true
	}
	y, ok := r.yearFor(i)
	if !ok {
		return cand{s: i, e: e, typ: "DATE", value: "XXXX-" + code}, true
	}
	return dateCand(i, e, dval{g: gSeason, y: y, sub: si}, false).rangeableC(), true
}

// ruleQuarter reads quarters and halves: "the third quarter", "third-
// quarter", "the fourth quarter of 1989", "the 1988 second quarter",
// "this year's third quarter", "Q3 2014", "the first half of 2015", "the
// fiscal first quarter", "the quarter", "the latest quarter", "the
// year-ago quarter".
func (r *run) ruleQuarter(i int) (cand, bool) {
	j, s0 := i, i
	yearShift, hasYearShift := 0, false
	explicitYear, hasYear := 0, false
	if r.w(j) == "the" || r.w(j) == "a" {
		j++
	}
	// "this year's", "last year's", "1989's"
	if sh, ok := r.lx.shifts[r.w(j)]; ok && r.w(j+1) == "year" && r.w(j+2) == "'s" {
		yearShift, hasYearShift = sh, true
		j += 3
	} else if y, e, ok := r.year(j); ok && (r.w(e) == "'s" || r.lx.ordinals[r.w(e)] > 0 || r.lx.fiscal[r.w(e)]) {
		explicitYear, hasYear = y, true
		j = e
		if r.w(j) == "'s" {
			j++
		}
	}
	if r.lx.fiscal[r.w(j)] {
		j++
	}
	// Q3, 3Q
	var n int
	isHalf := false
	w := r.w(j)
	switch {
	case len(w) == 2 && (w[0] == 'q' || w[0] == 'h') && w[1] >= '1' && w[1] <= '4':
		n = int(w[1] - '0')
		isHalf = w[0] == 'h'
		if isHalf && n > 2 {
			return cand{}, false
		}
		j++
	default:
		o, ok := r.lx.ordinals[w]
		if !ok || o == 0 || o > 4 {
			return r.quarterRef(i)
		}
		n = o
		j++
		if r.lx.fiscal[r.w(j)] {
			j++
		}
		if r.w(j) == "-" && r.glued(j) {
			j++
			if r.w(i) == "a" {
				// "a third-quarter loss": the article is the loss's.
				s0 = i + 1
			}
		}
		switch r.w(j) {
		case "quarter", "quarters":
		case "half":
			isHalf = true
		default:
			return cand{}, false
		}
		if isHalf && n > 2 && n != -1 {
			return cand{}, false
		}
		j++
	}
	if n == -1 {
		n = 4
		if isHalf {
			n = 2
		}
	}
	e := j
	if !hasYear && !hasYearShift {
		k := j
		if r.w(k) == "of" {
			k++
		}
		if r.w(k) == "," {
			k++
		}
		if r.lx.fiscal[r.w(k)] {
			k++
		}
		if y, e2, ok := r.year(k); ok {
			explicitYear, hasYear, e = y, true, e2
		} else if sh, ok := r.lx.shifts[r.w(k)]; ok && r.w(k+1) == "year" && k == j+1 && r.w(j) == "of" {
			yearShift, hasYearShift, e = sh, true, k+2
		} else if k2 := k; r.w(k2) == "'" && r.isNum(k2+1) && len(r.w(k2+1)) == 2 {
			yy, _ := atoi(r.w(k2 + 1))
			explicitYear, hasYear, e = 1900+yy, true, k2+2
			if yy < 40 {
				explicitYear = 2000 + yy
			}
		}
	}
	g := gQuarter
	if isHalf {
		g = gHalf
	}
	if hasYear {
		c := dateCand(s0, e, dval{g: g, y: explicitYear, sub: n}, true).rangeableC()
		c.quarter = !isHalf
		return c, true
	}
	// An unstated year: the reference year shifted, or for a plain "the
	// third quarter" the most recent such quarter (reports look back).
	if r.w(j) == "of" && r.w(j+1) == "the" {
		// "the first quarter of the year" / "of the century": let the words stand.
		if r.w(j+2) == "year" {
			e = j + 3
		}
	}
	b, ok := r.base()
	if !ok {
		prefix := "XXXX-Q"
		if isHalf {
			prefix = "XXXX-H"
		}
		return cand{s: s0, e: e, typ: "DATE", value: prefix + strconv.Itoa(n)}, true
	}
	y := b.y + yearShift
	if !hasYearShift && b.m != 0 {
		cur := quarterOf(b.m)
		if isHalf {
			cur = (b.m-1)/6 + 1
		}
		if n > cur {
			y--
		}
	}
	c := dateCand(s0, e, dval{g: g, y: y, sub: n}, false).rangeableC()
	c.quarter = !isHalf
	c.setsYear = hasYearShift && r.hasDCT
	return c, true
}

// quarterRef reads quarters named by reference: "the quarter", "the
// latest quarter", "this quarter", "the year-ago quarter", "the
// year-earlier period".
func (r *run) quarterRef(i int) (cand, bool) {
	j := i
	if r.w(j) != "the" && r.w(j) != "this" && r.w(j) != "last" && r.w(j) != "next" {
		return cand{}, false
	}
	first := r.w(j)
	j++
	back := 0
	current := r.w(j) == "current"
	switch r.w(j) {
	case "latest", "current", "same", "recent", "most", "comparable", "corresponding":
		if r.w(j) == "most" {
			if r.w(j+1) != "recent" {
				return cand{}, false
			}
			j++
		}
		j++
	}
	if r.w(j) == "comparable" || r.w(j) == "corresponding" {
		j++
	}
	if r.w(j) == "year" {
		// "the year-ago quarter", "the year-earlier period"
		if r.w(j+1) == "-" && (r.w(j+2) == "ago" || r.w(j+2) == "earlier") {
			back = -4
			j += 3
		} else {
			return cand{}, false
		}
	}
	// "the year-ago third quarter": a named quarter a year back.
	if o, ok := r.lx.ordinals[r.w(j)]; ok && o >= 1 && o <= 4 && back != 0 && r.w(j+1) == "quarter" {
		b, ok := r.base()
		if !ok {
			return cand{}, false
		}
		y := b.y - 1
		if r.hasLastQ {
			y = r.lastQ.y - 1
		}
		return dateCand(i, j+2, dval{g: gQuarter, y: y, sub: o}, false), true
	}
	// "the 1988 quarter", "the 1989 period": that year's quarter of the
	// one in discussion.
	if y, e, ok := r.year(j); ok && first == "the" && (r.w(e) == "quarter" || r.w(e) == "period") {
		if r.hasLastQ {
			c := dateCand(i, e+1, dval{g: gQuarter, y: y, sub: r.lastQ.sub}, true)
			c.anchored = true // the quarter came from context
			return c, true
		}
		return dateCand(i, e+1, dval{g: gYear, y: y}, true), true
	}
	switch r.w(j) {
	case "quarter":
	case "period":
		if back == 0 && !(r.w(j-1) == "latest" || r.w(j-1) == "same") {
			return cand{}, false
		}
	default:
		return cand{}, false
	}
	if r.w(j-1) == "same" && !r.hasLastQ {
		return cand{}, false // "the same period in 2013": no quarter in view
	}
	e := j + 1
	var q dval
	if r.hasLastQ {
		q = r.lastQ
	} else if b, ok := r.base(); ok && b.m != 0 {
		q, _ = b.shift(gQuarter, 0)
		if first == "the" {
			q, _ = q.shift(gQuarter, -1)
		}
	} else {
		return cand{s: i, e: e, typ: "DATE", value: "XXXX-QX"}, true
	}
	if current && r.hasDCT {
		// "the current quarter" is the creation date's, whatever the
		// story reports on.
		first = "this"
		q, _ = r.dct.shift(gQuarter, 0)
	}
	switch first {
	case "this":
		if !r.hasLastQ && r.hasDCT {
			q, _ = r.dct.shift(gQuarter, 0)
		}
	case "last":
		if r.hasDCT {
			q, _ = r.dct.shift(gQuarter, -1)
		}
	case "next":
		if r.hasDCT {
			q, _ = r.dct.shift(gQuarter, 1)
		}
	}
	if back != 0 {
		q, _ = q.shift(gQuarter, back)
	}
	c := dateCand(i, e, q, false)
	return c, true
}

// weekdayResolve finds the date of a weekday near the reference day:
// the day itself, the previous one, or (dir > 0) the next one.
func weekdayResolve(b dval, wd, dir int, strict bool) dval {
	t := b.time()
	cur := int(t.Weekday())
	if cur == 0 {
		cur = 7
	}
	diff := wd - cur
	switch {
	case dir > 0:
		if diff < 0 || (diff == 0 && strict) {
			diff += 7
		}
	default:
		if diff > 0 || (diff == 0 && strict) {
			diff -= 7
		}
	}
	return dayOf(t.AddDate(0, 0, diff))
}

// titleAbbrevs end with a period that does not end a sentence.
var titleAbbrevs = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "inc": true, "co": true,
	"corp": true, "jr": true, "sr": true, "st": true, "gen": true, "gov": true, "sen": true, "rep": true,
	"lt": true, "col": true, "ltd": true, "prof": true}

// pastMarkers in the same stretch of sentence outweigh future cues ("had
// been scheduled to expire Friday").
var pastMarkers = map[string]bool{"had": true, "did": true}

// futureContext reports whether the sentence before token i speaks of the
// future ("will meet on Friday", "is scheduled to close Monday").
func (r *run) futureContext(i int) bool {
	f, _ := r.futureCue(i)
	return f
}

// futureCue is futureContext that also says whether the only cue was the
// conditional "would", which speaks of the future of a reported past
// ("said he would leave Thursday") but not across a comma, and not for
// a thing already named ("would look for ways around Wednesday's ruling").
func (r *run) futureCue(i int) (future, onlyWould bool) {
	comma := false
	for k := i - 1; k >= 0 && k >= i-20; k-- {
		w := r.w(k)
		if w == "." && k > 0 && (len(r.w(k-1)) <= 2 || titleAbbrevs[r.w(k-1)]) && r.glued(k) {
			continue // "Daniel P. Davison", "Mr. Schwarz": no sentence end
		}
		if w == "." || w == "?" || w == "!" || w == "`" || w == "\"" || w == "'" || w == ";" || r.toks[k+1].nl >= 2 {
			break
		}
		if pastMarkers[w] {
			return false, false
		}
		if w == "," {
			comma = true
		}
		if !r.lx.futureCues[w] || !r.futureCueAt(k, i) {
			continue
		}
		if w == "would" {
			if !comma && !future {
				future, onlyWould = true, true
			}
			continue
		}
		future, onlyWould = true, false
	}
	return future, onlyWould
}

// onlyWould reports whether the future cue before token i is "would" alone.
func (r *run) onlyWould(i int) bool {
	_, w := r.futureCue(i)
	return w
}

// futureCueAt reports whether the future cue at token k (before the
// expression at i) speaks of the future in its context: a cue inside a
// hyphenated word ("lower-than-expected") does not, nor "next to" (a
// place), "set" without "to" ("set Friday as the deadline"), or "early"
// outside "as early as", or "to" outside "is to" and "are to".
func (r *run) futureCueAt(k, i int) bool {
	w := r.w(k)
	if r.glued(k) && r.w(k-1) == "-" {
		return false
	}
	switch w {
	case "next":
		return r.w(k+1) != "to"
	case "set":
		return r.w(k+1) == "to"
	case "early":
		return k != i-1 && r.w(k-1) == "as"
	case "to":
		return r.w(k-1) == "is" || r.w(k-1) == "are"
	}
	return true
}

// ruleWeekday reads "Friday", "last Friday", "Friday morning", "Tuesdays",
// "Tuesday nights".
func (r *run) ruleWeekday(i int) (cand, bool) {
	j := i
	shift, hasShift := 0, false
	if sh, ok := r.lx.shifts[r.w(j)]; ok && r.w(j) != "current" && r.w(j) != "present" {
		shift, hasShift = sh, true
		j++
	}
	w := r.w(j)
	plural := false
	wd, ok := r.lx.weekdays[w]
	if !ok && strings.HasSuffix(w, "s") {
		wd, ok = r.lx.weekdays[w[:len(w)-1]]
		plural = ok
	}
	if !ok || r.lx.ambWeekdays[strings.TrimSuffix(w, "s")] || r.lx.ambWeekdays[w] {
		return cand{}, false
	}
	if !r.toks[j].cap && len(w) > 0 && r.toks[j].kind == kWord && hasUpperText(r.text) {
		return cand{}, false
	}
	e := j + 1
	pod := ""
	if p, ok := r.lx.partsOfDay[r.w(e)]; ok {
		pod, e = p, e+1
	} else if pw := r.w(e); strings.HasSuffix(pw, "s") {
		if p, ok := r.lx.partsOfDay[pw[:len(pw)-1]]; ok {
			pod, e, plural = p, e+1, true
		}
	}
	if plural {
		v := fmt.Sprintf("XXXX-WXX-%d", wd)
		if pod != "" {
			v += "T" + pod
		}
		return cand{s: i, e: e, typ: "SET", value: v}, true
	}
	b, ok := r.base()
	if hasShift && r.hasLast && r.last.g == gDay && r.paras[i]-r.lastPara <= 1 {
		switch r.w(i) {
		case "previous", "preceding", "prior", "following":
			// "the previous Friday": the one before the day in view,
			// not before the creation date.
			b, ok = r.last, true
		}
	}
	if !ok || b.d == 0 {
		v := fmt.Sprintf("XXXX-WXX-%d", wd)
		return cand{s: i, e: e, typ: "DATE", value: v}, true
	}
	var d dval
	switch {
	case hasShift && shift < 0:
		d = weekdayResolve(b, wd, -1, true)
	case hasShift && shift > 0:
		d = weekdayResolve(b, wd, 1, true)
	case hasShift:
		d = weekdayResolve(b, wd, 1, false)
	case r.futureContext(i) && !(r.w(e) == "'s" && r.onlyWould(i)):
		d = weekdayResolve(b, wd, 1, false)
	default:
		d = weekdayResolve(b, wd, -1, false)
	}
	// "Friday morning" is a TIME: the day with the part of the day, as
	// the TimeML guidelines write it (2015-03-06TMO).
	c := dateCand(i, e, d, false)
	if pod != "" {
		c.typ, c.value = "TIME", d.String()+"T"+pod
	}
	return c, true
}

// hasUpperText reports whether the text uses capital letters at all (an
// all-lower-case text cannot use capitals as a cue).
func hasUpperText(s string) bool {
	for i := 0; i < len(s) && i < 4096; i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// ruleDeictic reads "today", "yesterday morning", "tonight", "this
// morning", "last night", "the day before yesterday".
func (r *run) ruleDeictic(i int) (cand, bool) {
	j := i
	w := r.w(j)
	off, ok := r.lx.deictic[w]
	e := j + 1
	pod := ""
	switch {
	case ok:
		if w == "today" && r.w(j+1) == "'s" {
			return cand{}, false // "today's world": the present age, not the day
		}
		if w == "tonight" {
			pod = "NI"
		}
	case w == "the" && r.w(j+1) == "day" && (r.w(j+2) == "before" || r.w(j+2) == "after"):
		o, ok2 := r.lx.deictic[r.w(j+3)]
		if !ok2 || o == 0 {
			return cand{}, false
		}
		off = o * 2
		e = j + 4
	case w == "this" || w == "last" || w == "tomorrow":
		p, ok2 := r.lx.partsOfDay[r.w(j+1)]
		if !ok2 {
			return cand{}, false
		}
		pod, e = p, j+2
		if w == "last" {
			if p != "NI" {
				return cand{}, false
			}
			off = -1
		}
	default:
		return cand{}, false
	}
	if pod == "" {
		if p, ok := r.lx.partsOfDay[r.w(e)]; ok {
			pod, e = p, e+1
		}
	}
	b, ok := r.base()
	if !ok || b.d == 0 {
		if w == "today" || w == "now" {
			return cand{s: i, e: e, typ: "DATE", value: "PRESENT_REF"}, true
		}
		return cand{s: i, e: e, typ: "DATE", value: "XXXX-XX-XX"}, true
	}
	d, _ := b.shift(gDay, off)
	if pod != "" {
		return cand{s: i, e: e, typ: "TIME", value: d.String() + "T" + pod, anchored: true}, true
	}
	return dateCand(i, e, d, false), true
}

// ruleHoliday reads "Thanksgiving Day", "Christmas 2014", "New Year's Eve".
func (r *run) ruleHoliday(i int) (cand, bool) {
	entries, ok := r.lx.holidays[r.w(i)]
	if !ok || !r.toks[i].cap {
		return cand{}, false
	}
	var best *holidayEntry
	for k := range entries {
		if r.phraseAt(i, entries[k].words) && (best == nil || len(entries[k].words) > len(best.words)) {
			best = &entries[k]
		}
	}
	if best == nil {
		return cand{}, false
	}
	e := i + len(best.words)
	k := e
	if r.w(k) == "," {
		k++
	}
	y, yearGiven := 0, false
	if yy, e2, ok := r.year(k); ok {
		y, yearGiven, e = yy, true, e2
	} else if yy, ok := r.monthYear(i, best.h.Month); ok {
		y = yy
	} else {
		return cand{s: i, e: e, typ: "DATE", value: fmt.Sprintf("XXXX-%02d-%02d", best.h.Month, max(best.h.Day, 1))}, true
	}
	h := best.h
	d := h.Day
	if d == 0 {
		d = nthWeekday(y, h.Month, h.Weekday, h.Nth, h.AfterDay)
	}
	return dateCand(i, e, dval{g: gDay, y: y, m: h.Month, d: d}, yearGiven).rangeableC(), true
}

// nthWeekday is the day of the month of its nth weekday (n -1: the last),
// counting only days after afterDay.
func nthWeekday(y, m, wd, n, afterDay int) int {
	if n < 0 {
		last := time.Date(y, time.Month(m)+1, 0, 12, 0, 0, 0, time.UTC)
		cur := (int(last.Weekday())+6)%7 + 1
		return last.Day() - (cur-wd+7)%7
	}
	first := time.Date(y, time.Month(m), afterDay+1, 12, 0, 0, 0, time.UTC)
	cur := (int(first.Weekday())+6)%7 + 1
	return afterDay + 1 + (wd-cur+7)%7 + 7*(n-1)
}
