/**
 * SW3, the SAM's own status code (idcard-sam-protocol.md §3). SW1/SW2 may carry the card's APDU status for
 * some errors; decisions are made on SW3 alone (§2.2).
 */
export const SAM_STATUS = {
  0x90: { name: 'success', text: '操作成功' },
  0x9f: { name: 'card-found', text: '寻找证/卡成功' },
  0x10: { name: 'host-checksum-error', text: '接收业务终端数据的校验和错' },
  0x11: { name: 'host-length-error', text: '接收业务终端数据的长度错' },
  0x21: { name: 'invalid-command', text: '接收业务终端的命令错误' },
  0x23: { name: 'unauthorised-operation', text: '越权操作' },
  0x24: { name: 'unrecognised-error', text: '无法识别的错误' },
  0x31: { name: 'card-failed-to-authenticate-sam', text: '证/卡认证 SAM 失败' },
  0x32: { name: 'sam-failed-to-authenticate-card', text: 'SAM 认证证/卡失败' },
  0x33: { name: 'information-verification-error', text: '信息验证错误' },
  0x40: { name: 'not-an-id-card', text: '无法识别的卡类型' },
  0x41: { name: 'read-failed', text: '读证/卡操作失败' },
  0x47: { name: 'get-challenge-failed', text: '取随机数失败' },
  0x60: { name: 'sam-self-test-failed', text: 'SAM 自检失败' },
  0x66: { name: 'sam-not-authorised', text: 'SAM 未经授权' },
  0x80: { name: 'no-card', text: '寻找证/卡失败' },
  0x81: { name: 'select-failed', text: '选取证/卡失败' },
  0x91: { name: 'no-content', text: '证/卡中此项无内容' },
} as const;

export type SamStatusCode = keyof typeof SAM_STATUS;
export type SamStatusName = (typeof SAM_STATUS)[SamStatusCode]['name'] | 'unknown-status';

export const samStatusName = (sw3: number): SamStatusName =>
  Object.hasOwn(SAM_STATUS, sw3) ? SAM_STATUS[sw3 as SamStatusCode].name : 'unknown-status';

/**
 * Failures that mean "the card moved or was read badly": the whole find/select/read is worth one more try
 * (§9 suggested loop).
 */
export const RETRYABLE_READ_STATUSES: ReadonlySet<number> = new Set([0x41, 0x31, 0x32, 0x33]);
