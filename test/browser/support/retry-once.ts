/**
 * A browser test that fails is run once more, its first failure printed in the log: on a loaded 2-core CI machine a
 * click can land while a dropdown still moves. A defect fails both runs (most tests change the app's state, so a
 * second run after a real failure meets that state and fails again); a flake shows in the log as "RETRY 1".
 */
jest.retryTimes(1, { logErrorsBeforeRetry: true });
