/** A systemd unit file: its sections in order, each a list of `Key=Value` entries (keys may repeat). */
export interface UnitFile {
  sections: Map<string, Array<{ key: string; value: string; line: number }>>;
  problems: string[];
}

/** Parses a systemd unit file. Lines that are neither a section header, a `Key=Value`, a comment nor blank are problems. */
export function parseUnitFile(text: string): UnitFile {
  const sections: UnitFile['sections'] = new Map();
  const problems: string[] = [];
  let current: Array<{ key: string; value: string; line: number }> | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    const number = index + 1;
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    if (raw.endsWith('\\')) {
      problems.push(`line ${number}: continuation lines are not used in callfwd's units`);
      return;
    }
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header?.[1] !== undefined) {
      if (sections.has(header[1])) problems.push(`line ${number}: section [${header[1]}] repeated`);
      current = [];
      sections.set(header[1], current);
      return;
    }
    const entry = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(line);
    if (entry?.[1] === undefined || entry[2] === undefined) {
      problems.push(`line ${number}: not Key=Value: ${line}`);
      return;
    }
    if (current === undefined) {
      problems.push(`line ${number}: ${entry[1]} before any section`);
      return;
    }
    current.push({ key: entry[1], value: entry[2], line: number });
  });
  return { sections, problems };
}

/** The values of `key` in `section`, in order. */
export function unitValues(unit: UnitFile, section: string, key: string): string[] {
  return (unit.sections.get(section) ?? []).filter((entry) => entry.key === key).map((entry) => entry.value);
}

/** A systemd time span such as `60s`, `2min`, `90`, `1min 30s`, in seconds. */
export function parseTimeSpanSeconds(span: string): number {
  const units: Record<string, number> = { '': 1, s: 1, sec: 1, m: 60, min: 60, h: 3600, hr: 3600, ms: 0.001 };
  let total = 0;
  const parts = span.trim().split(/\s+/);
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?)([a-z]*)$/.exec(part);
    const unit = match?.[2];
    if (match?.[1] === undefined || unit === undefined || !(unit in units)) {
      throw new Error(`not a time span: ${span}`);
    }
    total += Number(match[1]) * (units[unit] ?? 1);
  }
  return total;
}
