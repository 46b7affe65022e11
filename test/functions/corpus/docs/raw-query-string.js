// Developer Guide, general helper methods: rawQueryString(), the query as the viewer sent it, without "?".
function handler(event) {
  const request = event.request;
  const raw = request.rawQueryString();
  console.log(raw === undefined ? 'undefined' : JSON.stringify(raw));
  return request;
}
