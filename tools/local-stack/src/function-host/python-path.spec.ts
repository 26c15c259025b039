import { withDebianLayout } from './python-path.js';

describe('withDebianLayout', () => {
  it('adds the Debian prefix layout next to each site-packages entry', () => {
    expect(withDebianLayout('/v/lib/python3.11/site-packages:/v')).toEqual([
      '/v/lib/python3.11/site-packages',
      '/v/local/lib/python3.11/dist-packages',
      '/v',
    ]);
  });

  it('keeps other entries and drops empty ones', () => {
    expect(withDebianLayout(undefined)).toEqual([]);
    expect(withDebianLayout('/a::/b')).toEqual(['/a', '/b']);
  });
});
