package batch

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/dossier-dev/dossier/internal/config"
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
const StdinPath = "-"

// Expand turns command-line arguments (files, folders, "-", @list files)
// into the run's inputs, with unique output names.
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
	return paths, sc.Err()
}

func expandOne(path string, in config.Input) []Input {
	st, err := os.Stat(path)
	if err != nil {
		return []Input{{Path: path, Err: err}}
	}
	if !st.IsDir() {
		return []Input{{Path: path}}
	}
	var out []Input
	seen := map[string]bool{}
	var walk func(dir string)
	walk = func(dir string) {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil {
			out = append(out, Input{Path: dir, Err: err})
			return
		}
		if seen[real] {
			out = append(out, Input{Path: dir, Err: fmt.Errorf("directory loop: %s is %s, already walked", dir, real)})
			return
		}
		seen[real] = true
		entries, err := os.ReadDir(dir)
		if err != nil {
			out = append(out, Input{Path: dir, Err: err})
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
					out = append(out, Input{Path: p, Err: fmt.Errorf("broken symlink: %w", err)})
				} else {
					out = append(out, Input{Path: p, Err: err})
				}
				continue
			}
			if info.IsDir() {
				walk(p)
				continue
			}
			if len(in.Include) == 0 || matchAny(in.Include, e.Name(), rel) {
				out = append(out, Input{Path: p})
			}
		}
	}
	walk(path)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func matchAny(patterns []string, name, rel string) bool {
	for _, p := range patterns {
		if ok, _ := filepath.Match(p, name); ok {
			return true
		}
		if ok, _ := filepath.Match(p, filepath.ToSlash(rel)); ok {
			return true
		}
	}
	return false
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// assignIDs names each input's outputs after its file name, and where two
// inputs share a name, after more of their paths, so names never collide
// and never contain a path separator (outputs cannot escape the folder).
func assignIDs(in []Input) {
	base := func(p string, parts int) string {
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
			e = strings.Trim(unsafeName.ReplaceAllString(e, "_"), "._")
			if e != "" {
				clean = append(clean, e)
			}
		}
		if len(clean) == 0 {
			return "document"
		}
		return strings.Join(clean, "__")
	}
	used := map[string]int{}
	for parts := 1; parts <= 64; parts++ {
		counts := map[string]int{}
		for i := range in {
			if in[i].ID == "" || used[in[i].ID] > 1 {
				in[i].ID = base(in[i].Path, parts)
			}
			counts[in[i].ID]++
		}
		used = counts
		dup := false
		for _, n := range counts {
			if n > 1 {
				dup = true
			}
		}
		if !dup {
			return
		}
	}
	// Same path given twice (or identical tails): number the repeats.
	seen := map[string]int{}
	for i := range in {
		seen[in[i].ID]++
		if n := seen[in[i].ID]; n > 1 {
			in[i].ID = fmt.Sprintf("%s-%d", in[i].ID, n)
		}
	}
}
