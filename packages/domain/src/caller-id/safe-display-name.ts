const MAX_DISPLAY_NAME = 48;

/**
 * A display name safe to hand to FreeSWITCH and SIP: letters, digits, spaces and `._()-`
 * only, spaces collapsed, at most 48 characters. Empty when nothing safe is left.
 */
export function safeDisplayName(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_DISPLAY_NAME)
    .trim();
}
