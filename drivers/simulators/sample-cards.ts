import type { IdCard } from '../idcard/id-card.ts';

/**
 * Made-up people for the simulator, the demo and training: none of them exists. The first is the worked
 * example of idcard-sam-protocol.md §10, photo bytes included, so the simulator replays that frame exactly.
 */
const referencePhoto = (): Uint8Array => {
  const photo = new Uint8Array(1024);
  photo.set([0x57, 0x4c, 0x66, 0x00, 0x7e, 0x00], 0);
  for (let offset = 276; offset <= 1293; offset++) photo[offset - 270] = (offset - 270) & 0xff;
  return photo;
};

/** A placeholder WLT: "WL", 102 × 126, then a pattern. Not decodable, like every photo here. */
const placeholderPhoto = (seed: number): Uint8Array => {
  const photo = new Uint8Array(1024);
  photo.set([0x57, 0x4c, 0x66, 0x00, 0x7e, 0x00], 0);
  for (let i = 6; i < photo.length; i++) photo[i] = (i * 31 + seed) & 0xff;
  return photo;
};

export const SAMPLE_CARDS = {
  resident: {
    cardType: 'resident',
    name: '王测试',
    gender: 'male',
    nation: { code: '01', name: '汉' },
    birthDate: '1990-01-01',
    address: '北京市东城区示例路1号',
    idNumber: '110101199001011237',
    issuer: '北京市公安局东城分局',
    validFrom: '2020-01-01',
    validTo: '2040-01-01',
    photo: referencePhoto(),
  },
  residentLongTerm: {
    cardType: 'resident',
    name: '李长期',
    gender: 'female',
    nation: { code: '03', name: '回' },
    birthDate: '1958-03-12',
    address: '上海市浦东新区示范街道样例路200弄3号501室',
    idNumber: '310115195803120029',
    issuer: '上海市公安局浦东分局',
    validFrom: '2016-05-20',
    validTo: 'long-term',
    photo: placeholderPhoto(1),
  },
  hkMoTw: {
    cardType: 'hk-mo-tw-residence',
    name: '陈样本',
    gender: 'female',
    birthDate: '1985-07-08',
    address: '广东省深圳市福田区示例大道88号',
    idNumber: '810000198507080028',
    issuer: '深圳市公安局',
    validFrom: '2021-03-01',
    validTo: '2026-03-01',
    passNumber: 'H12345678',
    issueCount: '01',
    photo: placeholderPhoto(2),
  },
  foreignPermanent: {
    cardType: 'foreign-permanent',
    englishName: 'SAMPLE, JOHN EXAMPLE',
    name: '约翰',
    gender: 'male',
    idNumber: 'USA110080101012',
    nationality: 'USA',
    validFrom: '2018-01-01',
    validTo: '2028-01-01',
    birthDate: '1980-01-01',
    photo: placeholderPhoto(3),
  },
  foreignPermanent2023: {
    cardType: 'foreign-permanent-2023',
    name: '玛丽',
    gender: 'female',
    birthDate: '1992-11-30',
    englishName: 'EXAMPLE, MARIE SAMPLE',
    idNumber: '93211019921130002X',
    nationality: 'FRA',
    validFrom: '2024-02-01',
    validTo: '2034-02-01',
    photo: placeholderPhoto(4),
  },
} as const satisfies Record<string, IdCard>;

export type SampleCardName = keyof typeof SAMPLE_CARDS;
