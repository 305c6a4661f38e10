package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Timeline geometry (mm).
const (
	tlAxisOff  = 24.0 // axis x from the left margin
	tlLabelOff = 20.0 // label column from the axis
	tlMark     = 2.6  // mark size
	tlGap      = 0.9  // space between labels
	tlSize     = 7.5  // label font size (pt)
	tlLH       = 3.4  // label line height
)

// tlLabel is one placed timeline label.
type tlLabel struct {
	e     *entry
	date  string
	lines []string // lines[0] follows the bold date
	h     float64
}

// drawTimeline draws the entries' marks on a vertical time axis with
// labels in a column beside it, linked by leader lines. Labels are spread
// so they never overlap, and the events are split over as many pages as
// the labels need; long empty stretches become axis breaks.
func drawTimeline(c *canvas, es []entry, withRef bool) {
	p := c.pdf
	var dated []*entry
	types := map[*mark]bool{}
	for i := range es {
		if es[i].dated {
			dated = append(dated, &es[i])
			types[c.st.eventMark(es[i].typ)] = true
		}
	}
	if len(dated) == 0 {
		c.font("I", bodySize)
		c.textLine(c.left, p.GetY(), bodyLH, "No dated events to show.")
		p.SetY(p.GetY() + bodyLH)
		return
	}
	var present []*mark
	for _, name := range c.st.typeOrder {
		if m := c.st.EventTypes[name]; types[m] {
			present = append(present, m)
		}
	}
	maxLines := 2
	if len(dated) > 40 {
		maxLines = 1
	}
	axisX := c.left + tlAxisOff
	labelX := axisX + tlLabelOff
	labelW := c.right - labelX - 1
	labels := make([]tlLabel, len(dated))
	for i, e := range dated {
		labels[i] = layoutTLLabel(c, e, labelW, maxLines, withRef)
	}
	undated := len(es) - len(dated)
	for start := 0; start < len(labels); {
		if start > 0 {
			p.AddPage()
			c.font("B", 11)
			c.textLine(c.left, p.GetY(), 6, "Timeline (continued)")
			p.SetY(p.GetY() + 8)
		}
		c.legend("Event type:", present)
		note := ""
		if undated > 0 && start == 0 {
			note = fmt.Sprintf("%d event%s without a calendar date appear%s only in the chronology. ",
				undated, plural(undated), map[bool]string{true: "s", false: ""}[undated == 1])
		}
		top := p.GetY() + 3
		bottom := c.bottom() - 2
		// Take as many labels as fit.
		end, used := start, 0.0
		for end < len(labels) && used+labels[end].h <= bottom-top {
			used += labels[end].h + tlGap
			end++
		}
		if end == start {
			end = start + 1
		}
		chunk := labels[start:end]
		// The axis covers the ends of ranges too, so no bar is cut short.
		ts := make([]float64, 0, len(chunk)+1)
		for _, l := range chunk {
			ts = append(ts, l.e.t)
			if l.e.tEnd > l.e.t {
				ts = append(ts, l.e.tEnd)
			}
		}
		ax := buildAxis(ts, top+2, bottom-2)
		if len(ax) > 1 {
			note += "Zigzags mark breaks where the axis skips years without events."
		}
		if note != "" {
			c.font("I", 7)
			c.color(colGrey)
			c.textLine(c.left, p.GetY()-1.5, 3, c.z.clean(note))
			c.color(colInk)
		}
		drawAxis(c, ax, axisX)
		bs := make([]box, len(chunk))
		for i, l := range chunk {
			bs[i] = box{Want: ax.Y(l.e.t), H: l.h}
		}
		tops := spread(bs, top, bottom, tlGap)
		// Marks at the same place step sideways so each stays visible.
		prevY, k := math.Inf(-1), 0
		for i, l := range chunk {
			my := ax.Y(l.e.t)
			if math.Abs(my-prevY) < 0.8 {
				k++
			} else {
				k, prevY = 0, my
			}
			mx := axisX + float64(min(k, 4))*(tlMark+0.4)
			m := c.st.eventMark(l.e.typ)
			if l.e.tEnd > l.e.t {
				y2 := ax.Y(l.e.tEnd)
				lc := lighter(m.rgb, 0.55)
				p.SetFillColor(lc[0], lc[1], lc[2])
				p.Rect(axisX-0.8, my, 1.6, math.Max(y2-my, 0.5), "F")
			}
			// Leader: out from the mark, then to the label's middle.
			ly := tops[i] + tlLH/2
			p.SetDrawColor(125, 125, 125)
			p.SetLineWidth(0.22)
			elbow := axisX + 4*(tlMark+0.4) + 2
			p.Line(mx+tlMark/2, my, elbow, my)
			p.Line(elbow, my, labelX-3, ly)
			p.Line(labelX-3, ly, labelX-2.6, ly)
			c.shape(m.Shape, m.rgb, mx, my, tlMark)
			// The label repeats the mark, so the type reads without
			// following the leader.
			c.shape(m.Shape, m.rgb, labelX-1.2, ly, 1.9)
			drawTLLabel(c, l, labelX+1, tops[i])
			p.Link(labelX, tops[i], labelW, l.h, l.e.link)
		}
		start = end
	}
	c.font("", bodySize)
	p.SetY(c.bottom())
}

// layoutTLLabel wraps an entry's label: the date in bold, then the
// summary (with the document reference in a digest).
func layoutTLLabel(c *canvas, e *entry, w float64, maxLines int, withRef bool) tlLabel {
	l := tlLabel{e: e, date: c.z.clean(e.display)}
	c.font("B", tlSize)
	dw := c.width(l.date) + 1.5
	summary := e.summary
	if withRef && e.ref != "" {
		summary = "[" + e.ref + "] " + summary
	}
	c.font("", tlSize)
	words := strings.Fields(c.z.clean(summary))
	// First line: after the date.
	var first []string
	i := 0
	for ; i < len(words); i++ {
		if c.width(strings.Join(append(first, words[i]), " ")) > w-dw {
			break
		}
		first = append(first, words[i])
	}
	l.lines = []string{strings.Join(first, " ")}
	if i < len(words) {
		rest := strings.Join(words[i:], " ")
		if maxLines <= 1 {
			l.lines[0] = c.fit(strings.TrimSpace(l.lines[0]+" "+rest), w-dw)
		} else {
			l.lines = append(l.lines, c.wrap(rest, w, maxLines-1)...)
		}
	}
	l.h = float64(len(l.lines)) * tlLH
	return l
}

func drawTLLabel(c *canvas, l tlLabel, x, y float64) {
	c.font("B", tlSize)
	c.color(colInk)
	c.textLine(x, y, tlLH, l.date)
	dw := c.width(l.date) + 1.5
	c.font("", tlSize)
	c.color([3]int{55, 55, 55})
	for i, s := range l.lines {
		if i == 0 {
			c.textLine(x+dw, y, tlLH, s)
			continue
		}
		c.textLine(x, y+float64(i)*tlLH, tlLH, s)
	}
	c.color(colInk)
}

// drawAxis draws the axis segments, their ticks and the breaks.
func drawAxis(c *canvas, ax axis, x float64) {
	p := c.pdf
	p.SetDrawColor(90, 90, 90)
	c.font("", 7)
	c.color(colGrey)
	lastLabel := math.Inf(-1)
	for i, s := range ax {
		p.SetLineWidth(0.5)
		p.Line(x, s.Y0, x, s.Y1)
		p.SetLineWidth(0.2)
		n := int(math.Round((s.T1 - s.T0) / s.Step))
		for k := 0; k <= n; k++ {
			t := s.T0 + float64(k)*s.Step
			y := s.Y0 + float64(k)/float64(n)*(s.Y1-s.Y0)
			p.Line(x-1.5, y, x, y)
			if y-lastLabel < 3.6 {
				continue
			}
			lab := tickLabel(t, s.Step)
			c.textLine(x-2.5-c.width(lab), y-1.5, 3, lab)
			lastLabel = y
		}
		if i < len(ax)-1 {
			// A zigzag across the gap to the next segment.
			y0, y1 := s.Y1+1.5, ax[i+1].Y0-1.5
			p.SetLineWidth(0.3)
			p.SetDashPattern([]float64{0.6, 0.6}, 0)
			p.Line(x, s.Y1, x, y0)
			p.Line(x, y1, x, ax[i+1].Y0)
			p.SetDashPattern([]float64{}, 0)
			mid := (y0 + y1) / 2
			p.Line(x, y0, x-1.6, mid-1)
			p.Line(x-1.6, mid-1, x+1.6, mid+1)
			p.Line(x+1.6, mid+1, x, y1)
			lastLabel = math.Inf(-1)
		}
	}
	c.color(colInk)
}

var monthAbbr = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// tickLabel names a tick: a year, or a month within a year for steps
// shorter than a year.
func tickLabel(t, step float64) string {
	year := int(math.Floor(t + 1e-6))
	if step >= 1 {
		return strconv.Itoa(year)
	}
	month := int(math.Round((t - float64(year)) * 12))
	if month >= 12 {
		year, month = year+1, 0
	}
	if month == 0 {
		return strconv.Itoa(year)
	}
	return monthAbbr[month]
}
