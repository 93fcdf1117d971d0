import { Injectable } from '@nestjs/common';
import { ExistingUser } from '../domain/user.state';
import { UserEventStream } from './user-event-stream';

/** How long a user's state read for a request may be reused. Changes made in this process evict it at once. */
export const USER_STATE_CACHE_MS = 2000;
const MAX_ENTRIES = 10_000;

/**
 * The current state of a user, from its stream (the source of truth, so a disabled user is refused
 * even while the read model lags), cached very briefly because every request asks.
 */
@Injectable()
export class UserStates {
  private readonly cache = new Map<string, { user: ExistingUser | undefined; until: number }>();

  constructor(private readonly stream: UserEventStream) {}

  async current(userId: string): Promise<ExistingUser | undefined> {
    const now = performance.now();
    const hit = this.cache.get(userId);
    if (hit && hit.until > now) return hit.user;
    const state = await this.stream.load(userId);
    const user = state.exists ? state : undefined;
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(userId, { user, until: now + USER_STATE_CACHE_MS });
    return user;
  }

  forget(userId: string): void {
    this.cache.delete(userId);
  }
}
