// Package positions is the "positions" stage: who holds which stance on
// which issue.
//
// It reads each sentence clause by clause. A stance cue ("demands",
// "opposes", "position is that", "calling X a", …; configs/positions.yaml)
// gives the stance; the holder is the actor (doc.Actors) named before the
// cue in the clause, a group ("some researchers"), or, for a pronoun, the
// last named holder (with a warning for the analyst). Recommendations
// ("Japan should …", "we recommend", imperative list items, "X recommends
// 1) … 2) …") are the author's positions. The topic is normalised against
// the topic list (configs/topics.yaml) where one matches.
package positions
