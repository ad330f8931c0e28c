
export { takeDelivery, type DeliveryRequest as LockerDeliveryRequest } from '../http/idempotent-delivery.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** The day part of platform numbers (CG20261123…), in China time as the halls count days. */
export const chinaDay = (at: Date): string => {
  const local = new Date(at.getTime() + 8 * 3600_000);
  return `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}`;
};

/** A time as an SMS or a case note says it to a citizen: 2026-11-23 14:05, China time. */
export const chinaTime = (at: Date): string => {
  const local = new Date(at.getTime() + 8 * 3600_000);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
};

/** Where an item lies, as people read it on the cabinet. */
export const lockerPlace = (cabinet: string, door: number): string => `${cabinet} ${door}号门`;
