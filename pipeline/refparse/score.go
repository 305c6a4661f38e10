package refparse

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/dossier-dev/dossier/schema"
)

// This file mirrors ../shared/eval/score_refs.py so tests and
// cross-validation measure exactly what the evaluation measures.

// goldToCSL maps the data's labels to the CSL fields scored.
var goldToCSL = map[string]string{
	"author": "author", "editor": "editor", "title": "title",
	"container-title": "container-title", "journal": "container-title",
	"booktitle": "container-title", "publisher": "publisher",
	"location": "publisher-place", "date": "issued", "volume": "volume",
	"pages": "page", "url": "URL", "doi": "DOI",
}

// ScoredFields are the CSL fields the evaluation compares.
var ScoredFields = []string{"DOI", "URL", "author", "container-title", "editor", "issued", "page", "publisher", "publisher-place", "title", "volume"}

var nameStop = map[string]bool{"and": true, "et": true, "al": true, "ed": true, "eds": true, "editor": true, "editors": true, "by": true, "in": true, "with": true}

// Gold is one labelled reference in the evaluation's form: canonical value
// per scored field.
type Gold struct {
	ID, Dataset, Text string
	Fields            map[string]string
}

// ReadGold reads the evaluation JSONL, keeping the first label that maps
// to each CSL field in the order the file lists them, as the scorer does.
func ReadGold(r io.Reader) ([]Gold, error) {
	var out []Gold
	err := eachJSONLine(r, func(line int, data []byte) error {
		var rec struct {
			ID, Dataset, Text string
			Fields            json.RawMessage
		}
		if err := json.Unmarshal(data, &rec); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		g := Gold{ID: rec.ID, Dataset: rec.Dataset, Text: strings.Join(strings.Fields(rec.Text), " "), Fields: map[string]string{}}
		dec := json.NewDecoder(bytes.NewReader(rec.Fields))
		if _, err := dec.Token(); err != nil {
			return fmt.Errorf("line %d: fields: %w", line, err)
		}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return fmt.Errorf("line %d: fields: %w", line, err)
			}
			var segs []string
			if err := dec.Decode(&segs); err != nil {
				return fmt.Errorf("line %d: fields: %w", line, err)
			}
			f, ok := goldToCSL[kt.(string)]
			if !ok {
				continue
			}
			if _, seen := g.Fields[f]; seen {
				continue
			}
			var v string
			if f == "author" || f == "editor" {
				v = nameKey(segs)
			} else {
				v = canonText(f, strings.Join(segs, " "))
			}
			g.Fields[f] = v // "" marks a field present but empty after canon
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// Canon returns the canonical forms of an item's scored fields.
func Canon(it schema.CSLItem) map[string]string {
	m := map[string]string{}
	put := func(f, v string) {
		if v != "" {
			m[f] = v
		}
	}
	put("author", nameKey(namesText(it.Author)))
	put("editor", nameKey(namesText(it.Editor)))
	put("title", canonText("title", it.Title))
	put("container-title", canonText("container-title", it.ContainerTitle))
	put("publisher", canonText("publisher", it.Publisher))
	put("publisher-place", canonText("publisher-place", it.PublisherPlace))
	if it.Issued != nil {
		if len(it.Issued.DateParts) > 0 && len(it.Issued.DateParts[0]) > 0 && it.Issued.DateParts[0][0] != 0 {
			put("issued", fmt.Sprint(it.Issued.DateParts[0][0]))
		} else {
			put("issued", yearOf(it.Issued.Raw))
		}
	}
	put("volume", canonText("volume", it.Volume))
	put("page", canonText("page", it.Page))
	put("URL", canonText("URL", it.URL))
	put("DOI", canonText("DOI", it.DOI))
	return m
}

func namesText(ns []schema.CSLName) []string {
	var out []string
	for _, n := range ns {
		out = append(out, strings.Join([]string{n.Literal, n.Family, n.Given, n.Particle}, " "))
	}
	return out
}

var (
	reNonWord  = regexp.MustCompile(`[^\p{L}\p{N}\p{M}_]+`)
	reLetters  = regexp.MustCompile(`[\p{L}\p{M}]+`)
	reDigitRun = regexp.MustCompile(`\p{Nd}+`)
	reYearAny  = regexp.MustCompile(`(1[5-9]\d\d|20\d\d)`)
	reDOIPre   = regexp.MustCompile(`^(https?://(dx\.)?doi\.org/|doi:\s*)`)
)

func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return strings.ToLower(b.String())
}

func normText(s string) string {
	s = strings.TrimSpace(reNonWord.ReplaceAllString(fold(s), " "))
	return strings.TrimPrefix(s, "in ")
}

func nameKey(vals []string) string {
	words := map[string]bool{}
	for _, v := range vals {
		for _, w := range reLetters.FindAllString(fold(v), -1) {
			if len([]rune(w)) > 1 && !nameStop[w] {
				words[w] = true
			}
		}
	}
	ks := make([]string, 0, len(words))
	for w := range words {
		ks = append(ks, w)
	}
	sort.Strings(ks)
	return strings.Join(ks, " ")
}

func yearOf(s string) string { return reYearAny.FindString(s) }

func canonText(f, v string) string {
	switch f {
	case "issued":
		return yearOf(v)
	case "page":
		return strings.Join(reDigitRun.FindAllString(v, -1), "-")
	case "URL":
		return strings.ToLower(strings.TrimRight(strings.TrimSpace(v), ".,;)"))
	case "DOI":
		v = reDOIPre.ReplaceAllString(strings.ToLower(strings.TrimSpace(v)), "")
		return strings.TrimRight(v, ".,;")
	}
	return normText(v)
}

// Counts are true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// P is precision.
func (c Counts) P() float64 {
	if c.TP+c.FP == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// R is recall.
func (c Counts) R() float64 {
	if c.TP+c.FN == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// Scores are per-field and micro-averaged counts.
type Scores struct {
	Field map[string]*Counts
	Micro Counts
	N     int
	// Confusion counts tokens by (gold label, predicted label); filled by
	// CrossValidate so error analysis can start from the biggest cells.
	Confusion map[[2]string]int
}

// addTokens adds one reference's token labels to the confusion counts
// (skipped when normalisation changed the tokenisation).
func (s *Scores) addTokens(gold []int, pred []string) {
	if len(gold) != len(pred) {
		return
	}
	if s.Confusion == nil {
		s.Confusion = map[[2]string]int{}
	}
	for i, g := range gold {
		p := pred[i]
		if p == labAccessed {
			p = "note"
		}
		s.Confusion[[2]string{Labels[g], p}]++
	}
}

// ConfusionString lists the n largest off-diagonal cells of the token
// confusion counts, biggest first, with each gold label's token total.
func (s *Scores) ConfusionString(n int) string {
	type cell struct {
		k [2]string
		v int
	}
	tot := map[string]int{}
	var cells []cell
	for k, v := range s.Confusion {
		tot[k[0]] += v
		if k[0] != k[1] {
			cells = append(cells, cell{k, v})
		}
	}
	sort.Slice(cells, func(i, j int) bool {
		if cells[i].v != cells[j].v {
			return cells[i].v > cells[j].v
		}
		return cells[i].k[0]+cells[i].k[1] < cells[j].k[0]+cells[j].k[1]
	})
	var b strings.Builder
	errs := 0
	for _, c := range cells {
		errs += c.v
	}
	all := 0
	for _, v := range tot {
		all += v
	}
	fmt.Fprintf(&b, "token errors %d of %d (accuracy %.4f)\n", errs, all, 1-float64(errs)/float64(max(all, 1)))
	for i, c := range cells {
		if i == n {
			break
		}
		fmt.Fprintf(&b, "  gold %-16s pred %-16s %5d (%.1f%% of gold)\n", c.k[0], c.k[1], c.v, 100*float64(c.v)/float64(tot[c.k[0]]))
	}
	return b.String()
}

// Add compares one prediction with its gold.
func (s *Scores) Add(g Gold, pred schema.CSLItem) {
	if s.Field == nil {
		s.Field = map[string]*Counts{}
	}
	s.N++
	p := Canon(pred)
	for _, f := range ScoredFields {
		c := s.Field[f]
		if c == nil {
			c = &Counts{}
			s.Field[f] = c
		}
		gv, pv := g.Fields[f], p[f]
		tp := gv != "" && pv != "" && gv == pv
		if tp {
			c.TP++
			s.Micro.TP++
		}
		if pv != "" && !tp {
			c.FP++
			s.Micro.FP++
		}
		if gv != "" && !tp {
			c.FN++
			s.Micro.FN++
		}
	}
}

// String prints the scores in score_refs.py's layout.
func (s *Scores) String() string {
	var b strings.Builder
	for _, f := range ScoredFields {
		c := s.Field[f]
		if c == nil || c.TP+c.FN == 0 {
			continue
		}
		fmt.Fprintf(&b, "field %-16s P=%.3f R=%.3f F1=%.3f\n", f, c.P(), c.R(), c.F1())
	}
	fmt.Fprintf(&b, "references %d: micro P=%.3f R=%.3f F1=%.3f\n", s.N, s.Micro.P(), s.Micro.R(), s.Micro.F1())
	return b.String()
}

// Evaluate parses every gold reference with parse and scores the result.
func Evaluate(gold []Gold, parse func(string) schema.CSLItem) *Scores {
	s := &Scores{}
	for _, g := range gold {
		s.Add(g, parse(g.Text))
	}
	return s
}

// CrossValidate trains on k-1 folds and scores the held-out fold, k times,
// summing the counts. Folds are contiguous blocks after a seeded shuffle.
//
// onPred, when not nil, sees every held-out prediction (for error analysis).
func CrossValidate(exs []Example, gold []Gold, k, epochs int, seed int64, prune float64, onPred func(Gold, schema.CSLItem)) *Scores {
	idx := make([]int, len(exs))
	for i := range idx {
		idx[i] = i
	}
	shuffle(idx, seed)
	total := &Scores{}
	for f := 0; f < k; f++ {
		var train []Example
		var test []int
		for j, i := range idx {
			if j%k == f {
				test = append(test, i)
			} else {
				train = append(train, exs[i])
			}
		}
		m := Train(train, epochs, seed)
		if prune > 0 {
			var buf bytes.Buffer
			if err := m.Write(&buf, prune); err == nil {
				if m2, err := ReadModel(&buf); err == nil {
					m = m2
				}
			}
		}
		p := &Parser{model: m}
		for _, i := range test {
			var pred schema.CSLItem
			if ref := gold[i].Text; ref != "" {
				ref, toks, labels := p.label(ref)
				pred = assemble(ref, toks, labels)
				total.addTokens(exs[i].Tags, labels)
			}
			total.Add(gold[i], pred)
			if onPred != nil {
				onPred(gold[i], pred)
			}
		}
	}
	return total
}

func shuffle(idx []int, seed int64) {
	x := uint64(seed)*6364136223846793005 + 1442695040888963407
	for i := len(idx) - 1; i > 0; i-- {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		j := int(x % uint64(i+1))
		idx[i], idx[j] = idx[j], idx[i]
	}
}

// eachJSONLine calls fn with every non-blank line of a JSON Lines stream
// and its 1-based number, stopping at the first error.
func eachJSONLine(r io.Reader, fn func(line int, data []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		if err := fn(line, sc.Bytes()); err != nil {
			return err
		}
	}
	return sc.Err()
}
