import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { IndicatorInfo } from '../../server/api/catalog.ts';
import { glossaryPath } from '../api/dart.ts';
import { useIndicators } from '../api/platform.ts';
import { directionLabels, unitLabels, yearConventionLabels } from './dart-format.tsx';

/** The indicator catalog by code (empty while it loads). */
export function useIndicatorCatalog(): ReadonlyMap<string, IndicatorInfo> {
  const indicators = useIndicators();
  return useMemo(() => new Map((indicators.data?.items ?? []).map((i) => [i.code, i])), [indicators.data]);
}

/** The facts of an indicator, as a definition list: unit, direction, source and year convention. */
export function IndicatorFacts({ indicator }: { indicator: IndicatorInfo }) {
  return (
    <dl className="ssos-indicator-facts">
      <div>
        <dt>Unit</dt>
        <dd>{unitLabels[indicator.unit]}</dd>
      </div>
      <div>
        <dt>Direction</dt>
        <dd>{directionLabels[indicator.direction]}</dd>
      </div>
      <div>
        <dt>Source</dt>
        <dd>{indicator.source}</dd>
      </div>
      <div>
        <dt>Year</dt>
        <dd>{yearConventionLabels[indicator.yearConvention]}</dd>
      </div>
    </dl>
  );
}

/**
 * A "Definition" button beside an indicator's name that opens its definition, unit, direction, source and year
 * convention, with a link to its glossary entry. A disclosure: the button says whether it is open, the panel follows
 * it in reading and tab order, Escape or a click elsewhere closes it and focus goes back to the button.
 */
export function IndicatorDefinition({ code, label }: { code: string; label: string }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const catalog = useIndicatorCatalog();
  const indicators = useIndicators();
  const indicator = catalog.get(code);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (wrapper.current !== null && !wrapper.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    }
  };

  return (
    <div className="ssos-definition" ref={wrapper} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="ssos-definition__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Definition of ${label}`}
        onClick={() => setOpen((o) => !o)}
      >
        <svg className="ssos-definition__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M11 7h2v2h-2zm0 4h2v6h-2zm1-9C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zm0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8z" />
        </svg>
        Definition
      </button>
      <div id={panelId} className="ssos-definition__panel" hidden={!open}>
        <p className="ssos-definition__title">{label}</p>
        {indicator !== undefined ? (
          <>
            <p className="ssos-definition__text">{indicator.definition}</p>
            <IndicatorFacts indicator={indicator} />
            <p className="margin-bottom-0">
              <Link to={glossaryPath(code)} className="usa-link">
                {label} in the glossary
              </Link>
            </p>
          </>
        ) : indicators.isError ? (
          <p>The definition could not be loaded.</p>
        ) : indicators.isPending ? (
          <p>Loading the definition…</p>
        ) : (
          <p>This indicator is not in the catalog.</p>
        )}
      </div>
    </div>
  );
}
