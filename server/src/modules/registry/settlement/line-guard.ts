import { Transform, type Readable, type TransformCallback } from 'node:stream';

/** Bytes passed on between two turns of the event loop: a large chunk never blocks it for long. */
const SLICE = 64 * 1024;

/**
 * Stands before a CSV parser: passes the bytes on in slices of 64 KB, a turn of
 * the event loop apart, and stops at the first line longer than `maxLineBytes`
 * (`tooLong` names it, counting every line of the file from 1; nothing after it
 * is passed on). One pass over each byte, whatever the input: linear, and the
 * parser behind it never holds more than one line's limit of a line.
 */
export class LineGuard extends Transform {
  tooLong: { line: number; maxBytes: number } | null = null;
  private line = 1;
  private lineBytes = 0;

  constructor(private readonly maxLineBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let at = 0;
    const next = () => {
      if (this.tooLong || at >= chunk.length) return done();
      const slice = chunk.subarray(at, Math.min(chunk.length, at + SLICE));
      at += slice.length;
      let from = 0;
      for (let nl = slice.indexOf(0x0a); nl !== -1; nl = slice.indexOf(0x0a, from)) {
        if (this.lineBytes + nl - from > this.maxLineBytes) return this.stop(slice, from, done);
        this.line++;
        this.lineBytes = 0;
        from = nl + 1;
      }
      this.lineBytes += slice.length - from;
      if (this.lineBytes > this.maxLineBytes) return this.stop(slice, from, done);
      this.push(slice);
      setImmediate(next);
    };
    next();
  }

  /** Passes on the lines before the long one and nothing after. */
  private stop(slice: Buffer, lineStart: number, done: TransformCallback): void {
    this.tooLong = { line: this.line, maxBytes: this.maxLineBytes };
    if (lineStart > 0) this.push(slice.subarray(0, lineStart));
    done();
  }
}

/** The stream, destroyed (with the signal's reason) when the signal aborts: a job told to stop stops reading. */
export function abortable(stream: Readable, signal: AbortSignal | undefined): Readable {
  if (!signal) return stream;
  const abort = () => stream.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
  if (signal.aborted) abort();
  else {
    signal.addEventListener('abort', abort, { once: true });
    stream.once('close', () => signal.removeEventListener('abort', abort));
  }
  return stream;
}
