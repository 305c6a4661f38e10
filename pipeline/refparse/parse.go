package refparse

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/dossier-dev/dossier/schema"
)

// DefaultEpochs and DefaultPrune are the training settings `make model`
// uses; chosen by cross-validation.
const (
	DefaultEpochs = 30
	DefaultPrune  = 0.002
)

// Parser parses references with one model. The zero value and a Parser
// whose model failed to load fall back to rules alone.
type Parser struct {
	model *Model
}

// NewParser returns a parser using m (nil: rules only).
func NewParser(m *Model) *Parser { return &Parser{model: m} }

var defaultParser = func() *Parser {
	m, _ := DefaultModel() // a broken embedded model leaves rules only; a test guards it
	return &Parser{model: m}
}()

func parseRef(ref string) schema.CSLItem { return defaultParser.Parse(ref) }

// internal labels beyond the model's
const labAccessed = "accessed"

// reGlued finds a comma with no space after it between words
// ("Shimbun,March"), which would glue two fields into one token.
var reGlued = regexp.MustCompile(`(\p{Ll}{2}),(\p{Lu}\p{Ll})`)

var (
	reURL = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"“”]+`)
	reDOI = regexp.MustCompile(`(?i)\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/[^\s"“”<>]+)`)
	// reBareURL: a host name with a path but no scheme
	// ("classiques.uqac.ca/x/y.pdf")
	reBareURL  = regexp.MustCompile(`(?i)(?:^|\s|\()((?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|int|info|io|[a-z]{2})/[^\s<>"“”]*)`)
	reAccessed = regexp.MustCompile(`(?i)\b(?:accessed|retrieved|viewed|last visited|consulted)(?:\s+on)?:?\s+`)
)

// Parse turns one reference into a CSL item.
func (p *Parser) Parse(ref string) schema.CSLItem {
	ref = strings.Join(strings.Fields(ref), " ")
	if ref == "" {
		return schema.CSLItem{}
	}
	ref, toks, labels := p.label(ref)
	return assemble(ref, toks, labels)
}

// label normalises a (non-empty, space-collapsed) reference and labels its
// tokens: the model under the rules' constraints, then the rules' forced
// labels and the label-level fixes.
func (p *Parser) label(ref string) (string, []token, []string) {
	ref = reGlued.ReplaceAllString(ref, "$1, $2")
	toks := tokenize(ref)
	rules := ruleLabels(ref, toks)
	labels := p.tag(toks, rules)
	for i, r := range rules {
		if r.force != "" {
			labels[i] = r.force
		}
	}
	leadingEditors(ref, toks, labels)
	return ref, toks, labels
}

// leadingEditors relabels a reference-initial name list as editors when
// the tagger split it between author and editor but the list ends with an
// editor marker ("Binstock, R. H., & George, L. K. (Eds.)."): the marker
// covers every name before it.
func leadingEditors(ref string, toks []token, labels []string) {
	i := 0
	for i < len(labels) && (labels[i] == "author" || labels[i] == "citation-number") {
		i++
	}
	if i == 0 || i == len(labels) || labels[i] != "editor" {
		return
	}
	j := i
	for j < len(labels) && labels[j] == "editor" {
		j++
	}
	if !reEdMarker.MatchString(ref[toks[i].Start:toks[j-1].End]) {
		return
	}
	for k := 0; k < i; k++ {
		if labels[k] == "author" {
			labels[k] = "editor"
		}
	}
}

// tag runs the model under the rules' constraints, or labels everything
// "title" without a model.
func (p *Parser) tag(toks []token, rules []rule) []string {
	out := make([]string, len(toks))
	if p == nil || p.model == nil {
		for i := range out {
			out[i] = "title"
		}
		return out
	}
	idx := func(l string) int {
		for i, x := range p.model.Labels {
			if x == l {
				return i
			}
		}
		return -1
	}
	cons := make([]Constraint, len(toks))
	for i, r := range rules {
		cons[i] = Constraint{Force: -1, Forbid: -1}
		if r.force != "" {
			f := r.force
			if f == labAccessed {
				f = "note"
			}
			cons[i].Force = idx(f)
		}
		if r.forbid != "" {
			cons[i].Forbid = idx(r.forbid)
		}
	}
	edges := edgeClasses(toks)
	ids := p.model.TagConstrained(tokenFeatures(toks, edges), edges, cons)
	for i, id := range ids {
		out[i] = p.model.Labels[id]
	}
	return out
}

// rule is what the rules know about one token's label.
type rule struct{ force, forbid string }

// ruleLabels marks what patterns make certain: URLs, DOIs, "Accessed
// <date>" clauses and quoted titles (the token after a closing quote
// starts a new field).
func ruleLabels(ref string, toks []token) []rule {
	rules := make([]rule, len(toks))
	mark := func(start, end int, lab string) {
		for i, t := range toks {
			if t.Start < end && start < t.End {
				rules[i].force = lab
			}
		}
	}
	slash := strings.Contains(ref, "/")
	for _, m := range reDOIIn(ref) {
		if strings.Contains(strings.ToLower(ref[max(0, m[0]-20):m[0]]), "://") {
			continue // part of a URL: kept as the URL
		}
		mark(m[0], m[1], "doi")
	}
	if slash || mayHaveURL(ref) {
		for _, m := range reURL.FindAllStringIndex(ref, -1) {
			mark(m[0], m[1], "url")
		}
	}
	if slash {
		for _, m := range reBareURL.FindAllStringIndex(ref, -1) {
			mark(m[0], m[1], "url")
		}
	}
	// a URL broken by a space where it wrapped ("http://www. site.org/a",
	// "…/documents/ File.pdf"): the next word continues it when the URL
	// ends in "/" or "." or the word starts with "/"
	for i := 0; i+1 < len(toks); i++ {
		if rules[i].force != "url" || rules[i+1].force != "" {
			continue
		}
		w, nx := strings.TrimRight(toks[i].Text, ">)"), toks[i+1].Text
		if w != toks[i].Text || strings.ContainsAny(nx, "“”\"") || strings.HasPrefix(nx, "(") {
			continue
		}
		if strings.HasSuffix(w, "/") || strings.HasPrefix(nx, "/") || strings.HasSuffix(w, ".") && strings.Contains(nx, "/") {
			rules[i+1].force = "url"
		}
	}
	// full dates ("March 2, 2014", "2 March 2014", "March 2014") are dates
	if hasMonth(ref) {
		for _, re := range []*regexp.Regexp{reMDY, reDMY, reMY} {
			for _, m := range re.FindAllStringIndex(ref, -1) {
				mark(m[0], m[1], "date")
			}
		}
	}
	var acc [][]int
	if mayHaveAccessed(ref) {
		acc = reAccessed.FindAllStringIndex(ref, -1)
	}
	for _, m := range acc {
		if d, n := findDate(ref[m[1]:]); d != nil && n > 0 {
			for i, t := range toks {
				if t.Start < m[1]+n && m[0] < t.End && rules[i].force != "url" && rules[i].force != "doi" {
					rules[i].force = labAccessed
				}
			}
		}
	}
	// quoted titles: at least two words between an opening and a closing
	// quotation mark, the closing one ending a field
	for i := 0; i < len(toks); i++ {
		if !opensQuote(toks[i].Text) || rules[i].force != "" {
			continue
		}
		open := strings.TrimLeft(toks[i].Text, "([")
		for j := i + 1; j < len(toks) && j < i+60; j++ {
			if closesQuote(toks[j].Text) && closesKind(open, toks[j].Text) {
				w := toks[j].Text
				if strings.ContainsAny(lastRuneStr(w), ",.:;”\"»") {
					authorBeforeQuote(ref, toks, rules, i)
					for k := i; k <= j; k++ {
						// a date inside a quoted title is part of it
						if rules[k].force == "" || rules[k].force == "date" {
							rules[k].force = "title"
						}
					}
					if j+1 < len(toks) && rules[j+1].force == "" {
						rules[j+1].forbid = "title"
					}
					siteAfterQuote(toks, rules, j)
				}
				i = j
				break
			}
		}
	}
	inEditors(toks, rules)
	byEditors(toks, rules)
	return rules
}

// byEditors reads a role marker that precedes its names: "Edited by A.
// Name and B. Name.", "ed. A. Name,", "Translated by A. Name.". The names
// run to the word that ends the sentence or a comma before something that
// is not a name (pages, a place), and the stretch from the marker on is
// the editor (translator). A bare "ed." counts only after the first
// sentence: in "Name, Given, ed. Title" it closes the leading names.
func byEditors(toks []token, rules []rule) {
	sentence := false
	for i := 0; i+1 < len(toks); i++ {
		w := strings.TrimLeft(toks[i].Text, "(")
		lw := strings.ToLower(w)
		if rules[i].force != "" {
			sentence = sentence || sentenceEndWord(toks[i].Text)
			continue
		}
		lab, first := "", i+1
		switch {
		case (lw == "edited" || lw == "ed." || lw == "eds.") && strings.EqualFold(toks[i+1].Text, "by"):
			lab, first = "editor", i+2
		case lw == "translated" && strings.EqualFold(toks[i+1].Text, "by"):
			lab, first = "translator", i+2
		case (lw == "ed." || lw == "eds.") && sentence && (i == 0 || strings.ContainsAny(lastRuneStr(closingTrim(toks[i-1].Text)), ".,;:") || strings.HasPrefix(toks[i].Text, "(")):
			lab = "editor"
		}
		sentence = sentence || sentenceEndWord(toks[i].Text)
		if lab == "" {
			continue
		}
		end, names := -1, 0
		for j := first; j < len(toks) && j < first+25; j++ {
			t := toks[j].Text
			c := core(t)
			lc := strings.ToLower(c)
			if rules[j].force != "" {
				break
			}
			if t == "&" || lc == "and" || lc == "und" || particles[lc] {
				continue
			}
			if c == "" || !unicode.IsUpper(firstRune(c)) || strings.ContainsAny(t, "\"“”«»") {
				break
			}
			names++
			if strings.HasSuffix(t, ":") {
				break // "ed. New York: Holt": an edition, then the imprint
			}
			if strings.HasSuffix(t, ";") || sentenceEndWord(t) {
				end = j
				break
			}
			if strings.HasSuffix(t, ",") && j+1 < len(toks) {
				nc := core(toks[j+1].Text)
				if nc == "" || !unicode.IsUpper(firstRune(nc)) && !strings.EqualFold(nc, "and") {
					end = j
					break
				}
			}
		}
		if end < 0 || names == 0 {
			continue
		}
		for k := i; k <= end; k++ {
			rules[k].force = lab
		}
		// the names are the whole field: the model must not extend it
		// over the neighbouring title or imprint
		if i > 0 && rules[i-1].force == "" {
			rules[i-1].forbid = lab
		}
		if end+1 < len(toks) && rules[end+1].force == "" {
			rules[end+1].forbid = lab
		}
		i = end
		sentence = true
	}
}

// sentenceEndWord reports whether w ends a sentence: a final period (or
// one inside closing quotes/brackets) that is not an initial's.
func sentenceEndWord(w string) bool {
	w = closingTrim(w)
	return strings.HasSuffix(w, ".") && !isInitial(w)
}

// edMarkers are the role words that close an editor list ("(Eds.)",
// "editors,", "(Hrsg.):").
var edMarkers = map[string]bool{"ed": true, "eds": true, "editor": true, "editors": true, "hrsg": true, "hg": true, "hgg": true, "dir": true, "coord": true, "comp": true, "comps": true}

// inEditors reads the chapter pattern "In A. Name and B. Name (Eds.),
// Book": a clause-opening "In" followed only by name words up to an
// editor marker makes the whole stretch, "In" to marker, the editor (the
// data's convention); the model then reads the book after it as the
// container. A word ending a sentence before the marker, or any word
// that is not part of a name, cancels it ("In Proceedings of …").
func inEditors(toks []token, rules []rule) {
	for i := 0; i+2 < len(toks); i++ {
		w := toks[i].Text
		if c := strings.ToLower(core(w)); c != "in" || rules[i].force != "" || w != core(w) && w != core(w)+":" {
			continue
		}
		if i > 0 && !strings.ContainsAny(lastRuneStr(closingTrim(toks[i-1].Text)), ".,;:") {
			continue
		}
		names, end := 0, -1
		for j := i + 1; j < len(toks) && j <= i+30; j++ {
			t := toks[j].Text
			if rules[j].force != "" {
				break
			}
			c := core(t)
			lc := strings.ToLower(c)
			if edMarkers[lc] && names > 0 && strings.ContainsAny(t, ".,:)") {
				if prev := toks[j-1].Text; strings.HasPrefix(t, "(") || strings.ContainsAny(lastRuneStr(prev), ",") {
					end = j
				}
				break
			}
			if c == "" && t != "&" || strings.ContainsAny(t, "\"“”«»") {
				break
			}
			if t == "&" || lc == "and" || lc == "und" || lc == "et" || lc == "al" || particles[lc] {
				continue
			}
			r := firstRune(c)
			if !unicode.IsUpper(r) || unicode.IsDigit(r) {
				break
			}
			if strings.HasSuffix(t, ".") && !isInitial(t) {
				break
			}
			names++
		}
		if end < 0 || names > 12 {
			continue
		}
		for k := i; k <= end; k++ {
			rules[k].force = "editor"
		}
		i = end
	}
}

// closingTrim drops closing quotes and brackets from the end of w.
func closingTrim(w string) string { return strings.TrimRight(w, "”\"’)]") }

func lastRuneStr(s string) string { return string(lastRune(s)) }

// segment is a run of tokens with one label.
type segment struct {
	Label      string
	Start, End int // byte offsets
}

func segments(ref string, toks []token, labels []string) []segment {
	var out []segment
	for i, t := range toks {
		if i > 0 && labels[i] == labels[i-1] {
			out[len(out)-1].End = t.End
			continue
		}
		out = append(out, segment{labels[i], t.Start, t.End})
	}
	return out
}

// assemble builds the CSL item from labelled segments; the first segment
// of a label fills its field.
func assemble(ref string, toks []token, labels []string) schema.CSLItem {
	var it schema.CSLItem
	first := map[string]string{}
	var genre []string
	hasJournal := false
	// "journal" and "container-title" both fill the container: the tagger
	// sometimes splits one abbreviated journal name between them
	// ("Phys. Rev." container, "Lett." journal), so they form one segment
	for _, l := range labels {
		if l == "journal" {
			hasJournal = true
			break
		}
	}
	merged := make([]string, len(labels))
	for i, l := range labels {
		if l == "journal" {
			l = "container-title"
		}
		merged[i] = l
	}
	segs := segments(ref, toks, merged)
	absorbed := -1
	for i, s := range segs {
		if i == absorbed {
			continue
		}
		text := ref[s.Start:s.End]
		// "Series No. 12" / "CSMS # 68180454": a document number printed
		// right after its series belongs to the series' name
		if (s.Label == "container-title" || s.Label == "journal" || s.Label == "collection-title") && i+1 < len(segs) && reNumberSign.MatchString(text) && reBareNumber.MatchString(ref[segs[i+1].Start:segs[i+1].End]) {
			text = ref[s.Start:segs[i+1].End]
			absorbed = i + 1
		}
		if _, ok := first[s.Label]; !ok {
			first[s.Label] = text
		}
		if s.Label == "genre" {
			genre = append(genre, text)
		}
	}
	if v, ok := first["author"]; ok {
		it.Author = ParseNames(v)
	}
	if v, ok := first["editor"]; ok {
		it.Editor = ParseNames(v)
	}
	it.Title = cleanTitle(first["title"])
	it.ContainerTitle = cleanContainer(first["container-title"])
	it.CollectionTitle = cleanField(first["collection-title"])
	it.Publisher = cleanField(first["publisher"])
	it.PublisherPlace = cleanField(first["location"])
	if v, ok := first["date"]; ok {
		it.Issued = ParseDate(v)
	}
	if v, ok := first[labAccessed]; ok {
		loc := reAccessed.FindStringIndex(v)
		if loc != nil {
			v = v[loc[1]:]
		}
		it.Accessed = ParseDate(v)
	}
	if v, ok := first["url"]; ok {
		v = strings.TrimSpace(v)
		if loc := reURL.FindStringIndex(v); loc != nil {
			v = v[loc[0]:]
		} else if m := reBareURL.FindStringSubmatchIndex(v); m != nil {
			v = v[m[2]:]
		} else {
			v = ""
		}
		it.URL = strings.TrimRight(v, ".,;)]>")
	}
	if v, ok := first["doi"]; ok {
		if m := reDOI.FindStringSubmatch(v); m != nil {
			it.DOI = trimUnbalanced(m[1])
		}
	}
	it.Volume, it.Issue = splitVolume(first["volume"])
	it.Page = cleanPages(first["pages"])
	it.Edition = cleanField(first["edition"])
	it.ISBN = cleanField(strings.TrimPrefix(strings.TrimSpace(first["isbn"]), "ISBN"))
	if len(genre) > 0 {
		it.Genre = cleanField(genre[0])
	}
	it.Type = inferType(ref, &it, hasJournal)
	return it
}

var (
	reNumberSign = regexp.MustCompile(`(?:#|\b(?i:no)\.)$`)
	reBareNumber = regexp.MustCompile(`^[A-Z]{0,3}-?\d[\d-]*[.,;]?$`)
)

// trimSet is what surrounds a field value in a reference and is not part
// of it.
const trimSet = " \t,.;:()[]{}<>"

func cleanField(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, " ,;:")
	s = strings.TrimLeft(s, " ,;:.")
	s = trimBrackets(s)
	// a trailing period ends the field unless it closes an abbreviation
	if strings.HasSuffix(s, ".") && !endsWithAbbrev(s) {
		s = strings.TrimRight(s, ".")
	}
	return strings.TrimSpace(s)
}

// trimBrackets drops unbalanced outer brackets: "(Vol. 3" → "Vol. 3".
func trimBrackets(s string) string {
	for {
		t := s
		if strings.HasPrefix(t, "(") && strings.Count(t, "(") > strings.Count(t, ")") {
			t = t[1:]
		}
		if strings.HasSuffix(t, ")") && strings.Count(t, ")") > strings.Count(t, "(") {
			t = t[:len(t)-1]
		}
		if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && strings.Count(t, "(") == 1 {
			t = t[1 : len(t)-1]
		}
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") && strings.Count(t, "[") == 1 {
			t = t[1 : len(t)-1]
		}
		t = strings.Trim(t, " ,;:")
		if t == s {
			return s
		}
		s = t
	}
}

var reAbbrevEnd = regexp.MustCompile(`(?:\b\p{Lu}|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|al|eds?|Dept|Univ|No|Vol|pp))\.$`)

func endsWithAbbrev(s string) bool { return reAbbrevEnd.MatchString(s) }

var quotePairs = [][2]string{{"“", "”"}, {"\"", "\""}, {"‘", "’"}, {"«", "»"}, {"„", "“"}, {"'", "'"}}

// cleanTitle strips the punctuation and quotation marks around a title.
func cleanTitle(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, " ,;:")
	for i := 0; i < 3; i++ {
		before := s
		s = strings.TrimRight(s, " ,;:")
		for _, q := range quotePairs {
			if strings.HasPrefix(s, q[0]) {
				inner := strings.TrimPrefix(s, q[0])
				if j := strings.LastIndex(inner, q[1]); j >= 0 && strings.Trim(inner[j+len(q[1]):], trimSet) == "" {
					s = strings.TrimSpace(inner[:j])
				} else if strings.Count(s, q[0]) == 1 && (q[0] != q[1] || strings.Count(s, q[0]) == 1) {
					s = strings.TrimSpace(inner)
				}
			}
		}
		s = strings.TrimRight(s, " ,;:")
		if strings.HasSuffix(s, ".") && !endsWithAbbrev(s) {
			s = strings.TrimSuffix(s, ".")
		}
		if s == before {
			break
		}
	}
	return trimBrackets(s)
}

var reIn = regexp.MustCompile(`^(?i:in)\s*:?\s+`)

func cleanContainer(s string) string {
	s = strings.TrimSpace(s)
	s = reIn.ReplaceAllString(s, "")
	return cleanTitle(s)
}

var reVolIssue = regexp.MustCompile(`^(\d+)\s*\((\d+(?:[-–/]\d+)?)\)$`)

// splitVolume keeps the volume as the reference prints it (AnyStyle's
// convention, which the evaluation compares against) but also fills the
// issue when the reference gives "12(3)".
func splitVolume(s string) (vol, issue string) {
	vol = cleanField(s)
	if m := reVolIssue.FindStringSubmatch(vol); m != nil {
		return vol, m[2]
	}
	return vol, ""
}

var rePagePrefix = regexp.MustCompile(`^(?i:pp?\.?|pages?|s\.)\s*`)

func cleanPages(s string) string {
	s = cleanField(s)
	s = rePagePrefix.ReplaceAllString(s, "")
	s = strings.NewReplacer("–", "-", "—", "-", "--", "-").Replace(s)
	return strings.TrimSpace(s)
}

var (
	reLegislation = regexp.MustCompile(`(?i)\b(?:U\.?S\.?C\.?|P\.?L\.?\s*\d|Pub\.\s*L\.|Stat\.|C\.F\.R\.|Act\s+of\s+\d{4})|§`)
	reReport      = regexp.MustCompile(`(?i)\b(?:report|working paper|white paper|technical|tech\.|brief|fact sheet|discussion paper|policy paper)\b`)
)

// inferType picks the CSL type from the fields found and a few markers.
func inferType(ref string, it *schema.CSLItem, hasJournal bool) string {
	switch {
	case it.ContainerTitle == "" && len(it.Author) == 0 && mayLegislation(ref) && reLegislation.MatchString(ref):
		return "legislation"
	case it.ContainerTitle != "" && isNewspaper(it.ContainerTitle):
		return "article-newspaper"
	case hasJournal || (it.ContainerTitle != "" && (it.Volume != "" || it.Issue != "") && it.Publisher == ""):
		return "article-journal"
	case it.ContainerTitle != "" && (len(it.Editor) > 0 || it.Publisher != ""):
		return "chapter"
	case reReport.MatchString(it.Genre) || reReport.MatchString(it.ContainerTitle) || reReport.MatchString(it.CollectionTitle) || reReport.MatchString(it.Title) && it.Publisher == "":
		return "report"
	case it.Genre != "" && strings.Contains(strings.ToLower(it.Genre), "thesis"), strings.Contains(strings.ToLower(it.Genre), "dissertation"):
		return "thesis"
	case it.URL != "" && it.Publisher == "":
		return "webpage"
	case it.Publisher != "" || it.PublisherPlace != "":
		return "book"
	case it.ContainerTitle != "":
		return "article"
	}
	return "document"
}

func isNewspaper(ct string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(ct), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if lex.newspaper[w] && w != "journal" && w != "review" {
			return true
		}
	}
	return false
}

// authorBeforeQuote labels the stretch before a reference's first quoted
// title as its author when that stretch is a short name or an institution
// without a year ("Freedonia. Ministry of X (MX). “Title.”"): in note
// styles the author is all that comes before the quoted title.
func authorBeforeQuote(ref string, toks []token, rules []rule, q int) {
	if q == 0 || q > 25 {
		return
	}
	for k := 0; k < q; k++ {
		if rules[k].force != "" || opensQuote(toks[k].Text) {
			return
		}
	}
	before := strings.Trim(ref[:toks[q].Start], " ,.;:")
	if before == "" {
		return
	}
	if reYear4.MatchString(before) {
		chainBeforeQuote(ref, toks, rules, q)
		return
	}
	if !isInstitution(before) && q > 6 {
		return
	}
	for k := 0; k < q; k++ {
		rules[k].force = "author"
	}
}

// reLocator opens a part locator inside a work: "Chapter 2, Clause 5:".
var reLocator = regexp.MustCompile(`^(?i:chapter|chap\.|part|section|sec\.|clause|article|art\.|annex|appendix|vol\.|volume)\s`)

// chainBeforeQuote handles "Body. Sub-body (ACR). Work Title 2014.
// Chapter 2: “Section Title.”": the leading institutional chain is the
// author, the unquoted sentence after it the container (the work the
// quoted part belongs to), and a part locator before the quote is left to
// the note field.
func chainBeforeQuote(ref string, toks []token, rules []rule, q int) {
	// sentence ends among the tokens before the quote
	var ends []int
	for k := 0; k < q; k++ {
		w := toks[k].Text
		if strings.HasSuffix(w, ".") && !isInitial(w) && !endsWithAbbrev(w) {
			ends = append(ends, k)
		}
	}
	if len(ends) < 2 {
		return
	}
	// the author chain: sentences while they read as an institution chain
	a := -1
	for _, e := range ends[:len(ends)-1] {
		chain := strings.TrimRight(ref[:toks[e].End], ".")
		if reYear4.MatchString(chain) || e > 15 {
			break
		}
		if isInstitution(chain) {
			a = e
		}
	}
	if a < 0 {
		return
	}
	// the container: the next sentence; a locator may follow it
	c := -1
	for _, e := range ends {
		if e > a {
			c = e
			break
		}
	}
	if c < 0 {
		return
	}
	rest := strings.TrimSpace(ref[toks[c].End:toks[q].Start])
	if rest != "" && !reLocator.MatchString(rest) {
		return
	}
	for k := 0; k <= a; k++ {
		rules[k].force = "author"
	}
	for k := a + 1; k <= c; k++ {
		rules[k].force = "container-title"
	}
	for k := c + 1; k < q; k++ {
		rules[k].force = "note"
	}
}

// siteAfterQuote reads Chicago's web-article note, `Author, "Title,"
// Site, Date, URL`: one comma segment between a quoted title closed by a
// comma and a date or URL is the container (site, newspaper, series with
// its number), unless it names a genre ("press release").
func siteAfterQuote(toks []token, rules []rule, j int) {
	w := strings.TrimRight(toks[j].Text, "”\"’»")
	if !strings.HasSuffix(w, ",") {
		return
	}
	k := j + 1
	for k < len(toks) && k-j <= 6 && rules[k].force == "" && !strings.HasSuffix(toks[k].Text, ",") {
		k++
	}
	if k >= len(toks)-1 || k-j > 6 || rules[k].force != "" || !strings.HasSuffix(toks[k].Text, ",") {
		return
	}
	if f := rules[k+1].force; f != "date" && f != "url" {
		return
	}
	var seg []string
	for m := j + 1; m <= k; m++ {
		seg = append(seg, core(toks[m].Text))
	}
	if lex.genre[strings.ToLower(strings.Join(seg, " "))] {
		return
	}
	for m := j + 1; m <= k; m++ {
		rules[m].force = "container-title"
	}
}

// trimUnbalanced drops trailing punctuation from an identifier, keeping a
// closing bracket the identifier opened ("10.1130/2010.2465(22)").
func trimUnbalanced(v string) string {
	for v != "" {
		switch c := v[len(v)-1]; {
		case c == '.' || c == ',' || c == ';' || c == '>':
		case c == ')' && strings.Count(v, "(") < strings.Count(v, ")"):
		case c == ']' && strings.Count(v, "[") < strings.Count(v, "]"):
		default:
			return v
		}
		v = v[:len(v)-1]
	}
	return v
}

// closesKind reports whether word w can close the quotation opened by
// the word open: a single quote closes only a single quote, so the inner
// ‘Reset’ of “U.S.-Russia Relations: ‘Reset’ Fact Sheet.” does not end
// the outer title.
func closesKind(open, w string) bool {
	w = strings.TrimRight(w, ".,;:)]")
	switch {
	case strings.HasPrefix(open, "‘"):
		return strings.HasSuffix(w, "’")
	case strings.HasPrefix(open, "«"):
		return strings.HasSuffix(w, "»")
	}
	return !strings.HasSuffix(w, "’") || strings.HasSuffix(w, "”’") || strings.HasSuffix(w, "’”")
}

// reDOIIn finds DOIs, skipping the regexp when s has no "10." at all.
func reDOIIn(s string) [][]int {
	if !strings.Contains(s, "10.") {
		return nil
	}
	return reDOI.FindAllStringSubmatchIndex(s, -1)
}
