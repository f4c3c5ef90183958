import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import type { IdType } from '../../kernel/identifiers.ts';
import type { RequestMeta } from '../../platform/audit/audit.ts';

/**
 * What identity needs to know from modules that come after it in the list: the
 * registry's holders and the investor's bindings. Identity declares these ports;
 * the registry and investor modules fill them in their `connect`, so identity
 * never imports them (docs/decisions/0019-module-contract.md).
 */

/** A registry holder as identity verification sees it. */
export interface HolderFacts {
  holderId: string;
  kind: 'person' | 'institution';
  category: string;
  name: string;
  idType: IdType;
  idNumber: string;
}

export interface HolderSecuritiesAccount {
  number: string;
  unifiedAccountNumber: string;
  market: string;
  kind: string;
  status: string;
  openingAgent: string;
  openedOn: string;
}

export interface HolderRegister {
  holderFacts(ctx: AppContext, ex: Executor, holderId: string): Promise<HolderFacts>;
  reservedPhoneOf(ctx: AppContext, ex: Executor, holderId: string): Promise<string | null>;
  securitiesAccountOwner(ex: Executor, number: string): Promise<{ holderId: string; unifiedAccountNumber: string } | null>;
  securitiesAccountsOf(ex: Executor, unifiedAccountNumbers: string[]): Promise<HolderSecuritiesAccount[]>;
}

export interface InvestorStandings {
  /** The holder the investor is bound to (if any) and the unified accounts bound. */
  investorStanding(ctx: AppContext, investorUserId: string, ex?: Executor): Promise<{ holderId?: string; boundUnifiedAccounts: { unifiedAccountNumber: string }[] }>;
  /**
   * Ends the user's active bindings, in the caller's transaction, keeping them as history with
   * the time and the reason: deregistration frees the unified accounts for whoever binds next.
   */
  releaseBindings(ctx: AppContext, tx: Executor, investorUserId: string, meta: RequestMeta, reason: BindingReleaseReason): Promise<number>;
}

/** Why a binding ended. */
export type BindingReleaseReason = 'user_deregistered';

interface IdentityPorts {
  holders: HolderRegister | null;
  investors: InvestorStandings | null;
}

const ports: IdentityPorts = { holders: null, investors: null };

/** Called by the modules that fill identity's ports, in their `connect`. */
export function connectIdentity(given: Partial<IdentityPorts>): void {
  Object.assign(ports, given);
}

export function holderRegister(): HolderRegister {
  if (!ports.holders) throw new Error('identity: no holder register connected (is the registry module in server/src/modules/index.ts?)');
  return ports.holders;
}

export function investorStandings(): InvestorStandings {
  if (!ports.investors) throw new Error('identity: no investor bindings connected (is the investor module in server/src/modules/index.ts?)');
  return ports.investors;
}

/** Names compare after trimming and NFKC (full-width brackets of company names). */
export const sameName = (a: string, b: string) => a.normalize('NFKC').trim() === b.normalize('NFKC').trim();
