package instrument

import (
	"os"
	"strings"
	"testing"
)

// checkExportRead is what every export reader must do, whatever it is
// fed: questionnaires without an error, or an error and nothing read,
// every line of which starts with the file's path.
func checkExportRead(t *testing.T, path string, read func() (int, error)) {
	n, err := read()
	if err == nil {
		if n == 0 {
			t.Fatal("neither responses nor an error")
		}
		return
	}
	if n != 0 {
		t.Fatalf("%d responses and an error: %v", n, err)
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, path) {
			t.Fatalf("error line does not start with the path: %q", line)
		}
	}
}

// addSeeds adds files of testdata/survey as seeds.
func addSeeds(f *testing.F, paths ...string) {
	for _, p := range paths {
		data, err := os.ReadFile("testdata/survey/" + p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzReadCSVExport feeds the CSV export reader; seeds are LimeSurvey,
// KoboToolbox and ODK Central exports (testdata/fuzz/FuzzReadCSVExport
// and testdata/survey).
func FuzzReadCSVExport(f *testing.F) {
	full := surveyFramework(f, "framework-full.yaml")
	addSeeds(f, "limesurvey-full/export_full_csv_code_short_base.csv", "kobo-full/formpack_full_label_de_groups.csv", "odk/central_full.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, so := range []SurveyOptions{{}, {Region: "r", Period: "2024"}} {
			checkExportRead(t, "in.csv", func() (int, error) {
				qs, err := readCSVResponses("in.csv", data, LoadOptions{Pick: FixedFramework(full), Survey: so})
				return len(qs), err
			})
		}
	})
}

// FuzzReadJSONExport feeds the reader of LimeSurvey's JSON export.
func FuzzReadJSONExport(f *testing.F) {
	full := surveyFramework(f, "framework-full.yaml")
	addSeeds(f, "limesurvey-full/export_full_json_code_short_base.json", "limesurvey-full/export_full_json_full_long_sv.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkExportRead(t, "in.json", func() (int, error) {
			qs, err := readJSONResponses("in.json", data, LoadOptions{Pick: FixedFramework(full)})
			return len(qs), err
		})
	})
}

// FuzzReadWorkbookExport feeds the workbook reader exports: seeds are a
// LimeSurvey and a KoboToolbox export stored without compression, so that
// mutations reach the XML inside.
func FuzzReadWorkbookExport(f *testing.F) {
	full := surveyFramework(f, "framework-full.yaml")
	for _, p := range []string{"limesurvey-full/export_full_xls_code_short_base.xlsx", "kobo-full/formpack_full_xml_nogroups.xlsx"} {
		data, err := os.ReadFile("testdata/survey/" + p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(storedBook(f, data))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkExportRead(t, "in.xlsx", func() (int, error) {
			qs, err := readWorkbook("in.xlsx", data, LoadOptions{Pick: FixedFramework(full)})
			return len(qs), err
		})
	})
}

// FuzzParseMapping feeds the mapping file reader.
func FuzzParseMapping(f *testing.F) {
	addSeeds(f, "foreign/map.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseMapping("map.yaml", data)
		if err == nil {
			if m == nil {
				t.Fatal("neither a mapping nor an error")
			}
			return
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(line, "map.yaml:") {
				t.Fatalf("error line does not start with the path: %q", line)
			}
		}
	})
}
