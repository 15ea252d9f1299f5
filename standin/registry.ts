// Who may sign in, and where to: the clients and users, the rules each must meet, and the
// registry that keeps them while the stand-in runs.
import { randomUUID } from 'node:crypto';

/** An OAuth client registered with the stand-in. */
export interface StandinClient {
  /** A GUID, as AniAPI's client ids are. */
  id: string;
  /** Shown on the login page as "<name>'s authentication". */
  name: string;
  /** The one registered redirect URI; requests must match it exactly. */
  redirectUri: string;
  /** For the authorization-code grant's token endpoint. */
  secret?: string;
}

/** A user who can sign in. */
export interface StandinUser {
  id: number;
  email: string;
  password: string;
  username: string;
  /** Whether the email is verified; `/v1/auth/me` refuses unverified users. Default true. */
  verified?: boolean;
  avatar?: string;
  avatarTracker?: 'anilist' | 'mal';
  localization?: 'en' | 'it' | 'fr' | 'jp' | 'rj';
  role?: 0 | 1 | 2;
  gender?: 0 | 1 | 2;
  hasAnilist?: boolean;
  hasMal?: boolean;
}

/** A client for `standin.addClient()`: its id may be left out for a fresh GUID. */
export type NewStandinClient = Omit<StandinClient, 'id'> & { id?: string };

/** A user for `standin.addUser()`: its id may be left out for the next free one. */
export type NewStandinUser = Omit<StandinUser, 'id'> & { id?: number };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The client, if it is one the stand-in can register: a GUID id, a name and a redirect URI. */
export function checkClient(client: StandinClient): StandinClient {
  if (!GUID.test(client.id)) throw new TypeError(`Client id ${JSON.stringify(client.id)} is not a GUID.`);
  if (!client.name || !client.redirectUri) throw new TypeError(`Client ${client.id} needs a name and a redirectUri.`);
  // The token is appended as the redirect URI's fragment: a relative URI, another scheme or a fragment of its own
  // could only fail later, at the first login, as a 500.
  if (
    !/^https?:\/\//i.test(client.redirectUri) ||
    !URL.canParse(client.redirectUri) ||
    client.redirectUri.includes('#')
  ) {
    throw new TypeError(
      `Client ${client.id}'s redirectUri ${JSON.stringify(client.redirectUri)} is not an absolute http(s) URL without a fragment.`,
    );
  }
  return client;
}

/** The user, if it is one that can sign in: an integer id, an email, a password and a username. */
export function checkUser(user: StandinUser): StandinUser {
  if (!Number.isInteger(user.id) || !user.email || !user.password || !user.username) {
    throw new TypeError(`User ${JSON.stringify(user.email)} needs an integer id, an email, a password and a username.`);
  }
  return user;
}

/**
 * The stand-in's clients and users. Those of the start options and those added
 * while it runs go through the same checks; each is kept as a copy, so that an
 * object the caller changes later does not change the server behind its back.
 */
export class Registry {
  // Keyed by the id in lower case: AniAPI's GUIDs match in any case.
  readonly #clients = new Map<string, StandinClient>();
  readonly #users = new Map<number, StandinUser>();

  constructor(clients: readonly StandinClient[], users: readonly StandinUser[]) {
    for (const client of clients) this.addClient(client);
    for (const user of users) this.addUser(user);
  }

  /** Registers a client; its id is a fresh GUID when none is given. */
  addClient(client: NewStandinClient): StandinClient {
    const added = checkClient({ ...client, id: client.id ?? randomUUID() });
    const key = added.id.toLowerCase();
    if (this.#clients.has(key)) throw new TypeError(`Client id ${added.id} is already registered.`);
    this.#clients.set(key, added);
    return { ...added };
  }

  /** The client with this id; a non-GUID id matches none. */
  client(id: string): StandinClient | undefined {
    return GUID.test(id) ? this.#clients.get(id.toLowerCase()) : undefined;
  }

  /** Adds a user; its id is one more than the highest so far when none is given. */
  addUser(user: NewStandinUser): StandinUser {
    const added = checkUser({ ...user, id: user.id ?? Math.max(0, ...this.#users.keys()) + 1 });
    if (this.#users.has(added.id)) throw new TypeError(`User id ${added.id} is already taken.`);
    this.#checkEmailFree(added);
    this.#users.set(added.id, added);
    return { ...added };
  }

  /** Changes a user's fields but its id, or removes it with `null`. */
  setUser(id: number, changes: Partial<Omit<StandinUser, 'id'>> | null): void {
    const user = this.#users.get(id);
    if (!user) throw new TypeError(`There is no user with id ${JSON.stringify(id)}.`);
    if (changes === null) {
      this.#users.delete(id);
      return;
    }
    if ('id' in changes && changes.id !== id) throw new TypeError(`A user's id cannot change (user ${id}).`);
    const changed = checkUser({ ...user, ...changes, id });
    this.#checkEmailFree(changed);
    this.#users.set(id, changed);
  }

  /** The user whose id a token's `id` claim (a string) names. */
  userOfClaim(claim: unknown): StandinUser | undefined {
    return [...this.#users.values()].find((u) => String(u.id) === claim);
  }

  /** The user with these credentials, compared exactly, as AniAPI does. */
  userOfLogin(email: unknown, password: unknown): StandinUser | undefined {
    return [...this.#users.values()].find((u) => u.email === email && u.password === password);
  }

  #checkEmailFree(user: StandinUser): void {
    for (const other of this.#users.values()) {
      if (other.id !== user.id && other.email === user.email)
        throw new TypeError(`User email ${JSON.stringify(user.email)} is already taken (user ${other.id}).`);
    }
  }
}
