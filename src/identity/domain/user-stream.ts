import { streamKind } from '../../shared/event-sourcing/stream-kind';

/** User streams: `user-<userId>`. */
export const USER_STREAMS = streamKind('user');

export function userStream(userId: string): string {
  return USER_STREAMS.of(userId);
}
