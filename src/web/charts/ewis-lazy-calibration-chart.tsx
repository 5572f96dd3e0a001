import { lazy, Suspense } from 'react';
import type { CalibrationChartProps } from './ewis-calibration-chart.tsx';

// ECharts is about half a megabyte: it loads with the chart, not with the app.
const CalibrationChart = lazy(() => import('./ewis-calibration-chart.tsx'));

/**
 * A model's calibration chart, loaded on demand, as an image with a name (`label`); its figures must also be on the
 * page as a table, since a screen reader cannot read the drawing.
 */
export function LazyCalibrationChart({ label, ...props }: CalibrationChartProps & { label: string }) {
  const height = props.height ?? 340;
  return (
    <div role="img" aria-label={label} className="ssos-trend-chart ssos-calibration-chart">
      <Suspense fallback={<div className="ssos-trend-chart__loading" style={{ height }} />}>
        <CalibrationChart {...props} />
      </Suspense>
    </div>
  );
}
