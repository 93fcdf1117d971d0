export * from './types';
export { formatIssue } from './issues';
export { parseCsv, readCsvDocument } from './csv';
export { loadPlanDirectory, PlanFileError, readPlanDirectory, tryLoadPlanDirectory } from './load';
export { validatePlanFile, valueUnitOfMeasure } from './validate';
export { reconcile } from './reconcile';
export { planUnits } from './plan-units';
export type { ReconciliationRow, ReconciliationStatus } from './reconcile';
export {
  checkValueForKind,
  isPlainDecimal,
  isSummableKind,
  isValidDate,
  KEPT_IN_TEXT,
  needsUnitOfMeasure,
} from './values';
export { toApiTargetValue } from './api';
export { ASSESSMENT_FILES, loadAssessmentDirectory, validateAssessmentFiles } from './assessment';
export type {
  AssessmentData,
  AssessmentUnit,
  AssessmentValidationResult,
  FormColumn,
  FormDefinition,
  LeaderGroup,
  LeaderGroups,
  ParticipantGroup,
  ResponsibilityIndicator,
  ScoringItem,
  ScoringSheet,
  VerifyingAssignment,
} from './assessment';
