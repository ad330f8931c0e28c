import { removeEnrolmentCode } from '../../../main/config/enrolment-code-removal.ts';
import type { KioskctlCommand } from '../command.ts';

/**
 * `config forget-enrolment-code <file>`: cuts the spent `platform.enrolmentCode` out of a terminal config, the rest of
 * the file as it was. The host does it itself once enrolled where it may write its config; on a locked-down terminal
 * the config belongs to root, and a technician runs this after the host logged that the terminal is registered.
 */
export const configForgetEnrolmentCode: KioskctlCommand = {
  words: ['config', 'forget-enrolment-code'],
  summary: 'remove the spent enrolment code from a terminal config file',
  arguments: ['<file>'],
  options: {},
  optionHelp: [],
  run({ positionals, io }) {
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) {
      io.stderr('config forget-enrolment-code takes exactly one file');
      return Promise.resolve(2);
    }
    const removal = removeEnrolmentCode(file);
    if (removal.outcome === 'failed') {
      io.stderr(`${file}: left as it was: ${removal.reason}`);
      return Promise.resolve(1);
    }
    io.stdout(`${file}: ${removal.outcome === 'removed' ? 'enrolment code removed' : 'no enrolment code in it'}`);
    return Promise.resolve(0);
  },
};
