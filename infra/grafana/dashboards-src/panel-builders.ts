import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { PROMETHEUS_DATASOURCE } from './datasource';

export interface PanelQuery {
  expr: string;
  legend?: string;
}

export interface PanelSpec {
  id: number;
  title: string;
  description: string;
  unit: string;
  queries: PanelQuery[];
}

const REF_IDS = 'ABCDEFGHIJ';

function prometheusQuery(query: PanelQuery, index: number): prometheus.DataqueryBuilder {
  const builder = new prometheus.DataqueryBuilder()
    .datasource(PROMETHEUS_DATASOURCE)
    .refId(REF_IDS[index])
    .expr(query.expr);
  return query.legend ? builder.legendFormat(query.legend) : builder;
}

export function timeseriesPanel(spec: PanelSpec): timeseries.PanelBuilder {
  return new timeseries.PanelBuilder()
    .id(spec.id)
    .title(spec.title)
    .description(spec.description)
    .datasource(PROMETHEUS_DATASOURCE)
    .targets(spec.queries.map(prometheusQuery))
    .unit(spec.unit)
    .height(8)
    .span(12)
    .fillOpacity(10)
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.Table)
        .placement(common.LegendPlacement.Bottom)
        .calcs(['mean', 'max', 'lastNotNull']),
    )
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending));
}

/** A single number; `instant` for queries over `$__range` that only make sense evaluated once. */
export function statPanel(spec: PanelSpec, options: { instant?: boolean } = {}): stat.PanelBuilder {
  const targets = spec.queries.map((query, index) => {
    const builder = prometheusQuery(query, index);
    return options.instant ? builder.instant() : builder;
  });
  return new stat.PanelBuilder()
    .id(spec.id)
    .title(spec.title)
    .description(spec.description)
    .datasource(PROMETHEUS_DATASOURCE)
    .targets(targets)
    .unit(spec.unit)
    .height(4)
    .span(6)
    .graphMode(options.instant ? common.BigValueGraphMode.None : common.BigValueGraphMode.Area)
    .colorMode(common.BigValueColorMode.Value)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
}

/** One horizontal bar per series, evaluated once (instant): for "how much is left / spent" per operation or budget. */
export function barGaugePanel(spec: PanelSpec): bargauge.PanelBuilder {
  return new bargauge.PanelBuilder()
    .id(spec.id)
    .title(spec.title)
    .description(spec.description)
    .datasource(PROMETHEUS_DATASOURCE)
    .targets(spec.queries.map((query, index) => prometheusQuery(query, index).instant()))
    .unit(spec.unit)
    .height(8)
    .span(12)
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Gradient)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
}
