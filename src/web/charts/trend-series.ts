/** Which line of a trend chart a series is: the organization, the state, or the median of the comparison. */
export type TrendSeriesKind = 'org' | 'state' | 'median';

/** One line of a trend chart: a value per year, null where there is none (the line breaks there). */
export interface TrendSeries {
  kind: TrendSeriesKind;
  name: string;
  values: (number | null)[];
}

/** What a trend chart draws. */
export interface TrendChartProps {
  years: readonly number[];
  series: readonly TrendSeries[];
  /** Formats a value as the indicator shows it (unit and decimals). */
  format: (value: number) => string;
  /** Formats the value axis's round ticks (`45%`, not `45.0%`); `format` when left out. */
  formatAxis?: (value: number) => string;
  height?: number;
}

/**
 * How each line looks. Besides colour, each differs in line pattern and marker, so the lines can be told apart in
 * grey print and by readers who do not see colours well.
 */
export const trendSeriesStyles: Record<
  TrendSeriesKind,
  {
    color: string;
    width: number;
    lineType: 'solid' | 'dashed' | 'dotted';
    symbol: string;
    symbolSize: number;
    z: number;
  }
> = {
  org: { color: '#005ea2', width: 3, lineType: 'solid', symbol: 'circle', symbolSize: 8, z: 3 },
  state: { color: '#565c65', width: 2, lineType: 'dashed', symbol: 'rect', symbolSize: 7, z: 2 },
  median: { color: '#c05600', width: 2, lineType: 'dotted', symbol: 'triangle', symbolSize: 9, z: 1 },
};
