// Viewer response: asks the page to show the consent banner until the viewer has answered.
function handler(event) {
  const response = event.response;
  if (event.request.cookies.consent) return response;
  response.cookies['consent-required'] = { value: '1', attributes: 'Path=/; Max-Age=31536000; SameSite=Lax' };
  return response;
}
