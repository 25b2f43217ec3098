// Package officetest opens generated files as a person would, for tests:
// workbooks in LibreOffice, pages in Chromium, and the PDFs they print read
// back with pdftotext. Without those programs a test is skipped, except
// under CI=true, where it fails: CI installs them, and a run that skipped
// them would pass without having looked.
package officetest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// need finds a program by one of its names, or skips (fails in CI).
func need(t testing.TB, what string, names ...string) string {
	t.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed, and CI=true requires it (.ci/run installs it)", what)
	}
	t.Skipf("%s is not installed", what)
	return ""
}

// PDF opens a file in LibreOffice (headless) and saves it as PDF, as a
// person opening the file would, and returns the PDF's path. A file
// LibreOffice cannot read produces no PDF, and any line of its output that
// mentions an error fails the test.
func PDF(t testing.TB, path string) string {
	t.Helper()
	soffice := need(t, "soffice (LibreOffice)", "soffice")
	out := t.TempDir()
	// A profile of its own, so that a LibreOffice already running does
	// not take the job.
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

// Text returns the text of a PDF, laid out as printed (pdftotext -layout).
func Text(t testing.TB, pdf string) string {
	t.Helper()
	bin := need(t, "pdftotext (poppler-utils)", "pdftotext")
	out, err := exec.Command(bin, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// Chromium renders an HTML file in headless Chromium into out, which
// names the output by its flag: "--screenshot=PATH" or
// "--print-to-pdf=PATH".
func Chromium(t testing.TB, page, out string) {
	t.Helper()
	bin := need(t, "chromium", "chromium", "chromium-browser", "google-chrome")
	// Without the background-networking flags Chromium keeps trying to
	// reach Google's hosts.
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(t.TempDir(), "profile"), "--window-size=1100,1600", "--no-pdf-header-footer",
		out, "file://"+page)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", out, err, msg)
	}
}
