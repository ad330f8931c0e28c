import type { GuideDetail, GuideMaterial } from '../api/index.ts';
import type { GuideRecord, MaterialRecord } from './guide-record.ts';

const NEED: Readonly<Record<MaterialRecord['is_need'], GuideMaterial['need']>> = { '1': 'required', '0': 'optional', '2': 'deferrable' };
const FORM = { '1': 'paper', '2': 'electronic', '3': 'both' } as const;
const SOURCE = { '10': 'applicant', '20': 'government', '99': 'other' } as const;

/** Only http(s) links leave the terminal as QR codes or links; anything else (javascript:, data:) is dropped. */
const webUrl = (value: string | undefined): string | null => {
  if (value === undefined) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
};

const limitOf = (days: number | undefined, unit: string | undefined) => (days === undefined ? null : { days, workingDays: unit === undefined || unit === '1' });

/** A stored guide (national field names) as the guide screen shows it. */
export const guideDetailOf = (guide: GuideRecord): GuideDetail => ({
  taskCode: guide.task_code,
  taskName: guide.task_name,
  deptName: guide.dept_name,
  kioskCapable: guide.is_service_terminals === '1',
  acceptCondition: guide.accept_condition ?? null,
  materials: [...guide.materials]
    .map((material, position) => ({ material, position }))
    .sort((a, b) => (a.material.order_num ?? a.position) - (b.material.order_num ?? b.position) || a.position - b.position)
    .map(({ material }) => ({
      name: material.material_name,
      need: NEED[material.is_need],
      commitment: material.is_promise === '1',
      form: material.material_form === undefined ? null : FORM[material.material_form],
      copies: material.page_num ?? null,
      source: material.source_type === undefined ? null : SOURCE[material.source_type],
      blankFormUrl: webUrl(material.form_guid),
      sampleUrl: webUrl(material.example_guid),
    })),
  legalLimit: limitOf(guide.anticipate_day, guide.anticipate_type),
  promisedLimit: limitOf(guide.promise_day, guide.promise_type),
  charged: guide.is_fee === '1' || guide.fees.length > 0,
  fees: guide.fees.map((fee) => ({ name: fee.fee_name, standard: fee.fee_stand })),
  handleFlow: guide.handle_flow ?? null,
  address: guide.transact_addr ?? null,
  hours: guide.transact_time ?? null,
  enquiries: guide.link_way ?? null,
  onlineUrl: webUrl(guide.online_handle_url),
});
