import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';

/** Red below `red`, orange below `orange`, green above: for ratios where higher is better. */
export function higherIsBetter(red: number, orange: number): dashboard.ThresholdsConfigBuilder {
  return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([
    { value: null, color: 'red' },
    { value: red, color: 'orange' },
    { value: orange, color: 'green' },
  ]);
}

/** Green below `orange`, orange below `red`, red above: for spend, age and burn rates. */
export function lowerIsBetter(orange: number, red: number): dashboard.ThresholdsConfigBuilder {
  return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([
    { value: null, color: 'green' },
    { value: orange, color: 'orange' },
    { value: red, color: 'red' },
  ]);
}

/** Draws the thresholds of a time series panel as dashed lines. */
export function dashedThresholds(): common.GraphThresholdsStyleConfigBuilder {
  return new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed);
}
