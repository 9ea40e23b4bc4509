import { expect } from 'chai';
import { parseShowChannels } from '../../src/index.js';

describe('parseShowChannels', () => {
  it('reads the empty reply FreeSWITCH 1.10.12 sent in the captures', () => {
    expect(parseShowChannels('{"row_count": 0}\n')).to.deep.equal({ ok: true, rows: [] });
  });

  it('reads rows, keeping FreeSWITCH column names and every column in raw', () => {
    const reply = JSON.stringify({
      row_count: 1,
      rows: [
        {
          uuid: 'u1',
          direction: 'inbound',
          created_epoch: '1795642066',
          state: 'CS_EXECUTE',
          callstate: 'ACTIVE',
          dest: '600100',
          cid_num: '48221234567',
          presence_id: null,
        },
      ],
    });
    const result = parseShowChannels(reply);
    expect(result.ok && result.rows).to.have.length(1);
    expect(result.ok && result.rows[0]).to.deep.include({
      uuid: 'u1',
      created_epoch: 1795642066,
      callstate: 'ACTIVE',
      context: '',
    });
    expect(result.ok && result.rows[0]?.raw.presence_id).to.equal('');
  });

  it('returns an error for a reply that is not the JSON listing', () => {
    expect(parseShowChannels('-ERR no reply\n')).to.deep.equal({ ok: false, error: '-ERR no reply' });
    expect(parseShowChannels('{"rows": []}').ok).to.equal(false);
  });
});
