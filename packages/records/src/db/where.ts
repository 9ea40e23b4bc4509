// A tiny builder of parameterised WHERE clauses: values are always bind parameters.

export interface Where {
  add(sqlWithPlaceholder: string, ...values: unknown[]): void;
  /** `WHERE a AND b` or '' */
  sql(): string;
  params: unknown[];
}

/** Each `?` in a condition becomes the next `$n`. */
export function createWhere(): Where {
  const conditions: string[] = [];
  const params: unknown[] = [];
  return {
    params,
    add(condition, ...values) {
      let i = 0;
      conditions.push(
        condition.replace(/\?/g, () => {
          params.push(values[i]);
          i += 1;
          return `$${params.length}`;
        }),
      );
    },
    sql: () => (conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`),
  };
}
