// Every test process runs as the test environment; nothing reads a developer's .env by accident.
process.env.NODE_ENV = 'test';
