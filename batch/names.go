package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/framework"
	"github.com/r3l/r3l/pipeline"
)

// reportNames gives each assessment a file name "<region>_<period>", with
// the framework id added where two frameworks would share a name.
func reportNames(as []*assess.Assessment, fws []*framework.Framework) []string {
	names := make([]string, len(as))
	count := map[string]int{}
	for i, a := range as {
		names[i] = shortName(a.Region.ID) + "_" + shortName(a.Period)
		count[names[i]]++
	}
	for i := range as {
		if count[names[i]] > 1 {
			names[i] += "_" + fws[i].ID
		}
	}
	// Ids that differ only in characters safeName replaces ("a_b", "a-b"),
	// or in case on a case-insensitive disk, would still share a file:
	// later ones get a number.
	used := map[string]bool{}
	for i := range names {
		name := names[i]
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = fmt.Sprintf("%s-%d", names[i], n)
		}
		used[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

// safeName keeps a period or id usable as part of a file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.':
			return r
		}
		return '-'
	}, s)
}

// maxNamePart is the longest region or period in a file name: a long
// one is cut and told apart by a hash, so that no name is too long for
// the file system (255 bytes on most).
const maxNamePart = 60

// shortName is safeName, cut to maxNamePart.
func shortName(s string) string {
	name := safeName(s)
	if len(name) <= maxNamePart {
		return name
	}
	sum := sha256.Sum256([]byte(s))
	return name[:maxNamePart-9] + "-" + hex.EncodeToString(sum[:4])
}

// byFramework lists the assessments of each framework, in order of first
// appearance.
func byFramework(fws []*framework.Framework) [][]int {
	return pipeline.Partition(len(fws), func(i int) *framework.Framework { return fws[i] })
}
