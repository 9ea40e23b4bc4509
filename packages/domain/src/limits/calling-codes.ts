// ITU-T E.164 country calling codes by ISO 3166-1 alpha-2 code. Countries that share a code
// (+1 North America, +7 Russia and Kazakhstan, +44 the UK and the Crown dependencies) are listed
// once under the country the code is known by; add a row for a country that is missing.
const CODES = {
  AD: '376', AE: '971', AL: '355', AM: '374', AR: '54', AT: '43', AU: '61', AZ: '994', BA: '387',
  BD: '880', BE: '32', BG: '359', BH: '973', BO: '591', BR: '55', BY: '375', CA: '1', CH: '41',
  CI: '225', CL: '56', CN: '86', CO: '57', CR: '506', CY: '357', CZ: '420', DE: '49', DK: '45',
  DZ: '213', EC: '593', EE: '372', EG: '20', ES: '34', ET: '251', FI: '358', FO: '298', FR: '33',
  GB: '44', GE: '995', GH: '233', GI: '350', GR: '30', GT: '502', HK: '852', HR: '385', HU: '36',
  ID: '62', IE: '353', IL: '972', IN: '91', IQ: '964', IR: '98', IS: '354', IT: '39', JO: '962',
  JP: '81', KE: '254', KR: '82', KW: '965', LB: '961', LI: '423', LK: '94', LT: '370', LU: '352',
  LV: '371', MA: '212', MC: '377', MD: '373', ME: '382', MK: '389', MT: '356', MX: '52', MY: '60',
  NG: '234', NL: '31', NO: '47', NZ: '64', OM: '968', PA: '507', PE: '51', PH: '63', PK: '92',
  PL: '48', PT: '351', PY: '595', QA: '974', RO: '40', RS: '381', RU: '7', SA: '966', SE: '46',
  SG: '65', SI: '386', SK: '421', SM: '378', SN: '221', TH: '66', TN: '216', TR: '90', TW: '886',
  TZ: '255', UA: '380', UG: '256', US: '1', UY: '598', VE: '58', VN: '84', ZA: '27',
} as const satisfies Record<string, string>;

export type Country = keyof typeof CODES;

export const COUNTRIES = Object.freeze(Object.keys(CODES).sort()) as readonly Country[];

/** The calling code of a country (digits, no "+"). */
export function callingCodeOf(country: Country): string {
  return CODES[country];
}

/**
 * The country an E.164 number belongs to, by its calling code; undefined when the code is not in
 * the table or is shared by several countries listed (+1: the US and Canada).
 */
export function countryOfNumber(e164: string): Country | undefined {
  const digits = e164.replace(/^\+/, '');
  const matches = COUNTRIES.filter((c) => digits.startsWith(CODES[c]));
  const longest = Math.max(0, ...matches.map((c) => CODES[c].length));
  const best = matches.filter((c) => CODES[c].length === longest);
  return best.length === 1 ? best[0] : undefined;
}
