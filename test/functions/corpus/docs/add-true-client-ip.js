// Developer Guide, example code: add a True-Client-IP header to the request.
async function handler(event) {
  event.request.headers['true-client-ip'] = { value: event.viewer.ip };
  return event.request;
}
