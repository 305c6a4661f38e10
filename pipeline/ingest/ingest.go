package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/schema"
	"golang.org/x/text/encoding/charmap"
)

// Media types dossier reads.
const (
	TypeText     = "text/plain"
	TypeMarkdown = "text/markdown"
	TypeHTML     = "text/html"
)

// Options bound what ingest accepts.
type Options struct {
	// MaxBytes refuses larger inputs; 0 means no limit.
	MaxBytes int64
	// MediaType forces a format instead of detecting it.
	MediaType string
}

// Errors for input dossier refuses; match them with errors.Is.
var (
	ErrEmpty       = errors.New("empty file")
	ErrBinary      = errors.New("binary file: neither UTF-8, UTF-16 nor Windows-1252 text")
	ErrTooLarge    = errors.New("file too large")
	ErrUnknownType = errors.New("unknown file type")
)

// ReadFile reads and decodes the file at path.
func ReadFile(path string, opts Options) (*schema.Document, error) {
	data, err := ReadBytes(path, nil, opts.MaxBytes)
	if err != nil {
		return nil, err
	}
	return Read(path, data, opts)
}

// StdinPath names standard input.
const StdinPath = "-"

// ReadBytes reads an input's bytes: the file at path, or stdin when path is
// "-". A folder, and anything over maxBytes (0: no limit), are refused
// before their bytes are read.
func ReadBytes(path string, stdin io.Reader, maxBytes int64) ([]byte, error) {
	var r io.Reader
	if path == StdinPath {
		if stdin == nil {
			return nil, errors.New("no standard input")
		}
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if st.IsDir() {
			return nil, errors.New("is a folder")
		}
		if maxBytes > 0 && st.Mode().IsRegular() && st.Size() > maxBytes {
			return nil, fmt.Errorf("%w: %d bytes, limit %d (input.max_bytes)", ErrTooLarge, st.Size(), maxBytes)
		}
		r = f
	}
	if maxBytes > 0 {
		r = io.LimitReader(r, maxBytes+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if maxBytes > 0 && int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("%w: over %d bytes (input.max_bytes)", ErrTooLarge, maxBytes)
	}
	return data, nil
}

// Read decodes data read from path (the path names the document and hints
// at its format; it is not opened).
func Read(path string, data []byte, opts Options) (*schema.Document, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	text, enc, err := decode(data)
	if err != nil {
		return nil, err
	}
	mt := opts.MediaType
	if mt == "" {
		mt, err = detect(path, text)
		if err != nil {
			return nil, err
		}
	}
	sum := sha256.Sum256(data)
	doc := &schema.Document{
		Source: schema.Source{
			Path:      path,
			MediaType: mt,
			SHA256:    hex.EncodeToString(sum[:]),
			Size:      int64(len(data)),
			Encoding:  enc,
		},
		Events:    []schema.Event{},
		Positions: []schema.Position{},
		Citations: []schema.Citation{},
		Actors:    []schema.Actor{},
		Warnings:  []schema.Warning{},
	}
	text = normaliseNewlines(text)
	switch mt {
	case TypeHTML:
		rendered, markup, err := renderHTML(text)
		if err != nil {
			return nil, err
		}
		doc.Text = rendered
		if strings.TrimSpace(rendered) == "" {
			return nil, fmt.Errorf("%w: no visible text in HTML", ErrEmpty)
		}
		doc.Markup = markup.toSchema(doc)
	default:
		doc.Text = text
	}
	if enc == "windows-1252" {
		doc.Warn("ingest", "legacy-encoding", "not valid UTF-8; read as Windows-1252", nil)
	}
	return doc, nil
}

// decode turns bytes into UTF-8 text and names the encoding it found.
func decode(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", "", fmt.Errorf("%w (UTF-8 byte-order mark, invalid UTF-8 after it)", ErrBinary)
		}
		return checkText(string(data), "utf-8")
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], true)
	}
	if utf8.Valid(data) {
		return checkText(string(data), "utf-8")
	}
	// Windows-1252 maps almost every byte; refuse bytes that text never
	// has (NUL and most C0 controls) so binaries are not read as text.
	if binaryControls(data) {
		return "", "", ErrBinary
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", ErrBinary
	}
	return checkText(string(s), "windows-1252")
}

func decodeUTF16(b []byte, bigEndian bool) (string, string, error) {
	if len(b)%2 != 0 {
		return "", "", fmt.Errorf("%w (odd length for UTF-16)", ErrBinary)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	name := "utf-16le"
	if bigEndian {
		name = "utf-16be"
	}
	return checkText(string(utf16.Decode(u)), name)
}

// checkText refuses decoded text that is mostly control characters.
func checkText(s, enc string) (string, string, error) {
	if binaryControls([]byte(s)) {
		return "", "", ErrBinary
	}
	return s, enc, nil
}

// binaryControls reports bytes that do not occur in text: NUL, or more than
// a trace of other C0 controls.
func binaryControls(b []byte) bool {
	n := 0
	for _, c := range b {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			n++
		}
	}
	return n > len(b)/100+1
}

func normaliseNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// detect picks the format from the extension, then from the content.
func detect(path, text string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text":
		return TypeText, nil
	case ".md", ".markdown":
		return TypeMarkdown, nil
	case ".html", ".htm", ".xhtml":
		return TypeHTML, nil
	case "":
		// stdin and extension-less files: sniff below.
	default:
		return "", fmt.Errorf("%w %q (dossier reads .txt, .md and .html)", ErrUnknownType, filepath.Ext(path))
	}
	switch {
	case looksLikeHTML(text):
		return TypeHTML, nil
	case looksLikeMarkdown(text):
		return TypeMarkdown, nil
	}
	return TypeText, nil
}

func looksLikeHTML(s string) bool {
	head := strings.ToLower(strings.TrimSpace(s[:min(len(s), 1024)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.Contains(head, "<body") || strings.Contains(head, "<head")
}

func looksLikeMarkdown(s string) bool {
	head := s[:min(len(s), 4096)]
	return strings.HasPrefix(head, "# ") || strings.Contains(head, "\n# ") || strings.Contains(head, "\n## ") ||
		strings.HasPrefix(head, "---\n")
}
