/** Why an api command failed, when it is a reason callers act on. */
export type ApiFailureReason = 'no_such_channel';

// FreeSWITCH 1.10.12 says `-ERR No such channel!`; older releases (and sched_hangup) `No Such Channel!`.
const NO_SUCH_CHANNEL = /^-ERR No such channel!?$/i;

/**
 * Per command, the other error texts that mean the channel (or one of them) is not there, as
 * FreeSWITCH 1.10.12 wrote them in the captures: uuid_bridge `-ERR Invalid uuid` (either leg
 * could not be found), uuid_record `-ERR Cannot locate session!`, uuid_pre_answer and
 * uuid_answer `-ERROR` (their only failure).
 */
const BY_COMMAND: Readonly<Record<string, string>> = {
  uuid_bridge: '-ERR Invalid uuid',
  uuid_record: '-ERR Cannot locate session!',
  uuid_pre_answer: '-ERROR',
  uuid_answer: '-ERROR',
};

/**
 * The one place that reads FreeSWITCH's error wording. `verb` is the api command's name
 * (`uuid_kill`), `error` its reply without the trailing newline. Undefined for any other failure.
 */
export function classifyApiFailure(verb: string, error: string): ApiFailureReason | undefined {
  if (NO_SUCH_CHANNEL.test(error)) return 'no_such_channel';
  return Object.hasOwn(BY_COMMAND, verb) && BY_COMMAND[verb] === error ? 'no_such_channel' : undefined;
}
