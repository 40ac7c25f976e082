const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');

// main, tsConfig, outputPath and externalDependencies come from the build target in project.json.
module.exports = {
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      optimization: false,
      outputHashing: 'none',
      sourceMap: true,
    }),
  ],
};
