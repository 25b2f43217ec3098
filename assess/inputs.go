package assess

import (
	"encoding/binary"
	"encoding/hex"
	"iter"
)

// Packed inputs. A comparison keeps the files each of its assessments was
// read from (path, SHA-256, respondent) until it is written: as strings
// and structs, 460 bytes an assessment, 16 MB for 34,500 assessments.
// Packed into one byte string, with the SHA-256 as its 32 bytes, they
// take half.

// packInputs packs the questionnaires' inputs.
func packInputs(qs []*Questionnaire) []byte {
	n := 0
	for _, q := range qs {
		n += 4*binary.MaxVarintLen32 + len(q.Path) + len(q.SHA256) + len(q.Respondent.ID) + len(q.Respondent.Role)
	}
	b := make([]byte, 0, n)
	for _, q := range qs {
		b = appendPacked(b, q.Path)
		if raw, err := hex.DecodeString(q.SHA256); err == nil && len(raw) == 32 && hex.EncodeToString(raw) == q.SHA256 {
			b = append(b, 1)
			b = append(b, raw...)
		} else { // as it is: no digest, or not one of r3l's
			b = append(b, 0)
			b = appendPacked(b, q.SHA256)
		}
		b = appendPacked(b, q.Respondent.ID)
		b = appendPacked(b, q.Respondent.Role)
	}
	return b[:len(b):len(b)]
}

func appendPacked(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// unpack reads inputs packInputs packed.
func unpack(b []byte) iter.Seq[Input] {
	return func(yield func(Input) bool) {
		text := func() string {
			n, k := binary.Uvarint(b)
			s := string(b[k : k+int(n)])
			b = b[k+int(n):]
			return s
		}
		for len(b) > 0 {
			var in Input
			in.Path = text()
			if b[0] == 1 {
				in.SHA256 = hex.EncodeToString(b[1:33])
				b = b[33:]
			} else {
				b = b[1:]
				in.SHA256 = text()
			}
			in.Respondent = Respondent{ID: text(), Role: text()}
			if !yield(in) {
				return
			}
		}
	}
}
