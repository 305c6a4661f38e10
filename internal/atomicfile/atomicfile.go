package atomicfile

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// TempPrefix starts the names of temporary files.
const TempPrefix = "."

// tempMarker is in every temporary file name, so Clean can find them.
const tempMarker = ".tmp-"

// Write creates or replaces path with what fill writes. If fill fails, path
// is left as it was.
func Write(path string, fill func(w io.Writer) error) (err error) {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, TempPrefix+name+tempMarker+"*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 64<<10)
	if err = fill(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	return syncDir(dir)
}

// WriteFile is Write for content already in memory.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// IsTemp reports whether a file name is one of Write's temporaries.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, TempPrefix) && strings.Contains(name, tempMarker)
}

// Clean removes temporaries left in dir by an interrupted run.
func Clean(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() && IsTemp(e.Name()) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	// Some file systems do not support syncing a directory; the rename is
	// still atomic there.
	_ = d.Sync()
	return nil
}

// Pending is a file being written in pieces (a corpus output that grows
// document by document). Nothing appears under its name until Commit.
type Pending struct {
	f    *os.File
	w    *bufio.Writer
	path string
}

// Create starts a pending file for path.
func Create(path string) (*Pending, error) {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, TempPrefix+name+tempMarker+"*")
	if err != nil {
		return nil, err
	}
	return &Pending{f: f, w: bufio.NewWriterSize(f, 64<<10), path: path}, nil
}

// Write appends to the pending file.
func (p *Pending) Write(b []byte) (int, error) { return p.w.Write(b) }

// Commit makes the file visible under its name, complete.
func (p *Pending) Commit() (err error) {
	defer func() {
		if err != nil {
			p.Abort()
		}
	}()
	if err = p.w.Flush(); err != nil {
		return err
	}
	if err = p.f.Sync(); err != nil {
		return err
	}
	if err = p.f.Chmod(0o644); err != nil {
		return err
	}
	if err = p.f.Close(); err != nil {
		return err
	}
	if err = os.Rename(p.f.Name(), p.path); err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	return syncDir(filepath.Dir(p.path))
}

// Abort discards the pending file.
func (p *Pending) Abort() {
	p.f.Close()
	os.Remove(p.f.Name())
}
