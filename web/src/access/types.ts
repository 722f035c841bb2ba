// SPDX-License-Identifier: MIT
// The JSON shapes of the access routes (/api/v1/session, organisations, accounts, tokens), as the contract of
// issue 10 fixes them (src/http's access routes answer them). Written here until the server's OpenAPI document
// describes these routes; then they become names of src/generated/openapi.ts like src/api.ts's.

export type RoleName = 'admin' | 'coordinator' | 'analyst' | 'editor' | 'member';

export interface Grant {
  id?: number; // a stored grant's id (accounts' lists), for revoking it
  role: RoleName | string;
  organisation?: number | null;
  body?: number | null;
}

// Who is logged in: POST and GET /api/v1/session.
export interface SessionAccount {
  id: number;
  email: string;
  name?: string;
  grants: Grant[];
}

export interface SessionBody {
  account: SessionAccount;
  csrf_token: string;
  expires_at?: string;
}

export type OrganisationKind =
  | 'federal_government'
  | 'state_government'
  | 'municipal_government'
  | 'health_authority'
  | 'armed_forces'
  | 'business_chamber'
  | 'academic_centre'
  | 'civil_society'
  | 'other';

export interface Organisation {
  id: number;
  name: string;
  short_name: string;
  kind: OrganisationKind | string;
  sectors: string[];
  jurisdictions: string[];
  coalition: boolean;
  contact: string;
  website: string;
  seed: boolean;
  version: number;
  updated_at: string;
}

// What a create (POST) or an edit (PUT) sends: the editable fields.
export type OrganisationFields = Pick<
  Organisation,
  'name' | 'short_name' | 'kind' | 'sectors' | 'jurisdictions' | 'coalition' | 'contact' | 'website'
>;

export interface Account {
  id: number;
  email: string;
  person?: { name: string };
  name?: string;
  organisations: number[];
  state: 'active' | 'disabled' | string;
  last_login?: string | null;
  grants: Grant[];
}

export interface ApiToken {
  id: number;
  name: string;
  created_at: string;
  last_used?: string | null;
  revoked_at?: string | null; // a revoked token stays listed, without its secret
}

export interface NewToken {
  id: number;
  name: string;
  token: string;
}
