import { expect } from 'chai';
import { CallfwdError, recordingPath } from '../../src/index.js';

const uuid = '6f1c1b7e-8a53-4f0e-9d2a-3c4b5a697f10';

describe('rule 5: recording file path (recordingPath)', () => {
  const table: Array<[string, string]> = [
    ['/var/lib/freeswitch/recordings', `/var/lib/freeswitch/recordings/${uuid}.wav`],
    ['/var/lib/freeswitch/recordings/', `/var/lib/freeswitch/recordings/${uuid}.wav`],
    ['/', `/${uuid}.wav`],
  ];
  for (const [directory, path] of table) {
    it(`${directory} -> ${path}`, () => {
      expect(recordingPath(directory, uuid)).to.equal(path);
    });
  }

  for (const bad of ['../../etc/passwd', uuid.toUpperCase(), `${uuid}.wav`, '', `${uuid} `]) {
    it(`throws BAD_INPUT for a call UUID that is not one: ${JSON.stringify(bad)}`, () => {
      expect(() => recordingPath('/rec', bad))
        .to.throw(CallfwdError)
        .with.property('code', 'BAD_INPUT');
    });
  }
});
