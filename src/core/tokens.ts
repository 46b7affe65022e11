import { createHmac } from 'node:crypto';

/**
 * Opaque pagination tokens: the position they resume after, signed for the list they belong
 * to. A token the simulator did not issue for that list, or a forged one, does not verify.
 * Signing (not a registry of issued tokens) keeps memory flat however many pages are read.
 */
export class PageTokens {
  constructor(private readonly secret: string) {}

  issue(scope: string, position: string): string {
    const body = Buffer.from(position, 'utf8').toString('base64url');
    return `${body}.${this.sign(scope, body)}`;
  }

  /** The position a token resumes after, or undefined when it is not one of ours for `scope`. */
  read(scope: string, token: string): string | undefined {
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const body = token.slice(0, dot);
    if (token.slice(dot + 1) !== this.sign(scope, body)) return undefined;
    return Buffer.from(body, 'base64url').toString('utf8');
  }

  private sign(scope: string, body: string): string {
    return createHmac('sha256', this.secret).update(scope).update('\0').update(body).digest('base64url').slice(0, 22);
  }
}
