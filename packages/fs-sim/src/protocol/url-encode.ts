// FreeSWITCH's switch_url_encode: bytes outside printable ASCII and the characters in
// SWITCH_URL_UNSAFE become %XX (upper-case hex). An existing %XX sequence is kept as is.
const UNSAFE = new Set('\r\n "#%&+:;<=>?@[\\]^`{|}');
const HEX = /^[0-9A-Fa-f]{2}$/;

export function urlEncode(value: string): string {
  const bytes = Buffer.from(value, 'utf8');
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    const char = String.fromCharCode(byte);
    const keepsPercent = char === '%' && HEX.test(bytes.subarray(i + 1, i + 3).toString('latin1'));
    if (!keepsPercent && (byte < 0x20 || byte > 0x7e || UNSAFE.has(char))) {
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    } else {
      out += char;
    }
  }
  return out;
}

export function urlDecode(value: string): string {
  return decodeURIComponent(value.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
}
