/** The one place a user's stream name is made. */
export const USER_STREAM_PREFIX = 'user-';

export function userStream(userId: string): string {
  return `${USER_STREAM_PREFIX}${userId}`;
}
