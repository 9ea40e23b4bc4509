/** PromQL words that are not metric names: keywords, aggregation and binary modifiers. */
const KEYWORDS = new Set([
  'and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset',
  'sum', 'min', 'max', 'avg', 'count', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'group',
  'inf', 'nan',
]);

/**
 * The metric names a PromQL expression selects. Strips string literals, label matchers `{...}`, range and
 * subquery brackets `[...]` and the label lists of `by/without/on/ignoring/group_left/group_right (...)`;
 * then every remaining identifier that is not followed by `(` (a function call) and not a keyword is a
 * metric name. `{__name__="x"}` selectors are not supported (callfwd's rules do not use them).
 */
export function promqlMetricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const word = match[0];
    const after = stripped.slice((match.index ?? 0) + word.length);
    const before = stripped.slice(0, match.index ?? 0);
    if (/^\s*\(/.test(after)) continue; // a function
    if (/[0-9.]$/.test(before)) continue; // the exponent of a number such as 1e3
    if (KEYWORDS.has(word.toLowerCase())) continue;
    names.add(word);
  }
  return [...names].sort();
}
