import { conflict } from '../../shared/problems/domain-error';
import { Decider, DomainEvent } from '../../shared/event-sourcing/decider';
import { UnitKind } from './catalog-codes';

/** A responsible unit (责任单位): town 镇, sub-district 街道, zone, department 委办局, … */
export interface UnitDefinition {
  code: string;
  name: string;
  kind: UnitKind;
}

export type RegisterUnit = { type: 'RegisterUnit'; unit: UnitDefinition };
export type UnitEvent = DomainEvent<'UnitRegistered', UnitDefinition>;
export type UnitState = UnitDefinition | null;

export const unitDecider: Decider<RegisterUnit, UnitEvent, UnitState> = {
  initialState: null,
  decide({ unit }, state) {
    if (state === null) return [{ type: 'UnitRegistered', data: unit }];
    if (state.name === unit.name && state.kind === unit.kind) return [];
    throw conflict(
      'unit-exists',
      `单位代码 ${unit.code} 已被“${state.name}”使用 / Unit code '${unit.code}' is taken by '${state.name}'`,
    );
  },
  evolve(_state, event) {
    return event.data;
  },
};
