import { conflict, refuseIf } from '../../shared/problems/domain-error';
import { Decider, DomainEvent } from '../../shared/event-sourcing/decider';
import { sameContent } from '../../shared/event-sourcing/same-content';
import type { UnitDeclaration } from '../../shared/units-of-measure';
import { planProblems } from './catalog-invariants';
import type { UnitKind } from './catalog-codes';
import { PlanSettings } from './plan-settings';

/** A ranking group of the plan's bulletins (排名分组): units of these kinds and/or these codes (codes win). */
export interface RankingGroupDefinition {
  name: string;
  kinds?: UnitKind[];
  unitCodes?: string[];
}

/** An annual plan (目标任务表): one year, its issuer and document number (文号). */
export interface PlanDefinition {
  code: string;
  year: number;
  title: string;
  issuer?: string;
  documentNo?: string;
  /** 成文日期, YYYY-MM-DD */
  issuedOn?: string;
  /** 主送 and 抄送 as printed */
  addressees?: string[];
  copyTo?: string[];
  /** Units of measure the plan declares (the shared registry does not know them); its indicators may use them. */
  unitsOfMeasure?: UnitDeclaration[];
  /** Rule thresholds overriding the defaults for every indicator of the plan (decimal strings). */
  thresholds?: Record<string, string | number>;
  /** Day of the next month by which a monthly report is due (default 10). */
  reportDueDay?: number;
  /** Policies of the plan; absent members take their defaults (see `planSettingsOf`). */
  settings?: Partial<PlanSettings>;
  /** How its bulletins rank units (e.g. 街镇 vs 委办局 vs 园区), in order; absent: the default groups. */
  rankingGroups?: RankingGroupDefinition[];
}

export type CreatePlan = { type: 'CreatePlan'; plan: PlanDefinition };
export type PlanEvent = DomainEvent<'PlanCreated', PlanDefinition>;
export type PlanState = PlanDefinition | null;

export const planDecider: Decider<CreatePlan, PlanEvent, PlanState> = {
  initialState: null,
  decide({ plan }, state) {
    refuseIf(planProblems(plan));
    if (state === null) return [{ type: 'PlanCreated', data: plan }];
    if (sameContent(state, plan)) return [];
    throw conflict('plan-exists', `计划 ${plan.code} 已存在 / Plan '${plan.code}' already exists`);
  },
  evolve(_state, event) {
    return event.data;
  },
};
