// SPDX-License-Identifier: MIT
// Harmonised decisions as /api/v1/decisions answers them (src/http/openapi/decisions.json): the tally, the
// statuses, the lag and every text are the server's; the page only lays them out.
import type { Tally } from '../../coordination/minutes/types';
import type { BilingualText } from '../types';

export type DecisionState = 'proposed' | 'carried' | 'rejected' | 'no_quorum';
export type ComplianceStatus = 'complies' | 'stricter' | 'laxer' | 'not_yet';

export interface DecisionPlace {
  code: string;
  name: string;
  owner: number;
  owner_name: string;
}

export interface Decision {
  id: number;
  reference: string;
  body: number;
  body_name: string;
  meeting: number;
  meeting_title: string;
  meeting_date: string;
  title: string;
  text: string;
  measure_kind: 'observation' | 'activity_rule';
  measure_text: BilingualText;
  applies_from: string;
  state: DecisionState;
  jurisdictions: DecisionPlace[];
  agreements: number[];
  // A region preset's example (make demo): an illustrative vote, not a record; its agreements are examples too.
  example: boolean;
  version: number;
}

export interface DecisionVote {
  seat: number;
  seat_name: string;
  choice: 'for' | 'against' | 'abstain';
  person: string | null;
  by_alternate: boolean;
}

export interface DecisionAgreement {
  id: number;
  reference: string;
  title: string;
  responsible_name: string;
  jurisdictions: string[];
  status: string;
  progress: number;
  due_date: string | null;
}

export interface DecisionDetail extends Decision {
  tally: Tally;
  votes: DecisionVote[];
  agreement_details: DecisionAgreement[];
}

export interface ComplianceDay {
  date: string;
  status: ComplianceStatus;
  in_force: { coded: boolean; text: BilingualText };
}

export interface CompliancePlace {
  code: string;
  name: string;
  owner_name: string;
  counts: Record<ComplianceStatus, number>;
  first_met: string | null;
  lag_days: number | null;
  days: ComplianceDay[];
}

export interface Compliance {
  reference: string;
  agreed: BilingualText;
  applies_from: string;
  from: string;
  to: string;
  jurisdictions: CompliancePlace[];
}
