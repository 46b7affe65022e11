// Go's standard library against a cloudfront-kvs-mock server, the way the Go SDK's transport
// goes: the data plane's host carries the account id (123456789012.localhost), which does not
// resolve here, and http.ProxyFromEnvironment sends it to HTTP_PROXY, the server itself.
//
// Usage: go run main.go ENDPOINT ARN (a store holding k/1 = "from go"). Prints one JSON line per check.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strings"
)

func report(name string, ok bool, detail string) {
	line, _ := json.Marshal(map[string]interface{}{"name": "go: " + name, "ok": ok, "detail": detail})
	fmt.Println(string(line))
}

func get(target string) (int, http.Header, map[string]interface{}, error) {
	response, err := http.Get(target)
	if err != nil {
		return 0, nil, nil, err
	}
	defer response.Body.Close()
	body, _ := io.ReadAll(response.Body)
	var parsed map[string]interface{}
	if err := json.Unmarshal(body, &parsed); err != nil {
		return response.StatusCode, response.Header, nil, fmt.Errorf("not JSON: %s", body)
	}
	return response.StatusCode, response.Header, parsed, nil
}

func main() {
	endpoint, arn := os.Args[1], os.Args[2]
	report("version", true, runtime.Version()+", HTTP_PROXY="+os.Getenv("HTTP_PROXY"))
	host := strings.Replace(endpoint, "localhost", "123456789012.localhost", 1)
	base := host + "/key-value-stores/" + url.PathEscape(arn) + "/keys/"

	status, _, body, err := get(base + url.PathEscape("k/1"))
	switch {
	case err != nil:
		report("GetKey through HTTP_PROXY at the account-prefixed host", false, err.Error())
	case status != 200 || body["Value"] != "from go" || body["Key"] != "k/1":
		report("GetKey through HTTP_PROXY at the account-prefixed host", false, fmt.Sprintf("%d %v", status, body))
	default:
		report("GetKey through HTTP_PROXY at the account-prefixed host", true, "")
	}

	status, header, body, err := get(base + "missing")
	errorType := header.Get("x-amzn-ErrorType")
	if err != nil || status != 404 || !strings.HasPrefix(errorType, "ResourceNotFoundException") {
		report("GetKey of a missing key: 404 ResourceNotFoundException", false, fmt.Sprintf("%d %q %v %v", status, errorType, body, err))
	} else {
		report("GetKey of a missing key: 404 ResourceNotFoundException", true, "")
	}
}
