package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter/tw"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/i18n"
)

// FrameworkList writes two lines per framework: id, version and title, then
// its size and languages.
func FrameworkList(w io.Writer, fws []*framework.Framework, lang string) error {
	for _, fw := range fws {
		head := fmt.Sprintf("%-10s %-6s ", fw.ID, fw.Version)
		indent := strings.Repeat(" ", len([]rune(head)))
		fmt.Fprintf(w, "%s%s\n", head, fw.Title.Get(lang))
		fmt.Fprintf(w, "%s%d %s, %d %s, %d %s; %s\n", indent,
			len(fw.Areas), i18n.Plural(len(fw.Areas), "area", "areas"),
			len(fw.Criteria), i18n.Plural(len(fw.Criteria), "criterion", "criteria"),
			len(fw.Indicators), i18n.Plural(len(fw.Indicators), "indicator", "indicators"),
			strings.Join(fw.Languages, ", "))
	}
	return nil
}

// FrameworkTree writes a framework's areas, criteria and indicators as a
// table, with its scales and maturity levels below.
func FrameworkTree(w io.Writer, fw *framework.Framework, lang string, width int) error {
	s := newStyle(Options{Lang: lang, Width: width})
	fmt.Fprintf(w, "%s (%s %s)\n", fw.Title.Get(lang), fw.ID, fw.Version)
	if d := fw.Description.Get(lang); d != "" {
		fmt.Fprintln(w, i18n.Wrap(d, width))
	}
	fmt.Fprintln(w)
	g := grid{header: []string{"ID", fw.LevelName("area", lang) + " / " + fw.LevelName("criterion", lang) + " / " + fw.LevelName("indicator", lang), "Scale", "Origin"},
		aligns: []tw.Align{tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignLeft}, flex: 1}
	for _, a := range fw.Areas {
		g.add(a.ID, strings.ToUpper(a.Title.Get(lang)), "", "")
		for _, c := range a.Criteria {
			title := c.Title.Get(lang)
			var tags []string
			if c.Cycle != "" {
				tags = append(tags, c.Cycle)
			}
			if c.Cluster != nil {
				tags = append(tags, c.Cluster.Get(lang))
			}
			if len(tags) > 0 {
				title += " [" + strings.Join(tags, "; ") + "]"
			}
			g.add(c.ID, title, "", "")
			for _, ind := range c.Indicators {
				g.add(ind.ID, ind.Text.Get(lang), ind.ScaleID, ind.Origin)
			}
		}
	}
	if err := s.render(w, g); err != nil {
		return err
	}
	for _, sc := range fw.Scales {
		label := sc.Label.Get(lang)
		if label != "" {
			label = " — " + label
		}
		fmt.Fprintf(w, "\nScale %s (%s)%s\n", sc.ID, sc.Kind, label)
		switch sc.Kind {
		case framework.Ordinal:
			for _, p := range sc.Points {
				fmt.Fprintf(w, "  %v  %-12s %s\n", p.Value, p.Code, p.Label.Get(lang))
			}
		case framework.Boolean:
			fmt.Fprintln(w, "  yes = 100, no = 0")
		case framework.Numeric:
			fmt.Fprintf(w, "  %v scores 0, %v scores 100 %s\n", sc.Worst, sc.Best, sc.Unit)
		}
		for _, a := range sc.Allow {
			fmt.Fprintf(w, "  %s  %s\n", a, specialLabel(a, lang))
		}
	}
	if len(fw.Maturity) > 0 {
		fmt.Fprintf(w, "\n%s\n", s.t("level"))
		for _, b := range fw.Maturity {
			fmt.Fprintf(w, "  from %3v  %-14s %s\n", b.From, b.ID, b.Label.Get(lang))
		}
	}
	return nil
}

// specialLabel explains na and dk.
func specialLabel(a, lang string) string {
	return ui.Get(lang, "special."+a)
}
