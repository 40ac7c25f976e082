/** What a tenant or budget name must look like: safe as a Prometheus label value and in logs. */
export const LABEL_VALUE = /^[A-Za-z0-9_.-]{1,64}$/;
