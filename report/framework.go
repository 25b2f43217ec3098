package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/olekukonko/tablewriter/tw"

	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/internal/i18n"
	"github.com/r3l/r3l/internal/textsafe"
)

// FrameworkList writes one line per framework in plain columns: id,
// version, size (areas/criteria/indicators), languages, source (bundled,
// or the file, and the framework it extends) and title, last as the
// longest; then a line that explains the size. Control characters in the
// framework's texts are escaped (textsafe), here and in FrameworkTree.
func FrameworkList(w io.Writer, fws []*framework.Framework, lang string) error {
	s := newStyle(Options{Lang: lang})
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(cells ...string) {
		for i, c := range cells {
			cells[i] = textsafe.Line(c)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	row("ID", s.t("version"), s.t("fw.size"), s.t("fw.languages"), s.t("source"), s.t("fw.title"))
	for _, fw := range fws {
		langs := strings.Join(fw.Languages, ",")
		if langs == "" {
			langs = "en"
		}
		size := fmt.Sprintf("%d/%d/%d", len(fw.Areas), len(fw.Criteria), len(fw.Indicators))
		row(fw.ID, fw.Version, size, langs, frameworkSource(fw, s), fw.Title.Get(lang))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, s.t("fw.size.note"))
	return err
}

// frameworkSource says where a framework comes from: "bundled" (in every
// language, as the "bundled:ID" that reports name it by) or its file, and
// the framework it extends.
func frameworkSource(fw *framework.Framework, s style) string {
	src := fw.Path
	if fw.Bundled() {
		src = "bundled"
	}
	if fw.Base != nil {
		src += ", " + fmt.Sprintf(s.t("fw.extends.short"), fw.Base.ID)
	}
	return src
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
	if fw.Base != nil {
		fmt.Fprintln(w, line(fmt.Sprintf(s.t("fw.extends"), fw.Base.ID, fw.Base.Version)))
	}
	fmt.Fprintln(w)
	g := grid{header: []string{"ID", fw.LevelName("area", lang) + " / " + fw.LevelName("criterion", lang) + " / " + fw.LevelName("indicator", lang), s.t("fw.scale"), s.t("fw.origin")},
		aligns: []tw.Align{tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignLeft}, flex: 1}
	for _, a := range fw.Areas {
		g.add(marked(fw, a.ID, a.Change), strings.ToUpper(a.Title.Get(lang)), "", "")
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
			g.add(marked(fw, c.ID, c.Change), title, "", "")
			for _, ind := range c.Indicators {
				g.add(marked(fw, ind.ID, ind.Change), ind.Text.Get(lang), ind.ScaleID, originLabel(ind.Origin, lang))
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
	if len(fw.Dropped) > 0 {
		fmt.Fprintf(w, "\n%s\n", line(fmt.Sprintf(s.t("fw.dropped"), fw.Base.ID, strings.Join(fw.Dropped, ", "))))
	}
	return nil
}

// marked is a node's id with what an extension did to it before it: "+"
// added, "~" changed, " " neither; the bare id in a framework that
// extends none.
func marked(fw *framework.Framework, id string, c framework.Change) string {
	switch {
	case fw.Base == nil:
		return id
	case c == framework.Added:
		return "+ " + id
	case c == framework.Changed:
		return "~ " + id
	}
	return "  " + id
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
