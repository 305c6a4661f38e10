package batchtest

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

var (
	states   = []string{"Ruritania", "Freedonia", "Sylvania", "Latveria", "Genovia", "Elbonia", "Borduria", "Syldavia"}
	orgs     = []string{"the Northern Policy Forum", "the Institute for Maritime Affairs", "the Council on Water Security", "the Centre for Trade Studies"}
	authors  = []string{"Anna Berg", "Tomas Ruiz", "Priya Nair", "Jonas Weber", "Mei Lin", "Omar Haddad", "Lucia Ferro", "Kofi Mensah"}
	topics   = []string{"fisheries quotas", "river water sharing", "port access", "tariffs on steel", "undersea cables", "grain exports", "migration at the border", "emissions from shipping"}
	months   = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	cities   = []string{"Geneva", "Vienna", "Nairobi", "Oslo", "Jakarta", "Lima", "Tunis", "Riga"}
	supports = []string{"supports", "welcomes", "backs", "endorses"}
	opposes  = []string{"opposes", "rejects", "condemns", "objects to"}
)

// Brief returns the text of brief number seed, about size bytes long
// (at least one section and the notes).
func Brief(seed, size int) string {
	r := rand.New(rand.NewSource(int64(seed) + 1))
	pick := func(xs []string) string { return xs[r.Intn(len(xs))] }
	a, b := pick(states), pick(states)
	for b == a {
		b = pick(states)
	}
	topic := pick(topics)
	var sb strings.Builder
	fmt.Fprintf(&sb, "Brief %d: %s and %s on %s\n\n", seed, a, b, strings.ToUpper(topic[:1])+topic[1:])
	fmt.Fprintf(&sb, "By %s for %s\n\n", pick(authors), pick(orgs))
	note := 0
	var notes []string
	for sec := 0; sec == 0 || sb.Len()+notesLen(notes) < size-900; sec++ {
		y := 2005 + r.Intn(19)
		m := pick(months)
		d := 1 + r.Intn(28)
		city := pick(cities)
		note++
		fmt.Fprintf(&sb, "On %d %s %d, %s and %s signed an agreement on %s in %s. [%d] ", d, m, y, a, b, topic, city, note)
		notes = append(notes, fmt.Sprintf("%d. %s. \"Report on %s.\" %s, %s %d. Accessed %s %d, %d. https://example.org/briefs/%d/%d",
			note, pick(orgs)[4:], topic, city, m, y, pick(months), 1+r.Intn(28), y+1, seed, note))
		fmt.Fprintf(&sb, "In %s %d, the government of %s %s the plan, while %s %s it. ", pick(months), y+1, a, pick(supports), b, pick(opposes))
		fmt.Fprintf(&sb, "Talks resumed in %d after a pause of several months.\n\n", y+2)
		fmt.Fprintf(&sb, "The foreign minister of %s said on %d %s %d that the country %s any delay on %s. ", b, 1+r.Intn(28), pick(months), y+2, pick(opposes), topic)
		fmt.Fprintf(&sb, "A joint commission met in %s in %s %d and published a report. ", city, pick(months), y+3)
		if sec%2 == 1 {
			note++
			fmt.Fprintf(&sb, "[%d]", note)
			notes = append(notes, fmt.Sprintf("%d. %s, and %s. \"%s after %d.\" Journal of Regional Policy %d, no. %d (%d): %d-%d.",
				note, pick(authors), pick(authors), strings.ToUpper(topic[:1])+topic[1:], y, 3+r.Intn(20), 1+r.Intn(4), y+3, 10+r.Intn(40), 60+r.Intn(40)))
		}
		sb.WriteString("\n\n")
		fmt.Fprintf(&sb, "Officials from both capitals describe the talks as difficult but useful. Traders in %s report that delays have raised costs, "+
			"and several provincial governments in %s have asked for compensation. The opposition in %s argues that the agreement gives away too much, "+
			"while business groups say that any further delay would hurt exporters more than the concessions themselves.\n\n", city, a, b)
		fmt.Fprintf(&sb, "We recommend that %s and %s keep the commission's technical groups open to observers. %s should also propose a review of %s by %d.\n\n", a, b, b, topic, y+5)
	}
	sb.WriteString("Notes\n\n")
	for _, n := range notes {
		sb.WriteString(n)
		sb.WriteString("\n\n")
	}
	return sb.String()
}

func notesLen(notes []string) int {
	n := 0
	for _, s := range notes {
		n += len(s) + 2
	}
	return n
}

// WriteCorpus writes n briefs of about size bytes into dir as
// brief-000.txt, brief-001.txt, … and returns their paths.
func WriteCorpus(dir string, n, size int) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	paths := make([]string, n)
	for i := range paths {
		paths[i] = filepath.Join(dir, fmt.Sprintf("brief-%03d.txt", i))
		if err := os.WriteFile(paths[i], []byte(Brief(i, size)), 0o644); err != nil {
			return nil, err
		}
	}
	return paths, nil
}
