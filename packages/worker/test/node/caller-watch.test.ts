import { expect } from 'chai';
import { createCallerWatch } from '../../src/index.js';

describe('caller watch', () => {
  it('tells a watching job once that its caller hung up, and remembers the cause', () => {
    const watch = createCallerWatch();
    const seen: string[] = [];
    const stop = watch.watch('fs1', 'call-1', (cause) => seen.push(cause));
    watch.noteHangup('fs1', 'call-1', 'ORIGINATOR_CANCEL');
    watch.noteHangup('fs1', 'call-1', 'NORMAL_CLEARING');
    expect(seen).to.deep.equal(['ORIGINATOR_CANCEL']);
    expect(watch.hungUp('fs1', 'call-1')).to.equal('ORIGINATOR_CANCEL');
    stop();
    expect(watch.size()).to.equal(0);
  });

  it('ignores hangups of calls nobody watches, and keeps nodes apart', () => {
    const watch = createCallerWatch();
    const seen: string[] = [];
    watch.watch('fs1', 'call-1', (cause) => seen.push(cause));
    watch.noteHangup('fs2', 'call-1', 'NORMAL_CLEARING');
    watch.noteHangup('fs1', 'call-2', 'NORMAL_CLEARING');
    expect(seen).to.deep.equal([]);
    expect(watch.hungUp('fs1', 'call-1')).to.equal(undefined);
    expect(watch.size()).to.equal(1);
  });

  it('a stale stop does not remove a newer watch of the same call', () => {
    const watch = createCallerWatch();
    const stopOld = watch.watch('fs1', 'call-1', () => undefined);
    watch.watch('fs1', 'call-1', () => undefined);
    stopOld();
    expect(watch.size()).to.equal(1);
  });
});
