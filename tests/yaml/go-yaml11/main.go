// Command go-yaml11 reads a multi-document YAML stream on stdin and prints, for each document, one line of JSON:
// {"json": <value>} with the value exactly as sigs.k8s.io/yaml's YAMLToJSON produces it (what kubectl sends to the
// API server), or {"error": "<message>"} when that document does not parse.
//
// Documents are split the way kubectl splits them (k8s.io/apimachinery/pkg/util/yaml.YAMLReader): a line that starts
// with "---" ends the current document; only spaces or a comment may follow the marker on that line, anything else
// is an error for the whole stream. Empty documents (only whitespace or comments) are skipped, as kubectl skips them.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"sigs.k8s.io/yaml"
)

const separator = "---"

// splitDocuments mirrors YAMLReader.Read: line based, a line starting with "---" is a separator.
func splitDocuments(r io.Reader) ([][]byte, error) {
	var docs [][]byte
	var cur bytes.Buffer
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			if bytes.HasPrefix(line, []byte(separator)) {
				rest := strings.TrimSpace(string(line[len(separator):]))
				if len(rest) > 0 && rest[0] != '#' {
					return nil, fmt.Errorf("invalid Yaml document separator: %s", rest)
				}
				if cur.Len() > 0 {
					docs = append(docs, append([]byte(nil), cur.Bytes()...))
					cur.Reset()
				}
			} else {
				cur.Write(line)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if cur.Len() > 0 {
		docs = append(docs, cur.Bytes())
	}
	return docs, nil
}

type result struct {
	JSON  json.RawMessage `json:"json,omitempty"`
	Error string          `json:"error,omitempty"`
}

func main() {
	docs, err := splitDocuments(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for _, doc := range docs {
		var res result
		j, err := yaml.YAMLToJSON(doc)
		if err != nil {
			res.Error = err.Error()
		} else if string(j) == "null" && isBlank(doc) {
			continue // kubectl skips documents with no content
		} else {
			res.JSON = j
		}
		if err := enc.Encode(res); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
}

// isBlank reports whether a document holds only whitespace and comments.
func isBlank(doc []byte) bool {
	for _, line := range strings.Split(string(doc), "\n") {
		t := strings.TrimSpace(line)
		if t != "" && !strings.HasPrefix(t, "#") {
			return false
		}
	}
	return true
}
