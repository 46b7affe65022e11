import { describe, expect, it } from '@jest/globals';
import { viewerResponseEvent } from '../../../src';
import { outputOf, run, V2 } from './corpus';

// Runtime 2.0 viewer-response functions that work on the response's cookies (values with attributes).

describe('secure-cookies (2.0)', () => {
  it('adds Secure to every cookie that lacks it, repeated cookies included', () => {
    const event = viewerResponseEvent({
      responseHeaders: { 'content-type': 'text/html', 'x-powered-by': 'PHP/8.3' },
      responseCookies: {
        sid: { value: 'abc', attributes: 'Path=/; HttpOnly' },
        theme: { value: 'dark' },
        pref: { value: 'a', attributes: 'Secure; Path=/', multiValue: [{ value: 'a', attributes: 'Secure; Path=/' }, { value: 'b', attributes: 'Path=/b' }] },
      },
    });
    expect(outputOf(run('secure-cookies', V2, event))).toEqual({
      response: {
        statusCode: 200,
        statusDescription: 'OK',
        headers: { 'content-type': { value: 'text/html' }, 'strict-transport-security': { value: 'max-age=63072000; includeSubDomains; preload' } },
        cookies: {
          sid: { value: 'abc', attributes: 'Path=/; HttpOnly; Secure' },
          theme: { value: 'dark', attributes: 'Secure' },
          pref: { value: 'a', attributes: 'Secure; Path=/', multiValue: [{ value: 'a', attributes: 'Secure; Path=/' }, { value: 'b', attributes: 'Path=/b; Secure' }] },
        },
      },
    });
  });

  it('changes nothing else of a response without cookies', () => {
    const event = viewerResponseEvent({ statusCode: 304, statusDescription: 'Not Modified' });
    expect(outputOf(run('secure-cookies', V2, event))).toEqual({
      response: { statusCode: 304, statusDescription: 'Not Modified', headers: { 'strict-transport-security': { value: 'max-age=63072000; includeSubDomains; preload' } }, cookies: {} },
    });
  });
});

describe('cookie-consent (2.0)', () => {
  it('asks for consent when the viewer has not answered', () => {
    const event = viewerResponseEvent({ uri: '/', responseHeaders: { 'content-type': 'text/html' } });
    expect(outputOf(run('cookie-consent', V2, event))).toEqual({
      response: {
        statusCode: 200,
        statusDescription: 'OK',
        headers: { 'content-type': { value: 'text/html' } },
        cookies: { 'consent-required': { value: '1', attributes: 'Path=/; Max-Age=31536000; SameSite=Lax' } },
      },
    });
  });

  it('leaves the response alone once the viewer answered', () => {
    const event = viewerResponseEvent({ uri: '/', cookies: { consent: 'all' } });
    expect(outputOf(run('cookie-consent', V2, event))).toEqual({ response: { statusCode: 200, statusDescription: 'OK', headers: {}, cookies: {} } });
  });
});
