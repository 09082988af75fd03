/*
 * Each stylesheet is imported here rather than through @import in base.css, so every file goes through the
 * build's CSS rules (webpack.config.js minifies them in production builds; css-loader does not pass @imported
 * files through them). plots.css is imported by the plot panel, a lazily loaded chunk.
 */
import './vo.css';
import './sky.css';
import './grid.css';
import './ossr.css';
import './basket.css';
import './datalake.css';
import './zooniverse.css';
import './components.css';
import './activity.css';
import './samp.css';
import './base.css';
