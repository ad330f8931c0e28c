import type { KioskctlCommand } from './command.ts';
import { auditHead, auditList, auditVerify } from './commands/audit.ts';
import { catalogueImport, catalogueSearch } from './commands/catalogue.ts';
import { configForgetEnrolmentCode } from './commands/config-forget-enrolment-code.ts';
import { configValidate } from './commands/config-validate.ts';
import { devicesList } from './commands/devices.ts';
import { diagnostics } from './commands/diagnostics.ts';
import { idcardRead } from './commands/idcard-read.ts';
import { idcardSimulate } from './commands/idcard-simulate.ts';
import { lockdownInstall, lockdownStatus } from './commands/lockdown.ts';
import { lockerOpen, lockerStatus } from './commands/locker.ts';
import { lockerSimulate } from './commands/locker-simulate.ts';
import { printerStatus, printerTest } from './commands/printer.ts';
import { probe } from './commands/probe.ts';
import { provision } from './commands/provision.ts';
import { scannerListen } from './commands/scanner-listen.ts';
import { selfTest } from './commands/self-test.ts';
import { staffAdd } from './commands/staff-add.ts';

/** Every kioskctl command; each capability's issue adds its own here. */
export const kioskctlCommands: readonly KioskctlCommand[] = [configValidate, configForgetEnrolmentCode, idcardRead, idcardSimulate, printerStatus, printerTest, scannerListen, lockerStatus, lockerOpen, lockerSimulate, staffAdd, catalogueImport, catalogueSearch, lockdownStatus, lockdownInstall, auditVerify, auditHead, auditList, devicesList, probe, provision, selfTest, diagnostics];
