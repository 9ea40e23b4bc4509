// The paging cursor of records newest first: the last item's (startedAt, callUuid), base64url.

export interface CursorPosition {
  startedAt: number;
  callUuid: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(`${position.startedAt}/${position.callUuid}`, 'utf8').toString('base64url');
}

/** undefined when the text is no cursor of ours. */
export function decodeCursor(cursor: string): CursorPosition | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,15})\/([A-Za-z0-9-]{1,64})$/.exec(text);
  if (!match) return undefined;
  return { startedAt: Number(match[1]), callUuid: match[2] ?? '' };
}

/** Whether an item comes after the cursor in the order (startedAt desc, callUuid desc). */
export function isAfter(item: CursorPosition, cursor: CursorPosition | undefined): boolean {
  if (cursor === undefined) return true;
  return (
    item.startedAt < cursor.startedAt ||
    (item.startedAt === cursor.startedAt && item.callUuid < cursor.callUuid)
  );
}
