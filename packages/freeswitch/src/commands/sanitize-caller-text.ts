/** Characters kept from caller-controlled text: letters, marks, digits and harmless punctuation. */
const DROP = /[^\p{L}\p{M}\p{N} ._\-+@()#*!?,]/gu;
const SPACES = /\s+/gu;

/**
 * Caller-controlled text (a caller name from the inbound leg) made safe to present:
 * whitespace of any kind becomes one space, every other character outside the kept set
 * is removed (quotes, braces, backslashes, `$`, `&`, control and format characters),
 * the result is trimmed and cut to `maxLength` code points. May return ''. The result
 * always passes the value check of the command layer.
 */
export function sanitizeCallerText(input: string, maxLength = 64): string {
  const cleaned = input.normalize('NFC').replace(SPACES, ' ').replace(DROP, '').replace(SPACES, ' ').trim();
  return Array.from(cleaned).slice(0, maxLength).join('').trim();
}
