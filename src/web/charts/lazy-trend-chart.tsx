import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { TrendChartProps } from './trend-series.ts';

// ECharts is about half a megabyte: it loads with the first chart, not with the app.
const TrendChart = lazy(() => import('./trend-chart.tsx'));

// Charts are drawn when they come near the screen: a DART has dozens, and most readers look at a few.
const nearScreen = '400px 0px';

/**
 * A trend chart, loaded on demand and drawn when it nears the screen (or when the page is printed), as an image with
 * a name (`label`); the figures it draws must also be on the page as a table, since a screen reader cannot read it.
 */
export function LazyTrendChart({ label, ...props }: TrendChartProps & { label: string }) {
  const height = props.height ?? 220;
  const box = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);

  useEffect(() => {
    if (shown || box.current === null) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setShown(true);
      },
      { rootMargin: nearScreen },
    );
    observer.observe(box.current);
    // Printing (or saving as PDF) needs every chart, drawn before the browser lays the pages out.
    const onPrint = () => flushSync(() => setShown(true));
    window.addEventListener('beforeprint', onPrint);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', onPrint);
    };
  }, [shown]);

  const placeholder = <div className="ssos-trend-chart__loading" style={{ height }} />;
  return (
    <div ref={box} role="img" aria-label={label} className="ssos-trend-chart">
      {shown ? (
        <Suspense fallback={placeholder}>
          <TrendChart {...props} />
        </Suspense>
      ) : (
        placeholder
      )}
    </div>
  );
}
