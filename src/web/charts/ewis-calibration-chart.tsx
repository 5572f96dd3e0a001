// The calibration of an early-warning model, drawn by Apache ECharts: each tenth of the students (sorted by predicted
// probability) as a point at its mean prediction and its observed rate, beside the diagonal of perfect calibration.
// Loaded on demand (ewis-lazy-calibration-chart.tsx) so ECharts stays out of the app's first bundle.
import { useLayoutEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** One point of the chart: a tenth of the students. */
export interface CalibrationPoint {
  meanPredicted: number;
  observedRate: number;
  n: number;
}

/** What the calibration chart draws. */
export interface CalibrationChartProps {
  points: readonly CalibrationPoint[];
  height?: number;
}

const percent = (v: number) => `${Math.round(v * 100)}%`;

/** Predicted against observed rates of reaching the milestone, with the diagonal where they would be equal. */
export default function CalibrationChart({ points, height = 340 }: CalibrationChartProps) {
  const container = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const element = container.current;
    if (element === null) return;
    const chart = echarts.init(element, null, { renderer: 'svg' });
    const axis = (name: string) => ({
      type: 'value' as const,
      min: 0,
      max: 1,
      interval: 0.2,
      name,
      nameLocation: 'middle' as const,
      nameGap: 32,
      nameTextStyle: { color: '#1b1b1b', fontSize: 13 },
      axisLabel: { color: '#1b1b1b', fontSize: 12, formatter: percent },
      axisLine: { lineStyle: { color: '#565c65' } },
      splitLine: { lineStyle: { color: '#dfe1e2' } },
    });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Source Sans Pro Web, Helvetica Neue, Helvetica, Roboto, Arial, sans-serif' },
      grid: { left: 56, right: 24, top: 16, bottom: 88 },
      legend: { bottom: 0, left: 0, itemWidth: 28, textStyle: { color: '#1b1b1b', fontSize: 13 } },
      tooltip: {
        trigger: 'item',
        formatter: (item: { seriesIndex: number; value: [number, number, number] }) =>
          item.seriesIndex === 1
            ? `${item.value[2].toLocaleString('en-US')} students: predicted ${percent(item.value[0])}, observed ${percent(item.value[1])}`
            : 'Perfect calibration',
      },
      xAxis: axis('Predicted probability of reaching the milestone'),
      yAxis: { ...axis('Observed rate'), nameGap: 44 },
      series: [
        {
          type: 'line',
          name: 'Perfect calibration (predicted = observed)',
          data: [
            [0, 0],
            [1, 1],
          ],
          symbol: 'none',
          lineStyle: { color: '#565c65', width: 2, type: 'dashed' },
          itemStyle: { color: '#565c65' },
          emphasis: { disabled: true },
          z: 1,
        },
        {
          type: 'line',
          name: 'The model, by tenth of students',
          data: points.map((p) => [p.meanPredicted, p.observedRate, p.n]),
          symbol: 'circle',
          symbolSize: 9,
          lineStyle: { color: '#005ea2', width: 2 },
          itemStyle: { color: '#005ea2' },
          emphasis: { disabled: true },
          z: 2,
        },
      ],
    });
    chart.on('finished', () => {
      element.querySelector('svg')?.setAttribute('viewBox', `0 0 ${chart.getWidth()} ${chart.getHeight()}`);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [points]);

  return <div ref={container} className="ssos-trend-chart__canvas" style={{ height }} />;
}
