/**
 * `CONNECT` to the server's own address: the server tunnels the connection into itself, so a
 * client that opens every proxied request with `CONNECT` (Node's `fetch` with
 * `NODE_USE_ENV_PROXY`) reaches it. A tunnel anywhere else is refused: nothing leaves the machine.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { isLoopback } from './options';

/** Whether `host:port` names this server: its port, on a loopback name (`*.localhost` too) or its own address. */
export function isOwnAuthority(authority: string, port: number, ownHost: string | undefined): boolean {
  const colon = authority.lastIndexOf(':');
  if (colon < 0 || Number(authority.slice(colon + 1)) !== port) return false;
  const host = authority.slice(0, colon).toLowerCase();
  return isLoopback(host) || host.endsWith('.localhost') || (ownHost !== undefined && host === ownHost.toLowerCase());
}

export function tunnelIntoSelf(server: Server, port: () => number, ownHost: string | undefined) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const authority = req.url ?? '';
    if (!isOwnAuthority(authority, port(), ownHost)) {
      const body = `This server tunnels only to itself (port ${port()}), not to ${authority}: point the client's endpoint at the server.\n`;
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    // The tunnelled bytes are HTTP to this server: hand the socket to it as a new connection.
    server.emit('connection', socket);
  };
}
