import { CatalogController } from '../../catalog/http/catalog.controller';
import { ROLES_KEY } from '../../identity/auth/roles.decorator';
import { Role } from '../../identity/domain/roles';
import { TargetsController } from '../../targets/http/targets.controller';
import { WarningsController } from '../../warnings/http/warnings.controller';

/**
 * The API's role rules for the writes the demo and the import make, read from the routes' own @Roles,
 * so a seeded write is allowed exactly when the same actor could have made it over HTTP.
 */
interface WriteRoute {
  controller: { prototype: object };
  method: string;
  /** The route also requires the unit's own reporter (or the office): assertUnitScope. */
  unitScoped: boolean;
}

const ROUTES: Readonly<Record<string, WriteRoute>> = {
  UnitRegistered: { controller: CatalogController, method: 'createUnit', unitScoped: false },
  PlanCreated: { controller: CatalogController, method: 'createPlan', unitScoped: false },
  IndicatorDefined: { controller: CatalogController, method: 'createIndicator', unitScoped: false },
  TargetAssigned: { controller: TargetsController, method: 'assign', unitScoped: false },
  TargetAdjusted: { controller: TargetsController, method: 'adjust', unitScoped: false },
  TargetWithdrawn: { controller: TargetsController, method: 'withdraw', unitScoped: false },
  ProgressReported: { controller: TargetsController, method: 'report', unitScoped: true },
  ProgressCorrected: { controller: TargetsController, method: 'correct', unitScoped: true },
  WarningAcknowledged: { controller: WarningsController, method: 'acknowledge', unitScoped: true },
};

/** Event types a person causes through the API (the others are the system's: deadlines, warnings, users' bookkeeping). */
export const AUTHORIZED_EVENT_TYPES: readonly string[] = Object.keys(ROUTES);

/** The roles the API route behind an event type requires. */
export function rolesFor(eventType: string): readonly Role[] | undefined {
  const route = ROUTES[eventType];
  if (!route) return undefined;
  const handler = (route.controller.prototype as Record<string, unknown>)[route.method];
  const roles = Reflect.getMetadata(ROLES_KEY, handler as object) as Role[] | undefined;
  if (!roles) throw new Error(`${route.method} has no @Roles: the write rules cannot be read`);
  return roles;
}

export interface WriteActor {
  username: string;
  roles: readonly string[];
  unitCode?: string;
}

/** Why the API would refuse this actor the write that records `eventType` for `unitCode`; undefined when allowed. */
export function refusalOf(actor: WriteActor, eventType: string, unitCode: string | undefined): string | undefined {
  const roles = rolesFor(eventType);
  if (!roles) return undefined;
  if (!roles.some((role) => actor.roles.includes(role))) {
    return `${actor.username} (${actor.roles.join(', ') || 'no role'}) may not record ${eventType}: requires a role of ${roles.join(', ')}`;
  }
  const route = ROUTES[eventType];
  if (route.unitScoped && unitCode !== undefined && !actor.roles.includes('office') && actor.unitCode !== unitCode) {
    return `${actor.username} (unit ${actor.unitCode ?? 'none'}) may not record ${eventType} for unit ${unitCode}`;
  }
  return undefined;
}

/**
 * The importer (CLI `npm run seed`, the demo's plans) writes the catalog and assigns targets as the
 * supervision office would: it runs with the office's authority and no user of its own.
 */
export const IMPORT_WRITER: WriteActor = { username: 'system:import', roles: ['office'] };
