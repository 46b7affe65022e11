/** Raw HTTP/1.1 over a socket, for what a client library would not send: proxy request lines, CONNECT, malformed requests. */
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The whole response as received. */
  text: string;
}

/** Parses the first response in `text` (content-length bodies only). */
export function parseResponse(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, end < 0 ? text.length : end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  const body = end < 0 ? '' : Buffer.from(text.slice(end + 4), 'latin1').subarray(0, length).toString('utf8');
  return { status: Number(statusLine.split(' ')[1]), headers, body, text };
}

/** Opens a socket to the server's IPv4 loopback. */
export function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Reads from `socket` until `done(text)` says the response is complete, the socket ends, or `timeoutMs` passes. */
export function readUntil(socket: Socket, done: (text: string) => boolean, timeoutMs = 5_000): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      resolve({ text, closed });
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (done(text)) finish(false);
    };
    const onClose = () => finish(true);
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

/** Whether `text` holds one complete content-length response. */
export function complete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const match = /content-length:\s*(\d+)/i.exec(text.slice(0, end));
  return Buffer.byteLength(text.slice(end + 4), 'latin1') >= Number(match?.[1] ?? 0);
}

/** Sends `request` on a new connection and reads one response. */
export async function exchange(port: number, request: string | Buffer, timeoutMs = 5_000): Promise<RawResponse & { closed: boolean }> {
  const socket = await open(port);
  socket.write(request);
  const { text, closed } = await readUntil(socket, complete, timeoutMs);
  socket.destroy();
  return { ...parseResponse(text), closed };
}
