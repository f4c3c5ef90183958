import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composition, modules } from './index.ts';

const folder = path.dirname(fileURLToPath(import.meta.url));

describe('the module list', () => {
  it('names every module folder (a folder with an index.ts face)', () => {
    const folders = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, 'index.ts')))
      .map((entry) => entry.name);
    const listed = modules.map((m) => m.name);
    expect(
      folders.filter((name) => !listed.includes(name)),
      'module folders missing from server/src/modules/index.ts',
    ).toEqual([]);
    expect(
      listed.filter((name) => !folders.includes(name)),
      'listed modules without a folder of that name',
    ).toEqual([]);
  });

  it('composes the Drizzle schema from the platform and every module', () => {
    expect(Object.keys(composition.schema)).toEqual(expect.arrayContaining(['jobs', 'investorUsers', 'holders', 'investorBindings']));
  });

  it('grants every permission to declared roles and gives the depository administrator the staff permissions', () => {
    const administrator = composition.permissions.filter((p) => p.grantedTo.includes('administrator')).map((p) => p.name);
    expect(administrator.sort()).toEqual(['appointments.manage', 'appointments.read', 'audit.read', 'exchange.order_reports', 'jobs.read', 'queue.counter', 'registry.import', 'registry.read', 'staff.manage']);
  });
});
