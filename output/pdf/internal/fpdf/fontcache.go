// Copyright ©2026 The dossier Authors. MIT licence, as the rest of this
// package.

package fpdf

// dossier: caches for UTF-8 fonts added from bytes, shared by every Fpdf
// of the process. Upstream fpdf parses the TrueType file, marshals its
// 65,536 character widths to JSON for a font id, cuts the subset and
// compresses it again for every document; a batch renders thousands of
// documents with the same three fonts. The caches hold only immutable
// results (widths, descriptor, id, compressed subset streams), so Fpdf
// values stay independent and safe to use from several goroutines.

import (
	"hash/maphash"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// fontSeed keys the font caches by content, not by slice identity.
var fontSeed = maphash.MakeSeed()

// utf8FontInfo is what registration derives from a font file.
type utf8FontInfo struct {
	desc   FontDescType
	up, ut int
	cw     []int // read only once cached
	id     string
}

var (
	utf8Fonts sync.Map // string (font key) → *utf8FontInfo
	// cutFonts holds subsets by font and rune set; bounded by maxCutFonts.
	cutMu       sync.Mutex
	cutFonts    = map[string]*cutFont{}
	cutFontKeys []string
)

// maxCutFonts bounds the subset cache (a subset of the Go fonts is
// 10-40 KB compressed).
const maxCutFonts = 96

// cutFont is a font subset ready to embed.
type cutFont struct {
	size     int    // uncompressed subset length (/Length1)
	stream   []byte // compressed subset
	cidToGid []byte // compressed CIDToGIDMap
	lastRune int
}

// utf8FontKey names a font file's content registered under fontkey.
func utf8FontKey(fontkey string, data []byte) string {
	return fontkey + "\x00" + strconv.Itoa(len(data)) + "\x00" + strconv.FormatUint(maphash.Bytes(fontSeed, data), 16)
}

// loadUTF8Font returns the cached registration of data, parsing it the
// first time.
func loadUTF8Font(key, fontkey string, data []byte) (*utf8FontInfo, error) {
	if v, ok := utf8Fonts.Load(key); ok {
		return v.(*utf8FontInfo), nil
	}
	reader := fileReader{readerPosition: 0, array: data}
	utf8File := newUTF8Font(&reader)
	if err := utf8File.parseFile(); err != nil {
		return nil, err
	}
	info := &utf8FontInfo{
		desc: FontDescType{
			Ascent:       int(utf8File.Ascent),
			Descent:      int(utf8File.Descent),
			CapHeight:    utf8File.CapHeight,
			Flags:        utf8File.Flags,
			FontBBox:     utf8File.Bbox,
			ItalicAngle:  utf8File.ItalicAngle,
			StemV:        utf8File.StemV,
			MissingWidth: round(utf8File.DefaultWidth),
		},
		up: int(round(utf8File.UnderlinePosition)),
		ut: round(utf8File.UnderlineThickness),
		cw: utf8File.CharWidths,
	}
	info.id, _ = generateFontID(fontDefType{Tp: "UTF8", Name: fontkey, Desc: info.desc, Up: info.up, Ut: info.ut, Cw: info.cw})
	v, _ := utf8Fonts.LoadOrStore(key, info)
	return v.(*utf8FontInfo), nil
}

// subset returns the embedded subset of font for the runes it used,
// cutting and compressing it on a cache miss.
func (font *fontDefType) subset(usedRunes map[int]int) *cutFont {
	runes := make([]int, 0, len(usedRunes))
	for _, r := range usedRunes {
		runes = append(runes, r)
	}
	sort.Ints(runes)
	var kb strings.Builder
	kb.WriteString(font.cacheKey)
	prev := -1
	for _, r := range runes {
		if r != prev {
			kb.WriteByte(',')
			kb.WriteString(strconv.Itoa(r))
		}
		prev = r
	}
	key := kb.String()
	if font.cacheKey != "" {
		cutMu.Lock()
		c := cutFonts[key]
		cutMu.Unlock()
		if c != nil {
			return c
		}
	}
	utf := font.utf8File
	if utf == nil {
		reader := fileReader{readerPosition: 0, array: font.utf8Bytes}
		utf = newUTF8Font(&reader)
		if err := utf.parseFile(); err != nil {
			return nil
		}
	}
	stream := utf.GenerateCutFont(usedRunes)
	cidToGidMap := make([]byte, 256*256*2)
	for cc, glyph := range utf.CodeSymbolDictionary {
		if cc == 0 {
			continue
		}
		cidToGidMap[cc*2] = byte(glyph >> 8)
		cidToGidMap[cc*2+1] = byte(glyph & 0xFF)
	}
	c := &cutFont{size: len(stream), lastRune: utf.LastRune}
	mem := xmem.compress(cidToGidMap)
	c.cidToGid = mem.copy()
	mem.release()
	mem = xmem.compress(stream)
	c.stream = mem.copy()
	mem.release()
	if font.cacheKey != "" {
		cutMu.Lock()
		if _, ok := cutFonts[key]; !ok {
			if len(cutFontKeys) >= maxCutFonts {
				delete(cutFonts, cutFontKeys[0])
				cutFontKeys = cutFontKeys[1:]
			}
			cutFonts[key] = c
			cutFontKeys = append(cutFontKeys, key)
		}
		cutMu.Unlock()
	}
	return c
}
