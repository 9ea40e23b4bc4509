// The opaque paging cursor: the (time, id) of the last row of a page, base64url JSON.
import { CallfwdError } from '@callfwd/domain';
import { z } from 'zod';

const CursorSchema = z.tuple([z.number().min(0), z.string().min(1).max(200)]);

export interface Cursor {
  at: number;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch (err) {
    throw new CallfwdError('BAD_INPUT', 'not a cursor of this statement', { cause: err });
  }
  const parsed = CursorSchema.safeParse(data);
  if (!parsed.success) throw new CallfwdError('BAD_INPUT', 'not a cursor of this statement');
  return { at: parsed.data[0], id: parsed.data[1] };
}
