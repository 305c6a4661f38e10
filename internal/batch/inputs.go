package batch

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/pipeline/ingest"
)

// Input is one document to process.
type Input struct {
	// Path is the file path, or "-" for standard input.
	Path string
	// ID is the output name, unique in the run.
	ID string
	// Index is the input's place in the run's full input list.
	Index int
	// Err is set when the input could not even be listed (a broken
	// symlink, a loop); it is reported as that document's failure.
	Err error
}

// StdinPath names standard input.
const StdinPath = ingest.StdinPath

// Expand turns command-line arguments (files, folders, "-", @list files)
// into the run's inputs, with unique output names. Files named explicitly
// are always taken (an unsupported type is then that document's failure);
// in folders only files matching input.include (and not input.exclude)
// are picked up.
func Expand(args []string, in config.Input) ([]Input, error) {
	var out []Input
	for _, a := range args {
		switch {
		case a == StdinPath:
			out = append(out, Input{Path: a})
		case strings.HasPrefix(a, "@"):
			paths, err := readList(a[1:])
			if err != nil {
				return nil, err
			}
			for _, p := range paths {
				out = append(out, expandOne(p, in)...)
			}
		default:
			out = append(out, expandOne(a, in)...)
		}
	}
	assignIDs(out)
	return out, nil
}

func readList(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("list file: %w", err)
	}
	defer f.Close()
	var paths []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !filepath.IsAbs(line) {
			line = filepath.Join(filepath.Dir(path), line)
		}
		paths = append(paths, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("list file %s: %w", path, err)
	}
	return paths, nil
}

func expandOne(path string, in config.Input) []Input {
	st, err := os.Stat(path)
	if err != nil {
		if lst, lerr := os.Lstat(path); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
			err = fmt.Errorf("broken symlink: %w", err)
		}
		return []Input{{Path: path, Err: err}}
	}
	if !st.IsDir() {
		// Named explicitly: taken whatever it is (a FIFO from process
		// substitution included).
		return []Input{{Path: path}}
	}
	var out []Input
	// walked holds every real folder already listed, so a folder reached
	// twice (two symlinks to it) is listed once; ancestors holds the real
	// folders on the current path, so a symlink back up is a loop.
	walked := map[string]bool{}
	var walk func(dir string, ancestors map[string]bool)
	walk = func(dir string, ancestors map[string]bool) {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil {
			out = append(out, Input{Path: dir, Err: err})
			return
		}
		if ancestors[real] {
			out = append(out, Input{Path: dir, Err: fmt.Errorf("directory loop: %s leads back to %s", dir, real)})
			return
		}
		if walked[real] {
			return
		}
		walked[real] = true
		ancestors[real] = true
		defer delete(ancestors, real)
		entries, err := os.ReadDir(dir)
		if err != nil {
			out = append(out, Input{Path: dir, Err: fmt.Errorf("cannot list folder: %w", err)})
			return
		}
		for _, e := range entries {
			p := filepath.Join(dir, e.Name())
			rel, _ := filepath.Rel(path, p)
			if matchAny(in.Exclude, e.Name(), rel) {
				continue
			}
			info, err := os.Stat(p) // follows symlinks
			if err != nil {
				if e.Type()&fs.ModeSymlink != 0 {
					err = fmt.Errorf("broken symlink: %w", err)
				}
				// Report what would have been read: a matching name, or a
				// link without an extension (it may have been a folder).
				if len(in.Include) == 0 || matchAny(in.Include, e.Name(), rel) || filepath.Ext(e.Name()) == "" {
					out = append(out, Input{Path: p, Err: err})
				}
				continue
			}
			if info.IsDir() {
				walk(p, ancestors)
				continue
			}
			if len(in.Include) > 0 && !matchAny(in.Include, e.Name(), rel) {
				continue
			}
			if !info.Mode().IsRegular() {
				// A FIFO or device in a folder would block or never end.
				out = append(out, Input{Path: p, Err: fmt.Errorf("not a regular file (%s)", info.Mode().Type())})
				continue
			}
			out = append(out, Input{Path: p})
		}
	}
	walk(path, map[string]bool{})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// matchAny matches glob patterns on the file name and on the path relative
// to the folder, ignoring case (REPORT.TXT is a .txt file too).
func matchAny(patterns []string, name, rel string) bool {
	name = strings.ToLower(name)
	rel = strings.ToLower(filepath.ToSlash(rel))
	for _, p := range patterns {
		p = strings.ToLower(p)
		if ok, _ := filepath.Match(p, name); ok {
			return true
		}
		if ok, _ := filepath.Match(p, rel); ok {
			return true
		}
	}
	return false
}

// unsafeName matches runs of characters that do not belong in a file name
// on some system: everything but letters, digits, '.', '_' and '-'.
var unsafeName = regexp.MustCompile(`[^\p{L}\p{N}._-]+`)

// reservedIDs would make a document's outputs collide with a corpus output
// (corpus.xlsx, index.html, digest.pdf) or the run's own files.
var reservedIDs = map[string]bool{"corpus": true, "index": true, "digest": true, "errors": true, "manifest": true}

// maxIDBytes keeps output names well under the usual 255-byte limit, with
// room for extensions and temporary-file suffixes.
const maxIDBytes = 120

// assignIDs names each input's outputs after its file name, and where two
// inputs share a name, after more of their paths, so names never collide
// (not even on a case-insensitive file system) and never contain a path
// separator (outputs cannot escape the folder).
func assignIDs(in []Input) {
	key := strings.ToLower
	used := map[string]int{}
	for parts := 1; parts <= 64; parts++ {
		counts := map[string]int{}
		for i := range in {
			if in[i].ID == "" || used[key(in[i].ID)] > 1 {
				in[i].ID = baseID(in[i].Path, parts)
			}
			counts[key(in[i].ID)]++
		}
		used = counts
		dup := false
		for _, n := range counts {
			if n > 1 {
				dup = true
				break
			}
		}
		if !dup {
			return
		}
	}
	// The same path given twice (or identical tails): number the repeats,
	// skipping numbers another input already has as its name.
	taken := map[string]bool{}
	for i := range in {
		id := in[i].ID
		for n := 2; taken[key(id)]; n++ {
			id = fmt.Sprintf("%s-%d", in[i].ID, n)
		}
		in[i].ID = id
		taken[key(id)] = true
	}
}

// baseID is an output name from the last parts elements of a path.
func baseID(p string, parts int) string {
	if p == StdinPath {
		return "stdin"
	}
	p = filepath.Clean(p)
	elems := strings.Split(filepath.ToSlash(p), "/")
	if parts > len(elems) {
		parts = len(elems)
	}
	elems = elems[len(elems)-parts:]
	last := len(elems) - 1
	elems[last] = strings.TrimSuffix(elems[last], filepath.Ext(elems[last]))
	var clean []string
	for _, e := range elems {
		e = strings.Trim(unsafeName.ReplaceAllString(e, "_"), "._-")
		if e != "" {
			clean = append(clean, e)
		}
	}
	id := strings.Join(clean, "__")
	if id == "" {
		id = "document"
	}
	if reservedIDs[strings.ToLower(id)] {
		id += "-doc"
	}
	if len(id) > maxIDBytes {
		// Cut on a rune boundary and keep names unique with a hash of the
		// whole path.
		cut := maxIDBytes - 9
		for cut > 0 && !isRuneStart(id[cut]) {
			cut--
		}
		h := fnv.New32a()
		h.Write([]byte(p))
		id = fmt.Sprintf("%s-%08x", id[:cut], h.Sum32())
	}
	return id
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
