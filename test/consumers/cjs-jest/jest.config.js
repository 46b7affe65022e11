module.exports = { testEnvironment: 'node', testMatch: ['**/*.check.js'], transform: {}, setupFilesAfterEnv: ['./setup.js'] };
