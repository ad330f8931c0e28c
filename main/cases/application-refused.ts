import { ServiceRefused } from '../common/service-refused.ts';

/** What the application service refuses to do as asked (application-service.ts, signature-png.ts). */
export class ApplicationRefused extends ServiceRefused {}
