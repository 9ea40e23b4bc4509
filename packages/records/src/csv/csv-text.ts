// RFC 4180 text: CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF, quotes doubled.
import { CallfwdError } from '@callfwd/domain';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/** Splits RFC 4180 text into rows of fields (a final CRLF ends the last row, it does not start one). */
export function parseCsvText(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const after = text[i];
        if (after !== undefined && after !== ',' && after !== '\r') {
          throw new CallfwdError('BAD_INPUT', `CSV: text after a closing quote at offset ${i}`);
        }
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && !fieldStarted && field === '') {
      quoted = true;
      fieldStarted = true;
      i += 1;
    } else if (ch === ',') {
      endField();
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i += 2;
    } else if (ch === '"' || ch === '\r' || ch === '\n') {
      throw new CallfwdError('BAD_INPUT', `CSV: a bare ${JSON.stringify(ch)} at offset ${i}`);
    } else {
      field += ch;
      fieldStarted = true;
      i += 1;
    }
  }
  if (quoted) throw new CallfwdError('BAD_INPUT', 'CSV: an unclosed quote');
  if (fieldStarted || field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}
