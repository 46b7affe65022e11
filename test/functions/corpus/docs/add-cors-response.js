// Developer Guide, example code: add a CORS header to the response when the viewer sent an Origin.
async function handler(event) {
  const request = event.request;
  const response = event.response;
  if (!response.headers['access-control-allow-origin'] && request.headers.origin) {
    response.headers['access-control-allow-origin'] = { value: request.headers.origin.value };
    console.log('Access-Control-Allow-Origin was missing, adding it now.');
  }
  return response;
}
