// Viewer response: every cookie the origin sets gets Secure, and the stack is not advertised.
function secure(item) {
  const attributes = item.attributes || '';
  if (/(^|;\s*)secure(;|$)/i.test(attributes)) return item;
  return { value: item.value, attributes: attributes ? `${attributes}; Secure` : 'Secure' };
}

function handler(event) {
  const response = event.response;
  Object.keys(response.cookies).forEach((name) => {
    const cookie = response.cookies[name];
    const updated = secure(cookie);
    if (cookie.multiValue) updated.multiValue = cookie.multiValue.map(secure);
    response.cookies[name] = updated;
  });
  delete response.headers['x-powered-by'];
  response.headers['strict-transport-security'] = { value: 'max-age=63072000; includeSubDomains; preload' };
  return response;
}
