const HEX = /^[0-9A-Fa-f]{2}$/;

/**
 * Exact percent-decoding of FreeSWITCH's URL-encoded header values: `%XX` becomes the byte
 * XX, bytes are read as UTF-8, `+` stays `+`. A `%` not followed by two hex digits is kept.
 */
export function percentDecode(value: string): string {
  if (!value.includes('%')) return value;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    if (ch === 0x25 && HEX.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch < 0x80) {
      bytes.push(ch);
    } else {
      const cp = value.codePointAt(i) ?? ch;
      for (const b of Buffer.from(String.fromCodePoint(cp), 'utf8')) bytes.push(b);
      if (cp > 0xffff) i++;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
