/**
 * Machine drafts in the side-by-side view (FrenchSource): the bar that drafts every unit not yet
 * translated, with the language's budget; and, per unit, the « traduction automatique » badge, the
 * button that drafts this unit, and an expert's confirmation of an unedited draft. Server parts;
 * the buttons are MachineDraftButton. The badge is plain text, so screen readers read it too.
 */
import type React from 'react';

import type { UnitRecord } from '../../records';
import type { UnitState } from '../../unitStates';
import { formatCount, monthInFrench } from '../budget';
import { isUnconfirmedMachineDraft } from '../marking';
import type { MachineOffer } from '../offer';
import { MachineDraftButton } from './MachineDraftButton';

export function MachineDraftBar({ offer }: { offer: MachineOffer }): React.ReactElement {
  const { budget } = offer;
  return (
    <div className="passerelle-machine-bar" style={{ marginBlock: '0.5rem 1rem' }}>
      <p id="machine-budget" style={{ margin: 0 }}>
        Traduction automatique ({offer.provider}) : {formatCount(budget.used)} caractères utilisés sur{' '}
        {formatCount(budget.budget)} en {monthInFrench(budget.month)}. Un brouillon n’est qu’une proposition, marquée comme telle.
      </p>
      {offer.missing > 0 && (
        <MachineDraftButton
          translationId={offer.translationId}
          action="machine-draft"
          label={`Brouillon automatique des ${offer.missing} élément(s) à traduire`}
          describedBy="machine-budget"
        />
      )}
    </div>
  );
}

export function MachineUnitTools({
  offer,
  confirmFor,
  unit,
  unitName,
  record,
  state,
  hasText,
}: {
  offer: MachineOffer | undefined;
  /** The translation's id when the user may confirm machine drafts (an expert of the language). */ confirmFor:
    | string
    | undefined;
  unit: string;
  unitName: string;
  record: UnitRecord | undefined;
  state: UnitState;
  hasText: boolean;
}): React.ReactElement | null {
  const machine = record?.origin === 'machine' && state !== 'validated';
  const unconfirmed = isUnconfirmedMachineDraft(record);
  const confirmed = machine && !unconfirmed;
  const badgeId = `machine-badge-${unit.replace('.', '-')}`;
  const offerDraft = offer && state !== 'validated';
  if (!machine && !offerDraft) return null;
  return (
    <span style={{ display: 'block' }} lang="fr" dir="ltr">
      {machine && (
        <span id={badgeId} className="passerelle-machine-badge" style={badge}>
          Traduction automatique{record?.machineProvider ? ` (${record.machineProvider})` : ''},{' '}
          {confirmed ? 'relue et confirmée par un traducteur expert' : 'non modifiée : à relire'}
        </span>
      )}
      {machine && unconfirmed && confirmFor && (
        <MachineDraftButton
          translationId={confirmFor}
          action="machine-confirm"
          unit={unit}
          label="Je confirme ce brouillon automatique"
          describedBy={badgeId}
        />
      )}
      {offerDraft && (
        <MachineDraftButton
          translationId={offer.translationId}
          action="machine-draft"
          unit={unit}
          label={`Brouillon automatique : ${unitName}`}
          {...(hasText
            ? {
                confirmation: `Remplacer le texte actuel de « ${unitName} » par un brouillon automatique ? Le texte actuel sera perdu (une version validée reste en ligne).`,
              }
            : {})}
        />
      )}
    </span>
  );
}

const badge: React.CSSProperties = {
  display: 'inline-block',
  marginBlockStart: '0.25rem',
  paddingInline: '0.4rem',
  borderRadius: '0.25rem',
  fontSize: '0.85em',
  fontWeight: 600,
  color: '#3a3a3a',
  background: '#e8edff',
  border: '1px solid #6a6af4',
};
