import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptanceReceipt, lockerPickupSlip, materialReceipt } from '../../../main/cases/receipts/receipt-templates.ts';
import type { ReceiptBranding } from '../../../main/cases/receipts/receipt-frame.ts';
import { decodeEscPos } from '../../../drivers/printer/escpos-decoder.ts';
import { LogoError, rasterFromPng } from '../../../drivers/printer/raster-from-png.ts';
import { PAPER } from '../../../drivers/printer/receipt-layout.ts';
import { textColumns } from '../../../drivers/printer/printer-text.ts';

const logo = rasterFromPng(readFileSync(path.resolve(import.meta.dirname, '../../../kiosk-config/terminals/demo-logo.png')), 576);
const branding = (paper = PAPER['80mm']): ReceiptBranding => ({ hallName: '浦东新区24小时政务服务大厅', hotline: '12345', timeZone: 'Asia/Shanghai', paper, logo });
/** 14:05 in Shanghai. */
const acceptedAt = new Date('2026-11-23T06:05:00Z');
const acceptance = {
  caseNumber: 'SH310115202611230001',
  itemNames: ['居民身份证换领'],
  applicantMasked: '王*试 1101**********1237',
  promiseDays: 15,
  acceptedAt,
  trackingUrl: 'https://zwfw.example.gov.cn/q?case=SH310115202611230001',
};
const texts = (bytes: Uint8Array) => decodeEscPos(bytes).elements.flatMap((e) => (e.type === 'text' ? [e.text] : []));

describe('receipt templates, read back by the decoder', () => {
  // Walk finding: the kiosk printed times in the machine's zone (UTC on a fresh Debian), the platform in UTC+8.
  it('prints times in the hall\'s time zone, whatever the machine\'s zone is', () => {
    const machineZone = process.env['TZ'];
    try {
      for (const zone of ['UTC', 'America/New_York', 'Asia/Shanghai']) {
        process.env['TZ'] = zone;
        expect(texts(acceptanceReceipt(branding(), acceptance))).toContainEqual(expect.stringMatching(/^受理时间 +2026-11-23 14:05$/));
      }
      const urumqi = { ...branding(), timeZone: 'Asia/Urumqi' };
      expect(texts(acceptanceReceipt(urumqi, acceptance))).toContainEqual(expect.stringMatching(/^受理时间 +2026-11-23 12:05$/));
    } finally {
      if (machineZone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = machineZone;
    }
  });

  it('受理回执: hall, title, case number, item, masked applicant, time, promise, tracking QR, hotline, cut', () => {
    const decoded = decodeEscPos(acceptanceReceipt(branding(), acceptance));
    expect(decoded.unknown).toEqual([]);
    const lines = decoded.elements.flatMap((e) => (e.type === 'text' ? [e.text] : []));
    expect(lines).toContain('浦东新区24小时政务服务大厅');
    expect(decoded.elements).toContainEqual({ type: 'text', text: '受理回执', align: 'center', bold: true, width: 2, height: 2 });
    expect(lines).toContainEqual(expect.stringMatching(/^受理编号 +SH310115202611230001$/));
    expect(lines).toContainEqual(expect.stringMatching(/^办理事项 +居民身份证换领$/));
    expect(lines).toContainEqual(expect.stringMatching(/^申请人 +王\*试 1101\*{10}1237$/));
    expect(lines).toContainEqual(expect.stringMatching(/^受理时间 +2026-11-23 14:05$/));
    expect(lines).toContainEqual(expect.stringMatching(/^承诺时限 +15个工作日$/));
    expect(lines).toContain('政务服务热线 12345');
    expect(decoded.elements).toContainEqual(expect.objectContaining({ type: 'qr', payload: acceptance.trackingUrl, align: 'center' }));
    expect(decoded.elements[0]).toMatchObject({ type: 'image', widthDots: 96, heightDots: 64 });
    expect(decoded.elements.at(-1)).toEqual({ type: 'cut', kind: 'partial' });
  });

  it('lists the items of a bundle (一件事一次办) and says 即办 for same-day items', () => {
    const lines = texts(acceptanceReceipt(branding(), { ...acceptance, itemNames: ['出生医学证明', '户口登记', '社会保障卡申领'], promiseDays: 0 }));
    expect(lines).toEqual(expect.arrayContaining(['办理事项（一件事一次办）：', '1. 出生医学证明', '2. 户口登记', '3. 社会保障卡申领']));
    expect(lines).toContainEqual(expect.stringMatching(/^承诺时限 +即办$/));
  });

  it('取件凭证 and 材料接收凭证', () => {
    const pickup = texts(lockerPickupSlip(branding(), { caseNumber: 'C1', itemName: '营业执照（正本）', cabinet: 'A柜', door: 12, recipientMasked: '王*试', collectedAt: acceptedAt, trackingUrl: 'https://x/q?case=C1' }));
    expect(pickup).toEqual(expect.arrayContaining(['取件凭证']));
    expect(pickup).toContainEqual(expect.stringMatching(/^柜门 +A柜 12号门$/));
    const material = texts(materialReceipt(branding(), { caseNumber: 'C2', materials: ['户口簿原件', '结婚证复印件'], cabinet: 'B柜', door: 3, applicantMasked: '李*期', receivedAt: acceptedAt, trackingUrl: 'https://x/q?case=C2' }));
    expect(material).toEqual(expect.arrayContaining(['材料接收凭证', '1. 户口簿原件', '2. 结婚证复印件']));
  });

  it('fits 58 mm paper: no line wider than 32 columns (16 at double size)', () => {
    const long = { ...acceptance, itemNames: ['企业开办一件事：营业执照、公章刻制、发票申领、社保登记、公积金开户'] };
    for (const element of decodeEscPos(acceptanceReceipt(branding(PAPER['58mm']), long)).elements) {
      if (element.type === 'text') expect(textColumns(element.text) * element.width).toBeLessThanOrEqual(32);
    }
  });
});

describe('logo', () => {
  it('turns the PNG into 1-bit rows, dark pixels black, padded to whole bytes', () => {
    expect(logo.widthDots).toBe(96);
    expect(logo.bits.length).toBe(12 * 64);
    // The base of the demo logo (rows 52-58, x 6-90) is solid black.
    expect(logo.bits[55 * 12 + 5]).toBe(0xff);
    // The top-left corner is white.
    expect(logo.bits[0]).toBe(0);
  });

  it('refuses a logo wider than the paper, and a file that is not a PNG', () => {
    const png = readFileSync(path.resolve(import.meta.dirname, '../../../kiosk-config/terminals/demo-logo.png'));
    expect(() => rasterFromPng(png, 64)).toThrow(LogoError);
    expect(() => rasterFromPng(Uint8Array.from([1, 2, 3]), 576)).toThrow(LogoError);
  });
});
