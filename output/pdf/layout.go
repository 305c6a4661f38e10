package pdf

import (
	"math"
	"sort"
)

// This file holds the timeline's geometry as pure functions, apart from
// drawing, so tests can check the promises (labels never overlap, any span
// fits) without reading a PDF.

// box is a label to place: the y it wants its centre at and its height.
type box struct {
	Want, H float64
}

// spread places boxes (given in the order of their wanted centres) in a
// column between top and bottom so that none overlaps the next (at least
// gap apart) and each stays as close to its wanted centre as the others
// allow: overlapping boxes form a cluster centred on the mean of their
// wishes. It returns each box's top. The boxes must fit (their heights
// and gaps sum to at most bottom-top); callers split pages to ensure it.
func spread(bs []box, top, bottom, gap float64) []float64 {
	type cluster struct {
		first, last int
		top, h      float64
		// sum is Σ(want - H/2 - offset within cluster), n members: the
		// cluster top that pleases its members on average is sum/n.
		sum float64
		n   int
	}
	clamp := func(c *cluster) {
		c.top = c.sum / float64(c.n)
		if c.top+c.h > bottom {
			c.top = bottom - c.h
		}
		if c.top < top {
			c.top = top
		}
	}
	var cs []cluster
	for i, b := range bs {
		c := cluster{first: i, last: i, h: b.H, sum: b.Want - b.H/2, n: 1}
		clamp(&c)
		for len(cs) > 0 {
			p := &cs[len(cs)-1]
			if p.top+p.h+gap <= c.top+1e-9 {
				break
			}
			shift := p.h + gap
			m := cluster{first: p.first, last: c.last, h: p.h + gap + c.h,
				sum: p.sum + c.sum - float64(c.n)*shift, n: p.n + c.n}
			clamp(&m)
			cs = cs[:len(cs)-1]
			c = m
		}
		cs = append(cs, c)
	}
	tops := make([]float64, len(bs))
	for _, c := range cs {
		y := c.top
		for i := c.first; i <= c.last; i++ {
			tops[i] = y
			y += bs[i].H + gap
		}
	}
	return tops
}

// segment is a stretch of the time axis drawn to scale: times t0..t1 map
// linearly onto y0..y1. Between segments the axis is broken, so a century
// with events at both ends does not squeeze the busy years.
type segment struct {
	T0, T1, Y0, Y1 float64
	// Step is the tick interval in years.
	Step float64
}

// axis is a broken time axis.
type axis []segment

// Y maps a time onto the axis; times outside every segment clamp to the
// nearest end.
func (a axis) Y(t float64) float64 {
	for _, s := range a {
		if t <= s.T1+1e-9 {
			if t < s.T0 {
				return s.Y0
			}
			if s.T1 == s.T0 {
				return s.Y0
			}
			return s.Y0 + (t-s.T0)/(s.T1-s.T0)*(s.Y1-s.Y0)
		}
	}
	if len(a) == 0 {
		return 0
	}
	return a[len(a)-1].Y1
}

// tickSteps are the intervals (in years) ticks may use: a month, a
// quarter, half a year, then years.
var tickSteps = []float64{1.0 / 12, 0.25, 0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000}

// niceStep picks the smallest tick step giving at most maxTicks ticks.
func niceStep(span float64, maxTicks int) float64 {
	for _, s := range tickSteps {
		if span/s <= float64(maxTicks) {
			return s
		}
	}
	return tickSteps[len(tickSteps)-1]
}

// breakLen is the axis length a break takes, in mm.
const breakLen = 9.0

// maxSegments caps the pieces an axis is broken into.
const maxSegments = 6

// splitGaps cuts sorted times at every gap longer than a fifth of their
// span and than four years; depth more levels cut the pieces again by
// their own spans (a busy decade inside a quiet stretch).
func splitGaps(s []float64, depth int) [][]float64 {
	threshold := math.Max(0.2*(s[len(s)-1]-s[0]), 4)
	var parts [][]float64
	start := 0
	for i := 1; i <= len(s); i++ {
		if i == len(s) || s[i]-s[i-1] > threshold {
			parts = append(parts, s[start:i])
			start = i
		}
	}
	if depth == 0 {
		return parts
	}
	var out [][]float64
	for _, p := range parts {
		out = append(out, splitGaps(p, depth-1)...)
	}
	return out
}

// buildAxis lays times out between top and bottom. Long empty stretches
// (see splitGaps) become breaks; each
// remaining segment gets length by its years and its events, but never
// less than minSeg, so a lone early event still has its own stretch.
func buildAxis(ts []float64, top, bottom float64) axis {
	if len(ts) == 0 {
		return nil
	}
	s := append([]float64(nil), ts...)
	sort.Float64s(s)
	span := s[len(s)-1] - s[0]
	type group struct{ lo, hi float64 }
	var groups []group
	parts := splitGaps(s, 1)
	if len(parts) > maxSegments {
		parts = splitGaps(s, 0)
	}
	for _, p := range parts {
		groups = append(groups, group{p[0], p[len(p)-1]})
	}
	// Ticks are never finer than the whole span calls for, so a lone
	// 1905 among decades is ticked in years, not months.
	minStep := niceStep(span, 24)
	var a axis
	for _, g := range groups {
		step := math.Max(niceStep(g.hi-g.lo, 8), minStep)
		t0 := math.Floor(g.lo/step+1e-9) * step
		t1 := math.Ceil(g.hi/step-1e-9) * step
		if t1 <= t0 {
			t1 = t0 + step
		}
		if n := len(a); n > 0 && t0 < a[n-1].T1 {
			// Rounded out to whole ticks the pieces meet: no break.
			a[n-1].T1 = math.Ceil((t1-a[n-1].T0)/a[n-1].Step-1e-9)*a[n-1].Step + a[n-1].T0
			if a[n-1].T1 < g.hi {
				a[n-1].T1 += a[n-1].Step
			}
			continue
		}
		a = append(a, segment{T0: t0, T1: t1, Step: step})
	}
	avail := bottom - top - breakLen*float64(len(a)-1)
	minSeg := math.Min(14, avail/float64(len(a)))
	// Weight each segment by its share of years and its share of events
	// alike: the scale stays linear inside a segment, but a busy decade
	// gets room for its labels next to a quiet century.
	counts := make([]int, len(a))
	for _, t := range s {
		for i := range a {
			if t <= a[i].T1+1e-9 || i == len(a)-1 {
				counts[i]++
				break
			}
		}
	}
	years := 0.0
	for _, sg := range a {
		years += sg.T1 - sg.T0
	}
	weights := make([]float64, len(a))
	for i, sg := range a {
		weights[i] = 0.5*(sg.T1-sg.T0)/years + 0.5*float64(counts[i])/float64(len(s))
	}
	lengths := allocate(weights, avail, minSeg)
	y := top
	for i := range a {
		a[i].Y0 = y
		a[i].Y1 = y + lengths[i]
		y = a[i].Y1 + breakLen
	}
	return a
}

// allocate shares length in proportion to weights, raising any share
// below min to min and sharing the rest among the others.
func allocate(weights []float64, total, min float64) []float64 {
	n := len(weights)
	out := make([]float64, n)
	fixed := make([]bool, n)
	for {
		rest, sum := total, 0.0
		for i, w := range weights {
			if fixed[i] {
				rest -= out[i]
			} else {
				sum += w
			}
		}
		changed := false
		for i, w := range weights {
			if fixed[i] {
				continue
			}
			out[i] = rest * w / sum
			if out[i] < min {
				out[i], fixed[i], changed = min, true, true
			}
		}
		if !changed {
			return out
		}
	}
}
