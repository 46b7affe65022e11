// Developer Guide, example code: add a Cache-Control header to the response (viewer response).
async function handler(event) {
  const response = event.response;
  if (response.statusCode >= 200 && response.statusCode < 400) {
    response.headers['cache-control'] = { value: 'public, max-age=63072000' };
  }
  return response;
}
