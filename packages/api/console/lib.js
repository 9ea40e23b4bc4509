/* global document, fetch, sessionStorage */
// Small helpers of the console: DOM building (text only, never HTML from data), the API call, formats.

/** An element with attributes (booleans toggle) and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === undefined || value === null) continue;
    if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
    if (key === 'value' && 'value' in node) node.value = String(value);
  }
  for (const child of children.flat()) {
    if (child === '' || child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** The API's error: its message, code and the field at fault. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error ? `${body.error}${body.field ? ` (field ${body.field})` : ''}` : `HTTP ${status}`);
    this.status = status;
    this.code = body?.code;
    this.field = body?.field;
  }
}

export async function api(method, path, body) {
  const token = sessionStorage.getItem('callfwd-token') ?? '';
  const headers = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = res.headers.get('content-type')?.startsWith('application/json') ? await res.json() : null;
  if (res.status === 401)
    throw new ApiError(401, { ...data, error: 'paste an API token above (CALLFWD_API_TOKENS)' });
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export function setStatus(text, kind = '') {
  const status = document.getElementById('status');
  status.textContent = text;
  status.className = kind;
}

/** Integer minor units as money: 12345 EUR -> "123.45 EUR". */
export function money(minor, currency) {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} ${currency}`.trim();
}

export function time(ms) {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}
