import type { DocumentScannerSettings } from '../../documents/document-capture.ts';
import { DocumentCapture } from '../../documents/document-capture.ts';
import { PageProcessor } from '../../documents/page-processor.ts';
import { MaterialScanning } from '../../cases/material-scanning.ts';
import type { ApplicationService } from '../../cases/application-service.ts';
import type { DocumentScannerConfig } from '../../../drivers/manager/device-config.ts';
import type { HostContext } from '../host-context.ts';
import { ready, unavailable, type Capability } from './capability.ts';
import { unavailableMethods } from './unavailable-methods.ts';

const METHODS = ['document.start', 'document.outline', 'document.capture', 'document.scan', 'document.cancel', 'document.movePage', 'document.removePage', 'document.attach'] as const;

const settingsOf = (device: DocumentScannerConfig): DocumentScannerSettings => ({
  cameraLabel: device.connection.type === 'camera' ? (device.connection.label ?? null) : null,
  dpi: device.dpi,
  colour: device.colour,
  maxPageBytes: device.maxPageKilobytes * 1024,
  maxFileBytes: device.maxFileKilobytes * 1024,
  maxPages: device.maxPages,
  timeoutMs: device.timeoutSeconds * 1000,
});

/** Scanning materials (a 高拍仪 camera or a SANE sheet scanner), when the terminal has a document scanner. */
export const documentsCapability = ({ clock, session, devices }: HostContext, applications: ApplicationService) => {
  const device = devices.documentScanner;
  const processor = device === null ? null : new PageProcessor();
  const documents =
    device === null || processor === null ? null : new DocumentCapture({ settings: settingsOf(device), sheetScanner: devices.sheetScanner, processor, session, now: () => new Date(clock.now()) });
  const scanning = documents === null ? null : new MaterialScanning({ applications, documents });
  return {
    name: 'documents',
    homeEntries: [],
    /** A camera scan is under way: the only time a shell lets the page use the camera. */
    cameraInUse: () => documents?.cameraInUse ?? false,
    health: () => (device === null ? unavailable('no document scanner configured') : ready),
    async stop() {
      await processor?.close();
    },
    handlers: {
      ...(documents === null || scanning === null
        ? unavailableMethods(METHODS, 'this terminal has no document scanner')
        : {
            'document.start': ({ materialId }) => scanning.start(materialId),
            'document.outline': ({ frame }) => documents.outline(frame),
            'document.capture': ({ frame }) => documents.capture(frame),
            'document.scan': () => documents.scan(),
            'document.cancel': () => documents.cancel(),
            'document.movePage': ({ pageId, to }) => documents.movePage(pageId, to),
            'document.removePage': ({ pageId }) => documents.removePage(pageId),
            'document.attach': () => scanning.attach(),
          }),
      'document.discard': () => {
        documents?.discard();
        return { discarded: true as const };
      },
    },
  } satisfies Capability<(typeof METHODS)[number] | 'document.discard'> & Record<string, unknown>;
};
