import { auditProjection } from '../audit/audit.projection';
import { bulletinsProjection } from '../bulletins/read-model/bulletins.projection';
import { indicatorsProjection, plansProjection, unitsProjection } from '../catalog/read-model/catalog.projections';
import { targetsWithCompletion } from '../completion/read-model/completion.projection';
import { warningsProjection } from '../warnings/read-model/warnings.projection';
import { usersProjection } from '../identity/read-model/users.projection';
import { DocumentProjection } from './runner/document-projection';

/**
 * Every live projection. Each capability adds its own here; the runner keeps each one's checkpoint.
 * Typed loosely on purpose: each projection has its own document type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const PROJECTIONS: DocumentProjection<any>[] = [
  unitsProjection,
  plansProjection,
  indicatorsProjection,
  // The targets with the completion capability's per-period rows (src/completion/read-model).
  targetsWithCompletion,
  auditProjection,
  warningsProjection,
  usersProjection,
  bulletinsProjection,
];
