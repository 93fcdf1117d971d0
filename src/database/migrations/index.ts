import { EventStore1763780000000 } from './1763780000000-event-store';
import { ProjectionCheckpoints1763780000001 } from './1763780000001-projection-checkpoints';
import { Identity1763780000010 } from './1763780000010-identity';
import { FollowerQuarantine1763780000020 } from './1763780000020-follower-quarantine';
import { LoginGuards1763780000021 } from './1763780000021-login-guards';
import { RateLimits1763780000022 } from './1763780000022-rate-limits';
import { RecordedTimeMonotonic1763780000030 } from './1763780000030-recorded-time-monotonic';
import { Notifications1763780000400 } from './1763780000400-notifications';
import { UrgingRepliesQuarantineAlarms1763790000020 } from './1763790000020-urging-replies';
import { CheckpointProduced1763790000070 } from './1763790000070-checkpoint-produced';
import { ProjectionSnapshots1763790000050 } from './1763790000050-projection-snapshots';
import { AppendOnePath1763790000051 } from './1763790000051-append-one-path';
import { DemoLoad1763800000200 } from './1763800000200-demo-load';
import { WarningLinks1763800000500 } from './1763800000500-warning-links';
import { DeliveryLanes1763810000500 } from './1763810000500-delivery-lanes';
import { AppendStatements1763820000300 } from './1763820000300-append-statements';
import { AppendFunctions1763820000301 } from './1763820000301-append-functions';
import { SnapshotGenerations1763820000500 } from './1763820000500-snapshot-generations';
import { InboxOrder1763830000600 } from './1763830000600-inbox-order';
import { AppendStreams1763840000100 } from './1763840000100-append-streams';

/** Every schema migration, oldest first. Run explicitly (at boot or `npm run migration:run`), never `synchronize`. */
export const MIGRATIONS = [
  EventStore1763780000000,
  ProjectionCheckpoints1763780000001,
  Identity1763780000010,
  FollowerQuarantine1763780000020,
  LoginGuards1763780000021,
  RateLimits1763780000022,
  RecordedTimeMonotonic1763780000030,
  Notifications1763780000400,
  UrgingRepliesQuarantineAlarms1763790000020,
  ProjectionSnapshots1763790000050,
  AppendOnePath1763790000051,
  CheckpointProduced1763790000070,
  DemoLoad1763800000200,
  WarningLinks1763800000500,
  DeliveryLanes1763810000500,
  AppendStatements1763820000300,
  AppendFunctions1763820000301,
  SnapshotGenerations1763820000500,
  InboxOrder1763830000600,
  AppendStreams1763840000100,
];
