import { CallfwdError } from '../errors/callfwd-error.js';
import { isUuid } from '../values/uuid.js';

/**
 * Where a call's recording is written on the node: `<directory>/<callUuid>.wav`. The UUID
 * is validated, so nothing else reaches the path; a bad one is a bug and throws BAD_INPUT.
 */
export function recordingPath(directory: string, callUuid: string): string {
  if (!isUuid(callUuid))
    throw new CallfwdError('BAD_INPUT', 'recordingPath: the call UUID is not a lower-case UUID');
  const dir = directory.length > 1 ? directory.replace(/\/+$/, '') : directory;
  return `${dir === '/' ? '' : dir}/${callUuid}.wav`;
}
