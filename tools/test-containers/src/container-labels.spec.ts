import { ContainerLabels, leftoverContainerIds, ownerLabels, processAlive } from './container-labels.js';

const container = (id: string, labels: Record<string, string>) => ({ Id: id, Labels: labels });

describe('leftoverContainerIds', () => {
  it('selects our containers whose owner process is gone', () => {
    const alive = new Set([100]);
    const containers = [
      container('live', ownerLabels('kafka', 'a', 100)),
      container('orphan', ownerLabels('registry', 'b', 200)),
      container('foreign', { 'org.testcontainers': 'true' }),
      container('garbled', { [ContainerLabels.OWNER_PID]: 'x' }),
    ];
    expect(leftoverContainerIds(containers, (pid) => alive.has(pid))).toEqual(['orphan', 'garbled']);
  });
});

describe('ownerLabels', () => {
  it('names the role, the owner pid and the start attempt', () => {
    expect(ownerLabels('kafka', 'i-1', 42)).toEqual({
      'io.kubeless-ts.testenv.role': 'kafka',
      'io.kubeless-ts.testenv.owner-pid': '42',
      'io.kubeless-ts.testenv.instance': 'i-1',
    });
  });
});

describe('processAlive', () => {
  it('knows this process and not a pid beyond the kernel limit', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(2 ** 22 + 1)).toBe(false);
  });
});
