// The plugin for CommonJS (`require("go-hazard")` in eslint.config.cjs). The
// package is ES modules; Node 20.19 and later can require() them, and this
// file hands out the plugin itself rather than the module namespace, so that
// `require("go-hazard")` and `import goHazard from "go-hazard"` are the same object.
"use strict";
module.exports = require("../dist/src/eslint/plugin.js").default;
