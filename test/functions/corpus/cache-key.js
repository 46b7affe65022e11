// Fewer cache variants: lower-case path, only the parameters the site reads, a two-letter language.
var KEEP = ['lang', 'page', 'size'];

function handler(event) {
  var request = event.request;
  request.uri = request.uri.toLowerCase();
  var kept = {};
  for (var name in request.querystring) {
    var lower = name.toLowerCase();
    if (KEEP.indexOf(lower) >= 0) kept[lower] = { value: request.querystring[name].value.toLowerCase() };
  }
  request.querystring = kept;
  var language = request.headers['accept-language'];
  if (language) request.headers['accept-language'] = { value: language.value.slice(0, 2).toLowerCase() };
  return request;
}
