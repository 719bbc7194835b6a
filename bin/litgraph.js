#!/usr/bin/env node
// Entry point installed as `litgraph`: runs the compiled CLI (built by `npm install` via prepare).
import '../dist/cli/run.js';
