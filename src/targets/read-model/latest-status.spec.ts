import { RecordedEvent } from '../../event-store/event-store.port';
import { ProjectionsService } from '../../projections/projections.service';
import { DocumentListener } from '../../projections/runner/projection-runner';
import { LatestTargetStatus } from './latest-status';
import { TargetDocument } from './target-document';

describe('the latest status of a target, as this process’s targets projection computed it', () => {
  let tell: DocumentListener<TargetDocument>;
  const projections = {
    documentFollower: () => ({ observe: (listener: DocumentListener<TargetDocument>) => (tell = listener) }),
  } as unknown as ProjectionsService;
  const at = (position: bigint) => ({ position }) as RecordedEvent;
  const doc = (status: TargetDocument['status']) => ({ status }) as TargetDocument;

  it('answers once the projection folded the write’s event or a later one, and only then', () => {
    const latest = new LatestTargetStatus(projections);
    latest.onModuleInit();
    expect(latest.statusAfter('t1', 5n)).toBeUndefined();
    tell(at(5n), 't1', doc('green'));
    tell(at(7n), 't1', doc('red'));
    expect([latest.statusAfter('t1', 5n), latest.statusAfter('t1', 7n), latest.statusAfter('t1', 8n)]).toEqual([
      'red',
      'red',
      undefined,
    ]);
  });

  it('forgets a target whose document the projection removed', () => {
    const latest = new LatestTargetStatus(projections);
    latest.onModuleInit();
    tell(at(5n), 't1', doc('green'));
    tell(at(6n), 't1', null);
    expect(latest.statusAfter('t1', 5n)).toBeUndefined();
  });
});
