import cf from 'cloudfront';

// Developer Guide, general helper methods: logCustomData() adds the function's data to the access log line.
function handler(event) {
  const request = event.request;
  cf.logCustomData(`user-agent ${request.headers['user-agent'] ? request.headers['user-agent'].value : '-'}`);
  return request;
}
