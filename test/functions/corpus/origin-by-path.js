import cf from 'cloudfront';

// One distribution, several back ends: the first path segment picks the origin and is stripped.
const ROUTES = [
  ['/api/', 'api-alb'],
  ['/media/', 'media-bucket'],
];

function handler(event) {
  const request = event.request;
  const route = ROUTES.find((r) => request.uri.startsWith(r[0]));
  if (route) {
    cf.selectRequestOriginById(route[1]);
    request.uri = request.uri.slice(route[0].length - 1);
  }
  return request;
}
