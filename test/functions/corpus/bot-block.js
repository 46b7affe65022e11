// Turns away scrapers and requests without a User-Agent; search engines may crawl.
var BLOCKED = /(bot|crawler|spider|scrapy|python-requests|curl)\b/i;
var ALLOWED = /googlebot|bingbot/i;

function handler(event) {
  var userAgent = event.request.headers['user-agent'];
  var value = userAgent ? userAgent.value : '';
  if (!value || (BLOCKED.test(value) && !ALLOWED.test(value))) {
    return {
      statusCode: 403,
      statusDescription: 'Forbidden',
      headers: { 'content-type': { value: 'text/plain' } },
      body: 'Automated access is not allowed.',
    };
  }
  return event.request;
}
