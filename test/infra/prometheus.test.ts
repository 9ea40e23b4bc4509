import { HISTOGRAM_NAMES, METRIC_NAMES } from '@callfwd/telemetry';
import { expect } from 'chai';
import { parse } from 'yaml';
import { readExampleConfigFacts } from './helpers/example-config.js';
import { readInfraFile } from './helpers/infra-files.js';
import { promqlMetricNames } from './helpers/promql-metric-names.js';

interface Rule {
  alert?: string;
  record?: string;
  expr?: unknown;
  for?: unknown;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

const HISTOGRAMS = HISTOGRAM_NAMES;
const ALLOWED = new Set<string>([
  ...Object.values(METRIC_NAMES),
  ...HISTOGRAMS.flatMap((name) => ['_bucket', '_sum', '_count'].map((suffix) => name + suffix)),
  'up',
]);

const rulesFile = parse(readInfraFile('prometheus/callfwd-alerts.yml'), { prettyErrors: true }) as {
  groups: Array<{ name: string; rules: Rule[] }>;
};
const rules = rulesFile.groups.flatMap((group) => group.rules);

describe('infra/prometheus', () => {
  describe('callfwd-alerts.yml', () => {
    it('is groups of alerting rules with unique names', () => {
      expect(rulesFile.groups.length).to.be.greaterThan(0);
      for (const group of rulesFile.groups) {
        expect(group.name).to.be.a('string');
        expect(group.rules.length, group.name).to.be.greaterThan(0);
      }
      const names = rules.map((rule) => rule.alert);
      expect(new Set(names).size).to.equal(names.length);
    });

    for (const rule of rules) {
      describe(`alert ${rule.alert ?? '(no name)'}`, () => {
        it('has an expr, a for duration, labels.severity and annotations.summary', () => {
          expect(rule.alert).to.match(/^[A-Z][A-Za-z0-9]+$/);
          expect(rule.expr).to.be.a('string');
          expect(rule.for).to.match(/^\d+[smh]$/);
          expect(rule.labels?.severity).to.be.oneOf(['critical', 'warning', 'info']);
          expect(rule.annotations?.summary).to.be.a('string').and.not.equal('');
        });

        it('uses only metrics callfwd exports (METRIC_NAMES, histogram series, up)', () => {
          const used = promqlMetricNames(String(rule.expr));
          expect(used).to.have.length.greaterThan(0);
          expect(used.filter((name) => !ALLOWED.has(name))).to.deep.equal([]);
        });

        it('has balanced brackets and templates', () => {
          const expr = String(rule.expr);
          for (const [open, close] of [['(', ')'], ['{', '}'], ['[', ']']] as const) {
            expect(expr.split(open).length, `${open}${close}`).to.equal(expr.split(close).length);
          }
          for (const text of Object.values(rule.annotations ?? {})) {
            expect(String(text).split('{{').length).to.equal(String(text).split('}}').length);
          }
        });
      });
    }

    it('covers node down, queue backlog, forward failures, park-to-originate p99, malformed events, ledger conflicts and Redis down', () => {
      const byMetric = (name: string): Rule[] => rules.filter((rule) => promqlMetricNames(String(rule.expr)).includes(name));
      expect(byMetric(METRIC_NAMES.nodeConnected).map((r) => String(r.expr)).join('\n')).to.match(/== 0/);
      expect(byMetric(METRIC_NAMES.nodeConnected).map((r) => r.for)).to.include('1m');
      expect(byMetric(METRIC_NAMES.queueWaiting)).to.have.length.greaterThan(0);
      expect(byMetric(METRIC_NAMES.forwardOutcomes).map((r) => String(r.expr)).join('\n')).to.include('outcome=');
      const latency = byMetric(`${METRIC_NAMES.parkToOriginate}_bucket`);
      expect(latency.map((r) => String(r.expr)).join('\n')).to.match(/histogram_quantile\(0\.99,/);
      expect(byMetric(METRIC_NAMES.eslMalformedEvents)).to.have.length.greaterThan(0);
      expect(byMetric(METRIC_NAMES.ledgerConflicts)).to.have.length.greaterThan(0);
      expect(byMetric(METRIC_NAMES.redisConnected).map((r) => r.labels?.severity)).to.include('critical');
    });
  });

  describe('prometheus.yml', () => {
    const config = parse(readInfraFile('prometheus/prometheus.yml'), { prettyErrors: true }) as {
      rule_files: string[];
      scrape_configs: Array<{
        job_name: string;
        metrics_path?: string;
        static_configs?: Array<{ targets: string[] }>;
        dns_sd_configs?: Array<{ names: string[]; port: number }>;
      }>;
    };
    const compose = parse(readInfraFile('docker-compose.yml')) as { services: Record<string, unknown> };
    const port = readExampleConfigFacts().httpPort;

    it('loads callfwd-alerts.yml', () => {
      expect(config.rule_files.map((file) => file.split('/').at(-1))).to.include('callfwd-alerts.yml');
    });

    it("scrapes the listener and the workers' /metrics on the config's HTTP port, by their Compose names", () => {
      const endpoints = config.scrape_configs.flatMap((scrape) => [
        ...(scrape.static_configs ?? []).flatMap((c) => c.targets),
        ...(scrape.dns_sd_configs ?? []).flatMap((c) => c.names.map((name) => `${name}:${c.port}`)),
      ]);
      expect(endpoints.map((endpoint) => endpoint.split(':')[0])).to.include.members(['callfwd-listener', 'callfwd-worker']);
      for (const endpoint of endpoints) {
        const [host = '', endpointPort] = endpoint.split(':');
        expect(Object.keys(compose.services), endpoint).to.include(host);
        expect(Number(endpointPort), endpoint).to.equal(port);
      }
      for (const scrape of config.scrape_configs) expect(scrape.metrics_path ?? '/metrics').to.equal('/metrics');
    });
  });
});
