// Cache-friendly query strings: lower-case names, tracking parameters dropped, parameters sorted.
var TRACKING = ['fbclid', 'gclid', 'msclkid'];

function handler(event) {
  var request = event.request;
  var qs = request.querystring;
  var pairs = [];
  for (var key in qs) {
    var name = key.toLowerCase();
    if (name.indexOf('utm_') === 0 || TRACKING.indexOf(name) >= 0) continue;
    var items = qs[key].multiValue || [qs[key]];
    for (var i = 0; i < items.length; i++) pairs.push(name + '=' + items[i].value);
  }
  if (pairs.length) {
    pairs.sort();
    request.querystring = pairs.join('&');
  } else {
    request.querystring = {};
  }
  return request;
}
