import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of `value`, drawn as an image once generated (the citizen scans it with a phone). */
export const QrCodeImage = ({ value, alt, testId }: { value: string; alt: string; testId?: string }) => {
  const [source, setSource] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(value, { margin: 2, width: 240 }).then(
      (url) => current && setSource(url),
      () => current && setSource(null),
    );
    return () => {
      current = false;
    };
  }, [value]);
  return source === null ? null : <img className="qr" src={source} alt={alt} data-testid={testId} data-value={value} />;
};
