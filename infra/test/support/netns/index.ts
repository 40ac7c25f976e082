export * from './compose-stack';
export * from './compose-test-rewrites';
export * from './dockerfile-runtime';
export * from './namespace-queries';
export * from './namespaced-process';
export * from './netns-network';
export * from './resolved-compose';
