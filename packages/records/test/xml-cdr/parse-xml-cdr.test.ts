import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parseXmlCdr } from '../../src/xml-cdr/parse-xml-cdr.js';
import { useRecordsDb } from '../support/database.js';

/** The real captures; the repository's shared/ sits beside the checkout. */
const CAPTURE = join(
  process.env.CALLFWD_ESL_FIXTURES_ROOT ??
    fileURLToPath(new URL('../../../../../shared/fixtures', import.meta.url)),
  'esl-real-next',
  'xml-cdr-post',
);

interface Request {
  n: number;
  url: string;
  contentType: string;
  body: string;
}

function capturedRequests(): Request[] {
  const jsonl = join(CAPTURE, 'cdr-requests.jsonl');
  if (!existsSync(jsonl))
    throw new Error(`xml_cdr capture ${jsonl} not found: set CALLFWD_ESL_FIXTURES_ROOT to shared/fixtures`);
  const raw = readFileSync(join(CAPTURE, 'cdr-requests.raw'));
  return readFileSync(jsonl, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const meta = JSON.parse(line) as {
        n: number;
        url: string;
        offset: number;
        length: number;
        headers: Record<string, string>;
      };
      const request = raw.subarray(meta.offset, meta.offset + meta.length).toString('utf8');
      return {
        n: meta.n,
        url: meta.url,
        contentType: meta.headers['content-type'] ?? '',
        body: request.slice(request.indexOf('\r\n\r\n') + 4),
      };
    });
}

describe('parseXmlCdr (real mod_xml_cdr posts, FreeSWITCH 1.10.12)', () => {
  const requests = capturedRequests();

  it('parses every captured post, both encodings, with the uuid the URL names', () => {
    expect(requests).to.have.length(13);
    expect(new Set(requests.map((r) => r.contentType))).to.have.length(2);
    for (const request of requests) {
      const result = parseXmlCdr(request.body);
      if (!result.ok) throw new Error(`request ${request.n}: ${result.error}`);
      expect(request.url.replace(/^\/cdr\?uuid=(a_)?/, ''), `request ${request.n}`).to.equal(result.cdr.leg);
      expect(result.cdr.billsec).to.equal(3);
      expect(result.cdr.hangupCause).to.equal('NORMAL_CLEARING');
    }
  });

  it('reads the bridged forward leg: parent call, billsec, billmsec, epochs, ours', () => {
    const result = parseXmlCdr(requests[2]?.body ?? '');
    expect(result).to.deep.equal({
      ok: true,
      cdr: {
        leg: '53324de1-15cf-4ef4-ab1f-58470ae071aa',
        call: 'b3468fc5-f832-4c0f-a944-76423e5cc915',
        otherLeg: 'b3468fc5-f832-4c0f-a944-76423e5cc915',
        direction: 'outbound',
        forwardLeg: true,
        billsec: 3,
        billmsec: 3020,
        duration: 3,
        hangupCause: 'NORMAL_CLEARING',
        startEpoch: 1_796_153_481,
        answerEpoch: 1_796_153_481,
        endEpoch: 1_796_153_484,
        variables: { callfwd_parent: 'b3468fc5-f832-4c0f-a944-76423e5cc915' },
      },
    });
  });

  it('tells our leg from the loopback -b half and the caller leg (the variables are copied, the direction differs)', () => {
    const parsed = requests.map((r) => parseXmlCdr(r.body));
    const [bHalf, caller] = [parsed[0], parsed[1]];
    expect(
      bHalf?.ok && bHalf.cdr.direction === 'inbound' && bHalf.cdr.variables.callfwd_parent !== undefined,
    ).to.equal(true);
    expect(bHalf?.ok && bHalf.cdr.forwardLeg).to.equal(false);
    expect(caller?.ok && caller.cdr.variables).to.deep.equal({ callfwd_connection: 'pbx-a' });
    expect(caller?.ok && caller.cdr.forwardLeg).to.equal(false);
    expect(caller?.ok && caller.cdr.call).to.equal(null);
  });

  it('refuses a body without a CDR', () => {
    expect(parseXmlCdr('cdr=hello')).to.deep.equal({ ok: false, error: 'no <variables> in the CDR' });
    const noUuid = parseXmlCdr(
      '<cdr><variables><billsec>3</billsec><duration>3</duration></variables></cdr>',
    );
    expect(noUuid.ok).to.equal(false);
  });

  describe('recordLegCdr', () => {
    const t = useRecordsDb();
    it('stores a leg once (FreeSWITCH retries the same POST) and reads it back', async () => {
      const retried = requests.filter((r) => r.url.includes('d8ff76b2'));
      expect(retried).to.have.length(2); // the 500 and its retry
      const cdrs = retried.map((r) => {
        const result = parseXmlCdr(r.body);
        if (!result.ok) throw new Error(result.error);
        return result.cdr;
      });
      const inserted = [];
      for (const cdr of cdrs) inserted.push((await t.db.recordLegCdr(cdr)).inserted);
      expect(inserted).to.deep.equal([true, false]);
      expect(await t.db.legCdr('d8ff76b2-f1c7-4735-a70f-86b7118d1b26')).to.deep.equal(cdrs[0]);
      expect(await t.db.legCdr('00000000-0000-4000-8000-000000000000')).to.equal(null);
    });
  });
});
