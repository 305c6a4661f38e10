package xlsx

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"time"
)

// kind says how a spooled cell is written.
type kind uint8

const (
	kEmpty kind = iota
	kText
	kInt
	// kDate holds a date as Unix seconds (UTC); written with the one date
	// style.
	kDate
	// kLink is text with an internal hyperlink (link is "Sheet!A5").
	kLink
	// kURL is a URL with an external hyperlink to itself.
	kURL
)

// value is one cell of a spooled row.
type value struct {
	k    kind
	s    string
	n    int64
	link string
}

func text(s string) value {
	if s == "" {
		return value{}
	}
	return value{k: kText, s: s}
}

func integer(n int) value { return value{k: kInt, n: int64(n)} }

func date(t time.Time) value { return value{k: kDate, n: t.Unix()} }

func (v value) time() time.Time { return time.Unix(v.n, 0).UTC() }

// spool is a sheet's rows on disk in a compact binary form, so a corpus of
// any size only costs disk while documents arrive. The row count is what
// the sheet's <dimension> needs before streaming starts.
type spool struct {
	f    *os.File
	w    *bufio.Writer
	rows int
	buf  []byte
}

func newSpool(dir, name string) (*spool, error) {
	f, err := os.CreateTemp(dir, name+"-*.spool")
	if err != nil {
		return nil, err
	}
	return &spool{f: f, w: bufio.NewWriterSize(f, 256<<10)}, nil
}

// add appends one row.
func (s *spool) add(row []value) error {
	b := s.buf[:0]
	b = binary.AppendUvarint(b, uint64(len(row)))
	for _, v := range row {
		b = append(b, byte(v.k))
		switch v.k {
		case kEmpty:
		case kInt, kDate:
			b = binary.AppendVarint(b, v.n)
		case kText, kURL:
			b = binary.AppendUvarint(b, uint64(len(v.s)))
			b = append(b, v.s...)
		case kLink:
			b = binary.AppendUvarint(b, uint64(len(v.s)))
			b = append(b, v.s...)
			b = binary.AppendUvarint(b, uint64(len(v.link)))
			b = append(b, v.link...)
		}
	}
	s.buf = b
	s.rows++
	_, err := s.w.Write(b)
	return err
}

// each replays the rows in order. row is reused between calls.
func (s *spool) each(fn func(row []value) error) error {
	if err := s.w.Flush(); err != nil {
		return err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	r := bufio.NewReaderSize(s.f, 256<<10)
	var row []value
	str := func() (string, error) {
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return "", err
		}
		b := make([]byte, n)
		_, err = io.ReadFull(r, b)
		return string(b), err
	}
	for i := 0; i < s.rows; i++ {
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return fmt.Errorf("spool %s: row %d: %w", s.f.Name(), i, err)
		}
		row = row[:0]
		for j := uint64(0); j < n; j++ {
			kb, err := r.ReadByte()
			if err != nil {
				return fmt.Errorf("spool %s: row %d: %w", s.f.Name(), i, err)
			}
			v := value{k: kind(kb)}
			switch v.k {
			case kEmpty:
			case kInt, kDate:
				v.n, err = binary.ReadVarint(r)
			case kText, kURL:
				v.s, err = str()
			case kLink:
				if v.s, err = str(); err == nil {
					v.link, err = str()
				}
			default:
				err = fmt.Errorf("bad cell kind %d", kb)
			}
			if err != nil {
				return fmt.Errorf("spool %s: row %d: %w", s.f.Name(), i, err)
			}
			row = append(row, v)
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return nil
}

// close removes the spool file.
func (s *spool) close() {
	s.f.Close()
	os.Remove(s.f.Name())
}
