// Client-side routing: every page URL is served by /index.html; files and the API are left alone.
const FILE = /\.[a-z0-9]{1,8}$/i;

function handler(event) {
  const request = event.request;
  if (request.uri.startsWith('/api/') || FILE.test(request.uri)) return request;
  request.uri = '/index.html';
  return request;
}
