/** The committed consumer contract, read as data: which interactions it holds and what states they need. */
import { readFileSync } from "node:fs";
import { packageFile } from "../package-root.js";

export const PACT_FILE = packageFile("contracts", "cognito-sync-client-cognito-sync.json");

export interface ProviderState {
  name: string;
  params?: Record<string, unknown>;
}

export interface Interaction {
  description: string;
  providerStates: ProviderState[];
}

export function interactions(file = PACT_FILE): Interaction[] {
  const pact = JSON.parse(readFileSync(file, "utf8")) as { interactions: Array<{ description: string; providerStates?: ProviderState[] }> };
  return pact.interactions.map((i) => ({ description: i.description, providerStates: i.providerStates ?? [] }));
}
