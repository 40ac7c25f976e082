import { runCommand } from './run-command';

export interface VersionBounds {
  oldest: string;
  newest: string;
}

/** The oldest and newest published releases (no pre-releases) that `range` allows, from the npm registry. */
export async function versionBounds(name: string, range: string, cwd: string): Promise<VersionBounds> {
  const listed: string | string[] = JSON.parse((await runCommand('npm', ['view', `${name}@${range}`, 'version', '--json'], cwd)).stdout);
  const versions = (Array.isArray(listed) ? listed : [listed]).filter((version) => /^\d+\.\d+\.\d+$/.test(version));
  if (versions.length === 0) throw new Error(`no release of ${name} satisfies ${range}`);
  versions.sort(compareVersions);
  return { oldest: versions[0], newest: versions[versions.length - 1] };
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}
