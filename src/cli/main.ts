#!/usr/bin/env node
console.log("hello from codegen", process.argv.slice(2));
