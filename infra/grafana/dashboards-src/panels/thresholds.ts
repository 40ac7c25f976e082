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

/** Draws the thresholds of a time series panel as dashed lines. */
export function dashedThresholds(): common.GraphThresholdsStyleConfigBuilder {
  return new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed);
}
