package report

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// convertToPDF opens a file in LibreOffice (headless) and saves it as PDF,
// as a person opening the file would. The test is skipped where LibreOffice
// is not installed. A file LibreOffice cannot read produces no PDF.
func convertToPDF(t *testing.T, path string) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed")
	}
	out := t.TempDir()
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(out, "profile"),
		"--convert-to", "pdf", "--outdir", out, path)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	for _, line := range strings.Split(string(msg), "\n") {
		if strings.Contains(strings.ToLower(line), "error") {
			t.Errorf("soffice: %s", line)
		}
	}
	pdf := filepath.Join(out, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))+".pdf")
	st, err := os.Stat(pdf)
	if err != nil || st.Size() < 1000 {
		t.Fatalf("LibreOffice did not convert %s to PDF: %v\n%s", path, err, msg)
	}
	return pdf
}

// pdfText returns the text of a PDF (pdftotext), or skips without it.
func pdfText(t *testing.T, pdf string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command(bin, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
