import { effectiveForwardVia, type Config } from '@callfwd/domain';

export interface ConnectionSummary {
  connection: string;
  number: string;
  via: string | null;
  viaNumber: string | null;
  viaAccount: string | null;
  reason: string;
  explanation: string;
}

export interface ConfigSummary {
  nodes: { id: string; host: string; port: number }[];
  redis: { mode: string; prefix: string };
  http: { host: string; port: number; admin: boolean };
  lines: { id: string; kind: string; number: string; account: string }[];
  accounts: { id: string; currency: string; tariff: string; recordAllCalls: boolean; openingBalance: number }[];
  employees: number;
  connections: ConnectionSummary[];
}

/** Every PBX connection's effective forward-via and why, given the run-time overrides. */
export function summarizeConnections(config: Config, overrides: Readonly<Record<string, string>>): ConnectionSummary[] {
  return config.lines
    .filter((line) => line.kind === 'pbx')
    .map((line) => {
      const effective = effectiveForwardVia(config, line.id, overrides);
      if (!effective.ok) {
        return { connection: line.id, number: line.number, via: null, viaNumber: null, viaAccount: null, reason: effective.reason, explanation: `cannot be resolved: ${effective.reason}` };
      }
      return {
        connection: line.id,
        number: line.number,
        via: effective.line.id,
        viaNumber: effective.line.number,
        viaAccount: effective.line.account,
        reason: effective.reason,
        explanation: effective.explanation,
      };
    });
}

/** What check-config prints for a valid config: never a secret. */
export function summarizeConfig(config: Config): ConfigSummary {
  return {
    nodes: config.nodes.map((n) => ({ id: n.id, host: n.host, port: n.port })),
    redis: { mode: config.redis.mode, prefix: config.redis.prefix },
    http: { host: config.http.host, port: config.http.port, admin: config.http.token !== undefined },
    lines: config.lines.map((l) => ({ id: l.id, kind: l.kind, number: l.number, account: l.account })),
    accounts: config.accounts.map((a) => ({ id: a.id, currency: a.currency, tariff: a.tariff, recordAllCalls: a.recordAllCalls, openingBalance: a.openingBalance })),
    employees: config.employees.length,
    connections: summarizeConnections(config, {}),
  };
}
