// The employees module's public part, re-exported by the package's src/index.ts.
export { createEmployeeStore, type EmployeeStore } from './create-employee-store.js';
export {
  createEmployeeCache,
  type EmployeeCache,
  type EmployeeCacheOptions,
} from './create-employee-cache.js';
export {
  CHANGE_KINDS,
  createChangeHistory,
  type ChangeEntry,
  type ChangeHistory,
  type ChangeHistoryQuery,
  type ChangeInput,
  type ChangeKind,
} from './create-change-history.js';
export { employeeKeys, historyKeys, type EmployeeKeys, type HistoryKeys } from './employee-keys.js';
