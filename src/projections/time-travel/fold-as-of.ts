import { Logger } from '@nestjs/common';
import { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection, ProjectedDocument } from '../runner/document-projection';
import { DocumentLoader, DocumentWorkspace } from '../runner/document-workspace';
import { AsOf, includes } from './as-of';
import { RecentViews } from './recent-views';
import { SnapshotKey, SnapshotMark, SnapshotStore } from './snapshot-store';

/** Which part of the log an as-of view reads (the same filter makes the same snapshots). */
export interface AsOfFilter {
  types?: readonly string[];
  streamPrefixes?: readonly string[];
}

export interface AsOfFolderOptions {
  /** Events read per page of the log. */
  pageSize?: number;
  /** A fold that applied at least this many events since the last snapshot stores one where it ends. */
  snapshotEvery?: number;
  /** Documents kept in memory across the most recently used snapshots. */
  cachedDocuments?: number;
  /** Documents kept in memory across the most recently answered views. */
  viewDocuments?: number;
}

type Docs<Doc> = ReadonlyMap<string, Doc>;

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
/** The month (Asia/Shanghai) of a recorded time: snapshots are taken where the log crosses into the next. */
const monthOf = (recordedAt: string) => new Date(Date.parse(recordedAt) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);

/**
 * Time travel as a mechanism (历史时点): any document projection folded "as of" a position or a time
 * with its own pure `evolve`, starting from the nearest stored snapshot instead of the start of the log.
 *
 * Snapshots are taken by folds that read a complete prefix of the scope (every event up to where they
 * stand, none left out for its time): where the log crosses into a new month (Asia/Shanghai), and where
 * a fold ends after `snapshotEvery` events or more. A view as of a position starts from the latest
 * snapshot at or before it; as of a time, from the latest whose events were all recorded by then, and
 * reads the rest with the time as a filter of the log. Snapshots belong to the projection's version
 * (another version's are never read) and a rebuild deletes them. Without a snapshot store (an event
 * store without PostgreSQL beside it) every view folds from the start, as before.
 *
 * The views answered lately are kept in memory (bounded by `viewDocuments`) with the head of the log
 * they were folded at: asked again, a view is answered from memory when no event of its scope that it
 * would hold came since (a time or a position later than the view's moment does not change it), and
 * folded again otherwise. A rebuild in any process (a new snapshot generation) drops what is in memory.
 */
export class AsOfFolder {
  private readonly logger = new Logger('AsOf');
  private readonly pageSize: number;
  private readonly snapshotEvery: number;
  private readonly cachedDocuments: number;
  /** Most recently used last; keyed by projection, version, scope and position. */
  private readonly cache = new Map<string, Docs<unknown>>();
  /**
   * Where folds of complete prefixes ended, kept in memory only (with their documents in `cache`): the
   * next view at or after such a point starts there — e.g. the head, whose tail since the last stored
   * snapshot is too short to store one, yet folding it again on every call is most of the call.
   */
  private readonly memoryMarks = new Map<string, SnapshotMark[]>();
  private readonly views: RecentViews;
  /** The snapshot generation last seen per projection: what is in memory was folded under it. */
  private readonly generations = new Map<string, bigint>();

  constructor(
    private readonly store: EventStore,
    private readonly snapshots?: SnapshotStore,
    options: AsOfFolderOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 20_000;
    this.snapshotEvery = options.snapshotEvery ?? 5_000;
    this.cachedDocuments = options.cachedDocuments ?? 12_000;
    this.views = new RecentViews(options.viewDocuments ?? 10_000);
  }

  /** The projection's documents as of then, over the part of the log the filter names. */
  async foldAsOf<Doc extends ProjectedDocument>(
    projection: DocumentProjection<Doc>,
    asOf: AsOf,
    filter: AsOfFilter = {},
  ): Promise<Doc[]> {
    const key: SnapshotKey = { projection: projection.name, version: projection.version, scope: scopeOf(filter) };
    const [head, generation] = await Promise.all([this.store.headPosition(), this.generationOf(projection.name)]);
    const id = viewId(key, asOf);
    const recent = this.views.get<Doc>(id);
    if (recent && recent.generation === generation && (await this.unchangedSince(recent.head, head, asOf, filter))) {
      if (head > recent.head) recent.head = head;
      return [...recent.docs];
    }
    const docs = await this.fold(key, projection, asOf, filter);
    this.views.set(id, { docs, head, generation });
    return [...docs];
  }

  /** Whether the log holds no event after `since` (up to `head`, or later) that the view would hold. */
  private async unchangedSince(since: bigint, head: bigint, asOf: AsOf, filter: AsOfFilter): Promise<boolean> {
    if (head <= since || ('position' in asOf && asOf.position <= since)) return true;
    const [next] = await this.store.readLog({
      after: since,
      limit: 1,
      types: filter.types,
      streamPrefixes: filter.streamPrefixes,
      ...('time' in asOf ? { recordedUpTo: asOf.time } : {}),
    });
    return !next || ('position' in asOf && next.position > asOf.position);
  }

  /** The generation of the projection's snapshots; when it moved (a rebuild), what memory holds of it goes. */
  private async generationOf(projection: string): Promise<bigint> {
    if (!this.snapshots) return 0n;
    const generation = await this.snapshots.generation(projection);
    const seen = this.generations.get(projection);
    if (seen !== undefined && seen !== generation) {
      const prefix = `${projection}|`;
      this.views.deleteStartingWith(prefix);
      for (const id of [...this.cache.keys()]) if (id.startsWith(prefix)) this.cache.delete(id);
      for (const id of [...this.memoryMarks.keys()]) if (id.startsWith(prefix)) this.memoryMarks.delete(id);
    }
    this.generations.set(projection, generation);
    return generation;
  }

  private async fold<Doc extends ProjectedDocument>(
    key: SnapshotKey,
    projection: DocumentProjection<Doc>,
    asOf: AsOf,
    filter: AsOfFilter,
  ): Promise<Doc[]> {
    const start = await this.start<Doc>(key, asOf);
    const fold = new Fold(projection, start.docs, start.mark);
    // A complete prefix so far (nothing left out for its time): what is folded may become a snapshot.
    // As of a time from a snapshot, the log is read filtered by that time at once: the tail is short.
    let complete = !('time' in asOf && start.mark);
    let after = start.mark?.position ?? -1n;
    for (;;) {
      const timeFiltered = 'time' in asOf && !complete;
      const page = await this.store.readLog({
        after,
        limit: this.pageSize,
        types: filter.types,
        streamPrefixes: filter.streamPrefixes,
        ...(timeFiltered ? { recordedUpTo: asOf.time } : {}),
      });
      if (page.length === 0) break;
      after = page[page.length - 1].position;
      if (!complete || !this.snapshots) {
        await fold.apply(page.filter((e) => includes(asOf, e)));
      } else {
        const excluded = page.findIndex((e) => !includes(asOf, e));
        const inView = excluded < 0 ? page : page.slice(0, excluded);
        await this.foldTakingSnapshots(key, fold, inView);
        if (excluded >= 0) {
          complete = false;
          // The rest of this page, then (as of a time) the log filtered by that time.
          await fold.apply(page.slice(excluded).filter((e) => includes(asOf, e)));
        }
      }
      if ('position' in asOf && after >= asOf.position) break;
    }
    // As of a position every event up to it was read: where the fold ends is a complete prefix.
    const docs = fold.current();
    if (('position' in asOf || complete) && this.snapshots && fold.sinceMark > 0) {
      if (fold.sinceMark >= this.snapshotEvery) await this.takeSnapshot(key, fold, 'events', docs);
      else this.rememberInMemory(key, fold, docs);
    }
    return [...docs.values()];
  }

  /** Applies events in order, taking a snapshot before the first event of each new month. */
  private async foldTakingSnapshots<Doc extends ProjectedDocument>(
    key: SnapshotKey,
    fold: Fold<Doc>,
    events: RecordedEvent[],
  ): Promise<void> {
    let from = 0;
    for (let i = 0; i < events.length; i++) {
      const month = monthOf(events[i].metadata.recordedAt);
      if (fold.month === undefined || month <= fold.month) {
        fold.month ??= month;
        continue;
      }
      await fold.apply(events.slice(from, i));
      from = i;
      if (fold.sinceMark > 0) await this.takeSnapshot(key, fold, 'month');
      fold.month = month;
    }
    await fold.apply(events.slice(from));
  }

  private async start<Doc>(key: SnapshotKey, asOf: AsOf): Promise<{ docs: Docs<Doc>; mark?: SnapshotMark }> {
    if (!this.snapshots) return { docs: new Map() };
    const marks = [...(await this.snapshots.marks(key)), ...(this.memoryMarks.get(memoryKey(key)) ?? [])].sort(
      (a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0),
    );
    const usable = marks.filter((m) =>
      'position' in asOf ? m.position <= asOf.position : (m.maxRecordedAt ?? '') <= asOf.time,
    );
    for (const mark of usable.reverse()) {
      const docs = await this.load<Doc>(key, mark.position);
      if (docs) return { docs, mark };
    }
    return { docs: new Map() };
  }

  private async load<Doc>(key: SnapshotKey, position: bigint): Promise<Docs<Doc> | undefined> {
    const id = cacheId(key, position);
    const cached = this.cache.get(id) as Docs<Doc> | undefined;
    if (cached) {
      this.cache.delete(id);
      this.cache.set(id, cached);
      return cached;
    }
    const entries = await this.snapshots!.load<Doc>(key, position);
    if (!entries) return undefined;
    const docs = new Map(entries);
    this.remember(id, docs);
    return docs;
  }

  private async takeSnapshot<Doc extends ProjectedDocument>(
    key: SnapshotKey,
    fold: Fold<Doc>,
    kind: SnapshotMark['kind'],
    docs = fold.current(),
  ): Promise<void> {
    const mark = markOf(fold, kind);
    try {
      await this.snapshots!.save(key, mark, docs);
      this.remember(cacheId(key, mark.position), docs);
      fold.marked(mark);
    } catch (error) {
      // A view never fails for its snapshot: it is only a shortcut.
      this.logger.warn(
        `${key.projection}: could not store a snapshot at ${mark.position}: ${(error as Error).message}`,
      );
    }
  }

  /** Where this fold ended, for the next view (in memory; only the newest such mark per scope is kept). */
  private rememberInMemory<Doc extends ProjectedDocument>(key: SnapshotKey, fold: Fold<Doc>, docs: Docs<Doc>): void {
    const id = memoryKey(key);
    const previous = this.memoryMarks.get(id)?.[0];
    if (previous) this.cache.delete(cacheId(key, previous.position));
    const mark = markOf(fold, 'events');
    this.memoryMarks.set(id, [mark]);
    this.remember(cacheId(key, mark.position), docs);
  }

  private remember(id: string, docs: Docs<unknown>): void {
    this.cache.delete(id);
    this.cache.set(id, docs);
    let total = 0;
    for (const d of this.cache.values()) total += d.size;
    for (const [oldest, d] of this.cache) {
      if (total <= this.cachedDocuments || oldest === id) break;
      this.cache.delete(oldest);
      total -= d.size;
    }
  }
}

/** One fold: the snapshot it started from (shared, never changed) and a workspace over it. */
class Fold<Doc extends ProjectedDocument> {
  private base: Docs<Doc>;
  private workspace: DocumentWorkspace<Doc>;
  /** Position of the last event folded in (or of the snapshot). */
  position: bigint;
  maxRecordedAt?: string;
  /** Month (Asia/Shanghai) of the latest event folded in. */
  month?: string;
  /** Events folded in since the last snapshot. */
  sinceMark = 0;

  constructor(
    private readonly projection: DocumentProjection<Doc>,
    base: Docs<Doc>,
    mark?: SnapshotMark,
  ) {
    this.base = base;
    this.workspace = this.workspaceOver(base);
    this.position = mark?.position ?? -1n;
    this.maxRecordedAt = mark?.maxRecordedAt;
    this.month = mark?.maxRecordedAt ? monthOf(mark.maxRecordedAt) : undefined;
  }

  async apply(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.workspace.apply(events);
    for (const e of events)
      if (this.maxRecordedAt === undefined || e.metadata.recordedAt > this.maxRecordedAt)
        this.maxRecordedAt = e.metadata.recordedAt;
    this.position = events[events.length - 1].position;
    this.sinceMark += events.length;
  }

  /** The documents now: the snapshot's, with what the workspace changed. */
  current(): Map<string, Doc> {
    const docs = new Map(this.base);
    for (const [key, doc] of this.workspace.entries()) {
      if (doc) docs.set(key, doc);
      else docs.delete(key);
    }
    return docs;
  }

  /** A snapshot was taken here: fold on from it (so the workspace stays small). */
  marked(mark: SnapshotMark): void {
    this.base = this.current();
    this.workspace = this.workspaceOver(this.base);
    this.position = mark.position;
    this.sinceMark = 0;
  }

  private workspaceOver(base: Docs<Doc>): DocumentWorkspace<Doc> {
    const columns = this.projection.table.columns;
    const loader: DocumentLoader<Doc> = {
      byKeys: async (keys) => new Map(keys.flatMap((k) => (base.has(k) ? [[k, base.get(k)!] as [string, Doc]] : []))),
      byColumn: async (column, value) => {
        const spec = columns[column];
        const found = new Map<string, Doc>();
        if (spec) for (const [k, doc] of base) if (String(spec.value(doc)) === value) found.set(k, doc);
        return found;
      },
    };
    return new DocumentWorkspace(this.projection, loader, { skipPoison: true });
  }
}

function markOf(
  fold: Pick<Fold<ProjectedDocument>, 'position' | 'maxRecordedAt'>,
  kind: SnapshotMark['kind'],
): SnapshotMark {
  return { position: fold.position, kind, ...(fold.maxRecordedAt ? { maxRecordedAt: fold.maxRecordedAt } : {}) };
}

function memoryKey(key: SnapshotKey): string {
  return `${key.projection}|${key.version}|${key.scope}`;
}

function scopeOf(filter: AsOfFilter): string {
  return JSON.stringify({
    types: filter.types ? [...filter.types].sort() : null,
    streams: filter.streamPrefixes ? [...filter.streamPrefixes].sort() : null,
  });
}

function cacheId(key: SnapshotKey, position: bigint): string {
  return `${key.projection}|${key.version}|${key.scope}|${position}`;
}

function viewId(key: SnapshotKey, asOf: AsOf): string {
  return `${memoryKey(key)}|${'position' in asOf ? `position ${asOf.position}` : `time ${asOf.time}`}`;
}
