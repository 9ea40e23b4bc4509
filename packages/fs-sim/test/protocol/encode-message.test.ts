import { expect } from 'chai';
import { encodeApiResponse, encodeEvent } from '../../src/protocol/encode-message.js';
import { urlDecode, urlEncode } from '../../src/protocol/url-encode.js';
import { splitMessages } from '../support/esl-messages.js';

describe('event-socket framing', () => {
  it('url-encodes plain header values like FreeSWITCH (and decodes them back)', () => {
    const cases: Array<[string, string]> = [
      ['Wed, 25 Nov 2026 21:27:42 GMT', 'Wed,%2025%20Nov%202026%2021%3A27%3A42%20GMT'],
      ['fd00::2', 'fd00%3A%3A2'],
      ["{a=b,c='d e'}loopback/700 &park()", "%7Ba%3Db,c%3D'd%20e'%7Dloopback/700%20%26park()"],
      ['<sip:4822@127.0.0.1>;reason=unconditional', '%3Csip%3A4822%40127.0.0.1%3E%3Breason%3Dunconditional'],
      ['1.10.12-release~64bit', '1.10.12-release~64bit'],
      ['Zażółć +1', 'Za%C5%BC%C3%B3%C5%82%C4%87%20%2B1'],
    ];
    for (const [raw, encoded] of cases) {
      expect(urlEncode(raw)).to.equal(encoded);
      expect(urlDecode(encoded)).to.equal(raw);
    }
  });

  it('frames a plain event with Content-Length first and a nested body', () => {
    const text = encodeEvent(
      { name: 'BACKGROUND_JOB', headers: [['Event-Name', 'BACKGROUND_JOB'], ['Job-Command', 'originate'], ['Job-Command-Arg', 'a b']], body: '+OK x\n' },
      'plain',
    );
    const inner = 'Event-Name: BACKGROUND_JOB\nJob-Command: originate\nJob-Command-Arg: a%20b\nContent-Length: 6\n\n+OK x\n';
    expect(text).to.equal(`Content-Length: ${inner.length}\nContent-Type: text/event-plain\n\n${inner}`);
    const [message] = splitMessages(Buffer.from(text));
    expect(message!.event!.body).to.equal('+OK x\n');
  });

  it('frames a JSON event with _body and Content-Length inside, repeated headers kept', () => {
    const text = encodeEvent(
      { name: 'X', headers: [['Hangup-Cause', 'A'], ['Hangup-Cause', 'A'], ['variable_DP_MATCH', ['7', '7']]], body: 'b\n' },
      'json',
    );
    expect(text.split('\n\n')[1]).to.equal('{"Hangup-Cause":"A","Hangup-Cause":"A","variable_DP_MATCH":["7","7"],"Content-Length":"2","_body":"b\\n"}');
    expect(text.startsWith(`Content-Length: ${Buffer.byteLength(text.split('\n\n')[1]!)}\nContent-Type: text/event-json\n\n`)).to.equal(true);
  });

  it('frames api/response with the byte length of the body', () => {
    expect(encodeApiResponse('false')).to.equal('Content-Type: api/response\nContent-Length: 5\n\nfalse');
    expect(encodeApiResponse('ż\n')).to.equal('Content-Type: api/response\nContent-Length: 3\n\nż\n');
  });
});
