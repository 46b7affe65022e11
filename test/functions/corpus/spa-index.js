// Serves directory-style URLs of a static site from their index.html.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.charAt(uri.length - 1) === '/') {
    request.uri = uri + 'index.html';
  } else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
    // No extension in the last segment: a directory without its slash.
    request.uri = uri + '/index.html';
  }
  return request;
}
