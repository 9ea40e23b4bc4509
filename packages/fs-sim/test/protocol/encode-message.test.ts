import { expect } from 'chai';
import { encodeApiResponse, encodedEvent, encodeEvent } from '../../src/protocol/encode-message.js';
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

  it('writes JSON values exactly as JSON.stringify does, tricky characters included', () => {
    const values = ['plain', 'a "quoted" \\ back', 'tab\there\nline', '\u0001\u001f', 'Zażółć 😀', '\u2028', '\ud800 lone', '', "'single'"];
    const headers = values.map((value, i) => [`H-${i}`, value] as const);
    const text = encodeEvent({ name: 'X', headers }, 'json');
    const expected = `{${headers.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`).join(',')}}`;
    expect(text.split('\n\n')[1]).to.equal(expected);
    expect((JSON.parse(text.split('\n\n')[1]!) as Record<string, string>)['H-1']).to.equal('a "quoted" \\ back');
  });

  it('encodes an event once for every connection that gets it', () => {
    const event = { name: 'X', headers: [['A', 'b']] as const };
    expect(encodedEvent(event, 'json')).to.equal(encodedEvent(event, 'json'));
    expect(encodedEvent(event, 'plain').toString()).to.equal(encodeEvent(event, 'plain'));
  });

  it('frames api/response with the byte length of the body', () => {
    expect(encodeApiResponse('false')).to.equal('Content-Type: api/response\nContent-Length: 5\n\nfalse');
    expect(encodeApiResponse('ż\n')).to.equal('Content-Type: api/response\nContent-Length: 3\n\nż\n');
  });
});
