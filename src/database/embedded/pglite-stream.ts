import type { PGlite } from '@electric-sql/pglite';
import { Duplex } from 'node:stream';

/** Frontend messages that end a round: the backend answers them (Sync, Query, Flush, Terminate, COPY's end). */
const ROUND_ENDS = new Set([0x53, 0x51, 0x48, 0x58, 0x63, 0x66]);
const TERMINATE = 0x58;
const READY_FOR_QUERY = 0x5a;
const IDLE = 0x49;

/**
 * The `pg` driver's connection to the embedded database inside this process (pg's `stream` option): the
 * bytes the driver writes go to PGlite a round at a time (every message up to a Sync, Query or Flush in
 * one call) and PGlite's answer comes back as what the driver reads. No loopback socket, no message-by-
 * message hand-over: each statement costs one call into PGlite instead of five socket round trips.
 *
 * PGlite has one session: the stream holds it exclusively from a round until the backend reports the
 * session idle again (ReadyForQuery 'I'), so another connection's statements never run inside this
 * connection's transaction.
 */
export class PGliteStream extends Duplex {
  private pending: Buffer = Buffer.alloc(0);
  private startedUp = false;
  private work: Promise<void> = Promise.resolve();
  private release?: () => void;

  constructor(private readonly db: PGlite) {
    super();
  }

  // The socket methods pg calls on its stream.
  connect(): this {
    setImmediate(() => this.emit('connect'));
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }

  override _read(): void {
    // Answers are pushed as PGlite gives them.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const end = this.endOfRounds();
    if (end === 0) return done();
    const rounds = this.pending.subarray(0, end);
    this.pending = this.pending.subarray(end);
    this.work = this.work
      .then(() => this.exchange(rounds))
      .then(
        () => done(),
        (error: Error) => done(error),
      );
  }

  override _final(done: (error?: Error | null) => void): void {
    void this.work.then(() => done());
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.letGo();
    done(error);
  }

  /** Bytes up to the end of the last complete round in `pending` (0: none yet). */
  private endOfRounds(): number {
    const buffer = this.pending;
    let offset = 0;
    let end = 0;
    for (;;) {
      if (!this.startedUp) {
        // The startup packet: a length, no type byte.
        if (buffer.length - offset < 4 || buffer.length - offset < buffer.readInt32BE(offset)) return end;
        offset += buffer.readInt32BE(offset);
        this.startedUp = true;
        end = offset;
        continue;
      }
      if (buffer.length - offset < 5) return end;
      const type = buffer[offset];
      const length = 1 + buffer.readInt32BE(offset + 1);
      if (buffer.length - offset < length) return end;
      offset += length;
      if (ROUND_ENDS.has(type)) end = offset;
    }
  }

  private async exchange(rounds: Buffer): Promise<void> {
    if (rounds.length === 5 && rounds[0] === TERMINATE) {
      this.letGo();
      this.push(null);
      return;
    }
    if (!this.release) await this.holdSession();
    const parts: Buffer[] = [];
    await this.db.execProtocolRawStream(new Uint8Array(rounds.buffer, rounds.byteOffset, rounds.byteLength), {
      // A view into PGlite's memory, valid only during the callback: copied.
      onRawData: (data) => parts.push(Buffer.from(data)),
    });
    const answer = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    if (endsIdle(answer)) this.letGo();
    // Answered on a later turn of the event loop, as a socket would: a caller that polls in a loop must not
    // starve timers and I/O by running on promises alone.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (answer.length) this.push(answer);
  }

  private holdSession(): Promise<void> {
    return new Promise((held) => {
      void this.db.runExclusive(
        () =>
          new Promise<void>((release) => {
            this.release = release;
            held();
          }),
      );
    });
  }

  private letGo(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}

/** Whether the answer ends with ReadyForQuery reporting an idle session (no transaction open). */
function endsIdle(answer: Buffer): boolean {
  const at = answer.length - 6;
  return at >= 0 && answer[at] === READY_FOR_QUERY && answer[at + 5] === IDLE;
}
