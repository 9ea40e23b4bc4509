import { expect } from 'chai';
import { createCommandParser } from '../../src/protocol/command-parser.js';

describe('command parser', () => {
  it('waits for the blank line, across any split', () => {
    const text = 'bgapi originate {a=b}loopback/700 &park()\nJob-UUID: j1\n\napi status\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      const parser = createCommandParser();
      const commands = [...parser.push(Buffer.from(text.slice(0, cut))), ...parser.push(Buffer.from(text.slice(cut)))];
      expect(commands.map((c) => c.line), `cut at ${cut}`).to.deep.equal(['bgapi originate {a=b}loopback/700 &park()', 'api status']);
      expect(commands[0]!.headers.get('Job-UUID')).to.equal('j1');
      expect(commands[0]!.raw).to.equal('bgapi originate {a=b}loopback/700 &park()\nJob-UUID: j1');
    }
  });

  it('accepts CRLF line ends and reads a sendmsg body by Content-Length', () => {
    const parser = createCommandParser();
    const commands = parser.push(Buffer.from('api version\r\n\r\nsendmsg u1\ncall-command: hangup\nContent-Length: 4\n\nbody'));
    expect(commands.map((c) => [c.line, c.body])).to.deep.equal([
      ['api version', ''],
      ['sendmsg u1', 'body'],
    ]);
  });
});
