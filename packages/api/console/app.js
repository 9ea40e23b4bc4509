/* global CSS, FormData, URLSearchParams, document, fetch, location, sessionStorage, window */
// The callfwd console: plain ES modules over the API (no build step, no CDN). The token the operator
// pastes is kept in sessionStorage (gone when the tab closes) and sent as a bearer token.
import { api, el, money, setStatus, time } from './lib.js';

const pages = {};
let outcomes = [];

function table(headers, rows, emptyText) {
  if (rows.length === 0) return el('p', { class: 'empty' }, emptyText);
  return el(
    'table',
    {},
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, ...rows),
  );
}

pages.connections = async (main) => {
  const [{ connections }, { lines }] = await Promise.all([
    api('GET', '/v1/connections'),
    api('GET', '/v1/lines'),
  ]);
  const rows = connections.map((c) => {
    const select = el(
      'select',
      { class: 'forward-via', name: 'line' },
      el('option', { value: '' }, `config: ${c.configuredForwardVia ?? 'main number'}`),
      ...lines
        .filter((l) => l.id !== c.id)
        .map((l) =>
          el('option', { value: l.id, selected: c.override === l.id }, `${l.id} (${l.kind}, ${l.number})`),
        ),
    );
    const form = el(
      'form',
      { class: 'inline' },
      select,
      el('button', { type: 'submit', class: 'apply' }, 'Apply'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const line = select.value === '' ? null : select.value;
      await act(
        () => api('PUT', `/v1/connections/${c.id}/forward-via`, { line }),
        `${c.id} now forwards via ${line ?? 'its configured line'}`,
      );
    });
    const change = c.lastChange
      ? el('div', { class: 'why' }, `changed by ${c.lastChange.by ?? '?'} at ${time(c.lastChange.at)}`)
      : '';
    return el(
      'tr',
      { 'data-connection': c.id },
      el('td', {}, el('strong', {}, c.id), el('div', { class: 'why' }, c.name ?? '')),
      el('td', {}, c.number),
      el('td', {}, c.account),
      el(
        'td',
        {},
        c.effective
          ? [
              el('span', { class: 'effective-line' }, c.effective.line),
              ' ',
              el('span', { class: 'reason' }, c.effective.reason),
              el('div', { class: 'why explanation' }, c.effective.explanation),
              change,
            ]
          : el('span', { class: 'effective-line' }, 'unresolved'),
      ),
      el('td', {}, form),
    );
  });
  main.append(
    el('h2', {}, 'PBX connections: the line their forwarded calls leave through, and why'),
    table(
      ['connection', 'number', 'pays', 'forwards via (effective)', 'change'],
      rows,
      'No PBX connections in the config.',
    ),
    el('h2', {}, 'Lines (the live set; the config file seeded it, PUT/DELETE /v1/lines or `callfwd lines` change it)'),
    table(
      ['line', 'kind', 'number', 'dial', 'pays', 'forward via (configured)', 'failover'],
      lines.map((l) =>
        el(
          'tr',
          { 'data-line': l.id },
          el('td', {}, el('strong', {}, l.id), el('div', { class: 'why' }, l.name ?? '')),
          el('td', {}, l.kind),
          el('td', {}, l.number),
          el('td', {}, el('code', {}, l.dial)),
          el('td', {}, l.account),
          el('td', {}, l.forwardVia ?? ''),
          el('td', {}, l.failover.join(', ')),
        ),
      ),
      'No lines.',
    ),
  );
};

function employeeForm(main, employee, connections) {
  const triggers = ['always', 'busy', 'no_answer', 'unavailable'];
  const form = el(
    'form',
    { class: 'editor', id: 'employee-form' },
    el('label', {}, 'id', el('input', { name: 'id', value: employee?.id ?? '', required: true, size: 10 })),
    el('label', {}, 'name', el('input', { name: 'name', value: employee?.name ?? '' })),
    el(
      'label',
      {},
      'connection',
      el(
        'select',
        { name: 'connection' },
        ...connections.map((l) =>
          el('option', { value: l.id, selected: employee?.connection === l.id }, l.id),
        ),
      ),
    ),
    el(
      'label',
      {},
      'extensions (comma)',
      el('input', { name: 'extensions', value: (employee?.extensions ?? []).join(', ') }),
    ),
    el('label', {}, 'target', el('input', { name: 'target', value: employee?.target ?? '' })),
    el(
      'label',
      {},
      'triggers',
      el(
        'span',
        {},
        ...triggers.map((t) =>
          el(
            'label',
            { class: 'inline' },
            el('input', {
              type: 'checkbox',
              name: 'triggers',
              value: t,
              checked: employee?.triggers.includes(t) ?? false,
            }),
            t,
          ),
        ),
      ),
    ),
    el(
      'label',
      {},
      'desk rings (s)',
      el('input', {
        name: 'noAnswerSeconds',
        type: 'number',
        min: 1,
        max: 600,
        value: employee?.noAnswerSeconds ?? 20,
      }),
    ),
    el('button', { type: 'submit' }, 'Save'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {
      ...(employee ?? {}),
      id: String(data.get('id')).trim(),
      connection: String(data.get('connection')),
      extensions: String(data.get('extensions'))
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      target: String(data.get('target')).trim(),
      triggers: data.getAll('triggers').map(String),
      noAnswerSeconds: Number(data.get('noAnswerSeconds')),
    };
    const name = String(data.get('name')).trim();
    if (name === '') delete body.name;
    else body.name = name;
    await act(
      () => api('PUT', `/v1/employees/${encodeURIComponent(body.id)}`, body),
      `employee ${body.id} saved`,
      form,
    );
  });
  return form;
}

pages.employees = async (main) => {
  const [{ employees }, { lines }] = await Promise.all([
    api('GET', '/v1/employees'),
    api('GET', '/v1/lines'),
  ]);
  const editor = el('div', {}, employeeForm(main, undefined, lines));
  const rows = employees.map((e) => {
    const edit = el('button', { type: 'button' }, 'Edit');
    edit.addEventListener('click', () => editor.replaceChildren(employeeForm(main, e, lines)));
    const remove = el('button', { type: 'button' }, 'Delete');
    remove.addEventListener('click', () =>
      act(() => api('DELETE', `/v1/employees/${e.id}`), `employee ${e.id} removed`),
    );
    return el(
      'tr',
      { 'data-employee': e.id },
      el('td', {}, el('strong', {}, e.id), el('div', { class: 'why' }, e.name ?? '')),
      el('td', {}, e.connection),
      el('td', {}, e.extensions.join(', ')),
      el('td', {}, e.target),
      el('td', {}, e.triggers.join(', ')),
      el('td', { class: 'num' }, e.triggers.includes('always') ? 'no desk' : `${e.noAnswerSeconds} s`),
      el('td', {}, edit, ' ', remove),
    );
  });
  main.append(
    el('h2', {}, 'Employees (the live set; the config file seeded it)'),
    table(
      ['employee', 'connection', 'extensions', 'forwards to', 'when', 'desk rings', ''],
      rows,
      'No employees.',
    ),
    el('h2', {}, 'Add or change an employee'),
    editor,
  );
};

pages.accounts = async (main) => {
  const { accounts } = await api('GET', '/v1/accounts');
  const rows = accounts.map((a) => {
    const amount = el('input', {
      name: 'amount',
      type: 'number',
      min: 1,
      placeholder: 'minor units',
      size: 8,
    });
    const ref = el('input', { name: 'ref', placeholder: 'ref (invoice no.)', size: 12 });
    const form = el(
      'form',
      { class: 'inline topup' },
      amount,
      ref,
      el('button', { type: 'submit' }, 'Top up'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      await act(
        async () => {
          const result = await api('POST', `/v1/accounts/${a.id}/topup`, {
            amount: Number(amount.value),
            ref: ref.value.trim(),
          });
          if (!result.applied) setStatus(`ref ${ref.value} was applied before: nothing changed`, 'ok');
          return result;
        },
        `${a.id} topped up`,
        form,
      );
    });
    return el(
      'tr',
      { 'data-account': a.id },
      el('td', {}, el('strong', {}, a.id), el('div', { class: 'why' }, a.name ?? '')),
      el('td', { class: 'num balance' }, money(a.balance, a.currency)),
      el('td', { class: 'num' }, money(a.reserved, a.currency)),
      el('td', { class: 'num' }, money(a.available, a.currency)),
      el('td', { class: 'num holds' }, `${a.holds.count} (${money(a.holds.amount, a.currency)})`),
      el('td', {}, form),
    );
  });
  main.append(
    el('h2', {}, 'Balances and open holds'),
    table(['account', 'balance', 'held', 'available', 'holds', 'top-up'], rows, 'No accounts.'),
  );
};

function statementRow(r) {
  const player = r.recordingUrl ? el('audio', { controls: true, preload: 'none', src: r.recordingUrl }) : '';
  return el(
    'tr',
    { 'data-call': r.callUuid },
    el('td', {}, time(r.startedAt)),
    el('td', {}, r.connection ?? ''),
    el('td', {}, r.caller?.number ?? ''),
    el('td', {}, r.dialled ?? ''),
    el('td', {}, r.employee ?? ''),
    el('td', {}, r.target ?? ''),
    el('td', {}, r.viaLine ?? ''),
    el(
      'td',
      {},
      r.callerIdPresented ?? '',
      r.callerIdReason ? el('div', { class: 'why' }, r.callerIdReason) : '',
    ),
    el('td', { class: 'outcome' }, r.outcome),
    el('td', { class: 'num' }, String(r.billedSeconds ?? '')),
    el('td', { class: 'num' }, r.cost === undefined ? '' : money(r.cost, r.currency ?? '')),
    el('td', {}, r.account ?? ''),
    el('td', {}, r.hangupCause ?? ''),
    el('td', {}, player),
  );
}

pages.statement = async (main) => {
  const [{ accounts }, { connections }] = await Promise.all([
    api('GET', '/v1/accounts'),
    api('GET', '/v1/connections'),
  ]);
  const choose = (name, values) =>
    el(
      'select',
      { name },
      el('option', { value: '' }, 'any'),
      ...values.map((v) => el('option', { value: v }, v)),
    );
  const form = el(
    'form',
    { class: 'filters', id: 'statement-filters' },
    el('label', {}, 'from', el('input', { name: 'from', type: 'datetime-local' })),
    el('label', {}, 'to', el('input', { name: 'to', type: 'datetime-local' })),
    el(
      'label',
      {},
      'account',
      choose(
        'account',
        accounts.map((a) => a.id),
      ),
    ),
    el('label', {}, 'outcome', choose('outcome', outcomes)),
    el(
      'label',
      {},
      'connection',
      choose(
        'connection',
        connections.map((c) => c.id),
      ),
    ),
    el('label', {}, 'employee', el('input', { name: 'employee', size: 10 })),
    el('button', { type: 'submit' }, 'Filter'),
  );
  const results = el('div', { id: 'statement-results' });
  let next = null;
  const more = el('button', { type: 'button', id: 'more', hidden: true }, 'Older…');
  const tbody = el('tbody');
  const query = () => {
    const params = new URLSearchParams({ limit: '50' });
    for (const [key, value] of new FormData(form)) {
      if (value === '') continue;
      params.set(
        key,
        key === 'from' || key === 'to' ? String(new Date(String(value)).getTime()) : String(value),
      );
    }
    return params;
  };
  const load = async (append) => {
    const params = query();
    if (append && next) params.set('cursor', next);
    const page = await api('GET', `/v1/statement?${params}`);
    next = page.next;
    more.hidden = next === null;
    if (!append) tbody.replaceChildren();
    tbody.append(...page.records.map(statementRow));
    results.replaceChildren(
      tbody.children.length === 0
        ? el('p', { class: 'empty' }, 'No calls match.')
        : el(
            'table',
            {},
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                ...[
                  'started',
                  'connection',
                  'caller',
                  'dialled',
                  'employee',
                  'target',
                  'via',
                  'caller ID shown',
                  'outcome',
                  'billed s',
                  'cost',
                  'paid by',
                  'cause',
                  'recording',
                ].map((h) => el('th', {}, h)),
              ),
            ),
            tbody,
          ),
    );
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load(false).catch(showError);
  });
  more.addEventListener('click', () => load(true).catch(showError));
  main.append(el('h2', {}, 'The detailed statement'), form, results, more);
  await load(false);
};

pages.forwards = async (main) => {
  const { forwards } = await api('GET', '/v1/forwards');
  const rows = forwards.map((f) =>
    el(
      'tr',
      { 'data-call': f.callUuid },
      el('td', {}, f.node),
      el('td', {}, f.callUuid),
      el('td', {}, f.phase ?? '?'),
      el('td', {}, f.connection ?? ''),
      el('td', {}, f.caller ?? ''),
      el('td', {}, f.employee ?? ''),
      el('td', {}, f.target ?? ''),
      el('td', {}, f.line ? `${f.line} (${f.legStatus ?? '?'})` : ''),
      el('td', {}, f.parkedAt ? time(f.parkedAt) : ''),
    ),
  );
  const refresh = el('button', { type: 'button' }, 'Refresh');
  refresh.addEventListener('click', () => show());
  main.append(
    el('h2', {}, 'Forwards in flight'),
    refresh,
    table(
      ['node', 'call', 'phase', 'connection', 'caller', 'employee', 'target', 'line (leg)', 'parked'],
      rows,
      'No forwards in flight.',
    ),
  );
};

pages.history = async (main) => {
  const { changes } = await api('GET', '/v1/history?limit=100');
  const show = (value) =>
    value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
  const rows = changes.map((c) =>
    el(
      'tr',
      {},
      el('td', {}, time(c.at)),
      el('td', {}, c.by),
      el('td', {}, c.kind),
      el('td', {}, c.subject),
      el('td', { class: 'why' }, show(c.old)),
      el('td', { class: 'why' }, show(c.new)),
    ),
  );
  main.append(
    el('h2', {}, 'Changes made at run time'),
    table(['when', 'who', 'what', 'of', 'old', 'new'], rows, 'No changes yet.'),
  );
};

function showError(err) {
  setStatus(err.message, 'error');
}

/** Runs a change; on success says so and redraws the page, on refusal marks the field at fault. */
async function act(change, done, form) {
  form?.querySelectorAll('.field-error').forEach((e) => e.classList.remove('field-error'));
  try {
    await change();
    await show();
    setStatus(done, 'ok');
  } catch (err) {
    const name = err.field?.replace(/\[\d+\]$/, '');
    if (form && name) form.querySelector(`[name="${CSS.escape(name)}"]`)?.classList.add('field-error');
    showError(err);
  }
}

async function show() {
  const name = location.hash.replace(/^#/, '') || 'connections';
  const page = pages[name] ?? pages.connections;
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.dataset.page === name));
  const main = document.getElementById('page');
  const fresh = el('div', { id: `page-${name}` });
  try {
    await page(fresh);
    main.replaceChildren(fresh);
    document.body.dataset.loaded = name;
  } catch (err) {
    main.replaceChildren();
    showError(err);
  }
}

async function start() {
  const tokenInput = document.getElementById('token');
  document.getElementById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('callfwd-token', tokenInput.value.trim());
    tokenInput.value = '';
    setStatus('token kept for this tab', 'ok');
    show();
  });
  try {
    const doc = await (await fetch('/openapi.json')).json();
    outcomes =
      doc.paths['/v1/statement'].get.parameters.find((p) => p.name === 'outcome')?.schema?.enum ?? [];
  } catch {
    outcomes = [];
  }
  window.addEventListener('hashchange', () => {
    setStatus('');
    show();
  });
  await show();
}

start();
