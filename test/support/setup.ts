/** Every test process: the audit key of testConfig(), for tests that write to a database before building an app. */
import { testConfig } from '../../src/config.js';
import { loadSecrets } from '../../src/secrets.js';

loadSecrets(testConfig());
