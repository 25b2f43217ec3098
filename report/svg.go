package report

import (
	"fmt"
	"html"
	"html/template"
	"io"
	"math"
	"strings"
)

// Charts for the HTML reports, drawn as inline SVG so a page needs no
// script, no network and no image files. Every text is escaped here.

// chartItem is one labelled value; a nil value is drawn as missing.
// Target, when set, is the value a plan aims for (radar charts).
type chartItem struct {
	ID, Label string
	Value     *float64
	Target    *float64
}

func esc(s string) string { return html.EscapeString(s) }

// radarSVG draws area scores on axes from 0 (centre) to 100. When some
// items have a target, the targets are drawn dashed over the scores, with
// a legend naming the two (legend: current, target).
func radarSVG(title string, items []chartItem, decimals func(*float64) string, legend [2]string) template.HTML {
	// Wide enough for labels of about 20 characters on either side.
	const width, height, cx, cy, r = 660.0, 460.0, 330.0, 230.0, 150.0
	n := len(items)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart radar" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="radar-title" xmlns="http://www.w3.org/2000/svg">`, width, height)
	fmt.Fprintf(&b, `<title id="radar-title">%s</title>`, esc(title))
	if n < 3 {
		// A radar needs three axes; fewer areas are shown by the bars.
		b.WriteString(`</svg>`)
		return template.HTML(b.String())
	}
	angle := func(i int) float64 { return -math.Pi/2 + 2*math.Pi*float64(i)/float64(n) }
	point := func(i int, v float64) (float64, float64) {
		return cx + r*v/100*math.Cos(angle(i)), cy + r*v/100*math.Sin(angle(i))
	}
	for _, ring := range []float64{25, 50, 75, 100} {
		var pts []string
		for i := range items {
			x, y := point(i, ring)
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		}
		fmt.Fprintf(&b, `<polygon class="grid" points="%s"/>`, strings.Join(pts, " "))
		x, y := point(0, ring)
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%.1f">%.0f</text>`, x+4, y+4, ring)
	}
	var pts []string
	for i, it := range items {
		x, y := point(i, 100)
		fmt.Fprintf(&b, `<line class="axis" x1="%.0f" y1="%.0f" x2="%.1f" y2="%.1f"/>`, cx, cy, x, y)
		v := 0.0
		if it.Value != nil {
			v = *it.Value
		}
		px, py := point(i, v)
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", px, py))
	}
	fmt.Fprintf(&b, `<polygon class="area" points="%s"/>`, strings.Join(pts, " "))
	radarTargets(&b, items, point, decimals, legend)
	for i, it := range items {
		px, py := point(i, 0)
		if it.Value != nil {
			px, py = point(i, *it.Value)
		}
		fmt.Fprintf(&b, `<circle class="dot" cx="%.1f" cy="%.1f" r="4"><title>%s: %s</title></circle>`, px, py, esc(it.Label), esc(decimals(it.Value)))
		lx, ly := point(i, 118)
		anchor := "middle"
		if c := math.Cos(angle(i)); c > 0.3 {
			anchor = "start"
		} else if c < -0.3 {
			anchor = "end"
		}
		lines := splitLabel(it.ID+" "+it.Label+" ("+decimals(it.Value)+")", 20)
		fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f" text-anchor="%s">`, lx, ly-float64(len(lines)-1)*7, anchor)
		for j, line := range lines {
			dy := "0"
			if j > 0 {
				dy = "1.2em"
			}
			fmt.Fprintf(&b, `<tspan x="%.1f" dy="%s">%s</tspan>`, lx, dy, esc(line))
		}
		b.WriteString(`</text>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// radarTargets draws the items' targets: a dashed polygon when every item
// has one, else dashed lines between neighbours that both have one, and a
// ring at each target; then the legend. Nothing without targets.
func radarTargets(b *strings.Builder, items []chartItem, point func(int, float64) (float64, float64), decimals func(*float64) string, legend [2]string) {
	n, with := len(items), 0
	for _, it := range items {
		if it.Target != nil {
			with++
		}
	}
	if with == 0 {
		return
	}
	at := func(i int) string {
		x, y := point(i, *items[i].Target)
		return fmt.Sprintf("%.1f,%.1f", x, y)
	}
	if with == n {
		pts := make([]string, n)
		for i := range items {
			pts[i] = at(i)
		}
		fmt.Fprintf(b, `<polygon class="target" points="%s"/>`, strings.Join(pts, " "))
	} else {
		for i := range items {
			if j := (i + 1) % n; items[i].Target != nil && items[j].Target != nil {
				fmt.Fprintf(b, `<polyline class="target" points="%s %s"/>`, at(i), at(j))
			}
		}
	}
	for i, it := range items {
		if it.Target == nil {
			continue
		}
		x, y := point(i, *it.Target)
		fmt.Fprintf(b, `<circle class="target-dot" cx="%.1f" cy="%.1f" r="5"><title>%s: %s %s</title></circle>`,
			x, y, esc(it.Label), esc(legend[1]), esc(decimals(it.Target)))
	}
	// The legend, bottom left: a sample of each line and its name.
	const lx, ly = 12.0, 436.0
	fmt.Fprintf(b, `<g class="legend"><line class="area-key" x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f"/><text class="label" x="%.0f" y="%.0f">%s</text>`,
		lx, ly, lx+28, ly, lx+36, ly+4, esc(legend[0]))
	fmt.Fprintf(b, `<line class="target" x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f"/><text class="label" x="%.0f" y="%.0f">%s</text></g>`,
		lx, ly+18, lx+28, ly+18, lx+36, ly+22, esc(legend[1]))
}

// splitLabel breaks a label into lines of about width characters.
func splitLabel(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// barsSVG draws one horizontal bar per item on a 0–100 axis, coloured like
// the spreadsheets' colour scale.
func barsSVG(id, title string, items []chartItem, decimals func(*float64) string) template.HTML {
	var b strings.Builder
	writeBars(&b, id, title, items, decimals)
	return template.HTML(b.String())
}

// writeBars writes barsSVG's chart to w: a comparison's chart of every
// assessment is megabytes of markup, written as it is made.
func writeBars(w io.Writer, id, title string, items []chartItem, decimals func(*float64) string) error {
	const left, width, row, top = 230.0, 400.0, 22.0, 30.0
	h := top + row*float64(len(items)) + 24
	fmt.Fprintf(w, `<svg class="chart bars" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="%s" xmlns="http://www.w3.org/2000/svg">`, left+width+60, h, esc(id))
	fmt.Fprintf(w, `<title id="%s">%s</title>`, esc(id), esc(title))
	for _, tick := range []float64{0, 25, 50, 75, 100} {
		x := left + width*tick/100
		fmt.Fprintf(w, `<line class="grid" x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f"/>`, x, top-6, x, h-20)
		fmt.Fprintf(w, `<text class="tick" x="%.1f" y="%.0f" text-anchor="middle">%.0f</text>`, x, top-10, tick)
	}
	for i, it := range items {
		y := top + row*float64(i)
		label := it.ID
		if it.Label != "" && it.Label != it.ID {
			label = it.ID + " " + it.Label
		}
		fmt.Fprintf(w, `<text class="label" x="%.0f" y="%.1f" text-anchor="end">%s<title>%s</title></text>`,
			left-6, y+row/2+4, esc(shortLabel(label, 32)), esc(label))
		if it.Value == nil {
			fmt.Fprintf(w, `<text class="value" x="%.0f" y="%.1f">–</text>`, left+4, y+row/2+4)
			continue
		}
		bw := width * min(max(*it.Value, 0), 100) / 100
		fmt.Fprintf(w, `<rect x="%.0f" y="%.1f" width="%.1f" height="%.0f" fill="#%s"><title>%s: %s</title></rect>`,
			left, y+3, bw, row-6, scoreColour(*it.Value), esc(label), esc(decimals(it.Value)))
		fmt.Fprintf(w, `<text class="value" x="%.1f" y="%.1f">%s</text>`, left+bw+4, y+row/2+4, esc(decimals(it.Value)))
	}
	_, err := io.WriteString(w, `</svg>`)
	return err
}

// shortLabel cuts a label to n runes with an ellipsis.
func shortLabel(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
