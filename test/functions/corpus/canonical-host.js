// www.example.com/... moves to example.com/..., path and query kept as the viewer sent them.
function handler(event) {
  const request = event.request;
  const host = request.headers.host.value;
  if (!host.startsWith('www.')) return request;
  const raw = request.rawQueryString();
  const query = raw === undefined ? '' : `?${raw}`;
  return {
    statusCode: 308,
    statusDescription: 'Permanent Redirect',
    headers: { location: { value: `https://${host.slice(4)}${request.uri}${query}` } },
  };
}
