import { CERTIFICATE_TYPES } from '../catalogue/guide-dataset.ts';

/**
 * The platform's 电子证照 library (gov-service-data.md §2.5; fields after up_lic_data): what a terminal may fetch for
 * an identified holder so the citizen need not bring the paper (免提交). Holds certificates of the made-up people
 * on the simulator's sample cards; none of them exists.
 */
export interface Certificate {
  certificateTypeCode: string;
  certificateName: string;
  certificateNumber: string;
  holderName: string;
  issueDept: string;
  issueDate: string;
  /** A 国办函〔2016〕108号 trust level: A issued by the agency and usable as it is. */
  trustLevel: 'A' | 'B';
}

const DEMO_CERTIFICATES: ReadonlyMap<string, readonly Certificate[]> = new Map([
  [
    '110101199001011237',
    [
      { certificateTypeCode: CERTIFICATE_TYPES.idCard, certificateName: '居民身份证（电子证照）', certificateNumber: '110101199001011237', holderName: '王测试', issueDept: '北京市公安局东城分局', issueDate: '2020-01-01', trustLevel: 'A' },
      { certificateTypeCode: CERTIFICATE_TYPES.householdRegister, certificateName: '居民户口簿', certificateNumber: 'HKB110101000123', holderName: '王测试', issueDept: '北京市公安局东城分局', issueDate: '2015-06-01', trustLevel: 'A' },
    ],
  ],
  [
    '310115195803120029',
    [
      { certificateTypeCode: CERTIFICATE_TYPES.idCard, certificateName: '居民身份证（电子证照）', certificateNumber: '310115195803120029', holderName: '李长期', issueDept: '上海市公安局浦东分局', issueDate: '2008-03-12', trustLevel: 'A' },
      { certificateTypeCode: CERTIFICATE_TYPES.marriageCertificate, certificateName: '结婚证', certificateNumber: 'J310115-1983-004512', holderName: '李长期', issueDept: '上海市浦东新区民政局', issueDate: '1983-10-01', trustLevel: 'A' },
    ],
  ],
]);

export const certificatesOf = (holderIdNumber: string): readonly Certificate[] => DEMO_CERTIFICATES.get(holderIdNumber) ?? [];
