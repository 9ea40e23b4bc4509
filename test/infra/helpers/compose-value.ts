/**
 * A Compose string as it reads when no variable is set: `${VAR:-default}` and `${VAR-default}` give the
 * default, `$$` gives `$`. `${VAR}` and `${VAR:?message}` (required) become `<VAR>`, so a test can tell
 * what the value depends on.
 */
export function composeDefault(value: string): string {
  return value
    .split('$$')
    .map((part) =>
      part
        .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_all, name: string, fallback: string | undefined) =>
          fallback ?? `<${name}>`,
        )
        .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?[^}]*\}/g, (_all, name: string) => `<${name}>`),
    )
    .join('$');
}

/** The names of the variables a Compose string requires with `${VAR:?message}` or `${VAR?message}`. */
export function requiredComposeVariables(value: string): string[] {
  return [...value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?[^}]*\}/g)].map((match) => match[1] ?? '');
}
