/** What the admin badge says about the latest publications (pure, so it is tested without a browser). */
export type BuildSummary = {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'refused';
  phase?: string | null;
  reason?: string | null;
  finishedAt?: string | null;
  createdAt: string;
};

export const colours: Record<BuildSummary['status'], string> = {
  queued: 'var(--theme-warning-500)',
  running: 'var(--theme-warning-500)',
  succeeded: 'var(--theme-success-500)',
  failed: 'var(--theme-error-500)',
  refused: 'var(--theme-error-500)',
};

const time = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('fr-FR', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }) : '';

export function describeBuilds(builds: readonly BuildSummary[]): {
  text: string;
  status: BuildSummary['status'] | 'none';
  build?: BuildSummary;
} {
  const [newest] = builds;
  if (!newest) return { text: 'Site public : aucune publication pour l’instant', status: 'none' };
  const running = builds.find((build) => build.status === 'running');
  if (running) {
    const waiting = builds.some((build) => build.status === 'queued') ? ' (une autre en attente)' : '';
    return {
      text: `Publication en cours${running.phase ? ` : ${running.phase}` : ''}…${waiting}`,
      status: 'running',
      build: running,
    };
  }
  if (newest.status === 'queued') return { text: 'Publication en attente…', status: 'queued', build: newest };
  if (newest.status === 'succeeded')
    return { text: `Site public à jour (${time(newest.finishedAt)})`, status: 'succeeded', build: newest };
  const label = newest.status === 'refused' ? 'Publication refusée' : 'Échec de la publication';
  return { text: `${label} : ${newest.reason ?? 'raison inconnue'}`, status: newest.status, build: newest };
}
