import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttractLoop as AttractLoopSettings, HomeEntry } from '../../../main/api/index.ts';

interface AttractLoopProps {
  loop: AttractLoopSettings;
  /** Shown when the terminal configures no slides: what can be done here. */
  homeEntries: readonly HomeEntry[];
}

/**
 * The attract screen's middle: the hall's information slides in turn (the config's; else one per service this
 * terminal offers), in Chinese with the English beneath where given. A slide changes without animation; a touch
 * anywhere starts a session, which is how a passer-by stops it. Not a live region: nobody is being told anything.
 */
export const AttractLoop = ({ loop, homeEntries }: AttractLoopProps) => {
  const { t } = useTranslation();
  const slides =
    loop.slides.length > 0
      ? loop.slides
      : homeEntries.map((entry) => ({
          title: { 'zh-CN': t(`home.entries.${entry}.label`, { lng: 'zh-CN' }), en: t(`home.entries.${entry}.label`, { lng: 'en' }) },
          body: { 'zh-CN': t(`home.entries.${entry}.hint`, { lng: 'zh-CN' }), en: t(`home.entries.${entry}.hint`, { lng: 'en' }) },
        }));
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (slides.length < 2) return;
    const next = setInterval(() => setShown((index) => (index + 1) % slides.length), loop.slideSeconds * 1000);
    return () => clearInterval(next);
  }, [slides.length, loop.slideSeconds]);
  const slide = slides[shown % Math.max(1, slides.length)];
  if (slide === undefined) return <div className="attract__loop attract__loop--empty" />;
  return (
    <section className="attract__loop" aria-roledescription={t('attract.loop')} aria-label={slide.title['zh-CN']} data-testid="attract-slide" data-index={shown % slides.length}>
      <h2 className="attract__slide-title">{slide.title['zh-CN']}</h2>
      <p className="attract__slide-body">{slide.body['zh-CN']}</p>
      {slide.title.en !== undefined && (
        <p className="attract__slide-en" lang="en">
          {slide.title.en}
          {slide.body.en === undefined ? '' : ` · ${slide.body.en}`}
        </p>
      )}
      {slides.length > 1 && (
        <p className="attract__slide-dots" aria-hidden="true">
          {slides.map((_, index) => (index === shown % slides.length ? '●' : '○')).join(' ')}
        </p>
      )}
    </section>
  );
};
