// The five-year trend of one indicator, drawn by Apache ECharts. This module is loaded on demand (lazy-trend-chart.tsx)
// so ECharts stays out of the app's first bundle; only the parts a line chart needs are registered.
import { useLayoutEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { TrendChartProps } from './trend-series.ts';
import { trendSeriesStyles } from './trend-series.ts';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** A line chart of an indicator over the trend years: the organization, the state and the comparison median. */
export default function TrendChart({ years, series, format, formatAxis, height = 220 }: TrendChartProps) {
  const container = useRef<HTMLDivElement>(null);
  // The formatter may be a new function on each render; the chart is redrawn only when the figures change.
  const formatRef = useRef(format);
  formatRef.current = format;
  const formatAxisRef = useRef(formatAxis ?? format);
  formatAxisRef.current = formatAxis ?? format;

  // A layout effect: a chart shown for printing is drawn before the browser lays out the pages.
  useLayoutEffect(() => {
    const element = container.current;
    if (element === null) return;
    // SVG: crisp when printed or saved as PDF, and text a browser can select.
    const chart = echarts.init(element, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Source Sans Pro Web, Helvetica Neue, Helvetica, Roboto, Arial, sans-serif' },
      grid: { left: 8, right: 24, top: 16, bottom: 56 },
      legend: {
        bottom: 0,
        left: 0,
        itemWidth: 28,
        textStyle: { color: '#1b1b1b', fontSize: 13 },
      },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) => (typeof value === 'number' ? formatRef.current(value) : 'not reported'),
      },
      xAxis: {
        type: 'category',
        data: years.map(String),
        // Room at both ends, so the first year's label stays clear of the value axis.
        boundaryGap: true,
        axisLabel: { color: '#1b1b1b', fontSize: 13 },
        axisLine: { lineStyle: { color: '#565c65' } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        // Start near the data, not at zero: year-to-year changes of a few points must be visible.
        scale: true,
        splitNumber: 4,
        axisLabel: { color: '#1b1b1b', fontSize: 12, formatter: (value: number) => formatAxisRef.current(value) },
        splitLine: { lineStyle: { color: '#dfe1e2' } },
      },
      series: series.map((s) => {
        const style = trendSeriesStyles[s.kind];
        return {
          type: 'line',
          name: s.name,
          data: s.values,
          connectNulls: false,
          symbol: style.symbol,
          symbolSize: style.symbolSize,
          z: style.z,
          lineStyle: { color: style.color, width: style.width, type: style.lineType },
          itemStyle: { color: style.color },
          emphasis: { disabled: true },
        };
      }),
    });
    // A viewBox lets the drawing scale with its box: printing lays the page out again without redrawing the chart.
    chart.on('finished', () => {
      element.querySelector('svg')?.setAttribute('viewBox', `0 0 ${chart.getWidth()} ${chart.getHeight()}`);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [years, series]);

  return <div ref={container} className="ssos-trend-chart__canvas" style={{ height }} />;
}
