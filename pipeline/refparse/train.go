package refparse

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"sort"
)

// Labels are the tags the model predicts: AnyStyle's field labels, with the
// rare ones (director, producer, medium, source) folded into "note".
var Labels = []string{
	"author", "citation-number", "collection-title", "container-title", "date",
	"doi", "edition", "editor", "genre", "isbn", "journal", "location", "note",
	"pages", "publisher", "title", "translator", "url", "volume",
}

var labelFold = map[string]string{"director": "note", "producer": "note", "medium": "note", "source": "note"}

// Example is one labelled reference: its text and one label per token.
type Example struct {
	ID     string
	Text   string
	Tokens []token
	Tags   []int
}

// labelled is a line of the AnyStyle JSONL data (../shared/eval/refs).
type labelled struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Spans []struct {
		Label      string `json:"label"`
		Start, End int    // code-point offsets into Text
	} `json:"spans"`
}

// ReadExamples reads labelled references (one JSON object a line, with
// "text" and "spans" in code points) and labels each token by the span that
// covers it.
func ReadExamples(r io.Reader) ([]Example, error) {
	idx := map[string]int{}
	for i, l := range Labels {
		idx[l] = i
	}
	var out []Example
	err := eachJSONLine(r, func(line int, data []byte) error {
		var rec labelled
		if err := json.Unmarshal(data, &rec); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		runes := []rune(rec.Text)
		// byte offset of each code point
		bo := make([]int, len(runes)+1)
		b := 0
		for i, r := range runes {
			bo[i] = b
			b += len(string(r))
		}
		bo[len(runes)] = b
		lab := make([]int, len(rec.Text)+1)
		for i := range lab {
			lab[i] = idx["note"]
		}
		for _, s := range rec.Spans {
			name := s.Label
			if f, ok := labelFold[name]; ok {
				name = f
			}
			li, ok := idx[name]
			if !ok || s.Start < 0 || s.End > len(runes) || s.Start > s.End {
				return fmt.Errorf("line %d: bad span %q %d-%d", line, s.Label, s.Start, s.End)
			}
			for k := bo[s.Start]; k < bo[s.End]; k++ {
				lab[k] = li
			}
		}
		toks := tokenize(rec.Text)
		ex := Example{ID: rec.ID, Text: rec.Text, Tokens: toks, Tags: make([]int, len(toks))}
		for i, t := range toks {
			ex.Tags[i] = lab[t.Start]
		}
		out = append(out, ex)
		return nil
	})
	return out, err
}

// Train fits a model by the averaged structured perceptron, shuffling the
// examples each epoch with a fixed seed so training is reproducible.
func Train(exs []Example, epochs int, seed int64) *Model {
	L := len(Labels)
	fid := map[uint64]int{}
	feats := make([][][]int, len(exs))
	edges := make([][]int, len(exs))
	for e, ex := range exs {
		edges[e] = edgeClasses(ex.Tokens)
		fs := tokenFeatures(ex.Tokens, edges[e])
		feats[e] = make([][]int, len(fs))
		for i, tf := range fs {
			ids := make([]int, len(tf))
			for k, f := range tf {
				id, ok := fid[f]
				if !ok {
					id = len(fid)
					fid[f] = id
				}
				ids[k] = id
			}
			feats[e][i] = ids
		}
	}
	F := len(fid)
	w := make([]float32, F*L)
	acc := make([]float64, F*L) // sum of updates weighted by time, for averaging
	tw := make([]float32, (L+1)*L)
	tacc := make([]float64, (L+1)*L)
	trans := make([][]float32, L+1)
	NE := numEdge * (L + 1)
	ew := make([]float32, NE*L)
	eacc := make([]float64, NE*L)
	edge := make([][]float32, NE)
	for a := range edge {
		edge[a] = ew[a*L : (a+1)*L]
	}
	c := 1.0
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewSource(seed))
	emit := []float32{}
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, e := range order {
			fs, gold := feats[e], exs[e].Tags
			n := len(fs)
			if n == 0 {
				continue
			}
			if cap(emit) < n*L {
				emit = make([]float32, n*L)
			}
			emit = emit[:n*L]
			for i := range emit {
				emit[i] = 0
			}
			for i, ids := range fs {
				row := emit[i*L : (i+1)*L]
				for _, id := range ids {
					ws := w[id*L : (id+1)*L]
					for l := range row {
						row[l] += ws[l]
					}
				}
			}
			for a := 0; a <= L; a++ {
				trans[a] = tw[a*L : (a+1)*L]
			}
			cls := edges[e]
			pred := viterbi(emit, trans, edge, cls, n, L)
			prevG, prevP := L, L
			for i := 0; i < n; i++ {
				g, p := gold[i], pred[i]
				if g != p {
					for _, id := range fs[i] {
						w[id*L+g]++
						acc[id*L+g] += c
						w[id*L+p]--
						acc[id*L+p] -= c
					}
				}
				if g != p || prevG != prevP {
					tw[prevG*L+g]++
					tacc[prevG*L+g] += c
					tw[prevP*L+p]--
					tacc[prevP*L+p] -= c
					ge, pe := (cls[i]*(L+1)+prevG)*L+g, (cls[i]*(L+1)+prevP)*L+p
					ew[ge]++
					eacc[ge] += c
					ew[pe]--
					eacc[pe] -= c
				}
				prevG, prevP = g, p
			}
			c++
		}
	}
	m := &Model{Labels: append([]string(nil), Labels...), W: make(map[uint64]int32, F), Trans: make([][]float32, L+1)}
	// features in hash order so the weight table is laid out reproducibly
	keys := make([]uint64, 0, F)
	for f := range fid {
		keys = append(keys, f)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, f := range keys {
		id := fid[f]
		ws := make([]float32, L)
		nz := false
		for l := 0; l < L; l++ {
			v := float64(w[id*L+l]) - acc[id*L+l]/c
			ws[l] = float32(v)
			nz = nz || v != 0
		}
		if nz {
			m.W[f] = int32(len(m.Weights))
			m.Weights = append(m.Weights, ws...)
		}
	}
	for a := 0; a <= L; a++ {
		m.Trans[a] = make([]float32, L)
		for b := 0; b < L; b++ {
			m.Trans[a][b] = float32(float64(tw[a*L+b]) - tacc[a*L+b]/c)
		}
	}
	m.Edge = make([][]float32, NE)
	for a := 0; a < NE; a++ {
		m.Edge[a] = make([]float32, L)
		for b := 0; b < L; b++ {
			m.Edge[a][b] = float32(float64(ew[a*L+b]) - eacc[a*L+b]/c)
		}
	}
	return m
}

func sortedKeys(m map[uint64]int32) []uint64 {
	ks := make([]uint64, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	return ks
}
