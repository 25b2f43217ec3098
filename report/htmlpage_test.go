package report

import (
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPageTextEscapesAsTemplate checks that page.text escapes texts as
// html/template does in element text, quoted attribute values and the
// title, which the assessment's page was written with before: the same
// bytes for markup, quotes, entities, NUL, control characters and any
// other rune.
func TestPageTextEscapesAsTemplate(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<title>{{.}}</title><p title="{{.}}" class="badge {{.}}">{{.}}</p>`))
	texts := []string{"", "plain", `<script>alert("x")</script>`, "a & b", "it's", `"quoted"`, "1+1", "\x00nul", "\x1b[31mred",
		"\u202eevil", "Weitgehend umgesetzt – ✓", "&amp;", "<!-- x -->", "\ufffd", "\xff\xfe invalid UTF-8", "=SUM(A1)", "]]>"}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("<>&\"'+=\x00\x01\x7f\u0085\u2028 aZ–é\ufdd0\ufffe")
	for range 2000 {
		r := make([]rune, rng.IntN(12))
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		texts = append(texts, string(r))
	}
	for _, s := range texts {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var p page
		p.raw("<title>")
		p.text(s)
		p.raw(`</title><p title="`)
		p.text(s)
		p.raw(`" class="badge `)
		p.text(s)
		p.raw(`">`)
		p.text(s)
		p.raw("</p>")
		if got := p.String(); got != want.String() {
			t.Errorf("%q:\n got %q\nwant %q", s, got, want.String())
		}
	}
}
