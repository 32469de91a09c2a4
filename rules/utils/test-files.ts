/**
 * Test code: unit/integration tests, mocks and end-to-end suites. Rules about how the running
 * service is configured (CORS, cookies, error answers, token handling) skip it: a test that builds
 * an app with `cors()` or signs a token without expiry configures nothing that ships.
 */
const TEST_DIR = /(^|\/)(test|tests|__tests__|__mocks__|spec|specs|e2e|cypress|playwright)\//i;
const TEST_FILE = /[._-](test|spec|e2e|mock)\.[cm]?[jt]sx?$/i;

export function isTestFile(file: string): boolean {
  let known = testFiles.get(file);
  if (known === undefined) {
    if (testFiles.size > 100_000) testFiles.clear();
    testFiles.set(file, (known = TEST_DIR.test(file) || TEST_FILE.test(file)));
  }
  return known;
}

// Asked per file on every run of the language server: answered once per path.
const testFiles = new Map<string, boolean>();
