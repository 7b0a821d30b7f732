#!/usr/bin/env node
// The `renda` command. Runs the TypeScript sources through tsx's loader, so there is no build
// step between a checkout and a running server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/renda.ts');
