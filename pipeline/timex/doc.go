// Package timex is dossier's temporal tagger: it finds temporal expressions
// in English text and normalises them to TIMEX3 (TimeML) values, the way
// TempEval-3 measures taggers.
//
// The tagger is rule-based. A tokenizer splits the text into words, numbers
// and punctuation; a small hand-written grammar reads dates, times,
// durations and recurring sets off the token stream; every name it knows
// (months, seasons, holidays, units, number words, relative words) comes
// from lexicon.yaml, embedded in the package, so the grammar holds no word
// lists.
//
// Values come at the precision the text gives ("1905", "2014-04",
// "2004-11-14", "2014-W11", "2014-Q3", "2014-FA", "201" for the 2010s,
// "19" for the twentieth century, "P3M" for three months, "PRESENT_REF"
// for "now"). A range ("November 2013 to February 2014", "between 2013
// and 2014") is one expression with a Value and an EndValue.
//
// Anchoring, the one rule: deictic expressions — "yesterday", "last week",
// "on Friday", "two years ago", "this month" — resolve against the
// document creation date (DCT) when there is one, else against the
// narrative reference time (the last fully specified date before them).
// A month or season named without a year ("In April") takes the year of
// the narrative instead when a year was stated earlier in the same
// paragraph, since a history told paragraph by paragraph names the year
// once and then the months; with no year in the paragraph it falls back
// to the DCT's year, then to the last year named anywhere before it.
// Expressions whose value came from a reference carry Anchored. A year
// fixed by reference to the creation date ("this year's third quarter",
// "last year") moves the narrative year like a stated one.
//
// Direction of a bare weekday or month: the past of the creation date
// unless the sentence before it speaks of the future ("will", "is
// scheduled to", "as early as"; "would" only within its clause); "next
// to", "set Friday as" and "lower-than-expected" are no future cues.
//
// Earnings reports: the first quarter a story names is the quarter it
// reports on, and "a year earlier", "the year-ago period" and "the 1988
// period" refer to it; a quarter named later in the story is a
// comparison. A story that names no quarter for a few paragraphs has
// moved on.
//
// The stage takes the creation date from the document's published date,
// and from pipeline.dct only for documents whose metadata gives none.
package timex
