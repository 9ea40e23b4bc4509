/** The help lines of the options every config-reading command takes. */
export const CONFIG_HELP = `  --config FILE   default $CALLFWD_CONFIG or /etc/callfwd/callfwd.yaml
  --insecure-dev  accept FreeSWITCH's default password (labs only)`;

export const EXIT_HELP = 'Exit codes: 0 done, 1 failure (Redis unreachable, ...), 2 bad arguments or config.';
