import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { AppendResult, EVENT_STORE, EventStore, StreamAppend } from '../../event-store/event-store.port';
import { WrongExpectedRevisionError } from '../../event-store/event-store.errors';
import { CommandContext } from '../../shared/event-sourcing/command-context';
import {
  DEFAULT_RETRIES,
  readStreamOrEmpty,
  retryDelayMs,
  toNewEvent,
} from '../../shared/event-sourcing/command-executor';
import { conflict } from '../../shared/problems/domain-error';
import { UrgedWarning, UrgingEvent, urgingDecider, urgingStream, WarningUrged } from './urging.decider';

/** Per-stream command ids of one batch urging (each stream's events get ids of their own). */
const NAMESPACE = '9a4e1c7b-3d2f-4b8a-8e6c-1f0d2b3a4c5e';

/**
 * The office urges a unit on several warnings at once — a month's missing reports from the 报送情况
 * matrix — with one message and reply deadline: all of them or none.
 */
export class UrgeUnitOnWarningsCommand {
  constructor(
    readonly warnings: readonly UrgedWarning[],
    readonly input: { message: string; replyBy?: string },
    readonly context: CommandContext,
  ) {}
}

export interface UrgingsWriteResult {
  urgings: Array<{ urgingId: string; warningId: string }>;
  /** Position of the last event appended. */
  position: bigint;
}

/**
 * Each warning's urging stream is read and decided as `UrgeUnitCommand` decides it; a refusal of any one
 * (a cleared warning) refuses the whole command before anything is written. The streams are then
 * appended in one transaction (`appendMany`: all or none) with their expected revisions; a concurrent
 * write to any of them re-reads and re-decides the whole batch. An event store without `appendMany`
 * (EventStoreDB: no transaction across streams) appends them one by one after every one was decided.
 */
@CommandHandler(UrgeUnitOnWarningsCommand)
export class UrgeUnitOnWarningsHandler implements ICommandHandler<UrgeUnitOnWarningsCommand, UrgingsWriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ warnings, input, context }: UrgeUnitOnWarningsCommand): Promise<UrgingsWriteResult> {
    for (let attempt = 0; ; attempt++) {
      const decided = await Promise.all(warnings.map((warning) => this.decide(warning, input, context)));
      try {
        const results = await this.appendAll(decided.flatMap((d) => (d.append ? [d.append] : [])));
        const positions = [
          ...results.map((r) => r.position),
          ...decided.flatMap((d) => (d.recorded !== undefined ? [d.recorded] : [])),
        ];
        return {
          urgings: decided.map((d) => ({ urgingId: d.urgingId, warningId: d.warningId })),
          position: positions.reduce((max, p) => (p > max ? p : max), -1n),
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= DEFAULT_RETRIES)
          throw conflict(
            'concurrent-modification',
            '数据正被他人同时修改，请重试 / Modified concurrently, please retry',
            {
              retryable: true,
            },
          );
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
      }
    }
  }

  private async decide(
    warning: UrgedWarning,
    input: { message: string; replyBy?: string },
    context: CommandContext,
  ): Promise<{ append?: StreamAppend; urgingId: string; warningId: string; recorded?: bigint }> {
    const streamId = urgingStream(warning.warningId);
    const history = await readStreamOrEmpty(this.store, streamId);
    const own: CommandContext = {
      ...context,
      commandId: uuidv5(`${context.commandId}/${warning.warningId}`, NAMESPACE),
      correlationId: context.correlationId ?? context.commandId,
    };
    // Written by an earlier attempt of this command (appended one by one, a later stream then conflicted).
    const mine = history.find((e) => e.metadata.commandId === own.commandId);
    if (mine)
      return {
        urgingId: (mine.data as WarningUrged['data']).urgingId,
        warningId: warning.warningId,
        recorded: mine.position,
      };
    const state = history.reduce(
      (s, e) => urgingDecider.evolve(s, e as unknown as UrgingEvent),
      urgingDecider.initialState,
    );
    const events = urgingDecider.decide({ type: 'UrgeUnit', warning, ...input }, state);
    return {
      append: {
        streamId,
        events: events.map((e, i) => toNewEvent(e, i, own)),
        expected: history.length ? history[history.length - 1].revision : 'no_stream',
      },
      urgingId: (events[0] as WarningUrged).data.urgingId,
      warningId: warning.warningId,
    };
  }

  private async appendAll(appends: StreamAppend[]): Promise<AppendResult[]> {
    if (this.store.appendMany) return this.store.appendMany(appends);
    const results: AppendResult[] = [];
    for (const a of appends) results.push(await this.store.append(a.streamId, a.events, a.expected));
    return results;
  }
}
