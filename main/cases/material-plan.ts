import type { GuideRecord } from '../catalogue/guide-record.ts';
import type { Certificate } from '../platform/platform-deliveries.ts';

/**
 * The materials of a case and how each is provided (gov-service-data.md §2.4, §2.5): the application form by the
 * form itself; an 电子证照 fetched for the applicant (免提交); a 告知承诺 commitment signed on the screen; 容缺 —
 * accepted missing, supplied later; a scan (document-scanning capability); or, when optional, nothing. For a
 * bundle the items' materials are merged by name (一套材料): the strictest need wins, and a commitment or 容缺 is
 * offered only when every item asking for the material allows it.
 */
export type MaterialWay = 'form' | 'id-card' | 'certificate' | 'commitment' | 'deferred' | 'scan' | 'none';
export type MaterialNeed = 'required' | 'deferrable' | 'optional';

export interface MaterialRequirement {
  id: string;
  name: string;
  need: MaterialNeed;
  commitmentAllowed: boolean;
  isForm: boolean;
  licenseCode: string | null;
  /** The items asking for it (task names), for a bundle's list. */
  forItems: string[];
  blankFormUrl: string | null;
  exampleUrl: string | null;
}

const needOf = (isNeed: '0' | '1' | '2'): MaterialNeed => (isNeed === '1' ? 'required' : isNeed === '2' ? 'deferrable' : 'optional');
const STRICTNESS: Record<MaterialNeed, number> = { optional: 0, deferrable: 1, required: 2 };

export const mergeMaterials = (guides: readonly GuideRecord[]): MaterialRequirement[] => {
  const byName = new Map<string, MaterialRequirement>();
  for (const guide of guides) {
    for (const material of guide.materials) {
      const need = needOf(material.is_need);
      const known = byName.get(material.material_name);
      if (known === undefined) {
        byName.set(material.material_name, {
          id: `m${byName.size + 1}`,
          name: material.material_name,
          need,
          commitmentAllowed: material.is_promise === '1',
          isForm: material.is_form === '1',
          licenseCode: material.license_code ?? null,
          forItems: [guide.task_name],
          blankFormUrl: material.form_guid ?? null,
          exampleUrl: material.example_guid ?? null,
        });
        continue;
      }
      // The strictest need wins: 容缺 stays only if no item requires the material outright.
      if (STRICTNESS[need] > STRICTNESS[known.need]) known.need = need;
      known.commitmentAllowed &&= material.is_promise === '1';
      known.isForm &&= material.is_form === '1';
      known.licenseCode ??= material.license_code ?? null;
      known.forItems.push(guide.task_name);
    }
  }
  return [...byName.values()];
};

/** The material that is the resident identity card itself (its national name). */
const ID_CARD_MATERIAL = '居民身份证';

/**
 * The ways this terminal can provide a material for this applicant, best first. The resident identity card is
 * provided by reading it here (the card the applicant identified with), which needs no platform.
 */
export const waysFor = (
  requirement: MaterialRequirement,
  applicant: { residentCard: boolean; certificates: readonly Certificate[] },
  scanning: boolean,
): MaterialWay[] => {
  const { certificates } = applicant;
  const ways: MaterialWay[] = [];
  if (requirement.isForm) ways.push('form');
  if (applicant.residentCard && requirement.name === ID_CARD_MATERIAL) ways.push('id-card');
  if (certificateFor(requirement, certificates) !== null) ways.push('certificate');
  if (scanning) ways.push('scan');
  if (requirement.commitmentAllowed) ways.push('commitment');
  if (requirement.need === 'deferrable') ways.push('deferred');
  if (requirement.need === 'optional') ways.push('none');
  return ways;
};

export const certificateFor = (requirement: MaterialRequirement, certificates: readonly Certificate[]): Certificate | null =>
  requirement.licenseCode === null ? null : (certificates.find((certificate) => certificate.certificateTypeCode === requirement.licenseCode) ?? null);

/** What is chosen without asking: the form for the form, a certificate where the applicant has one (免提交). */
export const automaticWay = (ways: readonly MaterialWay[]): MaterialWay | null =>
  (['form', 'id-card', 'certificate'] as const).find((way) => ways.includes(way)) ?? null;

/** The text a citizen signs for a 告知承诺 (国办发〔2020〕42号): what they promise and what a false promise costs. */
export const commitmentText = (materialName: string, itemNames: readonly string[]): string =>
  `本人申请办理${itemNames.join('、')}，承诺已符合“${materialName}”所证明的条件，所提供的信息真实、准确、完整。` +
  '本人知晓：行政机关将依法对承诺内容进行核查；如承诺不实，愿意承担相应的法律责任，行政机关可依法撤销相关决定，并将失信情况记入信用记录。';
