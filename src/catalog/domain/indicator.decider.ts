import { conflict, refuseIf } from '../../shared/problems/domain-error';
import { Decider, DomainEvent } from '../../shared/event-sourcing/decider';
import { sameContent } from '../../shared/event-sourcing/same-content';
import { DecompositionMode, Direction, IndicatorKind } from './catalog-codes';
import { indicatorProblems } from './catalog-invariants';
import type { PlanDefinition } from './plan.decider';

/** An indicator (指标) of a plan; a sub-indicator (#其中) names its parent. */
export interface IndicatorDefinition {
  planCode: string;
  code: string;
  category: string;
  /** The printed heading the indicator sits under (指标名称大项, e.g. 工业投资 over 增幅 and 总量). */
  group?: string;
  name: string;
  parentCode?: string;
  unitOfMeasure: string;
  kind: IndicatorKind;
  direction?: Direction;
  /** Months the indicator reports over (e.g. 11 for 1–11月); pace m/reportingMonths. */
  reportingMonths?: number;
  /** Twelve cumulative fractions (seasonal pace curve), decimal strings. */
  paceCurve?: string[];
  leadUnitCode?: string;
  /** Every lead unit when several are printed (the first is leadUnitCode). */
  leadUnitCodes?: string[];
  cooperatingUnitCodes?: string[];
  verifyingUnitCode?: string;
  decomposition: DecompositionMode;
  thresholds?: Record<string, string | number>;
  /** Figures of this indicator may be negative (e.g. a growth that can fall); default false. */
  allowNegative?: boolean;
}

/** `plan`: the indicator's plan as the catalog holds it, whose units and thresholds the indicator must fit. */
export type DefineIndicator = { type: 'DefineIndicator'; indicator: IndicatorDefinition; plan: PlanDefinition };
export type IndicatorEvent = DomainEvent<'IndicatorDefined', IndicatorDefinition>;
export type IndicatorState = IndicatorDefinition | null;

export const indicatorDecider: Decider<DefineIndicator, IndicatorEvent, IndicatorState> = {
  initialState: null,
  decide({ indicator, plan }, state) {
    refuseIf(indicatorProblems(indicator, plan));
    if (state === null) return [{ type: 'IndicatorDefined', data: indicator }];
    if (sameContent(state, indicator)) return [];
    throw conflict(
      'indicator-exists',
      `计划 ${indicator.planCode} 中指标 ${indicator.code} 已存在 / Indicator '${indicator.code}' already exists in plan '${indicator.planCode}'`,
    );
  },
  evolve(_state, event) {
    return event.data;
  },
};
