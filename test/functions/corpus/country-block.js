// Content that may not be shown in some countries.
const BLOCKED = ['CU', 'IR', 'KP', 'SY'];

function handler(event) {
  const country = event.request.headers['cloudfront-viewer-country'];
  if (country && BLOCKED.includes(country.value)) {
    return {
      statusCode: 451,
      statusDescription: 'Unavailable For Legal Reasons',
      headers: { 'content-type': { value: 'text/plain' } },
      body: { encoding: 'text', data: `Not available in ${country.value}` },
    };
  }
  return event.request;
}
