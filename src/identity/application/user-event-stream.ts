import { Inject, Injectable } from '@nestjs/common';
import { StreamNotFoundError } from '../../event-store/event-store.errors';
import { EVENT_STORE, EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { UserEvent, isUserEventType } from '../domain/user.events';
import { UserState, foldUser } from '../domain/user.state';
import { userStream } from '../domain/user-stream';

/** Reads one user's current state from its stream (the source of truth). */
@Injectable()
export class UserEventStream {
  constructor(@Inject(EVENT_STORE) readonly eventStore: EventStore) {}

  async load(userId: string): Promise<UserState> {
    let recorded: RecordedEvent[];
    try {
      recorded = await this.eventStore.readStream(userStream(userId));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return foldUser([]);
      throw error;
    }
    return foldUser(
      recorded.filter((e) => isUserEventType(e.type)).map((e) => ({ type: e.type, data: e.data }) as UserEvent),
    );
  }
}
