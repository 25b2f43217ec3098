package report

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/officetest"
)

func htmlOpts(lang string) Options { return Options{Lang: lang, Date: "2026-11-22", Version: "test"} }

func TestGoldenHTML(t *testing.T) {
	r := sample(t, "lake-constance")
	page := render(t, "html", htmlOpts("en"), r)
	golden(t, "lake-constance.html", page, nil)
	for _, want := range []string{
		`<html lang="en">`,
		`<h1>Lake Constance Learning Region (lake-constance) — 2024</h1>`,
		`<div class="big">55.1</div>`,
		`<svg class="chart radar"`, `<title id="radar-title">Quality area — Score</title>`,
		`<svg class="chart bars"`, `aria-labelledby="bars-title"`,
		`<h2>A Partnerships and networks — 75.4</h2>`,
		`<section class="area">`,
		// A group of two is below the default minimum: its size, no score.
		`<td>employer</td><td class="num">2</td><td class="num">–</td>`,
		`Groups of fewer than 3 respondents show no scores`,
		r.Questionnaires[0].SHA256,
		`2026-11-22`,
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("page lacks %q", want)
		}
	}
	de := render(t, "html", htmlOpts("de"), r)
	if !bytes.Contains(de, []byte(`<html lang="de">`)) || !bytes.Contains(de, []byte("Partnerschaften und Netzwerke")) {
		t.Error("German page lacks lang=de or German titles")
	}
}

func TestGoldenComparisonHTML(t *testing.T) {
	c := sampleComparison(t, 2)
	page := renderComparison(t, "html", htmlOpts("en"), c)
	golden(t, "comparison.html", page, nil)
	limerick := allResults(t, c)[3]
	for _, want := range []string{
		// Rank 1 in 2024, its overall score shaded by the colour scale.
		`<td class="num">1</td><td>Limerick Learning City</td><td>2024</td><td>city</td><td class="num" style="background-color: #` +
			scoreColour(*limerick.Score) + `">66.5</td>`,
		`<td>Lake Constance Learning Region</td><td>2022</td><td>2024</td><td class="num">&#43;12.4</td>`,
		`<svg class="chart bars"`,
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("comparison page lacks %q", want)
		}
	}
}

// externalResource finds anything a browser would fetch from the network.
var externalResource = regexp.MustCompile(`(?i)(src\s*=\s*["']?\s*(https?:)?//|<link[^>]+href\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?\s*(https?:)?//|@import)`)

func TestHTMLSelfContained(t *testing.T) {
	r := sample(t, "kaunas")
	pages := [][]byte{render(t, "html", htmlOpts("en"), r)}
	c := assess.Compare(r.Framework, []*assess.Result{r}, assess.CompareOptions{})
	pages = append(pages, renderComparison(t, "html", htmlOpts("en"), c))
	for _, p := range pages {
		if m := externalResource.Find(p); m != nil {
			t.Errorf("page loads an external resource: %s", m)
		}
		if bytes.Contains(p, []byte("<script")) {
			t.Error("page has a script")
		}
	}
	// The check itself finds what it must.
	for _, bad := range []string{`<img src="https://x/y.png">`, `<link rel="stylesheet" href="http://x/s.css">`, `background: url(https://x/i.png)`} {
		if !externalResource.MatchString(bad) {
			t.Errorf("check misses %s", bad)
		}
	}
}

func TestHTMLEscapesQuestionnaireText(t *testing.T) {
	r := sample(t, "limerick")
	r.Region.Name = `<script>alert("name")</script>`
	r.Questionnaires[0].Answers[0].SetNotes(`<script>alert(1)</script> & <b>bold</b>`, r.Questionnaires[0].Answers[0].Comment())
	r.Questionnaires[0].Respondent.Role = `"><img src=x onerror=alert(2)>`
	page := render(t, "html", htmlOpts("en"), r)
	if bytes.Contains(page, []byte("<script")) || bytes.Contains(page, []byte("<img")) || bytes.Contains(page, []byte("<b>bold")) {
		t.Error("questionnaire text reached the page as markup")
	}
	for _, want := range []string{`&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;`, `&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("page lacks the escaped text %s", want)
		}
	}
}

// TestHTMLInChromium renders both pages in headless Chromium, as a
// screenshot and as a PDF, and reads the PDF's text back.
func TestHTMLInChromium(t *testing.T) {
	dir := t.TempDir()
	r := sample(t, "lake-constance")
	c := assess.Compare(r.Framework, []*assess.Result{r, sample(t, "kaunas")}, assess.CompareOptions{})
	pages := map[string][]byte{
		"region.html":     render(t, "html", htmlOpts("en"), r),
		"comparison.html": renderComparison(t, "html", htmlOpts("en"), c),
		"planned.html":    render(t, "html", htmlOpts("en"), samplePlanned(t)),
	}
	for name, page := range pages {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, page, 0o644); err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(path, ".html")
		for _, out := range []string{"--screenshot=" + base + ".png", "--print-to-pdf=" + base + ".pdf"} {
			officetest.Chromium(t, path, out)
		}
		for _, ext := range []string{".png", ".pdf"} {
			if st, err := os.Stat(base + ext); err != nil || st.Size() < 5000 {
				t.Errorf("%s%s: %v", base, ext, err)
			}
		}
		// What the page prints: how many A4 pages, and every heading.
		text := officetest.Text(t, base+".pdf")
		pages := strings.Count(text, "\f")
		want, lo, hi := []string{"Comparison", "Overall", "Statistics", "Peer groups", "About this report",
			"#: rank by overall score"}, 2, 6
		if name == "region.html" {
			// Each area starts a page of its own.
			want, lo, hi = []string{"Lake Constance Learning Region", "64 of 64 applicable indicators", "Scores",
				"A Partnerships and networks — 75.4", "B Participation — 59.7", "C Progress and sustainability — 33.2",
				"D Learning culture — 52.1", "Strengths", "Weaknesses", "Where respondents disagree", "Stakeholder groups",
				"Priorities", "Evidence and comments", "About this report"}, 8, 20
		}
		if name == "planned.html" {
			// The region's page with its change since 2022 and its plan.
			want, lo, hi = []string{"Change since 2022", "Δ 2022", "~ within noise", "Plan", "Targets for 2024",
				"Targets met: 3 of 5", "Actions", "OVERDUE", "Overdue actions: M2, R1",
				"A Partnerships and networks — 75.4", "About this report"}, 9, 22
		}
		if pages < lo || pages > hi {
			t.Errorf("%s prints on %d pages, want %d to %d", name, pages, lo, hi)
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("the printed %s lacks %q", name, w)
			}
		}
	}
}
