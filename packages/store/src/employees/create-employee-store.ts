// The live set of employees: seeded from the config file, changed at run time, read by the worker
// through a cache that watches the version key (see create-employee-cache.ts).
import { EmployeeSchema, type Employee } from '@callfwd/domain';
import type { Cluster, Redis } from 'ioredis';
import { createLiveSetStore, type LiveSetStore } from '../live-set/create-live-set-store.js';
import { employeeKeys } from './employee-keys.js';

export type EmployeeStore = LiveSetStore<Employee>;

export function createEmployeeStore(redis: Redis | Cluster, prefix: string): EmployeeStore {
  return createLiveSetStore(redis, employeeKeys(prefix), EmployeeSchema, 'employee');
}
