// What `callfwd employees` and `callfwd lines` share: who makes a change (for the change history),
// reading one item (YAML or JSON, from a file, standard input or --json-body), and zod issues as a line.
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

/** The change history's `by` for a CLI change. */
export function whoAmI(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The item's text as data: JSON text, or a YAML/JSON file ('-': standard input). A problem is a message naming `what`. */
export async function readItemInput(
  args: { file?: string | undefined; 'json-body'?: string | undefined },
  what: string,
): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  try {
    if (args['json-body'] !== undefined) return { ok: true, value: JSON.parse(args['json-body']) as unknown };
    const text = args.file === '-' ? await readStdin() : await readFile(args.file ?? '', 'utf8');
    return { ok: true, value: parseYaml(text) as unknown };
  } catch (err) {
    return { ok: false, message: `cannot read the ${what}: ${(err as Error).message.split('\n')[0] ?? ''}` };
  }
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
