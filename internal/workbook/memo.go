package workbook

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"sync"
)

// Deflated entries remembered. A batch's region workbooks share most of
// their small parts byte for byte (theme, styles, both charts, the
// drawing, relationships: 10 of 20 entries), and deflating each small
// entry costs a Huffman table of its own. spliceZip holds such an entry
// back, and writes the deflated bytes it wrote for the same bytes before,
// or deflates it once and remembers it. The archive is byte-identical to
// one with every entry deflated as it comes (TestMemoAsStreamed).

const (
	memoEntryMax = 32 << 10 // larger entries are deflated as they come
	memoSizeMax  = 1 << 19  // what the memo holds before it starts afresh
	memoSeenMax  = 1 << 12  // checksums of entries seen once, before it starts afresh
)

type memoEntry struct{ raw, deflated []byte }

// entryMemo maps an entry's bytes (by their CRC-32) to their deflated
// bytes, for entries seen at least twice: a workbook's own parts (its
// properties, its sheets) take no memory. It is shared by every workbook
// of the process.
type entryMemo struct {
	mu   sync.Mutex
	byCR map[uint32][]memoEntry
	seen map[uint32]bool
	size int
}

var deflatedEntries = &entryMemo{}

// deflated returns raw deflated, as a zip writer's deflater writes it, if
// it was seen before; nil the first time.
func (m *entryMemo) deflated(raw []byte, crc uint32) ([]byte, error) {
	m.mu.Lock()
	for _, e := range m.byCR[crc] {
		if bytes.Equal(e.raw, raw) {
			m.mu.Unlock()
			return e.deflated, nil
		}
	}
	if !m.seen[crc] {
		if m.seen == nil || len(m.seen) >= memoSeenMax {
			m.seen = map[uint32]bool{}
		}
		m.seen[crc] = true
		m.mu.Unlock()
		return nil, nil
	}
	m.mu.Unlock()
	var out bytes.Buffer
	out.Grow(len(raw) / 2)
	fw := deflater(&out)
	fw.Write(raw)
	if err := fw.Close(); err != nil {
		return nil, err
	}
	e := memoEntry{raw: bytes.Clone(raw), deflated: bytes.Clone(out.Bytes())}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.byCR == nil || m.size+len(e.raw)+len(e.deflated) > memoSizeMax {
		m.byCR, m.size = map[uint32][]memoEntry{}, 0
	}
	m.byCR[crc] = append(m.byCR[crc], e)
	m.size += len(e.raw) + len(e.deflated)
	return e.deflated, nil
}

// memoWriter holds an entry back while it is small enough to remember;
// beyond memoEntryMax it becomes an ordinary deflated entry.
type memoWriter struct {
	zw   *zip.Writer
	name string
	held *bytes.Buffer // empty at the start, the spliceZip's
	out  io.Writer     // once the entry is too large to remember
}

func (w *memoWriter) Write(p []byte) (int, error) {
	if w.out != nil {
		return w.out.Write(p)
	}
	if w.held.Len()+len(p) <= memoEntryMax {
		return w.held.Write(p)
	}
	out, err := w.zw.Create(w.name)
	if err == nil {
		_, err = out.Write(w.held.Bytes())
	}
	if err != nil {
		return 0, err
	}
	w.out = out
	w.held.Reset()
	return out.Write(p)
}

// finish writes the entry if it was held back whole.
func (w *memoWriter) finish(m *entryMemo) error {
	if w.out != nil {
		return nil
	}
	defer w.held.Reset()
	raw := w.held.Bytes()
	crc := crc32.ChecksumIEEE(raw)
	deflated, err := m.deflated(raw, crc)
	if err != nil || deflated == nil {
		if err == nil {
			var out io.Writer
			if out, err = w.zw.Create(w.name); err == nil {
				_, err = out.Write(raw)
			}
		}
		return err
	}
	// The header zip.Writer.Create makes for an ASCII name, with the sizes
	// and checksum it would have found: flag 0x8, a data descriptor.
	out, err := w.zw.CreateRaw(&zip.FileHeader{
		Name: w.name, Method: zip.Deflate, Flags: 0x8,
		CreatorVersion: 20, ReaderVersion: 20,
		CRC32: crc, CompressedSize64: uint64(len(deflated)), UncompressedSize64: uint64(len(raw)),
	})
	if err == nil {
		_, err = out.Write(deflated)
	}
	return err
}

// asciiName reports whether name is plain ASCII, as every part excelize
// writes is: zip.Writer.Create flags other names as UTF-8.
func asciiName(name string) bool {
	for i := range len(name) {
		if name[i] >= 0x80 {
			return false
		}
	}
	return true
}
