// Answers health checks at the edge with a pre-compressed body ("ok", gzip).
const OK_GZIP = 'H4sIAAAAAAAAA8vPBgBH3dx5AgAAAA==';

function handler(event) {
  if (event.request.uri !== '/healthz') return event.request;
  return {
    statusCode: 200,
    statusDescription: 'OK',
    headers: {
      'content-type': { value: 'text/plain' },
      'content-encoding': { value: 'gzip' },
      'cache-control': { value: 'no-store' },
    },
    body: { encoding: 'base64', data: OK_GZIP },
  };
}
