import type { CaseType } from './define.ts';

/** The case types the app knows, by name: the HTTP routes and the queue find a case's table here. */
export class CaseTypeRegistry {
  private readonly types = new Map<string, CaseType>();

  register(type: CaseType): void {
    if (this.types.has(type.name)) throw new Error(`case type '${type.name}' is registered twice`);
    this.types.set(type.name, type);
  }

  get(name: string): CaseType | undefined {
    return this.types.get(name);
  }

  all(): CaseType[] {
    return [...this.types.values()];
  }
}

/** The app's registry; a module registers its case types when it is loaded. */
export const caseTypes = new CaseTypeRegistry();
