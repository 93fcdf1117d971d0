export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Wrong expected revision for stream '${streamId}': expected ${expected}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class StreamNotFoundError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream '${streamId}' not found`);
    this.name = 'StreamNotFoundError';
  }
}

/** Some, but not all, of the event ids in an append are already stored: a caller bug. */
export class PartialDuplicateAppendError extends Error {
  constructor(readonly streamId: string) {
    super(`Append to '${streamId}' repeats some but not all stored event ids`);
    this.name = 'PartialDuplicateAppendError';
  }
}
