import { describe, expect, it } from 'vitest';
import { bundleInScope, guideInScope, regionOfDept } from '../../../main/catalogue/catalogue-scope.ts';
import { guideRecordSchema, type BundleRecord } from '../../../main/catalogue/guide-record.ts';

const guide = (fields: Record<string, unknown>) =>
  guideRecordSchema.parse({ task_code: 'A000001', task_name: '社会保障卡申领', task_type: '20', task_version: 1, task_state: '1', dept_name: 'd', server_type: '1', is_service_terminals: '1', ...fields });
const PUDONG = { areaCode: '310115', audiences: ['natural'] as const };
const dept = (region: string) => `11${region}MB2000000X`;

describe('which guides a terminal keeps', () => {
  it('reads the region from the 实施主体 统一社会信用代码 (characters 3-8), or none', () => {
    expect(regionOfDept('11310115MB2000000X')).toBe('310115');
    expect(regionOfDept('11450721MB15580811')).toBe('450721');
    expect(regionOfDept('not a code')).toBeNull();
    expect(regionOfDept(undefined)).toBeNull();
  });

  it('its district, the city and province above it; another district only when 通办 reaches it', () => {
    expect(guideInScope(guide({ dept_code: dept('310115') }), PUDONG)).toBe(true);
    expect(guideInScope(guide({ dept_code: dept('310100') }), PUDONG)).toBe(true);
    expect(guideInScope(guide({ dept_code: dept('310000') }), PUDONG)).toBe(true);
    expect(guideInScope(guide({ dept_code: dept('310104') }), PUDONG)).toBe(false);
    expect(guideInScope(guide({ dept_code: dept('310104'), handle_area: '全市通办' }), PUDONG)).toBe(true);
    expect(guideInScope(guide({ dept_code: dept('320104'), handle_area: '全市通办' }), PUDONG)).toBe(false);
    expect(guideInScope(guide({ dept_code: dept('320104'), handle_area: '跨省通办' }), PUDONG)).toBe(true);
    expect(guideInScope(guide({ dept_code: dept('310104') }), { audiences: ['natural'] })).toBe(true);
    expect(guideInScope(guide({ dept_name: 'no code' }), PUDONG)).toBe(true);
  });

  it('community-level items only at that community; only items in use; only its audience', () => {
    expect(guideInScope(guide({ town_code: '310115005' }), { ...PUDONG, townCode: '310115005' })).toBe(true);
    expect(guideInScope(guide({ town_code: '310115005' }), { ...PUDONG, townCode: '310115007' })).toBe(false);
    expect(guideInScope(guide({ town_code: '310115005' }), PUDONG)).toBe(false);
    expect(guideInScope(guide({ task_state: '2' }), PUDONG)).toBe(false);
    expect(guideInScope(guide({ server_type: '2,3' }), PUDONG)).toBe(false);
    expect(guideInScope(guide({ server_type: '2,3' }), { ...PUDONG, audiences: ['legal'] })).toBe(true);
    expect(guideInScope(guide({ server_type: '1,2' }), {})).toBe(true);
  });

  it('bundles of its region and audience', () => {
    const bundle: BundleRecord = { bundle_code: 'YJS-310115-001', bundle_name: '新生儿出生“一件事”', area_code: '310115', server_type: '1', task_codes: ['A000001', 'A000002'] };
    expect(bundleInScope(bundle, PUDONG)).toBe(true);
    expect(bundleInScope({ ...bundle, area_code: '310000' }, PUDONG)).toBe(true);
    expect(bundleInScope({ ...bundle, area_code: '310104' }, PUDONG)).toBe(false);
    expect(bundleInScope({ ...bundle, server_type: '2' }, PUDONG)).toBe(false);
  });
});
