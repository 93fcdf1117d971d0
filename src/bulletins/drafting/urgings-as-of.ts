import { EventStore } from '../../event-store/event-store.port';
import { URGING_STREAMS } from '../../notifications/urging/urging.decider';

/** One WarningUrged event as the drafting needs it. */
export interface UrgingRecord {
  urgingId: string;
  warningId: string;
  targetId: string;
  planCode: string;
  indicatorCode: string;
  unitCode: string;
  message: string;
  replyBy: string | null;
  urgedAt: string;
  urgedBy: string | null;
  /** The unit answered it (UrgingReplied) by the cutoff. */
  replied: boolean;
}

const PAGE = 2_000;

/** The plan's urgings (催办) recorded at or before the cutoff, and whether replied by then, read from the log (urging streams only). */
export async function urgingsAsOf(store: EventStore, cutoff: string, planCode: string): Promise<UrgingRecord[]> {
  const until = new Date(cutoff).getTime();
  const found: UrgingRecord[] = [];
  const replied = new Set<string>();
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readLog({
      after,
      limit: PAGE,
      types: ['WarningUrged', 'UrgingReplied'],
      streamPrefixes: [URGING_STREAMS.prefix],
    });
    if (!page.length) break;
    after = page[page.length - 1].position;
    for (const event of page) {
      const data = event.data as Omit<UrgingRecord, 'urgedAt' | 'urgedBy' | 'replyBy' | 'replied'> & {
        replyBy?: string;
      };
      if (data.planCode !== planCode || new Date(event.metadata.recordedAt).getTime() > until) continue;
      if (event.type === 'UrgingReplied') {
        replied.add(data.urgingId);
        continue;
      }
      found.push({
        replied: false,
        urgingId: data.urgingId,
        warningId: data.warningId,
        targetId: data.targetId,
        planCode: data.planCode,
        indicatorCode: data.indicatorCode,
        unitCode: data.unitCode,
        message: data.message,
        replyBy: data.replyBy ?? null,
        urgedAt: event.metadata.recordedAt,
        urgedBy: event.metadata.actor?.displayName ?? event.metadata.actor?.username ?? null,
      });
    }
    if (page.length < PAGE) break;
  }
  return found.map((u) => ({ ...u, replied: replied.has(u.urgingId) }));
}
