import type { Config } from 'jest';
import base from './jest.config';

// The real-client suites again, against the oldest client releases the package supports
// (installed in test/floor): every import of the two client packages, the package's own
// included, resolves to the floor copies.
const floor = '<rootDir>/test/floor/node_modules/@aws-sdk';

process.env.KVS_MOCK_SDK_FLOOR = '1';

const config: Config = {
  ...base,
  displayName: 'sdk-floor',
  moduleNameMapper: {
    '^@aws-sdk/(client-cloudfront(?:-keyvaluestore)?)(/.*)?$': `${floor}/$1$2`,
  },
  testPathIgnorePatterns: ['/node_modules/', '/test/core/', '/test/reliability/', '/test/types/', '/test/consumers/', '/test/floor/'],
};

export default config;
