import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the county charts use: bars, their grid, tooltip, legend and the aria description.
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type EChartOption = echarts.EChartsCoreOption;

/**
 * A chart in a React tree: created on mount, updated when the option changes, resized with its
 * box, disposed on unmount. The figure is labelled for screen readers; the data itself is in the
 * table each chart stands beside.
 */
export function EChart({ option, height, label, onBarClick }: { option: EChartOption; height: number; label: string; onBarClick?: (dataIndex: number) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onBarClick);
  clickRef.current = onBarClick;

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => { if (typeof params.dataIndex === 'number') clickRef.current?.(params.dataIndex); });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true, label: { description: label } }, ...option }, true);
  }, [option, label]);

  return <div ref={box} role="img" aria-label={label} className="county-chart" style={{ height }} />;
}
