import cf from 'cloudfront';

// Developer Guide, general helper methods: cf.edgeLocation (viewer request; empty in a viewer response).
function handler(event) {
  console.log(JSON.stringify(cf.edgeLocation));
  return event.context.eventType === 'viewer-request' ? event.request : event.response;
}
