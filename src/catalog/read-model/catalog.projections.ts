import { DocumentProjection, ProjectedDocument } from '../../projections/runner/document-projection';
import { IndicatorDefinition } from '../domain/indicator.decider';
import { PlanDefinition } from '../domain/plan.decider';
import { PlanSettings, planSettingsOf } from '../domain/plan-settings';
import { UnitDefinition } from '../domain/unit.decider';

export type UnitDocument = UnitDefinition & ProjectedDocument & { registeredAt: string };
/** A plan as read: `settings` complete, the defaults filled in. */
export type PlanDocument = Omit<PlanDefinition, 'settings'> &
  ProjectedDocument & { createdAt: string; settings: PlanSettings };
export type IndicatorDocument = IndicatorDefinition & ProjectedDocument & { definedAt: string };

export const unitsProjection: DocumentProjection<UnitDocument> = {
  name: 'units',
  version: 1,
  table: { name: 'rm_units', columns: { kind: { sqlType: 'text', value: (d) => d.kind } } },
  select: (e) => (e.type === 'UnitRegistered' ? { key: (e.data as UnitDefinition).code } : undefined),
  evolve: (_doc, e) => ({ ...(e.data as UnitDefinition), registeredAt: e.metadata.recordedAt, position: '' }),
};

export const plansProjection: DocumentProjection<PlanDocument> = {
  name: 'plans',
  version: 2,
  table: { name: 'rm_plans', columns: { year: { sqlType: 'integer', value: (d) => d.year } } },
  select: (e) => (e.type === 'PlanCreated' ? { key: (e.data as PlanDefinition).code } : undefined),
  evolve(_doc, e) {
    const plan = e.data as PlanDefinition;
    return { ...plan, settings: planSettingsOf(plan.settings), createdAt: e.metadata.recordedAt, position: '' };
  },
};

export const indicatorsProjection: DocumentProjection<IndicatorDocument> = {
  name: 'indicators',
  version: 1,
  table: {
    name: 'rm_indicators',
    columns: {
      plan_code: { sqlType: 'text', indexed: true, value: (d) => d.planCode },
      code: { sqlType: 'text', value: (d) => d.code },
      category: { sqlType: 'text', value: (d) => d.category },
    },
  },
  select(e) {
    if (e.type !== 'IndicatorDefined') return undefined;
    const d = e.data as IndicatorDefinition;
    return { key: `${d.planCode}.${d.code}` };
  },
  evolve: (_doc, e) => ({ ...(e.data as IndicatorDefinition), definedAt: e.metadata.recordedAt, position: '' }),
};
