/** Label matchers driven by the dashboard variables; each metric gets only the labels it actually has. */
export const ENVIRONMENT_FILTER = 'environment=~"$environment"';
export const OPERATION_FILTER = `${ENVIRONMENT_FILTER}, capability=~"$capability", operation=~"$operation"`;
export const MODEL_OPERATION_FILTER = `${OPERATION_FILTER}, model=~"$model"`;
export const MODEL_FILTER = `${ENVIRONMENT_FILTER}, model=~"$model"`;
