import { expect } from 'chai';
import { parse } from 'yaml';
import { createMetrics, createRecordsMetrics, METRIC_NAMES, RECORDS_METRIC_NAMES } from '@callfwd/telemetry';
import { listInfraFiles, readInfraFile } from './helpers/infra-files.js';
import { promqlMetricNames } from './helpers/promql-metric-names.js';

interface Target {
  refId?: string;
  expr?: string;
}
interface Panel {
  id?: number;
  type?: string;
  title?: string;
  gridPos?: { h: number; w: number; x: number; y: number };
  targets?: Target[];
  panels?: Panel[];
}
interface Dashboard {
  uid?: string;
  title?: string;
  panels?: Panel[];
  templating?: { list?: Array<{ name?: string; type?: string; query?: unknown; definition?: string }> };
}

/** Every series name a callfwd process exports: its registry as `callfwd run` builds it (with the records metrics). */
async function exportedSeriesNames(): Promise<Set<string>> {
  const metrics = createMetrics({ defaultMetrics: true });
  createRecordsMetrics(metrics.registry);
  const names = new Set<string>(['up']);
  for (const metric of await metrics.registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram' || String(metric.type) === 'summary')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
  }
  return names;
}

function allPanels(panels: readonly Panel[]): Panel[] {
  return panels.flatMap((panel) => [panel, ...allPanels(panel.panels ?? [])]);
}

const dashboardFiles = listInfraFiles('.json').filter((file) => file.startsWith('grafana/'));

describe('infra/grafana', () => {
  it('has the callfwd dashboard', () => {
    expect(dashboardFiles).to.include('grafana/callfwd-dashboard.json');
  });

  for (const file of dashboardFiles) {
    describe(file, () => {
      const dashboard = JSON.parse(readInfraFile(file)) as Dashboard;
      const panels = allPanels(dashboard.panels ?? []);
      const queried = panels.filter((panel) => panel.type !== 'row');

      it('is a dashboard with a uid, a title and unique panel ids', () => {
        expect(dashboard.uid).to.be.a('string').and.not.equal('');
        expect(dashboard.title).to.be.a('string').and.not.equal('');
        const ids = panels.map((panel) => panel.id);
        expect(ids.every((id) => Number.isInteger(id))).to.equal(true);
        expect(new Set(ids).size).to.equal(ids.length);
      });

      it('gives every panel a query and a place on the 24-column grid', () => {
        expect(queried.length).to.be.greaterThan(5);
        for (const panel of queried) {
          expect(panel.targets?.length, panel.title).to.be.greaterThan(0);
          for (const target of panel.targets ?? [])
            expect(target.expr, panel.title).to.be.a('string').and.not.equal('');
          const grid = panel.gridPos;
          expect(grid, panel.title).to.not.equal(undefined);
          expect((grid?.x ?? 0) + (grid?.w ?? 0), panel.title).to.be.at.most(24);
        }
      });

      it('queries only series that the metric registry exports', async () => {
        const exported = await exportedSeriesNames();
        const exprs = queried.flatMap((panel) =>
          (panel.targets ?? []).map((target) => [panel.title ?? '', target.expr ?? ''] as const),
        );
        for (const variable of dashboard.templating?.list ?? []) {
          const definition = variable.definition ?? '';
          const inside = /label_values\(\s*([A-Za-z_:][A-Za-z0-9_:]*)/.exec(definition)?.[1];
          if (inside !== undefined) exprs.push([`variable ${variable.name ?? ''}`, inside]);
        }
        const unknown = exprs.flatMap(([title, expr]) =>
          promqlMetricNames(expr.replaceAll('$__rate_interval', '5m'))
            .filter((name) => !exported.has(name))
            .map((name) => `${title}: ${name}`),
        );
        expect(unknown).to.deep.equal([]);
      });

      it('shows what ops act on: outcomes by node, connection and line, forwards in flight, holds, post-dial delay, records backlog', () => {
        const used = new Set(
          queried.flatMap((panel) =>
            (panel.targets ?? []).flatMap((target) => promqlMetricNames(target.expr ?? '')),
          ),
        );
        for (const name of [
          METRIC_NAMES.forwardOutcomes,
          METRIC_NAMES.forwardsInFlight,
          METRIC_NAMES.holdsOutstanding,
          METRIC_NAMES.holdsOutstandingAmount,
          `${METRIC_NAMES.postDialDelay}_bucket`,
          `${METRIC_NAMES.parkToOriginate}_bucket`,
          METRIC_NAMES.nodeConnected,
          RECORDS_METRIC_NAMES.backlog,
        ])
          expect(used, name).to.include(name);
        const outcomeExprs = queried
          .flatMap((panel) => (panel.targets ?? []).map((target) => target.expr ?? ''))
          .filter((expr) => expr.includes(METRIC_NAMES.forwardOutcomes));
        for (const label of ['node', 'connection', 'line'])
          expect(
            outcomeExprs.some((expr) => new RegExp(`by \\([^)]*\\b${label}\\b`).test(expr)),
            label,
          ).to.equal(true);
      });
    });
  }

  it('the Prometheus alert rules query only series that the metric registry exports too', async () => {
    const exported = await exportedSeriesNames();
    const rules = (
      parse(readInfraFile('prometheus/callfwd-alerts.yml')) as {
        groups: Array<{ rules: Array<{ alert?: string; expr?: string }> }>;
      }
    ).groups.flatMap((g) => g.rules);
    expect(rules.length).to.be.greaterThan(0);
    const unknown = rules.flatMap((rule) =>
      promqlMetricNames(String(rule.expr))
        .filter((name) => !exported.has(name))
        .map((name) => `${rule.alert ?? ''}: ${name}`),
    );
    expect(unknown).to.deep.equal([]);
  });
});
