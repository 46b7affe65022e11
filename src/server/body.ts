/**
 * Reading a request body within the server's limits: at most `maxBodyBytes`, in full within
 * `requestTimeoutMs`. What breaks a limit is answered once and the connection closed; the
 * request never reaches the simulator.
 */
import type { IncomingMessage } from 'node:http';

export interface BodyError {
  status: 408 | 400 | 413;
  message: string;
}

export function readBody(req: IncomingMessage, limits: { maxBodyBytes: number; requestTimeoutMs: number }, callback: (error: BodyError | undefined, body: Buffer | undefined) => void): void {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limits.maxBodyBytes) return finishOnce(req, callback, tooLarge(limits.maxBodyBytes));
  if (req.complete && declared === '0') return callback(undefined, undefined);
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (error: BodyError | undefined) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    req.removeListener('data', onData);
    if (error) {
      req.pause();
      callback(error, undefined);
    } else callback(undefined, chunks.length === 0 ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
  };
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limits.maxBodyBytes) finish(tooLarge(limits.maxBodyBytes));
    else chunks.push(chunk);
  };
  const timer = setTimeout(
    () => finish({ status: 408, message: `The request body did not arrive in full within ${limits.requestTimeoutMs} ms.` }),
    limits.requestTimeoutMs,
  );
  timer.unref();
  req.on('data', onData);
  req.on('end', () => finish(undefined));
  // The client went away mid-body: nobody is left to answer.
  req.on('aborted', () => finish({ status: 400, message: 'The request body ended before its declared length.' }));
  req.on('error', () => finish({ status: 400, message: 'The request body ended before its declared length.' }));
}

function tooLarge(max: number): BodyError {
  return { status: 413, message: `The request body is larger than ${max} bytes, the most this server reads.` };
}

function finishOnce(req: IncomingMessage, callback: (error: BodyError | undefined, body: undefined) => void, error: BodyError): void {
  req.pause();
  callback(error, undefined);
}
