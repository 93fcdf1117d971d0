import { UnitKind } from '../../catalog/domain/catalog-codes';

/** A ranking group (排名分组): units of these kinds and/or these codes. */
export interface UnitGroup {
  name: string;
  kinds?: UnitKind[];
  unitCodes?: string[];
}

/** The default groups (docs/domain.md, bulletin ranking): 街镇, 园区, 委办局, 国企. */
export const DEFAULT_UNIT_GROUPS: readonly UnitGroup[] = Object.freeze([
  { name: '街镇', kinds: ['town', 'subdistrict'] },
  { name: '园区', kinds: ['zone'] },
  { name: '委办局', kinds: ['department'] },
  { name: '国企', kinds: ['company'] },
]);

/** The first group a unit belongs to (codes listed explicitly win over kinds). */
export function groupOf(groups: readonly UnitGroup[], unit: { code: string; kind: string }): string | undefined {
  return (
    groups.find((g) => g.unitCodes?.includes(unit.code))?.name ??
    groups.find((g) => g.kinds?.includes(unit.kind as UnitKind))?.name
  );
}
