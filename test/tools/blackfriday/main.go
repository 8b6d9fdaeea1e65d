// Renders markdown as Pugo 0.10 did (app/helper/markdown.go: blackfriday v1, the same flags and
// the same tab-expanding code blocks), as the oracle of pugo's markdown parity test.
// Protocol: each line of stdin is one JSON string (a document); each line of stdout is the JSON
// string of its HTML, so one process renders any number of documents.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"strings"

	"github.com/russross/blackfriday"
)

type pugoRenderer struct{ blackfriday.Renderer }

// BlockCode lower-cases the language and turns tabs into four spaces, as Pugo's renderer did.
func (r *pugoRenderer) BlockCode(out *bytes.Buffer, text []byte, lang string) {
	var tmp bytes.Buffer
	r.Renderer.BlockCode(&tmp, text, strings.ToLower(lang))
	out.Write(bytes.Replace(tmp.Bytes(), []byte("\t"), []byte("    "), -1))
}

func render(doc string) string {
	htmlFlags := blackfriday.HTML_USE_XHTML | blackfriday.HTML_USE_SMARTYPANTS |
		blackfriday.HTML_SMARTYPANTS_FRACTIONS | blackfriday.HTML_SMARTYPANTS_LATEX_DASHES
	extensions := blackfriday.EXTENSION_NO_INTRA_EMPHASIS | blackfriday.EXTENSION_TABLES |
		blackfriday.EXTENSION_FENCED_CODE | blackfriday.EXTENSION_AUTOLINK |
		blackfriday.EXTENSION_STRIKETHROUGH | blackfriday.EXTENSION_SPACE_HEADERS |
		blackfriday.EXTENSION_HEADER_IDS
	r := &pugoRenderer{blackfriday.HtmlRenderer(htmlFlags, "", "")}
	return string(blackfriday.Markdown([]byte(doc), r, extensions))
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var doc string
		if err := json.Unmarshal(in.Bytes(), &doc); err != nil {
			os.Stderr.WriteString("bad input line: " + err.Error() + "\n")
			os.Exit(2)
		}
		enc.Encode(render(doc))
	}
}
