// SPDX-License-Identifier: MIT
// What every page gives the shell.
import type { Route } from '../router';
import type { FirstScreen, Overview } from '../api';

export interface PageContext {
  overview: Overview;
  first: FirstScreen;
  navigate(change: Partial<Route>, replace?: boolean): void;
}

export interface Page {
  readonly element: HTMLElement;
  title(): string;
  shownDate(): string;
  update(route: Route): void;
  destroy(): void;
}
