package pdf

// Chronology table geometry (mm).
const (
	chDateW   = 36.0
	chActorsW = 41.0
	chRefW    = 11.0
	chPad     = 1.6
	chSize    = 8.5
	chLH      = 3.9
	chMaxLine = 14 // a row never grows beyond this many lines a cell
)

// drawChronology draws the entries as a table: date as written at its
// precision, the event (type mark, summary, note numbers linking to
// Sources) and who took part. Cells wrap; a row is never split across
// pages, and the header row repeats on each page. withRef adds a column
// naming the document (digest).
func drawChronology(c *canvas, es []entry, noteLinks map[string]int, withRef bool) {
	p := c.pdf
	if len(es) == 0 {
		c.font("I", bodySize)
		c.textLine(c.left, p.GetY(), bodyLH, "No events were extracted from this document.")
		p.SetY(p.GetY() + bodyLH)
		return
	}
	refW := 0.0
	if withRef {
		refW = chRefW
	}
	whatW := c.contentW - chDateW - chActorsW - refW
	xDate := c.left
	xRef := xDate + chDateW
	xWhat := xRef + refW
	xActors := xWhat + whatW
	header := func() {
		y := p.GetY()
		p.SetFillColor(colHeadBG[0], colHeadBG[1], colHeadBG[2])
		p.Rect(c.left, y, c.contentW, 6, "F")
		c.font("B", chSize)
		c.color(colInk)
		c.textLine(xDate+chPad, y, 6, "Date")
		if withRef {
			c.textLine(xRef+chPad, y, 6, "Doc.")
		}
		c.textLine(xWhat+chPad, y, 6, "Event")
		c.textLine(xActors+chPad, y, 6, "Actors and people")
		p.SetY(y + 6)
	}
	header()
	c.onNewPage = header
	const markW = 4.2
	for i := range es {
		e := &es[i]
		date := c.layoutPara(e.display, chDateW-2*chPad, nil, "B", chSize, chLH, chMaxLine)
		summary := e.summary
		what := c.layoutPara(summary, whatW-2*chPad-markW, e.notes, "", chSize, chLH, chMaxLine)
		actors := c.layoutPara(e.actors, chActorsW-2*chPad, nil, "", chSize-0.5, chLH, chMaxLine)
		h := maxf(date.height(), what.height(), actors.height(), chLH) + 2*chPad
		c.ensure(h)
		y := p.GetY()
		if i%2 == 1 {
			p.SetFillColor(colZebra[0], colZebra[1], colZebra[2])
			p.Rect(c.left, y, c.contentW, h, "F")
		}
		p.SetLink(e.link, y, p.PageNo())
		c.color(colInk)
		c.drawPara(date, xDate+chPad, y+chPad, nil)
		if withRef && e.ref != "" {
			c.font("", chSize)
			c.color(colGrey)
			c.textLine(xRef+chPad, y+chPad, chLH, c.z.clean(e.ref))
			c.color(colInk)
		}
		m := c.st.eventMark(e.typ)
		c.shape(m.Shape, m.rgb, xWhat+chPad+1.4, y+chPad+chLH/2, 2.4)
		c.drawPara(what, xWhat+chPad+markW, y+chPad, noteLinks)
		c.color([3]int{66, 66, 66})
		c.drawPara(actors, xActors+chPad, y+chPad, nil)
		c.color(colInk)
		p.SetDrawColor(225, 225, 225)
		p.SetLineWidth(0.15)
		p.Line(c.left, y+h, c.right, y+h)
		p.SetY(y + h)
	}
	c.onNewPage = nil
	// The type legend under the table, for readers who start here.
	var present []*mark
	seen := map[*mark]bool{}
	for _, name := range c.st.typeOrder {
		m := c.st.EventTypes[name]
		for i := range es {
			if c.st.eventMark(es[i].typ) == m && !seen[m] {
				seen[m] = true
				present = append(present, m)
			}
		}
	}
	p.SetY(p.GetY() + 3)
	c.ensure(10)
	c.legend("Event type:", present)
	c.font("", bodySize)
}

func maxf(vs ...float64) float64 {
	m := vs[0]
	for _, v := range vs[1:] {
		if v > m {
			m = v
		}
	}
	return m
}
