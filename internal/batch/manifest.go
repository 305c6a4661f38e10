package batch

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/internal/config"
)

// ManifestFile records what each completed document produced, so a re-run
// skips unchanged documents and a merge knows every shard's documents.
const ManifestFile = "manifest.jsonl"

// Entry is one completed document in the manifest.
type Entry struct {
	ID string `json:"id"`
	// Input is the path as given on the command line (or found in a folder).
	Input string `json:"input"`
	// Index is the document's place in the run's full input list, so
	// shards merge back into one-machine order.
	Index      int      `json:"index"`
	SHA256     string   `json:"sha256"`
	ConfigHash string   `json:"config_hash"`
	Version    string   `json:"version"`
	Outputs    []string `json:"outputs"`
}

// manifest is the journal of completed documents. Entries are appended as
// documents finish (a killed run loses at most the line being written,
// which is then ignored), and the file is compacted at the end of a run.
type manifest struct {
	mu      sync.Mutex
	path    string
	entries map[string]Entry
	journal *os.File
}

func openManifest(dir string) (*manifest, error) {
	m := &manifest{path: filepath.Join(dir, ManifestFile), entries: map[string]Entry{}}
	entries, err := ReadManifest(dir)
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	for _, e := range entries {
		m.entries[e.ID] = e
	}
	// Compact first: a killed run may have left a half-written last line,
	// and appending after it would spoil the next entry too.
	if err := m.compact(); err != nil {
		return nil, err
	}
	m.journal, err = os.OpenFile(m.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// ReadManifest reads a folder's manifest; lines a killed run left half
// written are skipped.
func ReadManifest(dir string) ([]Entry, error) {
	f, err := os.Open(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	latest := map[string]Entry{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		var e Entry
		if json.Unmarshal(sc.Bytes(), &e) == nil && e.ID != "" {
			latest[e.ID] = e
		}
	}
	out := make([]Entry, 0, len(latest))
	for _, e := range latest {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Index < out[j].Index || out[i].Index == out[j].Index && out[i].ID < out[j].ID
	})
	return out, sc.Err()
}

func (m *manifest) lookup(id string) (Entry, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[id]
	return e, ok
}

// record appends an entry and syncs it, so it survives a crash.
func (m *manifest) record(e Entry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries[e.ID] = e
	if _, err := m.journal.Write(append(b, '\n')); err != nil {
		return err
	}
	return m.journal.Sync()
}

// forget drops a document whose latest attempt failed, so neither a
// re-run nor a merge takes its old outputs for current ones. A killed run
// may leave the entry in the journal; it is then as the last good run left
// it.
func (m *manifest) forget(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.entries, id)
}

// close compacts the journal to one line per document.
func (m *manifest) close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.journal.Close()
	return m.compact()
}

// compact rewrites the manifest from the entries in memory, atomically.
func (m *manifest) compact() error {
	entries := make([]Entry, 0, len(m.entries))
	for _, e := range m.entries {
		entries = append(entries, e)
	}
	sort.Slice(entries, func(i, j int) bool {
		return entries[i].Index < entries[j].Index || entries[i].Index == entries[j].Index && entries[i].ID < entries[j].ID
	})
	return atomicfile.Write(m.path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, e := range entries {
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
		return nil
	})
}

// sha256Hex hashes an input's bytes.
func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// ConfigHash identifies the configuration as far as it shapes the outputs:
// runs with equal hashes extract and write the same way, so the manifest
// can skip their documents. Settings that only say how a run is carried out
// (output folder, workers, --force, shards, progress, logging, which files
// a folder walk picks up) are left out, and files the configuration points
// to (word lists, review overrides, the PDF logo and font) count by their
// content, so editing the overrides file reprocesses the corpus.
func ConfigHash(cfg *config.Config) string {
	c := *cfg
	c.Output.Dir = ""
	c.Run = config.Run{}
	c.Log = config.Log{}
	c.Input.Include, c.Input.Exclude, c.Input.MaxBytes = nil, nil, 0
	h := sha256.New()
	b, _ := json.Marshal(c)
	h.Write(b)
	for _, p := range []string{cfg.Extract.Gazetteer, cfg.Extract.Triggers, cfg.Extract.Topics,
		cfg.Review.Overrides, cfg.Output.PDF.Logo, filepath.Join(cfg.Output.PDF.FontDir, cfg.Output.PDF.Font)} {
		if p == "" || p == "." {
			continue
		}
		h.Write([]byte{0})
		h.Write([]byte(p))
		if data, err := os.ReadFile(p); err == nil {
			h.Write(data)
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}
