import { Fragment, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Breadcrumb, BreadcrumbBar, BreadcrumbLink, Button, Label, TextInput } from '@trussworks/react-uswds';
import { indicatorAreas, type IndicatorArea } from '../../core/indicators/indicator.ts';
import type { IndicatorInfo } from '../../server/api/catalog.ts';
import { dartSectionPath, glossaryAnchor } from '../api/dart.ts';
import { useIndicators } from '../api/platform.ts';
import { areaLabels } from '../components/dart-format.tsx';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { IndicatorFacts } from '../components/indicator-definition.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';

const title = 'Glossary of indicators';

function areaAnchor(area: IndicatorArea): string {
  return `area-${area}`;
}

/** Whether an indicator matches every word of a search (label, code, definition or source). */
function matches(indicator: IndicatorInfo, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = `${indicator.label} ${indicator.code} ${indicator.definition} ${indicator.source}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

/**
 * Every indicator of the catalog, grouped by area, with its definition, unit, direction, source and year convention.
 * Each area opens on its own (an accordion: the catalog is long, most of it MCAS grades and subjects); a search shows
 * every match at once, and an address naming an entry (a definition's link) opens its area and goes to it.
 */
export function DartGlossaryPage() {
  useDocumentTitle(title);
  const indicators = useIndicators();
  const location = useLocation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState<ReadonlySet<IndicatorArea>>(new Set());
  const deferred = useDeferredValue(text);
  const words = useMemo(
    () =>
      deferred
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w !== ''),
    [deferred],
  );
  const searching = words.length > 0;
  const groups = useMemo(() => {
    const items = indicators.data?.items ?? [];
    return indicatorAreas
      .map((area) => ({
        area,
        items: items.filter((i) => i.area === area && matches(i, words)).sort((a, b) => a.label.localeCompare(b.label)),
      }))
      .filter((g) => g.items.length > 0);
  }, [indicators.data, words]);
  const total = groups.reduce((sum, g) => sum + g.items.length, 0);

  // The area of the entry the address names opens, once the catalog is here.
  const hashArea = useMemo(() => {
    const code = location.hash.startsWith('#indicator-') ? decodeURIComponent(location.hash.slice(11)) : null;
    return indicators.data?.items.find((i) => glossaryAnchor(i.code) === `indicator-${code}`)?.area ?? null;
  }, [location.hash, indicators.data]);
  useEffect(() => {
    if (hashArea !== null) setOpen((areas) => (areas.has(hashArea) ? areas : new Set([...areas, hashArea])));
  }, [hashArea, location.key]);
  useScrollToEntry(indicators.isSuccess && (hashArea === null || open.has(hashArea)), location.hash, location.key);

  const toggle = (area: IndicatorArea) =>
    setOpen((areas) => {
      const next = new Set(areas);
      if (next.has(area)) next.delete(area);
      else next.add(area);
      return next;
    });

  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={dartSectionPath}>
            <span>DART</span>
          </BreadcrumbLink>
        </Breadcrumb>
        <Breadcrumb current>
          <span>{title}</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{title}</h1>
      <p className="usa-intro ssos-readable">
        What each figure means in plain language, whether higher or lower is better, where it comes from and how its
        year is named.
      </p>
      {indicators.isPending ? (
        <LoadingStatus>Loading the glossary…</LoadingStatus>
      ) : indicators.isError ? (
        <ErrorAlert heading="The glossary could not be loaded" error={indicators.error} />
      ) : (
        <>
          <form
            role="search"
            aria-label="Search the glossary"
            className="usa-form ssos-search-form ssos-glossary-search"
            onSubmit={(e) => e.preventDefault()}
          >
            <Label htmlFor="glossary-search">Search the indicators</Label>
            <span className="usa-hint" id="glossary-search-hint">
              Words of a name, code or definition, for example “absent” or “growth percentile”
            </span>
            <TextInput
              id="glossary-search"
              name="q"
              type="search"
              value={text}
              autoComplete="off"
              aria-describedby="glossary-search-hint"
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setText(event.target.value)}
            />
          </form>
          <p role="status" className="margin-top-2">
            {!searching
              ? `${total.toLocaleString('en-US')} indicators in ${groups.length} areas.`
              : total === 0
                ? `No indicator matches “${deferred.trim()}”.`
                : `${total.toLocaleString('en-US')} ${total === 1 ? 'indicator matches' : 'indicators match'} “${deferred.trim()}”.`}
          </p>
          {searching ? (
            groups.map((g) => (
              <section key={g.area} aria-labelledby={areaAnchor(g.area)} className="ssos-glossary-area">
                <h2 id={areaAnchor(g.area)}>{areaLabels[g.area]}</h2>
                {g.items.map((indicator) => (
                  <GlossaryEntry key={indicator.code} indicator={indicator} />
                ))}
              </section>
            ))
          ) : (
            <>
              <p className="ssos-glossary-actions">
                <Button type="button" unstyled onClick={() => setOpen(new Set(groups.map((g) => g.area)))}>
                  Open every area
                </Button>
                <Button type="button" unstyled onClick={() => setOpen(new Set())}>
                  Close every area
                </Button>
              </p>
              <div className="usa-accordion usa-accordion--bordered usa-accordion--multiselectable ssos-glossary">
                {groups.map((g) => {
                  const expanded = open.has(g.area);
                  const panelId = `${areaAnchor(g.area)}-entries`;
                  return (
                    <Fragment key={g.area}>
                      <h2 className="usa-accordion__heading" id={areaAnchor(g.area)}>
                        <button
                          type="button"
                          className="usa-accordion__button"
                          aria-expanded={expanded}
                          aria-controls={panelId}
                          onClick={() => toggle(g.area)}
                        >
                          {areaLabels[g.area]}{' '}
                          <span className="ssos-glossary__count">
                            ({g.items.length} {g.items.length === 1 ? 'indicator' : 'indicators'})
                          </span>
                        </button>
                      </h2>
                      <div id={panelId} className="usa-accordion__content" hidden={!expanded}>
                        {/* Entries are drawn only when their area is open: the whole catalog is thousands of elements. */}
                        {expanded
                          ? g.items.map((indicator) => <GlossaryEntry key={indicator.code} indicator={indicator} />)
                          : null}
                      </div>
                    </Fragment>
                  );
                })}
              </div>
            </>
          )}
        </>
      )}
    </>
  );
}

function GlossaryEntry({ indicator }: { indicator: IndicatorInfo }) {
  const id = glossaryAnchor(indicator.code);
  return (
    <article id={id} className="ssos-glossary-entry" aria-labelledby={`${id}-name`} tabIndex={-1}>
      <h3 id={`${id}-name`} className="ssos-glossary-entry__name">
        {indicator.label} <span className="ssos-glossary-entry__code">{indicator.code}</span>
      </h3>
      <p className="ssos-glossary-entry__definition">{indicator.definition}</p>
      <IndicatorFacts indicator={indicator} />
    </article>
  );
}

/** Goes to the entry the address names once the glossary has loaded (once per navigation), and focuses it. */
function useScrollToEntry(ready: boolean, hash: string, key: string) {
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || hash === '' || done.current === key) return;
    // After the layout has moved focus to the new page's heading (its effect runs after this one).
    const timer = window.setTimeout(() => {
      const target = document.getElementById(decodeURIComponent(hash.slice(1)));
      if (target === null) return;
      done.current = key;
      target.scrollIntoView();
      target.focus({ preventScroll: true });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [ready, hash, key]);
}
