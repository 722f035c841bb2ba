// SPDX-License-Identifier: MIT
// The JSON shapes of the minutes routes (src/http/openapi/minutes.json): minutes, their amendments, votes and
// the tally the server computes (the page shows it, never recomputes it).
export interface Signatory {
  seat: number;
  seat_name: string;
  organisation_name: string;
  person: string | null;
  alternate: boolean;
}

export interface Minutes {
  id: number;
  meeting: number;
  meeting_title: string;
  meeting_date: string;
  body: number;
  body_name: string;
  corrects: number | null;
  corrected_by: number | null;
  state: 'draft' | 'approved';
  text: string;
  approval_method: 'vote' | 'coordinator' | null;
  approved_at: string | null;
  approved_by: string | null;
  text_sha256: string | null;
  signatories: Signatory[];
  published: boolean;
  example: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface Amendment {
  id: number;
  minutes: number;
  author: string;
  person: string | null;
  seat: number | null;
  seat_name: string | null;
  replaces: string;
  text: string;
  state: 'proposed' | 'accepted' | 'rejected';
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

export interface Vote {
  seat: number;
  seat_name: string;
  choice: 'for' | 'against' | 'abstain';
  person: string | null;
  by_alternate: boolean;
  cast_by: string;
  cast_at: string;
}

export interface Tally {
  quorum_rule: string;
  majority_rule: string;
  voting_seats: number;
  attending: number;
  quorum_needed: number;
  quorum: boolean;
  for: number;
  against: number;
  abstain: number;
  not_voted: number;
  needed: number;
  carried: boolean;
}

export interface WorkingMinutes extends Minutes {
  approval: 'vote' | 'coordinator' | null;
  amendments: Amendment[];
  votes: Vote[];
  tally: Tally;
}
