#!/usr/bin/env node
// Stable entry point committed to the repository, so that the bin link exists before the build.
import "../dist/cli.js";
