import { isNode, type Document, type LineCounter } from 'yaml';

export interface Location {
  line: number;
  column: number;
}

/** `lines[2].dial` -> ['lines', 2, 'dial']; `(root)` -> []. */
export function splitConfigPath(path: string): (string | number)[] {
  if (path === '(root)') return [];
  const keys: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) keys.push(Number.parseInt(match[2], 10));
    else if (match[1] !== undefined) keys.push(match[1]);
  }
  return keys;
}

/**
 * Where in the YAML file a config problem's path is: the node at the path, else its nearest
 * parent that exists (a missing key is reported at the map that lacks it).
 */
export function locateConfigPath(doc: Document, lineCounter: LineCounter, path: string): Location | undefined {
  const keys = splitConfigPath(path);
  for (let depth = keys.length; depth >= 0; depth -= 1) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(keys.slice(0, depth), true);
    if (isNode(node) && node.range !== undefined && node.range !== null) {
      const pos = lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}
