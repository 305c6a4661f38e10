package timex

import (
	"fmt"
	"strconv"
	"strings"
)

// ruleRelUnit reads units placed by a shift word or a demonstrative:
// "last week", "this year", "the past year", "the following year", "that
// month", "the current fiscal year", "year-end", "the weekend", "the
// year" (a duration unless a modifier such as "the end of" precedes).
func (r *run) ruleRelUnit(i int, modified bool) (cand, bool) {
	j := i
	the := false
	if r.w(j) == "the" {
		the = true
		j++
	}
	w := r.w(j)
	// "year-end", "year end", "month-end"
	if (w == "year" || w == "month") && !the {
		k := j + 1
		if (r.w(k) == "-" || r.w(k) == "'s") && r.glued(k) {
			k++
		}
		if r.w(k) == "end" {
			b, ok := r.base()
			if !ok {
				return cand{}, false
			}
			if w == "year" {
				// The year with its end in view, as "the end of the
				// year" (TimeML: the year's value, mod END).
				return dateCand(i, k+1, dval{g: gYear, y: b.y}, false), true
			}
			if b.m == 0 {
				return cand{}, false
			}
			return dateCand(i, k+1, dval{g: gMonth, y: b.y, m: b.m}, false), true
		}
		// "year-earlier", "year-ago" as adjectives: the same period a
		// year before the one last mentioned.
		if w == "year" && r.w(j+1) == "-" && r.glued(j+1) && (r.w(j+2) == "earlier" || r.w(j+2) == "ago") {
			return r.yearBack(i, j+3, 1)
		}
		return cand{}, false
	}
	sh, hasShift := r.lx.shifts[w]
	narrative := false
	switch {
	case hasShift:
		narrative = w == "following" || w == "previous" || w == "preceding" || w == "prior"
		j++
	case w == "full" && the:
		j++
	case (w == "that" || w == "same" && the) && r.w(j+1) != "day":
		narrative = true
		j++
	case the:
		// "the year", "the week", "the weekend", "the day"
	default:
		return cand{}, false
	}
	if r.lx.fiscal[r.w(j)] {
		j++
	}
	u, plural, ok := r.unitAt(j)
	if !ok || plural || u.Clock {
		return cand{}, false
	}
	if r.w(j+1) == "-" && r.glued(j+1) {
		return cand{}, false // "the year-ago quarter" is a quarter
	}
	e := j + 1
	g := unitGran(u)
	if g == gNone {
		return cand{}, false
	}
	var b dval
	if narrative {
		b, ok = r.narrBase()
	} else {
		b, ok = r.base()
	}
	if !ok {
		if hasShift && sh < 0 {
			return cand{s: i, e: e, typ: "DATE", value: "PAST_REF"}, true
		}
		if hasShift && sh > 0 {
			return cand{s: i, e: e, typ: "DATE", value: "FUTURE_REF"}, true
		}
		return cand{}, false
	}
	if !hasShift && !narrative {
		// Plain "the <unit>".
		switch u.name {
		case "weekend":
			wk := b
			if b.d != 0 {
				if wd := int(b.time().Weekday()); wd != 0 && wd != 6 {
					wk, _ = b.shift(gWeek, -1)
				} else {
					wk, _ = b.shift(gWeek, 0)
				}
			} else {
				return cand{}, false
			}
			return cand{s: i, e: e, typ: "DATE", value: wk.String() + "-WE", anchored: true}, true
		case "day":
			return cand{}, false // "the day" is too often not a date
		case "year":
			// "the year ended March 31" is a fiscal year: a duration.
			if nx := r.w(e); nx == "ended" || nx == "ending" || nx == "beginning" || nx == "starting" || nx == "through" {
				return cand{s: i, e: e, typ: "DURATION", value: duration(u, qty{n: 1})}, true
			}
			if cb, ok := r.contextBase(i); ok {
				b = cb
			}
		case "month", "decade", "century":
			if !modified {
				return cand{s: i, e: e, typ: "DURATION", value: duration(u, qty{n: 1})}, true
			}
		case "quarter":
			return cand{}, false // quarterRef reads "the quarter"
		}
		sh = 0
	}
	if u.name == "weekend" {
		if b.d == 0 {
			return cand{}, false
		}
		wk, _ := b.shift(gWeek, sh)
		return cand{s: i, e: e, typ: "DATE", value: wk.String() + "-WE", anchored: true}, true
	}
	if g > b.g && !(g == gWeek && b.g == gDay) && !(g == gQuarter && b.g >= gMonth) {
		// The reference is coarser than the unit: "that day" after "1990".
		return cand{}, false
	}
	v, ok := b.shift(g, sh)
	if !ok {
		return cand{}, false
	}
	c := dateCand(i, e, v, false)
	c.setsYear = hasShift && !narrative && g == gYear && r.hasDCT
	return c, true
}

// contextBase is the reference for a unit named without a shift ("the
// end of the year"): the narrative time when the paragraph stated one
// recently, else the creation date.
func (r *run) contextBase(i int) (dval, bool) {
	if r.hasNarr && r.paras[i] == r.narrPara && r.sents[i]-r.narrSent <= r.t.narrativeSpan {
		return r.narr, true
	}
	return r.base()
}

// yearBack is the period a year (n years) before the last one mentioned:
// a quarter when the text was just speaking of a quarter, else a year.
func (r *run) yearBack(s, e, n int) (cand, bool) {
	if r.hasLastQ && r.paras[s]-r.lastQPara <= 8 {
		v, _ := r.lastQ.shift(gQuarter, -4*n)
		return dateCand(s, e, v, false), true
	}
	b, ok := r.base()
	if !ok {
		return cand{s: s, e: e, typ: "DATE", value: "PAST_REF"}, true
	}
	return dateCand(s, e, dval{g: gYear, y: b.y - n}, false), true
}

// ruleAgo reads offsets from a reference: "two years ago", "a year
// earlier", "three days later", "six weeks ago", "a week or so ago",
// "several years ago".
func (r *run) ruleAgo(i int) (cand, bool) {
	q, j, ok := r.quantity(i)
	if !ok {
		if _, plural, ok2 := r.unitAt(i); ok2 && plural {
			q, j = qty{vague: true}, i
		} else {
			return cand{}, false
		}
	}
	u, _, ok := r.unitAt(j)
	if !ok || u.Clock || u.Code == "WE" {
		return cand{}, false
	}
	k := j + 1
	if r.w(k) == "or" && r.w(k+1) == "so" {
		k += 2
	}
	dw := r.w(k)
	dir, ok := r.lx.directions[dw]
	e := k + 1
	if !ok {
		if dw == "from" && r.w(k+1) == "now" {
			dir, e = 1, k+2
		} else {
			return cand{}, false
		}
	}
	if (dw == "before" || dw == "after") && !r.isPunct(k+1) {
		return cand{}, false // "two years after the war": a duration
	}
	if q.vague {
		v := "PAST_REF"
		if dir > 0 {
			v = "FUTURE_REF"
		}
		return cand{s: i, e: e, typ: "DATE", value: v}, true
	}
	n := q.n * u.N
	g := unitGran(u)
	if g == gDecade || g == gCentury {
		g = gYear
	}
	if g == gQuarter {
		n *= 1
	}
	deictic := dw == "ago" || dw == "from" || dw == "hence"
	if g == gYear && n == 1 && r.hasLastQ && r.paras[i]-r.lastQPara <= 8 {
		return r.yearBack(i, e, 1)
	}
	var b dval
	if deictic {
		b, ok = r.base()
	} else if r.hasLast {
		b, ok = r.last, true
	} else {
		b, ok = r.narrBase()
	}
	if !ok {
		v := "PAST_REF"
		if dir > 0 {
			v = "FUTURE_REF"
		}
		return cand{s: i, e: e, typ: "DATE", value: v}, true
	}
	if g > b.g && !(g == gWeek && b.g == gDay) && !(g == gQuarter && b.g >= gMonth) {
		g = b.g
		if g < gYear {
			g = gYear
		}
	}
	v, ok := b.shift(g, n*dir)
	if !ok {
		return cand{}, false
	}
	return dateCand(i, e, v, false), true
}

// ruleRef reads the lexicon's references to the present, past and future:
// "now", "currently", "recently", "the future", "soon".
func (r *run) ruleRef(i int) (cand, bool) {
	ps, ok := r.lx.refs[r.w(i)]
	if !ok {
		return cand{}, false
	}
	best := -1
	for k, p := range ps {
		if r.phraseAt(i, p.words) && (best < 0 || len(p.words) > len(ps[best].words)) {
			best = k
		}
	}
	if best < 0 {
		return cand{}, false
	}
	p := ps[best]
	e := i + len(p.words)
	if bl, ok := r.lx.refBlockers[p.words[len(p.words)-1]]; ok && bl[r.w(e)] {
		return cand{}, false
	}
	if len(p.words) == 1 && r.w(e) == "-" && r.glued(e) {
		return cand{}, false // "now-defunct", "future-oriented"
	}
	return cand{s: i, e: e, typ: "DATE", value: p.value}, true
}

// durationPre are words between "the" and a counted unit that belong to a
// duration's span ("the past three years", "the first nine months").
var durationPre = map[string]bool{"past": true, "last": true, "next": true, "first": true, "coming": true,
	"previous": true, "following": true, "final": true, "initial": true, "remaining": true, "additional": true,
	"another": true, "further": true, "recent": true, "latest": true, "entire": true, "whole": true, "full": true,
	"preceding": true, "prior": true, "early": true, "last few": true}

// durationMid are words between a count and its unit ("20 more years").
var durationMid = map[string]bool{"more": true, "additional": true, "full": true, "straight": true,
	"consecutive": true, "long": true, "successive": true, "extra": true, "further": true}

// rateWords before "a year" make it a rate ("$5 million a year"), not a
// duration.
var rateWords = map[string]bool{"million": true, "billion": true, "trillion": true, "thousand": true,
	"hundred": true, "%": true, "percent": true, "dollars": true, "cents": true, "times": true, "once": true,
	"twice": true, "thrice": true, "euros": true, "yen": true, "pounds": true, "hours": true, "days": true}

// ruleDuration reads durations: "three years", "the past two months",
// "a week", "two-year", "8-month-old", "several days", "weeks", "2 1/2
// years", "a minute and a half".
func (r *run) ruleDuration(i int) (cand, bool) {
	j := i
	if r.w(j) == "the" {
		j++
	}
	pre := ""
	if durationPre[r.w(j)] {
		pre = r.w(j)
		j++
	}
	q, k, ok := r.quantity(j)
	hyphen := false
	if ok {
		if w := r.w(j); (w == "a" || w == "an") && i == j && r.isRate(i) {
			return cand{}, false
		}
		for durationMid[r.w(k)] {
			k++
		}
		if r.w(k) == "-" && r.glued(k) && r.glued(k+1) {
			hyphen = true
			k++
		}
	} else {
		if pre == "another" {
			q = qty{n: 1}
		} else {
			q = qty{vague: true}
		}
		k = j
	}
	u, plural, ok := r.unitAt(k)
	if !ok || u.Code == "WE" {
		return cand{}, false
	}
	if k == j && !plural && pre != "another" {
		return cand{}, false // a bare singular unit ("year") is no duration
	}
	if k == j && i == j && bareBlock[r.w(i-1)] {
		return cand{}, false // "a matter of days", "by decades": no span of time in view
	}
	if r.w(k+1) == "-" && r.glued(k+1) && r.glued(k+2) && i+1 < len(r.toks) && r.toks[k+2].kind == kWord && r.w(k+2) != "old" && r.w(k+2) != "long" {
		return cand{}, false // "a year-earlier loss", "year-end"
	}
	if u.name == "second" || u.name == "seconds" {
		if w := r.w(j); w == "a" || k == j || r.lx.ordinals[w] != 0 {
			return cand{}, false
		}
	}
	if u.Code == "Q" && (hyphen || r.w(k+1) == "of") {
		return cand{}, false // a fraction: "three-quarters", "a quarter of"
	}
	if q.n == 0 && !q.vague && !q.half && k > j {
		return cand{}, false // "zero days"
	}
	e := k + 1
	if r.w(e) == "and" && (r.w(e+1) == "a" || r.w(e+1) == "an") && r.w(e+2) == "half" {
		q.half = true
		e += 3
	}
	switch {
	case r.w(e) == "old" && !hyphen:
		return cand{}, false // an age: "37 years old"
	case hyphen && r.w(e) == "-" && r.glued(e) && r.w(e+1) == "old":
		return cand{}, false // an age: "a 6-year-old boy"
	case hyphen && r.w(e) == "-" && r.glued(e) && r.w(e+1) == "long":
		e += 2
	case hyphen && r.w(e) == "-" && r.glued(e):
		// "a 10-year-high": keep just "10-year"
	}
	if r.w(e) == "'s" {
		// "three years' time"
	}
	if nx := r.w(e); k == j && pre == "" && j > i && (nx == "before" || nx == "after" || nx == "following" || nx == "leading") {
		// "in the days before the vote": the article is the event's
		// frame, the span is the vague stretch of days.
		i = j
	}
	if hyphen && pre == "" && j > i {
		// "the 30-day period": the article belongs to the noun the
		// duration qualifies.
		i = j
	}
	return cand{s: i, e: e, typ: "DURATION", value: duration(u, q)}, true
}

// bareBlock are words before a bare plural unit that make it idiom
// rather than a duration.
var bareBlock = map[string]bool{"of": true, "by": true, "on": true}

// isRate reports whether "a" at i makes a rate: "$5 million a year",
// "four flights a week", "24 hours a day".
func (r *run) isRate(i int) bool {
	p := r.w(i - 1)
	if r.isNum(i-1) || rateWords[p] {
		return true
	}
	if i >= 2 && (r.isNum(i-2) || r.lx.numbers[r.w(i-2)] > 0) && strings.HasSuffix(p, "s") {
		return true
	}
	return false
}

// ruleSet reads recurrences: "daily", "every week", "each Thursday",
// "every other year", "twice a year".
func (r *run) ruleSet(i int) (cand, bool) {
	w := r.w(i)
	if v, ok := r.lx.setAdverbs[w]; ok {
		// Used as an adjective ("a quarterly dividend") the word names a
		// kind of thing, not a recurrence; "daily" is marked either way.
		if w != "daily" && i+1 < len(r.toks) && r.toks[i+1].kind == kWord && !functionWords[r.w(i+1)] {
			return cand{}, false
		}
		return cand{s: i, e: i + 1, typ: "SET", value: v}, true
	}
	j := i + 1
	if r.lx.setQuant[w] {
		q := qty{n: 1}
		if r.w(j) == "other" {
			q.n = 2
			j++
		} else if qq, k, ok := r.quantity(j); ok && !qq.vague && r.w(j) != "a" {
			q, j = qq, k
		}
		if u, _, ok := r.unitAt(j); ok {
			v := duration(u, q)
			if u.Code == "Q" {
				v = "P" + strconv.Itoa(q.n) + "Q"
			}
			return cand{s: i, e: j + 1, typ: "SET", value: v}, true
		}
		if wd, ok := r.lx.weekdays[r.w(j)]; ok && !r.lx.ambWeekdays[r.w(j)] {
			v := fmt.Sprintf("XXXX-WXX-%d", wd)
			e := j + 1
			if p, ok := r.lx.partsOfDay[r.w(e)]; ok {
				v += "T" + p
				e++
			}
			return cand{s: i, e: e, typ: "SET", value: v}, true
		}
		if m, e, _, ok := r.month(j); ok {
			return cand{s: i, e: e, typ: "SET", value: fmt.Sprintf("XXXX-%02d", m)}, true
		}
		if s, ok := r.lx.seasons[r.w(j)]; ok {
			return cand{s: i, e: j + 1, typ: "SET", value: "XXXX-" + s}, true
		}
		if p, ok := r.lx.partsOfDay[r.w(j)]; ok {
			return cand{s: i, e: j + 1, typ: "SET", value: "T" + p}, true
		}
		return cand{}, false
	}
	// "once a year", "twice a month", "three times a week"
	k := -1
	switch w {
	case "once", "twice", "thrice":
		k = i + 1
	default:
		if _, e, ok := r.quantity(i); ok && r.w(e) == "times" {
			k = e + 1
		}
	}
	if k < 0 || !(r.w(k) == "a" || r.w(k) == "an" || r.w(k) == "per" || r.w(k) == "each" || r.w(k) == "every") {
		return cand{}, false
	}
	u, plural, ok := r.unitAt(k + 1)
	if !ok || plural {
		return cand{}, false
	}
	v := duration(u, qty{n: 1})
	if u.Code == "Q" {
		v = "P1Q"
	}
	return cand{s: i, e: k + 2, typ: "SET", value: v}, true
}

// clock reads a time of day at i: "10 p.m.", "7:15", "noon", "5 pm",
// "9 o'clock". sure is false for a bare "7:15", which needs more context.
func (r *run) clock(i int) (h, m, end int, sure, ok bool) {
	w := r.w(i)
	if c, ok := r.lx.clockWords[w]; ok {
		h, _ = atoi(c[:2])
		m, _ = atoi(c[3:])
		return h, m, i + 1, true, true
	}
	if !r.isNum(i) {
		return 0, 0, 0, false, false
	}
	if k := strings.IndexByte(w, ':'); k > 0 {
		hh, ok1 := atoi(w[:k])
		mm, ok2 := atoi(w[k+1:])
		if !ok1 || !ok2 || len(w[k+1:]) != 2 || hh > 24 || mm > 59 {
			return 0, 0, 0, false, false
		}
		h, m = hh, mm
	} else {
		hh, ok := atoi(w)
		if !ok || hh < 1 || hh > 12 || len(w) > 2 {
			return 0, 0, 0, false, false
		}
		h = hh
	}
	end = i + 1
	switch a := r.w(end); a {
	case "a.m.", "am", "a.m":
		if h == 12 {
			h = 0
		}
		return h, m, end + 1, true, true
	case "p.m.", "pm", "p.m":
		if h < 12 {
			h += 12
		}
		return h, m, end + 1, true, true
	case "o":
		if r.w(end+1) == "'" && r.w(end+2) == "clock" {
			return h, m, end + 3, true, true
		}
	}
	if strings.IndexByte(w, ':') < 0 {
		return 0, 0, 0, false, false
	}
	return h, m, end, false, true
}

// timeCues before a bare "7:15" make it a clock time.
var timeCues = map[string]bool{"at": true, "around": true, "about": true, "by": true, "until": true, "till": true,
	"from": true, "before": true, "after": true, "since": true}

// ruleTime reads clock times, alone or with their day: "10 p.m.
// Wednesday", "noon Thursday", "5 p.m. EST Nov. 9", "7:15 p.m.".
func (r *run) ruleTime(i int) (cand, bool) {
	h, m, k, sure, ok := r.clock(i)
	if !ok {
		return cand{}, false
	}
	if r.lx.timeZones[r.w(k)] {
		k++
		sure = true
	} else if r.w(k) == "local" && r.w(k+1) == "time" {
		k += 2
	}
	e := k
	var day dval
	hasDay := false
	kk := k
	if r.w(kk) == "," || r.w(kk) == "on" {
		kk++
	}
	for _, rule := range []func(int) (cand, bool){r.ruleWeekday, r.ruleDeictic, r.ruleExplicit} {
		if c, ok := rule(kk); ok && c.hasDV && c.dv.g == gDay {
			day, hasDay, e = c.dv, true, c.e
			break
		}
	}
	if !sure && !hasDay && !timeCues[r.w(i-1)] {
		return cand{}, false
	}
	hm := fmt.Sprintf("T%02d:%02d", h, m)
	if !hasDay {
		if b, ok := r.base(); ok && b.d != 0 {
			day, hasDay = b, true
		}
	}
	if !hasDay {
		return cand{s: i, e: e, typ: "TIME", value: "XXXX-XX-XX" + hm}, true
	}
	return cand{s: i, e: e, typ: "TIME", value: day.String() + hm, anchored: true}, true
}

// functionWords after a recurrence adverb show it is used as an adverb.
var functionWords = map[string]bool{"and": true, "or": true, "but": true, "in": true, "on": true, "at": true,
	"for": true, "to": true, "from": true, "by": true, "since": true, "the": true, "a": true, "with": true,
	"through": true, "until": true, "over": true, "under": true, "as": true, "than": true, "if": true}

// presentWords close open ranges: "March 2014 to present".
var presentWords = map[string]bool{"present": true, "date": true, "now": true, "today": true}

// extendRange joins a calendar date and the one after a connector into a
// range: "November 2013 to February 2014", "between 2013 and 2014",
// "2009-2010", "1994-95", "April 24-25", "March 2014 to present".
func (r *run) extendRange(a cand) (cand, bool) {
	k := a.e
	conn := r.w(k)
	switch conn {
	case "to", "through", "thru", "until", "till", "-", "–", "—":
	case "and":
		if r.w(a.s-1) != "between" {
			return cand{}, false
		}
	default:
		return cand{}, false
	}
	dash := conn == "-" || conn == "–" || conn == "—"
	b0 := k + 1
	out := a
	// Open end: "to present", "to the present", "to date".
	if !dash {
		p := b0
		if r.w(p) == "the" && r.w(p+1) == "present" {
			p++
		}
		if presentWords[r.w(p)] && (r.w(p) != "date" || conn == "to") {
			out.e = p + 1
			out.endValue = "PRESENT_REF"
			return out, true
		}
	}
	// Two-digit end year: "1994-95", "2009-10".
	if dash && a.dv.g == gYear && r.isNum(b0) && len(r.w(b0)) == 2 && r.glued(k) && r.glued(b0) {
		n, _ := atoi(r.w(b0))
		y := a.dv.y/100*100 + n
		if y <= a.dv.y {
			y += 100
		}
		if y-a.dv.y > 0 && y-a.dv.y < 50 && !r.glued(b0+1) {
			out.e = b0 + 1
			out.endValue = dval{g: gYear, y: y}.String()
			out.dv = dval{g: gYear, y: y}
			return out, true
		}
	}
	// Day range in one month: "April 24-25", "April 24 and 25, 1999".
	if a.dv.g == gDay && r.isNum(b0) {
		if d, e, ok := r.dayNum(b0); ok && d > a.dv.d {
			if _, _, _, isMonth := r.month(e); !isMonth {
				bv := dval{g: gDay, y: a.dv.y, m: a.dv.m, d: d}
				kk := e
				if r.w(kk) == "," {
					kk++
				}
				if y, e2, ok := r.year(kk); ok && (!a.yearGiven || y == a.dv.y) {
					bv.y, e = y, e2
					a.dv.y = y
					out.yearGiven = true
					out.anchored = false
				}
				if bv.y != 0 && validDay(bv.y, bv.m, bv.d) {
					out.value = a.dv.String()
					out.e = e
					out.endValue = bv.String()
					out.dv = bv
					return out, true
				}
			}
		}
	}
	b, ok := r.matchCore(b0, false)
	if !ok || b.typ != "DATE" || !b.hasDV || !b.rangeable {
		return cand{}, false
	}
	av := a.dv
	if !a.yearGiven && b.yearGiven && av.g >= gYear && b.dv.g >= gYear {
		av.y = b.dv.y
		if av.m != 0 && b.dv.m != 0 && av.m > b.dv.m {
			av.y--
		}
	}
	if av.y == 0 || av.String() == b.dv.String() || !av.notAfter(b.dv) {
		return cand{}, false
	}
	out.value = av.String()
	out.e = b.e
	out.endValue = b.value
	out.dv = b.dv
	out.yearGiven = a.yearGiven || b.yearGiven
	out.anchored = av != a.dv || a.anchored && !b.yearGiven || b.anchored
	return out, true
}
