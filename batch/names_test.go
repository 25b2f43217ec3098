package batch

import (
	"slices"
	"testing"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
)

func TestReportNames(t *testing.T) {
	r3l := &framework.Framework{ID: "r3lplus"}
	mini := &framework.Framework{ID: "mini"}
	var fws []*framework.Framework
	res := func(fw *framework.Framework, region, period string) *assess.Assessment {
		fws = append(fws, fw)
		return &assess.Assessment{Framework: fw, Region: assess.Region{ID: region}, Period: period}
	}
	as := []*assess.Assessment{
		res(r3l, "kaunas", "2024"),
		res(r3l, "kaunas", "2024/25"), // '/' cannot be in a file name
		res(r3l, "kaunas", "2024-25"), // ... and would then share one
		res(mini, "town", "2024"),
		res(r3l, "town", "2024"), // two frameworks: the id tells them apart
		res(r3l, "a_b", "1"),
		res(r3l, "a-b", "1"),
		res(r3l, "Lund", "1"), // one file on a case-insensitive disk
		res(r3l, "lund", "1"),
	}
	got := reportNames(as, fws)
	want := []string{"kaunas_2024", "kaunas_2024-25_r3lplus", "kaunas_2024-25_r3lplus-2", "town_2024_mini", "town_2024_r3lplus",
		"a-b_1_r3lplus", "a-b_1_r3lplus-2", "Lund_1", "lund_1-2"}
	if !slices.Equal(got, want) {
		t.Errorf("names %q,\nwant %q", got, want)
	}
}
