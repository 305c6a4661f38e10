// Package segment is the "segment" stage: it splits a document's text into
// paragraphs and sentences, each a code-point span of Document.Text.
//
// Paragraphs are separated by blank lines (by every line break in HTML,
// whose rendering puts one block a line). Sentences end at ., ! or ?
// followed by space and a likely sentence start, except after the
// abbreviations in abbreviations.yaml ("U.S.", "Jan.", "Dr.", "e.g.",
// "No.") and after initials; a note marker right after the full stop
// ("… agreement. [3] This …") stays with the sentence it annotates.
// Offsets never move: the segmenter only records spans.
package segment
