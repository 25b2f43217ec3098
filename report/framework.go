package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter/tw"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/i18n"
	"github.com/r3l/r3l/internal/textsafe"
)

// FrameworkList writes two lines per framework: id, version and title, then
// its size and languages. Control characters in the framework's texts are
// escaped (textsafe), here and in FrameworkTree.
func FrameworkList(w io.Writer, fws []*framework.Framework, lang string) error {
	line := textsafe.Line
	for _, fw := range fws {
		head := fmt.Sprintf("%-10s %-6s ", line(fw.ID), line(fw.Version))
		indent := strings.Repeat(" ", len([]rune(head)))
		fmt.Fprintf(w, "%s%s\n", head, line(fw.Title.Get(lang)))
		count := func(n int, noun string) string {
			return fmt.Sprintf("%d %s", n, ui.Get(lang, i18n.Plural(n, noun+".one", noun+".many")))
		}
		fmt.Fprintf(w, "%s%s, %s, %s; %s\n", indent, count(len(fw.Areas), "areas"), count(len(fw.Criteria), "criteria"),
			count(len(fw.Indicators), "indicators"), line(strings.Join(fw.Languages, ", ")))
	}
	return nil
}

// FrameworkTree writes a framework's areas, criteria and indicators as a
// table, with its scales and maturity levels below.
func FrameworkTree(w io.Writer, fw *framework.Framework, lang string, width int) error {
	s := newStyle(Options{Lang: lang, Width: width})
	line := textsafe.Line
	fmt.Fprintln(w, line(fmt.Sprintf("%s (%s %s)", fw.Title.Get(lang), fw.ID, fw.Version)))
	if d := fw.Description.Get(lang); d != "" {
		fmt.Fprintln(w, i18n.Wrap(textsafe.Text(d), width))
	}
	fmt.Fprintln(w)
	g := grid{header: []string{"ID", fw.LevelName("area", lang) + " / " + fw.LevelName("criterion", lang) + " / " + fw.LevelName("indicator", lang), s.t("fw.scale"), s.t("fw.origin")},
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
				g.add(ind.ID, ind.Text.Get(lang), ind.ScaleID, originLabel(ind.Origin, lang))
			}
		}
	}
	if err := s.render(w, g); err != nil {
		return err
	}
	for _, sc := range fw.Scales {
		label := line(sc.Label.Get(lang))
		if label != "" {
			label = " — " + label
		}
		fmt.Fprintf(w, "\n%s %s (%s)%s\n", s.t("fw.scale"), line(sc.ID), s.t("kind."+sc.Kind), label)
		switch sc.Kind {
		case framework.Ordinal:
			for _, p := range sc.Points {
				fmt.Fprintf(w, "  %v  %-12s %s\n", p.Value, line(p.Code), line(p.Label.Get(lang)))
			}
		case framework.Boolean:
			fmt.Fprintf(w, "  %s = 100, %s = 0\n", s.t("yes"), s.t("no"))
		case framework.Numeric:
			fmt.Fprintln(w, "  "+strings.TrimSpace(s.p.Sprintf(s.t("fw.numeric"), sc.Worst, sc.Best)+" "+line(sc.Unit)))
		}
		for _, a := range sc.Allow {
			fmt.Fprintf(w, "  %s  %s\n", a, specialLabel(a, lang))
		}
	}
	if len(fw.Maturity) > 0 {
		fmt.Fprintf(w, "\n%s\n", s.t("level"))
		for _, b := range fw.Maturity {
			fmt.Fprintf(w, "  %s %3v  %-14s %s\n", s.t("fw.from"), b.From, line(b.ID), line(b.Label.Get(lang)))
		}
	}
	return nil
}

// originLabel names who wrote an indicator: the source framework or the
// project.
func originLabel(origin, lang string) string {
	if origin == "" {
		return ""
	}
	return ui.Get(lang, "origin."+origin)
}

// specialLabel explains na and dk.
func specialLabel(a, lang string) string {
	return ui.Get(lang, "special."+a)
}
