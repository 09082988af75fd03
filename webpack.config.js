/**
 * Extra build configuration, merged by @jupyter/builder into its own (package.json "jupyterlab.webpackConfig").
 * Production builds minify the extension's CSS (style/*.css keeps its explanatory comments and layout; the
 * shipped style chunk does not need them), which keeps the eagerly loaded style chunk small. The rule only adds
 * rspack's built-in Lightning CSS loader in front of the builder's css-loader/style-loader; no CSS is lowered
 * or changed beyond whitespace and comments, since no browser targets are given.
 */
const development = process.argv.includes('--development');

module.exports = development
  ? {}
  : {
      module: {
        rules: [
          {
            test: /(?<!\.raw)\.css$/,
            include: /[\\/]style[\\/]/,
            exclude: /node_modules/,
            use: [
              {
                loader: 'builtin:lightningcss-loader',
                options: { minify: true }
              }
            ],
            type: 'javascript/auto'
          }
        ]
      }
    };
