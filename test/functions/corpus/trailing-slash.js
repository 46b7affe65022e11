// One URL per page: /docs/ redirects to /docs, keeping the query.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.length < 2 || uri.charAt(uri.length - 1) !== '/') return request;
  var query = [];
  for (var name in request.querystring) {
    var entry = request.querystring[name];
    var items = entry.multiValue || [entry];
    for (var i = 0; i < items.length; i++) query.push(name + '=' + items[i].value);
  }
  var target = uri.replace(/\/+$/, '') || '/';
  return {
    statusCode: 301,
    statusDescription: 'Moved Permanently',
    headers: { location: { value: target + (query.length ? '?' + query.join('&') : '') } },
  };
}
