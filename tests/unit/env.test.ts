import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analysisConfigFile, logLevel, readEnv } from '../../src/env.ts';
import { PROJECT_ROOT } from '../helpers/meili.ts';

describe('environment', () => {
  it('is read in src/env.ts only (src/engine/launch.ts copies it for the engine, reading no setting)', () => {
    const src = path.join(PROJECT_ROOT, 'src');
    const readers = (readdirSync(src, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && readFileSync(path.join(src, f), 'utf8').includes('process.env'))
      .sort();
    assert.deepEqual(readers, [path.join('engine', 'launch.ts'), 'env.ts']);
  });

  it('LOG_LEVEL and ANALYSIS_CONFIG have readers of their own, for modules that load before readEnv', () => {
    assert.equal(logLevel({ LOG_LEVEL: 'debug' }), 'debug');
    assert.equal(logLevel({ LOG_LEVEL: 'loud' }), 'info');
    assert.equal(logLevel({}), 'info');
    assert.equal(analysisConfigFile({ ANALYSIS_CONFIG: '/x/languages.json' }), '/x/languages.json');
    assert.equal(analysisConfigFile({ ANALYSIS_CONFIG: '' }), undefined);
    assert.throws(() => readEnv({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
  });
});
