/**
 * Exit status of an entry that stops because a restart was asked for (staff in maintenance mode, an operator's
 * `restart` RPC, a config overlay or an update that needs one): EX_TEMPFAIL, a failure to systemd, which starts the
 * unit again (`Restart=on-failure`); the demo starts the terminal again itself.
 */
export const RESTART_EXIT_CODE = 75;
