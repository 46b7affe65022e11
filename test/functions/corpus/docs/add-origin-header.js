// Developer Guide, example code: add a CORS Origin header to the request when the viewer sent none.
async function handler(event) {
  const request = event.request;
  if (!request.headers.origin) request.headers.origin = { value: `https://${request.headers.host.value}` };
  return request;
}
