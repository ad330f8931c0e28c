import { describe, expect, it } from 'vitest';
import { checkField, isIdNumber, mergeForms, prefilledValues, type FormField } from '../../../main/cases/application-form.ts';
import { mergeMaterials, waysFor } from '../../../main/cases/material-plan.ts';
import { guideRecordSchema } from '../../../main/catalogue/guide-record.ts';

const guide = (code: string, name: string, extra: object) =>
  guideRecordSchema.parse({ task_code: code, task_name: name, task_type: '20', task_version: 1, task_state: '1', dept_name: 'd', server_type: '1', is_service_terminals: '1', ...extra });
const field = (type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({ code: 'f', label: 'F', type, required: true, maxLength: 50, options: null, prefill: null, ...extra });

describe('application form', () => {
  it('checks ID numbers by their GB 11643 check character, and 2017 foreign permanent residence numbers by shape', () => {
    expect(isIdNumber('110101199001011237')).toBe(true);
    expect(isIdNumber('110101199001011238')).toBe(false);
    expect(isIdNumber('310115195803120029')).toBe(true);
    expect(isIdNumber('31011519580312002X')).toBe(false);
    expect(isIdNumber('USA110080101012')).toBe(true);
    expect(isIdNumber('11010119900101123')).toBe(false);
  });

  it('checks each type and says why a value is refused', () => {
    expect(checkField(field('phone'), '13800000000')).toBeNull();
    expect(checkField(field('phone'), '021-12345678')).toBeNull();
    expect(checkField(field('phone'), '12345')).toBe('not-a-phone-number');
    expect(checkField(field('date'), '2026-02-30')).toBe('not-a-date');
    expect(checkField(field('date'), '2026-02-28')).toBeNull();
    expect(checkField(field('number'), '12.5')).toBeNull();
    expect(checkField(field('number'), '12,5')).toBe('not-a-number');
    expect(checkField(field('select', { options: ['窗口领取'] }), '邮寄')).toBe('not-an-option');
    expect(checkField(field('text'), '  ')).toBe('required');
    expect(checkField(field('text', { required: false }), '')).toBeNull();
    expect(checkField(field('text', { maxLength: 3 }), '张三丰丰')).toBe('too-long');
    expect(checkField(field('text', { maxLength: 3 }), '张三丰')).toBeNull();
  });

  it('merges the forms of a bundle: one field per code, required when any item requires it; prefills from the card', () => {
    const a = guide('A000001', '甲', { apply_form: [{ field_code: 'contact_mobile', field_name: '联系电话', field_type: 'phone', is_required: '0' }, { field_code: 'applicant_name', field_name: '姓名', field_type: 'text', is_required: '1', prefill: 'applicant-name' }] });
    const b = guide('A000002', '乙', { apply_form: [{ field_code: 'contact_mobile', field_name: '手机', field_type: 'phone', is_required: '1' }, { field_code: 'address', field_name: '地址', field_type: 'text', is_required: '0', prefill: 'applicant-address' }] });
    const fields = mergeForms([a, b]);
    expect(fields.map((f) => [f.code, f.label, f.required])).toEqual([
      ['contact_mobile', '联系电话', true],
      ['applicant_name', '姓名', true],
      ['address', '地址', false],
    ]);
    expect(prefilledValues(fields, { name: '王测试', idNumber: '110101199001011237', address: null })).toEqual({ applicant_name: '王测试' });
    // A guide published without a form still asks who applies and how to reach them.
    expect(mergeForms([guide('A000003', '丙', {})]).map((f) => f.code)).toEqual(['applicant_name', 'applicant_id_number', 'contact_mobile']);
  });
});

describe('material plan', () => {
  const material = (name: string, isNeed: '0' | '1' | '2', extra: object = {}) => ({ material_name: name, is_need: isNeed, ...extra });

  it('merges a bundle by name: the strictest need wins, 告知承诺 only when every item allows it', () => {
    const a = guide('A000001', '甲', { materials: [material('照片', '2'), material('证明', '1', { is_promise: '1' }), material('户口簿', '0')] });
    const b = guide('A000002', '乙', { materials: [material('照片', '1'), material('证明', '1'), material('户口簿', '2')] });
    const merged = mergeMaterials([a, b]);
    expect(merged.map((m) => [m.name, m.need, m.commitmentAllowed, m.forItems.length])).toEqual([
      ['照片', 'required', false, 2],
      ['证明', 'required', false, 2],
      ['户口簿', 'deferrable', false, 2],
    ]);
  });

  it('offers the card for the identity card, a certificate the applicant holds, a commitment, 容缺, or nothing for optional ones', () => {
    const [idCard, register, proof, optional] = mergeMaterials([
      guide('A000001', '甲', { materials: [material('居民身份证', '1'), material('户口簿', '2', { license_code: 'HKB' }), material('证明', '1', { is_promise: '1' }), material('照片', '0')] }),
    ]);
    const applicant = { residentCard: true, certificates: [{ certificateTypeCode: 'HKB', certificateName: '户口簿', certificateNumber: 'n', holderName: 'h', issueDept: 'd', issueDate: '2020-01-01', trustLevel: 'A' as const }] };
    if (idCard === undefined || register === undefined || proof === undefined || optional === undefined) throw new Error('four materials');
    expect(waysFor(idCard, applicant, false)).toEqual(['id-card']);
    expect(waysFor(idCard, { ...applicant, residentCard: false }, false)).toEqual([]);
    expect(waysFor(register, applicant, false)).toEqual(['certificate', 'deferred']);
    expect(waysFor(register, { ...applicant, certificates: [] }, true)).toEqual(['scan', 'deferred']);
    expect(waysFor(proof, applicant, false)).toEqual(['commitment']);
    expect(waysFor(optional, applicant, false)).toEqual(['none']);
  });
});
