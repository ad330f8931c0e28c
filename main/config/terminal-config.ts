import { z } from 'zod';
import { attractLoopSchema, homeEntrySchema, localeSchema, localizedTextSchema, SUPPORTED_LOCALES } from '../api/index.ts';
import { isNotPlainHttpOffMachine } from '../common/loopback.ts';
import { deviceConfigSchema } from '../../drivers/manager/device-config.ts';
import { fleetSchema } from './fleet-config.ts';
import { lockersSchema } from './lockers-config.ts';
import { staffSchema } from './staff-config.ts';

/**
 * One terminal's configuration, as a technician writes it (JSON). Later capabilities extend it: the device
 * kinds below are the ones the drivers will serve; each adds its own settings when it lands.
 */

const uniqueBy =
  <T>(key: (item: T) => string, what: string) =>
  (items: T[], context: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const k = key(item);
      if (seen.has(k)) context.addIssue({ code: 'custom', path: [index], message: `duplicate ${what} "${k}"` });
      seen.add(k);
    });
  };

/** A time of day, 24-hour `HH:MM`. */
const timeOfDaySchema = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time of day as HH:MM (00:00 to 23:59)');

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const terminalConfigSchema = z
  .object({
    /** The JSON Schema an editor checks this file against (kiosk-config/terminal-config.schema.json); ignored here. */
    $schema: z.string().optional(),
    /** A profile this config builds on (kiosk-config/profiles: community-hall, office-building, bank-atm, or a path); merged in when the file is read. */
    extends: z.string().min(1).optional(),
    terminalId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, '3 to 64 letters, digits, dots, dashes or underscores'),
    hallName: localizedTextSchema,
    /**
     * The hall's time zone (IANA): every time a citizen sees or takes away (screens, receipts) and the times of
     * day in this file are in it, whatever the machine's own clock zone is (UTC on a fresh Debian).
     */
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
    defaultLocale: localeSchema.default('zh-CN'),
    locales: z
      .array(localeSchema)
      .min(1)
      .default([...SUPPORTED_LOCALES])
      .superRefine(uniqueBy((locale) => locale, 'locale')),
    /** Where the terminal keeps its databases and keys; relative paths are relative to the config file. */
    dataDir: z.string().min(1, 'must not be empty'),
    platform: z
      .object({
        /**
         * The platform's gateway: https:// (its answers purge data and open doors, so they rely on TLS), or plain
         * http:// only to this machine (the demo's embedded platform, a local TLS-terminating proxy). docs/cases.md
         * says how an operator pins the platform's certificate.
         */
        baseUrl: z
          .url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
          .refine(isNotPlainHttpOffMachine, {
            error: 'the platform must be an https:// URL (plain http:// only to this machine: 127.0.0.1, localhost, [::1])',
          }),
        timeoutMs: z.number().int().min(100).max(60_000).default(5000),
        healthIntervalSeconds: z.number().int().min(1).max(3600).default(30),
        /**
         * The code the operator issued to provision this terminal (for its id, single use, expiring): with it the
         * terminal registers its own key pair (made on first start, kept in the data dir) with the platform. Spent
         * once registered, and then cut out of the file (enrolment-code-removal.ts).
         */
        enrolmentCode: z.string().min(1).max(100).optional(),
        /**
         * How long a citizen who submitted waits for the platform's decision before being told the case is saved
         * and will be submitted automatically.
         */
        decisionWaitSeconds: z.number().int().min(1).max(60).default(10),
      })
      .strict(),
    session: z
      .object({
        idleTimeoutSeconds: z.number().int().min(1).max(1800).default(90),
        warningSeconds: z.number().int().min(1).max(120).default(20),
        /** How long the identify screen waits for an ID card before offering to try again. */
        identifyTimeoutSeconds: z.number().int().min(5).max(300).default(30),
        /** How long a journey's last screen (take your ID card and receipt) stays before the session ends by itself. */
        finishSeconds: z.number().int().min(5).max(120).default(20),
      })
      .strict()
      .default({ idleTimeoutSeconds: 90, warningSeconds: 20, identifyTimeoutSeconds: 30, finishSeconds: 20 }),
    home: z
      .object({ entries: z.array(homeEntrySchema).superRefine(uniqueBy((entry) => entry, 'home entry')) })
      .strict()
      .default({ entries: [] }),
    /** The attract screen's loop: the hall's information slides (never advertising) and how long each shows. */
    attract: z
      .object({ slides: attractLoopSchema.shape.slides.default([]), slideSeconds: attractLoopSchema.shape.slideSeconds.default(8) })
      .strict()
      .default({ slides: [], slideSeconds: 8 }),
    /** What printed receipts carry besides the case: paper width, the hall's hotline, an optional logo. */
    receipt: z
      .object({
        paper: z.enum(['80mm', '58mm']).default('80mm'),
        /** The hall's or the province's service hotline, printed at the foot of every receipt. */
        hotline: z.string().min(1).max(30).default('12345'),
        /** A black-and-white PNG no wider than the paper (576 dots on 80 mm, 384 on 58 mm); relative to the config file. */
        logo: z.string().min(1).optional(),
        /** Where a receipt's QR points: the case number is appended (https://zwfw.example.gov.cn/q?case=). */
        trackingUrl: z.url({ protocol: /^https?$/ }).default('https://zwfw.example.gov.cn/q?case='),
      })
      .strict()
      .default({ paper: '80mm', hotline: '12345', trackingUrl: 'https://zwfw.example.gov.cn/q?case=' }),
    /**
     * What a citizen's 呼叫工作人员 (call staff) gets: whether staff are on site to come (always, never — a hall
     * empty at night — or between two times of day in the hall's `timeZone`, a window past midnight allowed), and
     * the hotline to call when not (the receipt's hotline when not set).
     */
    help: z
      .object({
        staffOnSite: z
          .union([z.enum(['always', 'never']), z.object({ from: timeOfDaySchema, to: timeOfDaySchema }).strict()])
          .default('always'),
        hotline: z.string().min(1).max(30).optional(),
        /** Deprecated (the first release of help had it): the top-level `timeZone` says it for everything; read here when given. */
        timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai').optional(),
      })
      .strict()
      .default({ staffOnSite: 'always' }),
    /** The service catalogue: the platform key its manifests must carry, and which guides this terminal keeps. */
    catalogue: z
      .object({
        /** The platform's SM2 public key (uncompressed, 04 and 128 hex digits): nothing it did not sign is used. */
        platformKey: z.string().regex(/^04[0-9a-fA-F]{128}$/, 'an uncompressed SM2 public key: 04 and 128 hex digits'),
        /** The terminal's 6-digit 行政区划代码: guides of other districts are not kept (unless 通办 reaches here). */
        areaCode: z.string().regex(/^[0-9]{6}$/, 'a 6-digit 行政区划代码').optional(),
        /** The 乡镇街道 code of a community terminal: its community's own items are kept, other communities' not. */
        townCode: z.string().regex(/^[0-9]{9,12}$/, 'a 9- to 12-digit 乡镇街道 code').optional(),
        /** Whom this terminal serves: natural persons (个人), legal persons (法人), or both. */
        audiences: z.array(z.enum(['natural', 'legal'])).min(1).default(['natural', 'legal']).superRefine(uniqueBy((audience) => audience, 'audience')),
        syncIntervalMinutes: z.number().int().min(1).max(1440).default(60),
        /** How long a snapshot download may take. */
        downloadTimeoutSeconds: z.number().int().min(10).max(3600).default(300),
      })
      .strict()
      .optional(),
    devices: z
      .array(deviceConfigSchema)
      .default([])
      .superRefine(uniqueBy((device) => device.id, 'device id')),
    /** The certificate lockers' service (its cabinets are the locker-bus devices). */
    lockers: lockersSchema.optional(),
    /** Staff maintenance mode (its accounts file); a terminal with lockers may name its accounts there instead. */
    staff: staffSchema.optional(),
    /** The operator's fleet: MQTT (the ThingsBoard device API), local Prometheus metrics, staged updates (docs/fleet.md). */
    fleet: fleetSchema.optional(),
    browserShell: z
      .object({
        /** Chromium to launch; found on PATH (chromium, chromium-browser, google-chrome) when not set. */
        chromiumPath: z.string().min(1).optional(),
        /** Loopback port; 0 picks a free one at each launch. */
        port: z.number().int().min(0).max(65535).default(0),
        /**
         * The kiosk window opens only when the OS-level lockdown (`kioskctl lockdown status`) is installed. Only a
         * demo or training terminal turns this off.
         */
        requireLockdown: z.boolean().default(true),
        /**
         * The screen's user: Chromium is started as this user, through sudo and the kiosk-chromium launcher that
         * `kioskctl lockdown install` ships (on a terminal: gov-kiosk-ui, while the host runs as gov-kiosk), so the page
         * can never read the host's files. Unset, Chromium runs as the host's user (a developer's machine, the demo).
         */
        chromiumUser: z
          .string()
          .regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'a user name (lower-case letters, digits, _ and -)')
          .optional(),
      })
      .strict()
      .default({ port: 0, requireLockdown: true }),
  })
  .strict()
  .superRefine((config, context) => {
    if (config.extends !== undefined) context.addIssue({ code: 'custom', path: ['extends'], message: 'profiles are merged in when the config file is read (readTerminalConfig)' });
    if (!config.locales.includes(config.defaultLocale)) {
      context.addIssue({ code: 'custom', path: ['defaultLocale'], message: 'must be one of "locales"' });
    }
    const cabinets = config.devices.flatMap((device, index) => (device.kind === 'locker-bus' ? [{ label: device.label ?? device.id, index }] : []));
    if (config.lockers !== undefined && cabinets.length === 0) context.addIssue({ code: 'custom', path: ['lockers'], message: 'lockers need at least one locker-bus device' });
    if (config.staff !== undefined && config.lockers !== undefined && config.staff.accounts !== config.lockers.staffAccounts) {
      context.addIssue({ code: 'custom', path: ['staff', 'accounts'], message: 'names another staff accounts file than lockers.staffAccounts: a terminal has one' });
    }
    const labels = new Set<string>();
    for (const { label, index } of cabinets) {
      // People find a door by its cabinet's label and number: two cabinets with one label would be two door 1s.
      if (labels.has(label)) context.addIssue({ code: 'custom', path: ['devices', index, 'label'], message: `another cabinet is labelled "${label}"` });
      labels.add(label);
    }
  });

export type TerminalConfig = z.infer<typeof terminalConfigSchema>;
export type TerminalConfigInput = z.input<typeof terminalConfigSchema>;
