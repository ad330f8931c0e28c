import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Audience, BundleSummary, CatalogueBrowse, CatalogueStatus, GuideSummary } from '../../../main/api/index.ts';
import { OnScreenKeyboard, type KeyboardModes } from '../../components/OnScreenKeyboard.tsx';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { callHost } from '../../kiosk-api.ts';
import { useHostQuery, type Loaded } from '../../state/use-host-query.ts';
import { GuideList } from './GuideList.tsx';

/** Where the citizen is in finding a service; kept by the app so that coming back from a guide returns here. */
export interface FindServiceState {
  audience: Audience;
  query: string;
  view: { kind: 'browse' } | { kind: 'list'; by: 'theme' | 'department'; name: string } | { kind: 'bundle'; bundleCode: string };
}
export const initialFindServiceState: FindServiceState = { audience: 'natural', query: '', view: { kind: 'browse' } };

const QUERY_MAX = 50;
/** The catalogue's status; asked again every few seconds while the terminal has none yet (its first sync runs). */
const useCatalogueStatus = (): Loaded<CatalogueStatus> => {
  const [attempt, setAttempt] = useState(0);
  const status = useHostQuery<CatalogueStatus>(`status:${attempt}`, () => callHost('catalogue.status', {}));
  const waiting = status.phase === 'failed' || (status.phase === 'loaded' && !status.value.loaded);
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setAttempt((n) => n + 1), 3000);
    return () => clearTimeout(timer);
  }, [waiting, attempt]);
  return status;
};

interface FindServiceScreenProps {
  state: FindServiceState;
  onChange: (next: FindServiceState) => void;
  onOpenGuide: (taskCode: string) => void;
  /** Applies for a 一件事 bundle at this terminal (one form, one set of materials); absent where applying is not possible. */
  onStartBundle?: (bundleCode: string) => void;
  onHome: () => void;
}

/**
 * Find a service: type (Chinese, pinyin or initials, on the touch keyboard or a physical one) and the best
 * matches appear as you type; or browse by life event (一件事), theme or department. For people or for
 * organisations. Everything comes from the catalogue the terminal holds, so it works offline.
 */
export const FindServiceScreen = ({ state, onChange, onOpenGuide, onHome, onStartBundle }: FindServiceScreenProps) => {
  const { t } = useTranslation();
  const { audience, query, view } = state;
  const status = useCatalogueStatus();
  const [typing, setTyping] = useState(false);
  const trimmed = query.trim();
  const set = (patch: Partial<FindServiceState>) => onChange({ ...state, ...patch });

  const back = () => {
    if (trimmed !== '') set({ query: '' });
    else if (view.kind !== 'browse') set({ view: { kind: 'browse' } });
    else onHome();
  };

  return (
    <ScreenFrame
      testId="find-service"
      title={t('findService.title')}
      mainClassName="main--find-service"
      toolbar={
        <>
          <button type="button" className="button" onClick={back}>
            {t('findService.back')}
          </button>
          <div className="toolbar__group" role="group" aria-label={t('findService.audienceLabel')}>
            {(['natural', 'legal'] as const).map((option) => (
              <button
                key={option}
                type="button"
                className="button"
                aria-pressed={audience === option}
                onClick={() => set({ audience: option, view: { kind: 'browse' } })}
              >
                {t(`findService.audience.${option}`)}
              </button>
            ))}
          </div>
        </>
      }
    >
      {status.phase === 'loaded' && !status.value.loaded ? (
        <p className="notice notice--warning" role="status">
          {t('findService.notLoaded')}
        </p>
      ) : (
        <>
          <form className="search" role="search" onSubmit={(event) => event.preventDefault()}>
            <label className="search__label" htmlFor="service-query">
              {t('findService.searchLabel')}
            </label>
            <input
              id="service-query"
              className="search__input"
              type="search"
              autoComplete="off"
              spellCheck={false}
              maxLength={QUERY_MAX}
              value={query}
              onChange={(event) => set({ query: event.target.value })}
              onFocus={() => setTyping(true)}
            />
          </form>
          <div className="find-service__results">
            {trimmed !== '' ? (
              <SearchResults query={trimmed} audience={audience} onOpenGuide={onOpenGuide} />
            ) : view.kind === 'list' ? (
              <ListView audience={audience} by={view.by} name={view.name} onOpenGuide={onOpenGuide} />
            ) : view.kind === 'bundle' ? (
              <BundleView bundleCode={view.bundleCode} onOpenGuide={onOpenGuide} {...(onStartBundle === undefined ? {} : { onStart: onStartBundle })} />
            ) : (
              <BrowseView audience={audience} onSelect={(next) => set({ view: next })} />
            )}
          </div>
          {/* The touch keyboard opens when the field is touched and stays until the citizen puts it away. */}
          {typing && <OnScreenKeyboard value={query} maxLength={QUERY_MAX} onChange={(next) => set({ query: next })} onClose={() => setTyping(false)} modes={SEARCH_MODES} />}
        </>
      )}
    </ScreenFrame>
  );
};

const Failed = () => {
  const { t } = useTranslation();
  return (
    <p className="notice notice--warning" role="status">
      {t('findService.failed')}
    </p>
  );
};

/** Search takes letters (pinyin, initials: sb) first, and characters written by hand for those who never learnt pinyin. */
const SEARCH_MODES: KeyboardModes = ['latin', 'handwriting'];

const SearchResults = ({ query, audience, onOpenGuide }: { query: string; audience: Audience; onOpenGuide: (taskCode: string) => void }) => {
  const { t } = useTranslation();
  const results = useHostQuery(`${audience}:${query}`, () => callHost('catalogue.search', { query, audience, limit: 20 }), 120);
  if (results.phase === 'failed') return <Failed />;
  if (results.phase === 'loading') return <p role="status">{t('findService.searching')}</p>;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title" className="section__title">
        {results.value.more ? t('findService.resultsMore', { count: results.value.results.length }) : t('findService.results', { count: results.value.results.length })}
      </h2>
      {results.value.results.length === 0 ? (
        <p className="notice" role="status">
          {t('findService.noResults')}
        </p>
      ) : (
        <GuideList guides={results.value.results} onOpen={onOpenGuide} />
      )}
    </section>
  );
};

const ListView = ({ audience, by, name, onOpenGuide }: { audience: Audience; by: 'theme' | 'department'; name: string; onOpenGuide: (taskCode: string) => void }) => {
  const list = useHostQuery<{ results: GuideSummary[] }>(`${audience}:${by}:${name}`, () => callHost('catalogue.list', { audience, by, name }));
  if (list.phase === 'failed') return <Failed />;
  if (list.phase === 'loading') return null;
  return (
    <section aria-labelledby="list-title">
      <h2 id="list-title" className="section__title">
        {name}
      </h2>
      <GuideList guides={list.value.results} onOpen={onOpenGuide} />
    </section>
  );
};

const BundleView = ({ bundleCode, onOpenGuide, onStart }: { bundleCode: string; onOpenGuide: (taskCode: string) => void; onStart?: (bundleCode: string) => void }) => {
  const { t } = useTranslation();
  const bundle = useHostQuery(bundleCode, () => callHost('catalogue.bundle', { bundleCode }));
  if (bundle.phase === 'failed') return <Failed />;
  if (bundle.phase === 'loading') return null;
  if (bundle.value === null) {
    return (
      <p className="notice" role="status">
        {t('findService.bundleGone')}
      </p>
    );
  }
  return (
    <section aria-labelledby="bundle-title" data-testid="bundle">
      <h2 id="bundle-title" className="section__title">
        {bundle.value.bundle.bundleName}
      </h2>
      {bundle.value.bundle.description !== null && <p className="section__text">{bundle.value.bundle.description}</p>}
      <p className="section__text">{t('findService.bundleMembers', { count: bundle.value.guides.length })}</p>
      {onStart !== undefined && bundle.value.guides.every((guide) => guide.kioskCapable) && (
        <p>
          <button type="button" className="button button--primary" data-testid="bundle-start" onClick={() => onStart(bundleCode)}>
            {t('findService.bundleStart')}
          </button>
        </p>
      )}
      <GuideList guides={bundle.value.guides} onOpen={onOpenGuide} />
    </section>
  );
};

const BrowseView = ({ audience, onSelect }: { audience: Audience; onSelect: (view: FindServiceState['view']) => void }) => {
  const { t } = useTranslation();
  const browse = useHostQuery<CatalogueBrowse>(audience, () => callHost('catalogue.browse', { audience }));
  if (browse.phase === 'failed') return <Failed />;
  if (browse.phase === 'loading') return null;
  const { bundles, themes, departments } = browse.value;
  const listsBy = (by: 'theme' | 'department', counted: ReadonlyArray<{ name: string; count: number }>) =>
    counted.map(({ name, count }) => ({
      key: name,
      label: name,
      detail: t('findService.guideCount', { count }),
      select: () => onSelect({ kind: 'list', by, name }),
    }));
  const chooser = (title: string, id: string, items: ReadonlyArray<{ key: string; label: string; detail: string; select: () => void }>) =>
    items.length === 0 ? null : (
      <section aria-labelledby={id}>
        <h2 id={id} className="section__title">
          {title}
        </h2>
        <ul className="choices">
          {items.map((item) => (
            <li key={item.key}>
              <button type="button" className="choice" onClick={item.select}>
                <span className="choice__label">{item.label}</span>
                <span className="choice__detail">{item.detail}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    );
  return (
    <div data-testid="browse">
      {chooser(
        t('findService.bundles'),
        'browse-bundles',
        bundles.map((bundle: BundleSummary) => ({
          key: bundle.bundleCode,
          label: bundle.bundleName,
          detail: t('findService.bundleMembers', { count: bundle.guideCount }),
          select: () => onSelect({ kind: 'bundle', bundleCode: bundle.bundleCode }),
        })),
      )}
      {chooser(t('findService.themes'), 'browse-themes', listsBy('theme', themes))}
      {chooser(t('findService.departments'), 'browse-departments', listsBy('department', departments))}
    </div>
  );
};
