package schema

// CSLItem is one bibliographic item in CSL-JSON, the format Zotero and
// citeproc read. Field names follow the CSL-JSON specification.
type CSLItem struct {
	ID              string    `json:"id,omitempty"`
	Type            string    `json:"type,omitempty"`
	Author          []CSLName `json:"author,omitempty"`
	Editor          []CSLName `json:"editor,omitempty"`
	Title           string    `json:"title,omitempty"`
	ContainerTitle  string    `json:"container-title,omitempty"`
	CollectionTitle string    `json:"collection-title,omitempty"`
	Publisher       string    `json:"publisher,omitempty"`
	PublisherPlace  string    `json:"publisher-place,omitempty"`
	Issued          *CSLDate  `json:"issued,omitempty"`
	Accessed        *CSLDate  `json:"accessed,omitempty"`
	URL             string    `json:"URL,omitempty"`
	DOI             string    `json:"DOI,omitempty"`
	ISBN            string    `json:"ISBN,omitempty"`
	Volume          string    `json:"volume,omitempty"`
	Issue           string    `json:"issue,omitempty"`
	Page            string    `json:"page,omitempty"`
	Edition         string    `json:"edition,omitempty"`
	Genre           string    `json:"genre,omitempty"`
	Note            string    `json:"note,omitempty"`
	Language        string    `json:"language,omitempty"`
}

// CSLName is a person (Family, Given) or an institution (Literal).
type CSLName struct {
	Family string `json:"family,omitempty"`
	Given  string `json:"given,omitempty"`
	// Particle such as "van" or "de" that belongs before Family.
	Particle string `json:"non-dropping-particle,omitempty"`
	Suffix   string `json:"suffix,omitempty"`
	Literal  string `json:"literal,omitempty"`
}

// Display renders the name as people write it: "Given Family", or the literal.
func (n CSLName) Display() string {
	if n.Literal != "" {
		return n.Literal
	}
	s := n.Given
	for _, p := range []string{n.Particle, n.Family, n.Suffix} {
		if p == "" {
			continue
		}
		if s != "" {
			s += " "
		}
		s += p
	}
	return s
}

// CSLDate is a CSL date: date-parts at the precision known, or raw text.
type CSLDate struct {
	DateParts [][]int `json:"date-parts,omitempty"`
	Raw       string  `json:"raw,omitempty"`
}
