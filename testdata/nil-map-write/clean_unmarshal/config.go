// Package cleanunmarshal: the map is filled by json.Unmarshal through its
// address before it is written.
package cleanunmarshal

import "encoding/json"

// Load decodes the labels and adds a default.
func Load(data []byte) (map[string]string, error) {
	var labels map[string]string
	if err := json.Unmarshal(data, &labels); err != nil {
		return nil, err
	}
	if labels == nil {
		labels = map[string]string{}
	}
	labels["source"] = "config"
	return labels, nil
}
