import { catalogueLinesTarget } from './catalogue-lines.ts';
import type { AnyFuzzTarget } from './fuzz-target.ts';
import { hidPosReportsTarget } from './hid-pos-reports.ts';
import { pageFramesTarget } from './page-frames.ts';
import { platformAnswersTarget } from './platform-answers.ts';
import { signaturePngsTarget } from './signature-pngs.ts';

/** Every parser under fuzzing (issue 21): the property tests run each 1,000 times, `npm run fuzz` 10⁵ times. */
export const FUZZ_TARGETS: readonly AnyFuzzTarget[] = [catalogueLinesTarget, platformAnswersTarget, pageFramesTarget, hidPosReportsTarget, signaturePngsTarget];
