import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CatalogueStore } from '../../../main/catalogue/catalogue-store.ts';
import { parseExchangeLines } from '../../../main/catalogue/exchange-format.ts';
import type { GuideRecord } from '../../../main/catalogue/guide-record.ts';
import { validGuide } from '../../support/fuzz/catalogue-lines.ts';

/**
 * What provinces send (gov-service-data.md §1.4: codes "vary by province"): every known spelling of a value is taken
 * as the national code; an unknown value of an optional field is dropped with a counted warning and the guide kept;
 * only a guide without what the kiosk needs is skipped, with its line number and reason.
 */
const MATERIAL = { material_name: '居民身份证', is_need: '1', material_form: '1' };
const GUIDE = {
  task_code: 'A000001',
  task_name: '居住证办理',
  task_type: '20',
  task_version: 1,
  task_state: '1',
  dept_name: '公安分局',
  server_type: '1',
  is_service_terminals: '1',
  materials: [MATERIAL],
};
const line = (record: unknown) => JSON.stringify(record);
/** The one guide a province line is taken as, with what was dropped. */
const takeOne = (record: unknown) => {
  const parsed = parseExchangeLines(line(record), { deletionsAllowed: false });
  const [taken] = parsed.records;
  return { guide: taken?.type === 'guide' ? taken.guide : null, rejected: parsed.rejected, warnings: parsed.warnings };
};
const withMaterial = (fields: Record<string, unknown>) => ({ ...GUIDE, materials: [{ ...MATERIAL, ...fields }] });

describe('province variants are taken as the national codes', () => {
  it.each([
    ['纸质', '1'],
    ['电子', '2'],
    ['纸质,电子', '3'],
    ['纸质+电子', '3'],
    ['纸质、电子', '3'],
    ['电子，纸质', '3'],
    ['纸质和电子', '3'],
    [' 纸质 ', '1'],
    ['1', '1'],
    ['2', '2'],
    ['3', '3'],
    [1, '1'],
    [3, '3'],
  ])('material_form %j → %s', (value, code) => {
    const { guide, warnings } = takeOne(withMaterial({ material_form: value }));
    expect(guide?.materials[0]?.material_form).toBe(code);
    expect(warnings).toEqual({});
  });

  const FLAGS: Array<[unknown, '0' | '1']> = [
    ['是', '1'],
    ['否', '0'],
    ['Y', '1'],
    ['N', '0'],
    ['y', '1'],
    ['n', '0'],
    ['true', '1'],
    ['false', '0'],
    [true, '1'],
    [false, '0'],
    ['1', '1'],
    ['0', '0'],
    [1, '1'],
    [0, '0'],
  ];
  it.each(FLAGS)('is_fee and is_service_terminals %j → %s', (value, code) => {
    const { guide, warnings } = takeOne({ ...GUIDE, is_fee: value, is_service_terminals: value });
    expect(guide).toMatchObject({ is_fee: code, is_service_terminals: code });
    expect(warnings).toEqual({});
  });
  it.each(FLAGS)('a material\'s is_promise and is_form %j → %s', (value, code) => {
    const { guide, warnings } = takeOne(withMaterial({ is_promise: value, is_form: value }));
    expect(guide?.materials[0]).toMatchObject({ is_promise: code, is_form: code });
    expect(warnings).toEqual({});
  });

  it.each([
    ['必要', '1'],
    ['非必要', '0'],
    ['是', '1'],
    ['否', '0'],
    ['容缺', '2'],
    ['容缺后补', '2'],
    [1, '1'],
    [0, '0'],
    [2, '2'],
  ])('is_need %j → %s', (value, code) => {
    expect(takeOne(withMaterial({ is_need: value })).guide?.materials[0]?.is_need).toBe(code);
  });

  it.each([
    ['申请人自备', '10'],
    ['政府部门核发', '20'],
    ['其他', '99'],
    [10, '10'],
  ])('source_type %j → %s', (value, code) => {
    expect(takeOne(withMaterial({ source_type: value })).guide?.materials[0]?.source_type).toBe(code);
  });

  it.each([
    ['2024-06-01', '2024-06-01'],
    ['2024/6/1', '2024-06-01'],
    ['2024/06/01', '2024-06-01'],
    ['2024.6.1', '2024-06-01'],
    ['20240601', '2024-06-01'],
    ['2024年6月1日', '2024-06-01'],
    ['2024年06月01日', '2024-06-01'],
    // With a time and no offset: Beijing time (UTC+8), kept as the instant in UTC.
    ['2024-06-01 09:30:00', '2024-06-01T01:30:00.000Z'],
    ['2024-06-01 09:30', '2024-06-01T01:30:00.000Z'],
    ['2024-06-01T09:30:00', '2024-06-01T01:30:00.000Z'],
    ['2024/6/1 9:30', '2024-06-01T01:30:00.000Z'],
    ['2024年6月1日 09:30:00', '2024-06-01T01:30:00.000Z'],
    ['20240601093000', '2024-06-01T01:30:00.000Z'],
    ['2024-06-01 00:00:00', '2024-05-31T16:00:00.000Z'],
    ['2024-06-01 09:30:00.5', '2024-06-01T01:30:00.500Z'],
    // With an offset: the same instant, in UTC (so that it compares with the clock's ISO time).
    ['2024-06-01T09:30:00+08:00', '2024-06-01T01:30:00.000Z'],
    ['2024-06-01T01:30:00Z', '2024-06-01T01:30:00.000Z'],
    ['2024-06-01T01:30:00.000Z', '2024-06-01T01:30:00.000Z'],
  ])('plan_effective_date and plan_cancel_date %j → %s', (value, iso) => {
    const { guide, warnings } = takeOne({ ...GUIDE, plan_effective_date: value, plan_cancel_date: value });
    expect(guide).toMatchObject({ plan_effective_date: iso, plan_cancel_date: iso });
    expect(warnings).toEqual({});
  });

  it.each([
    ['1', '01'],
    [1, '01'],
    ['5', '05'],
    [20, '20'],
    ['行政许可', '01'],
    ['公共服务', '20'],
  ])('task_type %j → %s', (value, code) => {
    expect(takeOne({ ...GUIDE, task_type: value }).guide?.task_type).toBe(code);
  });

  it.each([
    ['1,2', '1,2'],
    ['1，2', '1,2'],
    ['1、2', '1,2'],
    ['1;2', '1,2'],
    ['1|2', '1,2'],
    [[1, 2], '1,2'],
    [1, '1'],
  ])('server_type %j → %s', (value, code) => {
    expect(takeOne({ ...GUIDE, server_type: value }).guide?.server_type).toBe(code);
  });

  it('numbers written as text are numbers; codes written as numbers are codes', () => {
    const { guide, warnings } = takeOne({
      ...GUIDE,
      task_version: '3',
      task_state: 1,
      use_level: 4,
      anticipate_day: '20',
      anticipate_type: 1,
      promise_day: ' 5 ',
      promise_type: '工作日',
      popularity: '12.5',
      materials: [{ ...MATERIAL, order_num: '2', page_num: '1' }],
    });
    expect(warnings).toEqual({});
    expect(guide).toMatchObject({ task_version: 3, task_state: '1', use_level: '4', anticipate_day: 20, anticipate_type: '1', promise_day: 5, promise_type: '1', popularity: 12.5 });
    expect(guide?.materials[0]).toMatchObject({ order_num: 2, page_num: 1 });
  });

  it('a province file of such lines imports whole, as the national codes, and reads back the same', () => {
    const store = new CatalogueStore(':memory:');
    const province = [
      { ...GUIDE, task_code: 'P000001', is_fee: '否', plan_effective_date: '2024/6/1', materials: [{ ...MATERIAL, material_form: '纸质+电子', is_need: '必要' }] },
      { ...GUIDE, task_code: 'P000002', is_service_terminals: '是', task_type: '1', plan_cancel_date: '2099年1月1日' },
      { ...GUIDE, task_code: 'P000003', is_fee: 'Y', server_type: '1、2', materials: [{ ...MATERIAL, material_form: '电子', is_promise: '是' }] },
    ];
    const result = store.importJsonLines(province.map(line).join('\n'));
    expect(result).toMatchObject({ guides: 3, rejected: [], warnings: {} });
    expect(store.guide('P000001')).toMatchObject({ is_fee: '0', plan_effective_date: '2024-06-01', materials: [{ material_form: '3', is_need: '1' }] });
    expect(store.guide('P000002')).toMatchObject({ is_service_terminals: '1', task_type: '01', plan_cancel_date: '2099-01-01' });
    expect(store.entries().find((entry) => entry.taskCode === 'P000003')?.serverTypes).toEqual(['1', '2']);
    store.close();
  });

  it('the national codes come through unchanged (property: a valid guide is taken as it is)', () => {
    fc.assert(
      fc.property(validGuide, (guide) => {
        const { guide: taken, warnings } = takeOne(guide);
        expect(warnings).toEqual({});
        expect(taken?.materials).toEqual(guide.materials ?? []);
        expect(taken?.plan_effective_date).toBe(guide.plan_effective_date === undefined ? undefined : guide.plan_effective_date.length === 10 ? guide.plan_effective_date : new Date(guide.plan_effective_date).toISOString());
      }),
      { numRuns: 300 },
    );
  });

  it('property: any known spelling of a material form, flag or date is taken as its national code', () => {
    const spelled = <T>(pairs: Array<[unknown, T]>) => fc.constantFrom(...pairs);
    const form = spelled<string>([['纸质', '1'], ['电子', '2'], ['纸质+电子', '3'], ['纸质,电子', '3'], ['1', '1'], [2, '2'], ['3', '3']]);
    const flag = spelled<string>([['是', '1'], ['否', '0'], ['Y', '1'], ['N', '0'], ['true', '1'], [false, '0'], [1, '1'], ['0', '0']]);
    const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-30T00:00:00Z'), noInvalidDate: true }).map((d) => ({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }));
    const pad = (n: number) => String(n).padStart(2, '0');
    const date = fc.tuple(day, fc.constantFrom('dash', 'slash', 'compact', 'chinese')).map(([{ y, m, d }, style]): [string, string] => {
      const iso = `${y}-${pad(m)}-${pad(d)}`;
      const text = style === 'dash' ? iso : style === 'slash' ? `${y}/${m}/${d}` : style === 'compact' ? `${y}${pad(m)}${pad(d)}` : `${y}年${m}月${d}日`;
      return [text, iso];
    });
    fc.assert(
      fc.property(validGuide, form, flag, flag, date, (guide, [formText, formCode], [feeText, feeCode], [promiseText, promiseCode], [dateText, dateIso]) => {
        const materials = [{ ...MATERIAL, material_form: formText, is_promise: promiseText }];
        const { guide: taken, warnings } = takeOne({ ...guide, is_fee: feeText, plan_effective_date: dateText, materials });
        expect(warnings).toEqual({});
        expect(taken).toMatchObject({ is_fee: feeCode, plan_effective_date: dateIso, materials: [{ material_form: formCode, is_promise: promiseCode }] });
      }),
      { numRuns: 300 },
    );
  });
});

describe('an unknown value in an optional field drops that field, counted, and keeps the guide', () => {
  it.each([
    ['material_form', withMaterial({ material_form: '光盘' }), 'materials.material_form', '光盘'],
    ['source_type', withMaterial({ source_type: '网上下载' }), 'materials.source_type', '网上下载'],
    ['is_promise', withMaterial({ is_promise: '也许' }), 'materials.is_promise', '也许'],
    ['page_num', withMaterial({ page_num: '若干' }), 'materials.page_num', '若干'],
    ['is_fee', { ...GUIDE, is_fee: '视情况' }, 'is_fee', '视情况'],
    ['plan_effective_date', { ...GUIDE, plan_effective_date: '明年' }, 'plan_effective_date', '明年'],
    ['plan_cancel_date', { ...GUIDE, plan_cancel_date: '2024-13-45' }, 'plan_cancel_date', '2024-13-45'],
    ['online_handle_url', { ...GUIDE, online_handle_url: '见官网' }, 'online_handle_url', '见官网'],
    ['promise_day', { ...GUIDE, promise_day: '即办' }, 'promise_day', '即办'],
    ['fees', { ...GUIDE, fees: [{ fee_name: '工本费', fee_stand: '20元' }, { fee_stand: '无名' }] }, 'fees', '{"fee_stand":"无名"}'],
    ['apply_form', { ...GUIDE, apply_form: [{ field_code: 'x', field_name: '姓名', field_type: 'signature', is_required: '1' }] }, 'apply_form', '[{"field_code":"x","field_name":"姓名","f…'],
  ])('%s', (_field, record, field, example) => {
    const { guide, rejected, warnings } = takeOne(record);
    expect(rejected).toEqual([]);
    expect(guide?.task_code).toBe('A000001');
    expect(warnings).toEqual({ [field]: { count: 1, firstLine: 1, example } });
    const [name, sub] = field.split('.') as [keyof GuideRecord, string | undefined];
    if (sub !== undefined) expect(guide?.materials[0]).not.toHaveProperty(sub);
    else if (name === 'fees') expect(guide?.fees).toEqual([{ fee_name: '工本费', fee_stand: '20元' }]);
    else expect(guide).not.toHaveProperty(name);
  });

  it('is_service_terminals unknown: kept as not handled at terminals (a window or online item), counted', () => {
    const { guide, warnings } = takeOne({ ...GUIDE, is_service_terminals: '待定' });
    expect(guide?.is_service_terminals).toBe('0');
    expect(warnings).toEqual({ is_service_terminals: { count: 1, firstLine: 1, example: '待定' } });
  });

  it('counts warnings by field over the file, with the first line each was seen on', () => {
    const text = [
      line({ ...GUIDE, task_code: 'A000001' }),
      line({ ...withMaterial({ material_form: '光盘' }), task_code: 'A000002', is_fee: '?' }),
      '',
      line({ ...GUIDE, task_code: 'A000003', materials: [{ ...MATERIAL, material_form: 'U盘' }, { ...MATERIAL, material_form: '光盘' }] }),
    ].join('\n');
    const store = new CatalogueStore(':memory:');
    const result = store.importJsonLines(text);
    expect(result).toMatchObject({ guides: 3, rejected: [] });
    expect(result.warnings).toEqual({ 'materials.material_form': { count: 3, firstLine: 2, example: '光盘' }, is_fee: { count: 1, firstLine: 2, example: '?' } });
    expect(store.guide('A000003')?.materials).toEqual([{ material_name: '居民身份证', is_need: '1' }, { material_name: '居民身份证', is_need: '1' }]);
    store.close();
  });

  it('an unknown value is shown as it came, up to 40 characters', () => {
    const forty = '按照有关规定收取相应的费用具体以窗口公布的收费标准为准，另有规定的从其规定执行。';
    expect(takeOne({ ...GUIDE, is_fee: forty }).warnings['is_fee']?.example).toBe(forty);
    expect(takeOne({ ...GUIDE, is_fee: `${forty}！` }).warnings['is_fee']?.example).toBe('按照有关规定收取相应的费用具体以窗口公布的收费标准为准，另有规定的从其规定执行…');
  });
});

describe('a guide without what the kiosk needs is skipped with its line number and reason', () => {
  const without = (key: string) => Object.fromEntries(Object.entries(GUIDE).filter(([field]) => field !== key));
  it.each([
    ['task_code', without('task_code'), /^task_code: /],
    ['task_name', without('task_name'), /^task_name: /],
    ['task_name empty', { ...GUIDE, task_name: '' }, /^task_name: /],
    ['dept_name', without('dept_name'), /^dept_name: /],
    ['task_state', without('task_state'), /^task_state: /],
    ['server_type', without('server_type'), /^server_type: /],
    ['task_version', without('task_version'), /^task_version: /],
    ['task_version unknown', { ...GUIDE, task_version: '第三版' }, /^task_version: /],
    ['task_type unknown', { ...GUIDE, task_type: '99' }, /^task_type: /],
    ['a material without a name', withMaterial({ material_name: '' }), /^materials\.0\.material_name: /],
    ['a material whose necessity is unknown', withMaterial({ is_need: '看情况' }), /^materials\.0\.is_need: /],
  ])('%s', (_what, record, reason) => {
    const text = [line({ ...GUIDE, task_code: 'B000001' }), line(record)].join('\n');
    const parsed = parseExchangeLines(text, { deletionsAllowed: false });
    expect(parsed.records).toHaveLength(1);
    expect(parsed.rejected).toEqual([{ line: 2, reason: expect.stringMatching(reason) }]);
    expect(parsed.warnings).toEqual({});
  });

  it('a skipped guide adds no warnings of its own', () => {
    const { rejected, warnings } = takeOne({ ...without('task_name'), is_fee: '?' });
    expect(rejected).toHaveLength(1);
    expect(warnings).toEqual({});
  });
});

describe('bundles under the same rules', () => {
  const BUNDLE = { bundle_code: 'YJS-310115-001', bundle_name: '一件事', area_code: '310115', server_type: '1', task_codes: ['A000001', 'A000002'] };
  it('an unknown popularity is dropped and counted; a bundle without its region is skipped', () => {
    const parsed = parseExchangeLines([line({ ...BUNDLE, popularity: '很高', server_type: '1、2' }), line({ ...BUNDLE, bundle_code: 'YJS-2', area_code: undefined })].join('\n'), { deletionsAllowed: false });
    expect(parsed.records).toEqual([{ type: 'bundle', bundle: { ...BUNDLE, server_type: '1,2' } }]);
    expect(parsed.warnings).toEqual({ popularity: { count: 1, firstLine: 1, example: '很高' } });
    expect(parsed.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/^area_code: /) }]);
  });
});
