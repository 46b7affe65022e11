// Developer Guide, example code: normalize query string parameters (sorted, returned as a string).
function handler(event) {
  var pairs = [];
  var query = event.request.querystring;
  for (var name in query) {
    if (query[name].multiValue) query[name].multiValue.forEach((item) => pairs.push(name + '=' + item.value));
    else pairs.push(name + '=' + query[name].value);
  }
  event.request.querystring = pairs.sort().join('&');
  return event.request;
}
