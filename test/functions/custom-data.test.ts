import { describe, expect, test } from '@jest/globals';
import { runFunction, viewerRequestEvent, viewerResponseEvent } from '../../src';
import { throughTestFunction } from './through-test-function';

const event = viewerRequestEvent({ uri: '/index.html' });
const logging = (body: string) => `import cf from 'cloudfront';\nfunction handler(event) {\n${body}\nreturn event.request; }`;

describe('cf.logCustomData(text) (F24)', () => {
  test('the text, URL-encoded, in the result', () => {
    const result = runFunction({ code: logging("cf.logCustomData('user=42; plan=gold & more/ü');"), event });
    expect(result.error).toBeUndefined();
    expect(result.customData).toBe('user%3D42%3B%20plan%3Dgold%20%26%20more%2F%C3%BC');
  });

  test('the last call wins; no call, no customData', () => {
    expect(runFunction({ code: logging("cf.logCustomData('first'); cf.logCustomData('second');"), event }).customData).toBe('second');
    expect(runFunction({ code: logging(''), event }).customData).toBeUndefined();
  });

  test('cut at 800 bytes after encoding, never inside an escape', () => {
    expect(runFunction({ code: logging("cf.logCustomData('a'.repeat(1000));"), event }).customData).toBe('a'.repeat(800));
    // 799 characters, then 'ü' (%C3%BC): %C3 would end at byte 802, so it is dropped whole.
    const cut = runFunction({ code: logging("cf.logCustomData('a'.repeat(799) + 'ü');"), event }).customData!;
    expect(cut).toBe('a'.repeat(799));
    const whole = runFunction({ code: logging("cf.logCustomData('a'.repeat(797) + 'ü');"), event }).customData!;
    expect(whole).toBe('a'.repeat(797) + '%C3');
    expect(Buffer.byteLength(whole)).toBe(800);
  });

  test('works in viewer-response functions too', () => {
    const code = "import cf from 'cloudfront';\nfunction handler(event) { cf.logCustomData('status=' + event.response.statusCode); return event.response; }";
    expect(runFunction({ code, event: viewerResponseEvent({ statusCode: 404 }) }).customData).toBe('status%3D404');
  });

  test.each([
    ['no argument', 'cf.logCustomData();'],
    ['a number', 'cf.logCustomData(42);'],
    ['two strings', "cf.logCustomData('a', 'b');"],
    ['an object', 'cf.logCustomData({ a: 1 });'],
  ])('%s fails the function inside, never the caller', (_name, body) => {
    const result = runFunction({ code: logging(body), event });
    expect(result.error).toEqual({ name: 'Error', message: 'logCustomData(): takes one string, the custom data to log' });
    expect(result.customData).toBeUndefined();
  });

  test('a function that catches the error goes on', () => {
    const result = runFunction({ code: logging("try { cf.logCustomData(1); } catch (e) { console.log(e.message); }"), event });
    expect(result.error).toBeUndefined();
    expect(result.logs).toEqual(['logCustomData(): takes one string, the custom data to log']);
  });

  test('TestFunction does not show it', async () => {
    const code = logging("cf.logCustomData('seen');");
    const tested = await throughTestFunction(code, event);
    expect(tested.FunctionErrorMessage).toBe('');
    expect(JSON.stringify(tested)).not.toContain('seen');
    expect(runFunction({ code, event }).customData).toBe('seen');
  });
});
