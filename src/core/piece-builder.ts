import { endOf, flatten, header } from './chunk-entries';

/** Builds the pieces of a rewritten chunk: flat strings of `per` entries each (the last may hold fewer). */
export class PieceBuilder {
  private per = 0;
  private left = 0;
  private parts: string[] = [];
  private starts: number[] = [];
  private filled = 0;
  private pos = 0;
  private pieces: string[] = [];
  private pieceStarts: number[][] = [];

  begin(per: number, count: number): this {
    this.per = per;
    this.left = count;
    this.pieces = [];
    this.pieceStarts = [];
    this.open();
    return this;
  }

  /** One new entry. */
  entry(key: string, value: string, ascii: boolean): void {
    const head = header(key.length, ascii);
    this.starts[this.filled++] = this.pos;
    this.parts.push(head, key, value);
    this.pos += head.length + key.length + value.length;
    this.advance(1);
  }

  /** Old entries `a..b` of a chunk, copied as spans that stop at piece boundaries. */
  copy(chunk: string, starts: number[], a: number, b: number): void {
    while (a < b) {
      const take = Math.min(b - a, this.per - this.filled);
      const from = starts[a]!;
      const to = endOf(chunk, starts, a + take - 1);
      for (let j = a; j < a + take; j++) this.starts[this.filled++] = starts[j]! - from + this.pos;
      this.parts.push(chunk.slice(from, to));
      this.pos += to - from;
      a += take;
      this.advance(take);
    }
  }

  end(): { pieces: string[]; pieceStarts: number[][] } {
    this.close();
    const out = { pieces: this.pieces, pieceStarts: this.pieceStarts };
    this.parts = [];
    this.pieces = [];
    this.pieceStarts = [];
    return out;
  }

  private advance(entries: number): void {
    this.left -= entries;
    if (this.filled === this.per && this.left > 0) {
      this.close();
      this.open();
    }
  }

  private open(): void {
    // Sized up front: an array grown by pushes keeps spare capacity in every chunk.
    this.starts = new Array(Math.min(this.per, this.left));
    this.filled = 0;
    this.pos = 0;
    this.parts = [];
  }

  private close(): void {
    this.pieces.push(flatten(this.parts));
    this.pieceStarts.push(this.starts);
  }
}
