/**
 * « Remettre cette version en ligne » on a successful publication (cms/src/publishing/rollback.ts),
 * shown only to those who may do it (cms/src/access/canRollbackSite.ts) and only where there is
 * a version to put back. The button and its confirmation are RollbackButton.
 */
import type { UIFieldServerProps } from 'payload';
import type React from 'react';

import { canRollbackSite } from '../../access/canRollbackSite';
import { RollbackButton } from './RollbackButton';

export function RollbackAction({ data, user }: UIFieldServerProps): React.ReactElement | null {
  if (!user || !canRollbackSite({ req: { user } as never })) return null;
  if (data?.status !== 'succeeded' || typeof data?.deployId !== 'string' || !data.deployId || typeof data.id === 'undefined')
    return null;
  return <RollbackButton buildId={String(data.id)} deployId={data.deployId} />;
}
