package pipeline

import (
	"cmp"
	"fmt"
	"slices"
	"sync"

	"github.com/r3l/r3l/assess"
	"github.com/r3l/r3l/internal/yamlx"
)

// Parked holds the questionnaires a run has read in a temporary file
// rather than in memory, each under the assessment it belongs to (its
// framework, region and period), until that assessment is scored: what a
// run over tens of thousands of files holds while reading is an entry per
// questionnaire, not its answers.
type Parked struct {
	codec assess.Codec
	file  *spill
	mu    sync.Mutex
	index map[string]int       // framework id, region, period → assessment
	as    []*assess.Assessment // framework, region id and period only, until unparked
	items [][]parkedItem       // by assessment
	err   error
}

// parkedItem is a questionnaire: the input it was read from (by number)
// and its place among that input's, so that an assessment's
// questionnaires come back in the order a run in memory would have them,
// and its number in the file.
type parkedItem struct{ input, seq, n int32 }

func newParked() (*Parked, error) {
	f, err := newSpill("the questionnaires read")
	if err != nil {
		return nil, err
	}
	return &Parked{file: f, index: map[string]int{}}, nil
}

// park keeps the questionnaires read from input number input; safe for
// concurrent use.
func (pk *Parked) park(input int, qs []*assess.Questionnaire) {
	var buf []byte
	for seq, q := range qs {
		buf = pk.codec.AppendQuestionnaire(buf[:0], q)
		n, err := pk.file.add(buf)
		pk.mu.Lock()
		if err != nil {
			pk.err = cmp.Or(pk.err, err)
		} else {
			key := q.Framework.ID + "\x00" + q.Region.ID + "\x00" + q.Period
			a, ok := pk.index[key]
			if !ok {
				a = len(pk.as)
				pk.index[key] = a
				pk.as = append(pk.as, &assess.Assessment{Framework: q.Framework, Region: assess.Region{ID: q.Region.ID}, Period: q.Period})
				pk.items = append(pk.items, nil)
			}
			pk.items[a] = append(pk.items[a], parkedItem{int32(input), int32(seq), int32(n)})
		}
		pk.mu.Unlock()
	}
}

// sort puts the assessments in the order assess.Group gives them.
func (pk *Parked) sort() {
	order := make([]int, len(pk.as))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		x, y := pk.as[i], pk.as[j]
		return cmp.Or(cmp.Compare(x.Framework.ID, y.Framework.ID), cmp.Compare(x.Region.ID, y.Region.ID), cmp.Compare(x.Period, y.Period))
	})
	as, items := make([]*assess.Assessment, len(order)), make([][]parkedItem, len(order))
	for k, i := range order {
		as[k], items[k] = pk.as[i], pk.items[i]
	}
	pk.as, pk.items, pk.index = as, items, nil
}

// Assessments are the parked assessments in the order assess.Group gives
// them, each knowing only its framework, region id and period until
// Unpark reads it back.
func (pk *Parked) Assessments() []*assess.Assessment { return pk.as }

// Unpark reads back the questionnaires of the assessments as[i] (i in
// region, one region's assessments of Assessments), groups and checks
// them (assess.GroupAll) and puts each whole assessment in as[i]. Files an
// assessment of Assessments already lists as missing stay listed, after
// those the check leaves out. It returns the check's problems.
func (pk *Parked) Unpark(as []*assess.Assessment, region []int) (yamlx.Problems, error) {
	var qs []*assess.Questionnaire
	var buf []byte
	for _, i := range region {
		items := pk.items[i]
		slices.SortFunc(items, func(x, y parkedItem) int { return cmp.Or(cmp.Compare(x.input, y.input), cmp.Compare(x.seq, y.seq)) })
		for _, it := range items {
			b, err := pk.file.read(int(it.n), buf)
			if err != nil {
				return nil, err
			}
			buf = b
			q, err := pk.codec.DecodeQuestionnaire(b)
			if err != nil {
				return nil, fmt.Errorf("a questionnaire read cannot be read back from the temporary file: %w", err)
			}
			qs = append(qs, q)
		}
		pk.items[i] = nil
	}
	whole, problems := assess.GroupAll(qs)
	if len(whole) != len(region) {
		return nil, fmt.Errorf("%d assessments parked as %d", len(region), len(whole)) // cannot happen: one key, one assessment
	}
	for k, i := range region {
		whole[k].Missing = append(whole[k].Missing, as[i].Missing...)
		as[i] = whole[k]
	}
	return problems, nil
}

// Size is the number of bytes parked.
func (pk *Parked) Size() int64 { return pk.file.bytes() }

// Close closes the temporary file and removes it.
func (pk *Parked) Close() error { return pk.file.close() }

// Park reads the files as Load does, on the pipeline's workers, but keeps
// the questionnaires in a Parked rather than in the Loaded, which hold
// everything else. The error is for what stops the run: the temporary
// file cannot be written.
func (p *Pipeline) Park(paths []string, done func()) ([]Loaded, *Parked, error) {
	pk, err := newParked()
	if err != nil {
		return nil, nil, err
	}
	loaded := p.read(paths, done, pk)
	if pk.err != nil {
		pk.Close()
		return nil, nil, pk.err
	}
	pk.sort()
	return loaded, pk, nil
}

// ParkAll reads the files into a Parked; any bad file is an error, as in
// Assessments, but repeated respondents are found only as Unpark reads
// each assessment back. Files r3l wrote itself are left out, and listed in
// p.Skipped.
func (p *Pipeline) ParkAll(files []string) (*Parked, error) {
	loaded, pk, err := p.Park(files, nil)
	if err != nil {
		return nil, err
	}
	err = p.noteLoaded(loaded)
	if err == nil {
		_, err = Split(loaded) // any bad file
	}
	if err != nil {
		pk.Close()
		return nil, err
	}
	return pk, nil
}
