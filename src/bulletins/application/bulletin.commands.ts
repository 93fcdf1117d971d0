import { CommandContext } from '../../shared/event-sourcing/command-context';
import { Exemption } from '../domain/bulletin.types';
import { UnitGroup } from '../drafting/unit-groups';

export class DraftBulletinCommand {
  constructor(
    readonly bulletinId: string,
    readonly input: {
      planCode: string;
      period: string;
      cutoff?: string;
      title?: string;
      groups?: UnitGroup[];
      listSize?: number;
    },
    readonly context: CommandContext,
  ) {}
}

export class EditBulletinDraftCommand {
  constructor(
    readonly bulletinId: string,
    readonly input: { remarks?: string; exemptions?: Exemption[] },
    readonly expectedRevision: bigint | undefined,
    readonly context: CommandContext,
  ) {}
}

export class IssueBulletinCommand {
  constructor(
    readonly bulletinId: string,
    readonly input: { documentNo: string; issuer?: string },
    readonly context: CommandContext,
  ) {}
}

export class WithdrawBulletinCommand {
  constructor(
    readonly bulletinId: string,
    readonly input: { reason: string },
    readonly context: CommandContext,
  ) {}
}

export interface BulletinWriteResult {
  bulletinId: string;
  revision: bigint;
  position?: bigint;
}
