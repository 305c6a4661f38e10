package refparse

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/gob"
	"fmt"
	"io"
	"math"
	"sync"
)

// Model is a first-order averaged-perceptron sequence tagger: a weight per
// (feature, label) and per (label, next label), decoded with Viterbi. It is
// the structured perceptron of Collins (2002), which on reference parsing
// reaches CRF accuracy while training in seconds with no dependencies.
type Model struct {
	Labels []string
	// W maps a feature hash (see features.go) to the offset of its
	// len(Labels) weights in Weights.
	W       map[uint64]int32
	Weights []float32
	// Trans[a][b] scores label b following label a; row len(Labels) is the
	// start state.
	Trans [][]float32
	// Edge[c*(len(Labels)+1)+a][b] adds to Trans[a][b] where the boundary
	// between the two tokens is of class c (see edgeClasses): fields change
	// at punctuation, so a transition's score depends on what separates
	// the words. Empty in models without edge features.
	Edge [][]float32
}

// weights returns feature f's weight per label, or nil.
func (m *Model) weights(f uint64) []float32 {
	o, ok := m.W[f]
	if !ok {
		return nil
	}
	L := len(m.Labels)
	return m.Weights[o : int(o)+L : int(o)+L]
}

//go:embed model.bin.gz
var modelData []byte

var (
	defaultModel     *Model
	defaultModelErr  error
	defaultModelOnce sync.Once
)

// DefaultModel returns the embedded model (built by `make model`).
func DefaultModel() (*Model, error) {
	defaultModelOnce.Do(func() {
		defaultModel, defaultModelErr = ReadModel(bytes.NewReader(modelData))
		if defaultModelErr != nil {
			defaultModelErr = fmt.Errorf("refparse: embedded model.bin.gz: %w", defaultModelErr)
		}
	})
	return defaultModel, defaultModelErr
}

// stored is the model's on-disk form: sparse weights quantised to int16.
type stored struct {
	Labels []string
	Scale  float32
	Feats  []uint64
	Off    []int32 // Off[i]..Off[i+1] index Lab/Val for Feats[i]
	Lab    []uint8
	Val    []int16
	Trans  [][]float32
	Edge   [][]float32
}

// Write saves the model gzip-compressed; weights below prune (relative to
// the largest) are dropped to keep the embedded file small.
func (m *Model) Write(w io.Writer, prune float64) error {
	maxAbs := 0.0
	for _, o := range m.W {
		for _, v := range m.Weights[o : int(o)+len(m.Labels)] {
			maxAbs = math.Max(maxAbs, math.Abs(float64(v)))
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	s := stored{Labels: m.Labels, Scale: float32(maxAbs / 32767), Trans: m.Trans, Edge: m.Edge}
	for _, f := range sortedKeys(m.W) {
		ws := m.weights(f)
		start := len(s.Lab)
		for l, v := range ws {
			if math.Abs(float64(v)) < prune*maxAbs {
				continue
			}
			q := math.Round(float64(v) / float64(s.Scale))
			if q == 0 {
				continue
			}
			s.Lab = append(s.Lab, uint8(l))
			s.Val = append(s.Val, int16(q))
		}
		if len(s.Lab) > start {
			s.Feats = append(s.Feats, f)
			s.Off = append(s.Off, int32(start))
		}
	}
	s.Off = append(s.Off, int32(len(s.Lab)))
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := gob.NewEncoder(zw).Encode(&s); err != nil {
		return err
	}
	return zw.Close()
}

// ReadModel loads a model written by Write.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	var s stored
	if err := gob.NewDecoder(zr).Decode(&s); err != nil {
		return nil, err
	}
	L := len(s.Labels)
	if len(s.Off) != len(s.Feats)+1 || len(s.Trans) != L+1 || len(s.Lab) != len(s.Val) || len(s.Edge) != 0 && len(s.Edge) != numEdge*(L+1) {
		return nil, fmt.Errorf("inconsistent model tables")
	}
	m := &Model{Labels: s.Labels, Trans: s.Trans, Edge: s.Edge, W: make(map[uint64]int32, len(s.Feats)), Weights: make([]float32, len(s.Feats)*L)}
	for i, f := range s.Feats {
		ws := m.Weights[i*L : (i+1)*L]
		for k := s.Off[i]; k < s.Off[i+1]; k++ {
			if int(s.Lab[k]) >= L {
				return nil, fmt.Errorf("label index %d out of range", s.Lab[k])
			}
			ws[s.Lab[k]] = float32(s.Val[k]) * s.Scale
		}
		m.W[f] = int32(i * L)
	}
	return m, nil
}

// Tag labels every token of a feature sequence with the best-scoring label
// sequence (Viterbi).
func (m *Model) Tag(feats [][]uint64, edges []int) []int { return m.TagConstrained(feats, edges, nil) }

// Constraint restricts one token's label: Force (>= 0) fixes it, Forbid
// excludes one label (-1: none). Rules use it to impose what they know
// (a URL is a URL) while the model decides the rest consistently.
type Constraint struct{ Force, Forbid int }

// TagConstrained is Tag under per-token constraints (nil: none).
func (m *Model) TagConstrained(feats [][]uint64, edges []int, cons []Constraint) []int {
	n, L := len(feats), len(m.Labels)
	if n == 0 {
		return nil
	}
	emit := make([]float32, n*L)
	for i, fs := range feats {
		row := emit[i*L : (i+1)*L]
		for _, f := range fs {
			if o, ok := m.W[f]; ok {
				ws := m.Weights[o : int(o)+L]
				for l, v := range ws {
					row[l] += v
				}
			}
		}
	}
	const off = -1e9
	for i, c := range cons {
		row := emit[i*L : (i+1)*L]
		if c.Force >= 0 && c.Force < L {
			for l := range row {
				if l != c.Force {
					row[l] += off
				}
			}
		}
		if c.Forbid >= 0 && c.Forbid < L {
			row[c.Forbid] += off
		}
	}
	if len(m.Edge) == 0 {
		edges = nil
	}
	return viterbi(emit, m.Trans, m.Edge, edges, n, L)
}

func viterbi(emit []float32, trans, edge [][]float32, cls []int, n, L int) []int {
	tr := func(i, p int) []float32 { return trans[p] }
	var row []float32
	if edge != nil && len(cls) == n {
		row = make([]float32, L)
		tr = func(i, p int) []float32 {
			e := edge[cls[i]*(L+1)+p]
			for l := range row {
				row[l] = trans[p][l] + e[l]
			}
			return row
		}
	}
	score := make([]float32, n*L)
	back := make([]int32, n*L)
	t0 := tr(0, L)
	for l := 0; l < L; l++ {
		score[l] = emit[l] + t0[l]
	}
	for i := 1; i < n; i++ {
		for l := 0; l < L; l++ {
			score[i*L+l] = float32(math.Inf(-1))
		}
		for p := 0; p < L; p++ {
			t := tr(i, p)
			sp := score[(i-1)*L+p]
			for l := 0; l < L; l++ {
				if s := sp + t[l]; s > score[i*L+l] {
					score[i*L+l] = s
					back[i*L+l] = int32(p)
				}
			}
		}
		for l := 0; l < L; l++ {
			score[i*L+l] += emit[i*L+l]
		}
	}
	out := make([]int, n)
	best := float32(math.Inf(-1))
	for l := 0; l < L; l++ {
		if s := score[(n-1)*L+l]; s > best {
			best, out[n-1] = s, l
		}
	}
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i*L+out[i]])
	}
	return out
}
