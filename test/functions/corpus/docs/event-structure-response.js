// Developer Guide, event structure: a generated response with multi-value headers, cookies with
// attributes and a body object; a query string read entry by entry, multiValue included.
function handler(event) {
  const query = event.request.querystring;
  const tags = query.tag ? (query.tag.multiValue || [query.tag]).map((t) => t.value) : [];
  return {
    statusCode: 200,
    statusDescription: 'OK',
    headers: {
      'content-type': { value: 'application/json' },
      'x-tag': { value: tags[0] || 'none', multiValue: tags.map((t) => ({ value: t })) },
    },
    cookies: {
      id: { value: 'a3fWa', attributes: 'Expires=Wed, 05 Apr 2028 07:28:00 GMT' },
      pref: { value: 'dark', attributes: 'Path=/', multiValue: [{ value: 'dark', attributes: 'Path=/' }, { value: 'compact', attributes: 'Path=/list' }] },
    },
    body: { encoding: 'text', data: JSON.stringify({ tags }) },
  };
}
